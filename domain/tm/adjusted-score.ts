// Re-ranking TM matches beyond the raw score. The raw score (fuzzy-score.ts) stays exactly the
// database's; the adjusted score takes points off for differences a translator must not miss,
// because inserting such a match as is would put a wrong fact into the translation:
//   * a number that differs (a salary, a percentage, a count):     NUMBER_PENALTY points each;
//   * a classification code that differs (AS-04 / AS-05, PM-4):     CODE_PENALTY points each;
//   * an inline tag or placeable that differs (<b>, <ph id="1"/>, {0}, %s): PLACEABLE_PENALTY each.
// "Each" counts the larger side of the multiset difference: one number replaced by another is one
// difference, a number added is one. The adjusted score is max(0, raw - penalties), and stays
// below 100 when anything differs. A 101 % "context" match is a 100 % match whose previous and
// next segments are also 100 % matches of the query's neighbours (as in CAT tools' in-context
// exact matches): it is safe to insert without reading.
import { compareSegments, type SegmentComparison } from './fuzzy-score.ts';
import { normalizedWords } from './normalize.ts';

export const NUMBER_PENALTY = 5;
export const CODE_PENALTY = 10;
export const PLACEABLE_PENALTY = 2;

/** The context-match score: above every fuzzy score. */
export const CONTEXT_MATCH = 101;

export type PenaltyKind = 'number' | 'code' | 'placeable';

export interface Penalty {
  kind: PenaltyKind;
  /** The query's items the candidate lacks, and the candidate's the query lacks. */
  onlyInQuery: string[];
  onlyInCandidate: string[];
  points: number;
}

export interface AdjustedComparison extends SegmentComparison {
  /** The score for ranking: score minus the penalties, at least 0. */
  adjusted: number;
  penalties: Penalty[];
}

// A Treasury Board classification: group letters, then the level (AS-04, pm-4, EC05), as the
// normalised text has it (lower case, hyphen kept inside the word).
const CODE = /^([a-z]{2,3})-?(\d{1,2})$/;
const DIGIT = /\d/;
// Inline markup and placeables in the raw text: XML/HTML tags (TMX/XLIFF inline codes),
// numbered or named braces ({0}, {name}, {{name}}) and printf conversions (%s, %1$d).
const PLACEABLE = /<\/?[A-Za-z][\w:.-]*(?:\s[^<>]*)?\/?>|\{\{?\w+\}\}?|%(?:\d+\$)?[sdif]/g;

/** The code in one canonical spelling ("as-04", "AS4" and "as-4" are the same level). */
function canonicalCode(word: string): string | undefined {
  const match = CODE.exec(word);
  return match ? `${match[1] ?? ''}-${Number(match[2])}` : undefined;
}

interface Items {
  numbers: string[];
  codes: string[];
  placeables: string[];
}

function itemsOf(text: string): Items {
  const items: Items = { numbers: [], codes: [], placeables: [] };
  for (const { word } of normalizedWords(text)) {
    const code = canonicalCode(word);
    if (code !== undefined) items.codes.push(code);
    else if (DIGIT.test(word)) items.numbers.push(word);
  }
  items.placeables = [...text.matchAll(PLACEABLE)].map((match) => match[0].replace(/\s+/g, ' '));
  return items;
}

/** What each side has that the other lacks, as multisets. */
function multisetDifference(a: readonly string[], b: readonly string[]): [string[], string[]] {
  const remaining = [...b];
  const onlyInA: string[] = [];
  for (const item of a) {
    const at = remaining.indexOf(item);
    if (at >= 0) remaining.splice(at, 1);
    else onlyInA.push(item);
  }
  return [onlyInA, remaining];
}

function penalty(kind: PenaltyKind, perItem: number, query: readonly string[], candidate: readonly string[]): Penalty[] {
  const [onlyInQuery, onlyInCandidate] = multisetDifference(query, candidate);
  const count = Math.max(onlyInQuery.length, onlyInCandidate.length);
  return count === 0 ? [] : [{ kind, onlyInQuery, onlyInCandidate, points: count * perItem }];
}

/** The penalties (numbers, codes, placeables) of a candidate against a query. */
export function penaltiesOf(query: string, candidate: string): Penalty[] {
  const q = itemsOf(query);
  const c = itemsOf(candidate);
  return [
    ...penalty('number', NUMBER_PENALTY, q.numbers, c.numbers),
    ...penalty('code', CODE_PENALTY, q.codes, c.codes),
    ...penalty('placeable', PLACEABLE_PENALTY, q.placeables, c.placeables),
  ];
}

/** The raw score, the word differences, and the adjusted score with its penalties. */
export function adjustedComparison(query: string, candidate: string): AdjustedComparison {
  const comparison = compareSegments(query, candidate);
  const penalties = penaltiesOf(query, candidate);
  const points = penalties.reduce((sum, p) => sum + p.points, 0);
  const adjusted = points === 0 ? comparison.score : Math.max(0, Math.min(99, comparison.score - points));
  return { ...comparison, adjusted, penalties };
}

/** A segment with its neighbours in its document (null at the document's start or end). */
export interface SegmentInContext {
  text: string;
  previous: string | null;
  next: string | null;
}

function sameSegment(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return compareSegments(a, b).score === 100;
}

/**
 * 101 when the segment and both neighbours are 100 % matches (a missing neighbour matches only a
 * missing one: both at the document's start, say); otherwise the raw score.
 */
export function contextScore(query: SegmentInContext, candidate: SegmentInContext): number {
  const score = compareSegments(query.text, candidate.text).score;
  return score === 100 && sameSegment(query.previous, candidate.previous) && sameSegment(query.next, candidate.next)
    ? CONTEXT_MATCH
    : score;
}

/** The bands a translator reads a match by (the database never returns less than min_score). */
export type MatchBand = 'context' | 'exact' | '95-99' | '85-94' | '75-84' | '50-74' | 'low';

export function matchBand(score: number): MatchBand {
  if (score >= CONTEXT_MATCH) return 'context';
  if (score === 100) return 'exact';
  if (score >= 95) return '95-99';
  if (score >= 85) return '85-94';
  if (score >= 75) return '75-84';
  if (score >= 50) return '50-74';
  return 'low';
}

/**
 * Candidates best first for display: by adjusted score, then raw score, then the order they came
 * in (the database's order: own memory before shared, quality, usage).
 */
export function rankCandidates<T extends { text: string }>(query: string, candidates: readonly T[]): (T & { comparison: AdjustedComparison })[] {
  return candidates
    .map((candidate, order) => ({ ...candidate, comparison: adjustedComparison(query, candidate.text), order }))
    .sort((x, y) => y.comparison.adjusted - x.comparison.adjusted || y.comparison.score - x.comparison.score || x.order - y.order)
    .map(({ order: _order, ...ranked }) => ranked as T & { comparison: AdjustedComparison });
}
