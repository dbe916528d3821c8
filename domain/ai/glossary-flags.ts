// Glossary problems in an AI answer, with the glossary matcher the editor and glossary_lookup
// use (domain/tm/glossary.ts: accents folded, French elision, plurals and feminines): a forbidden
// French term the answer uses, and an approved term of the text whose equivalent the answer lacks.
import { englishPlural } from '../compliance/glossary.ts';
import { GlossaryMatcher, glossaryKey, type GlossaryTerm } from '../tm/glossary.ts';
import type { AiLang, GlossaryFlag, GlossaryGrounding } from './assist-types.ts';

const other = (lang: AiLang): AiLang => (lang === 'en' ? 'fr' : 'en');
const PLURAL = '\u0000plural';

/** A grounding as a glossary row: `source` is written in `from`, `target` in the other language. */
function asTerm(term: GlossaryGrounding, from: AiLang): GlossaryTerm {
  const [termEn, termFr] = from === 'en' ? [term.source, term.target] : [term.target, term.source];
  return { id: term.id, termEn, termFr, status: term.status, organizationId: null };
}

/** One place a grounding term occurs in a text, in the text's language. */
export interface GroundingHit {
  term: GlossaryGrounding;
  start: number;
  end: number;
}

/**
 * A finder of the grounding terms in texts written in either language (the matcher is built once);
 * `from` is the language the grounding's `source` is written in (glossary_lookup's: the task's
 * input). Hits in text order.
 */
export function groundingFinder(glossary: readonly GlossaryGrounding[], from: AiLang): (text: string, lang: AiLang) => GroundingHit[] {
  const byId = new Map(glossary.map((g) => [g.id, g]));
  const terms = glossary.map((g) => asTerm(g, from));
  // The matcher folds French plurals, not English ones: English terms also match in the plural.
  const plurals = terms.map((t) => ({ ...t, id: `${t.id}${PLURAL}`, termEn: englishPlural(t.termEn) }));
  const matcher = new GlossaryMatcher([...terms, ...plurals]);
  return (text, lang) => matcher.find(text, lang).flatMap((hit) => {
    // In French the plural variants are the same French term: keep one hit.
    if (lang === 'fr' && hit.term.id.endsWith(PLURAL)) return [];
    return [{ term: byId.get(hit.term.id.replace(PLURAL, ''))!, start: hit.span.start, end: hit.span.end }];
  });
}

/** Where the grounding terms occur in `text`, written in `lang` (see groundingFinder). */
export const findGroundingTerms = (text: string, lang: AiLang, glossary: readonly GlossaryGrounding[], from: AiLang): GroundingHit[] => groundingFinder(glossary, from)(text, lang);

/**
 * The glossary flags of `output`, written in `lang`. `glossary` is the request's grounding: the
 * terms glossary_lookup found in the text, in `from` (the text's language): by default the other
 * language, as for translate; a same-language task (improve, draft-section) passes `from` = `lang`.
 * - forbidden-term-used: the output uses a forbidden term (the glossary forbids French terms, so
 *   only a French output is checked); `expected` is its first approved equivalent, if any.
 * - approved-term-missing: an approved term of the text has none of its approved renderings in
 *   the output (for a translation, the target term; in the same language, the term itself).
 */
export function glossaryFlags(output: string, lang: AiLang, glossary: readonly GlossaryGrounding[], from: AiLang = other(lang)): GlossaryFlag[] {
  const found = new Map<string, string>();
  for (const hit of findGroundingTerms(output, lang, glossary.filter((g) => g.status !== 'pending'), from)) {
    if (!found.has(hit.term.id)) found.set(hit.term.id, output.slice(hit.start, hit.end));
  }
  const flags: GlossaryFlag[] = [];
  if (lang === 'fr') {
    for (const term of glossary) {
      const words = found.get(term.id);
      if (term.status === 'forbidden' && words !== undefined) flags.push({ kind: 'forbidden-term-used', term_id: term.id, expected: term.approvedEquivalents?.[0] ?? null, found: words });
    }
  }
  // Approved renderings of the same source term are alternatives: one of them is enough.
  for (const group of approvedBySource(glossary, from).values()) {
    if (group.some((term) => found.has(term.id))) continue;
    const first = group[0]!;
    flags.push({ kind: 'approved-term-missing', term_id: first.id, expected: from === lang ? first.source : first.target, found: null });
  }
  return flags;
}

/** The approved terms of the grounding, grouped by their source term (its glossary key). */
export function approvedBySource(glossary: readonly GlossaryGrounding[], from: AiLang): Map<string, GlossaryGrounding[]> {
  const groups = new Map<string, GlossaryGrounding[]>();
  for (const term of glossary) {
    if (term.status !== 'approved') continue;
    const key = glossaryKey(term.source, from);
    groups.set(key, [...(groups.get(key) ?? []), term]);
  }
  return groups;
}
