// Fuzzy matches as <jd-concordance> lists them: best first by the adjusted score (the database's
// raw score minus the documented penalties of adjusted-score.ts), stably, each with the
// differences a translator must not miss written out ("4 → 5", "AS-04 → AS-05").
import { rankCandidates, type Penalty, type PenaltyKind } from './adjusted-score.ts';

/** One difference to warn about: its kind and what the query has against what the match has. */
export interface MatchWarning {
  kind: PenaltyKind;
  /** The query's items the match lacks, joined ("" when the match only adds some). */
  inQuery: string;
  /** The match's items the query lacks, joined ("" when the match only lacks some). */
  inMatch: string;
}

export interface RankedMatch<T> {
  match: T;
  /** The score for ordering (raw score minus penalties); the raw score stays the database's. */
  adjusted: number;
  warnings: MatchWarning[];
}

/** A classification as Treasury Board writes it: adjusted-score keeps "as-4", people read "AS-04". */
function displayItem(kind: PenaltyKind, item: string): string {
  if (kind !== 'code') return item;
  const [group = '', level = ''] = item.split('-');
  return `${group.toUpperCase()}-${level.padStart(2, '0')}`;
}

function warningOf(penalty: Penalty): MatchWarning {
  const join = (items: string[]) => items.map((item) => displayItem(penalty.kind, item)).join(', ');
  return { kind: penalty.kind, inQuery: join(penalty.onlyInQuery), inMatch: join(penalty.onlyInCandidate) };
}

/**
 * `matches` (in the database's order) by adjusted score, best first; equal adjusted scores keep
 * the higher raw score first, then the database's order. `sourceOf` gives a match's source text.
 */
export function rankMatches<T>(query: string, matches: readonly T[], sourceOf: (match: T) => string): RankedMatch<T>[] {
  return rankCandidates(
    query,
    matches.map((match) => ({ match, text: sourceOf(match) })),
  ).map(({ match, comparison }) => ({ match, adjusted: comparison.adjusted, warnings: comparison.penalties.map(warningOf) }));
}
