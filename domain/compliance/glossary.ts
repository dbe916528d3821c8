// Bilingual equivalence, terminology: where the English of a section uses an approved glossary
// term, its French counterpart uses the approved French equivalent, and never a forbidden one
// (a calque the glossary marks "never translate X as Y"). The glossary is an input: the
// organization's glossary_terms, a TBX file (domain/tm/tbx.ts), or the built-in list. Matching
// is the glossary matcher's (domain/tm/glossary.ts: accents folded, French elision, plurals and
// feminines), so the check agrees with what the editor underlines and glossary_lookup returns.
import { GlossaryMatcher, glossaryKey, glossaryKeyWords, underlinedHits, type GlossaryHit, type GlossaryTerm } from '../tm/glossary.ts';
import type { GlossaryEntry } from '../tm/tbx.ts';
import { pairedSections } from './bilingual.ts';
import { BUILT_IN_GLOSSARY } from './glossary-terms.ts';
import { SOURCES } from './sources.ts';
import { finding, type Finding, type ParsedSection, type Rule, type RuleInfo } from './types.ts';

export const GLOSSARY_RULE_INFO: RuleInfo = {
  id: 'bilingual.glossary',
  family: 'bilingual',
  severity: 'warning',
  languages: ['both'],
  source: `${SOURCES.officialLanguages}; Translation Bureau, TERMIUM Plus, and the organization's approved glossary`,
  message: {
    en: 'An approved glossary term is not translated with its approved French equivalent.',
    fr: 'Un terme approuvé du lexique n’est pas traduit par son équivalent français approuvé.',
  },
};

const bodyText = (section: ParsedSection) => section.lines.map((l) => l.text).join('\n');

// French repeats articles and prepositions inside coordinated terms (« subventions et de
// contributions », « santé et de sécurité au travail »): whether the approved term is there is
// judged on its content words, in order and consecutive once these are set aside.
const FRENCH_FUNCTION_WORDS = new Set(['de', 'd', 'du', 'des', 'la', 'le', 'les', 'l', 'a', 'au', 'aux', 'en']);
const frenchContentKeys = (text: string) => glossaryKeyWords(text, 'fr').map((w) => w.key).filter((k) => !FRENCH_FUNCTION_WORDS.has(k));
const lazy = <T>(make: () => T): (() => T) => {
  let value: { v: T } | null = null;
  return () => (value ??= { v: make() }).v;
};

/** Whether `termKeys` occur consecutively in `textKeys`. */
function containsRun(textKeys: readonly string[], termKeys: readonly string[]): boolean {
  if (termKeys.length === 0) return false;
  for (let i = 0; i + termKeys.length <= textKeys.length; i++) if (termKeys.every((k, j) => textKeys[i + j] === k)) return true;
  return false;
}
const quoteEn = (term: string) => `“${term}”`;
const quoteFr = (term: string) => `« ${term} »`;

/**
 * The term with its last English word in the plural ("site visit" → "site visits", "policy" →
 * "policies", "approach" → "approaches"): the matcher folds French plurals, not English ones, and
 * a job description lists its duties in the plural as often as not.
 */
export function englishPlural(term: string): string {
  const match = /^(.*?)([A-Za-z]+)$/.exec(term);
  if (!match) return term;
  const [, head, word] = match as unknown as [string, string, string];
  if (/[^aeiou]y$/i.test(word)) return `${head}${word.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/i.test(word)) return `${head}${word}es`;
  return `${head}${word}s`;
}

/** The approved and forbidden French terms of each English term (grouped by its glossary key). */
interface Equivalents {
  approved: string[];
  /** Each approved term's French content words (computed once). */
  approvedKeys: string[][];
  forbiddenIds: Set<string>;
}

/** The glossary consistency rule for `terms` (pending terms are ignored: nobody has approved them yet). */
export function glossaryRule(terms: readonly GlossaryTerm[]): Rule {
  const used = terms.filter((t) => t.status !== 'pending');
  // English occurrences are found in the singular and the plural: each term also goes to the
  // matcher as a plural variant, which stands for its term.
  const plurals = used.map((t) => ({ ...t, id: `${t.id}\u0000plural`, termEn: englishPlural(t.termEn) }));
  const termOf = new Map<string, GlossaryTerm>(used.flatMap((t, i): [string, GlossaryTerm][] => [[t.id, t], [plurals[i]!.id, t]]));
  const matcher = new GlossaryMatcher([...used, ...plurals]);
  const find = (text: string, lang: 'en' | 'fr') => matcher.find(text, lang).map((hit) => ({ ...hit, term: termOf.get(hit.term.id)! }));
  // The matcher traces every character back to the text (about 0.5 ms per 1 000 characters): a
  // line none of whose words starts an English term is passed over without it.
  const firstWords = new Set([...used, ...plurals].flatMap((t) => glossaryKeyWords(t.termEn, 'en').slice(0, 1).map((w) => w.key)));
  const mayHaveTerm = (text: string) => (text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).some((w) => firstWords.has(w));
  const englishKey = new Map(used.map((t) => [t.id, glossaryKey(t.termEn, 'en')]));
  const byEnglish = new Map<string, Equivalents>();
  for (const term of used) {
    const key = englishKey.get(term.id)!;
    const entry = byEnglish.get(key) ?? { approved: [], approvedKeys: [], forbiddenIds: new Set<string>() };
    if (term.status === 'approved') {
      entry.approved.push(term.termFr);
      entry.approvedKeys.push(frenchContentKeys(term.termFr));
    } else {
      entry.forbiddenIds.add(term.id);
    }
    byEnglish.set(key, entry);
  }

  const check = (en: ParsedSection, fr: ParsedSection, label: string): Finding[] => {
    // Line by line (a term does not run over a line break), skipping lines with no word that
    // starts a term; where terms overlap ("position number" and "position"), the longest is meant.
    const enHits = en.lines.filter((line) => mayHaveTerm(line.text)).flatMap((line) => underlinedHits(find(line.text, 'en')).map((hit) => ({ ...hit, words: line.text.slice(hit.span.start, hit.span.end) })));
    if (enHits.length === 0) return [];
    // The French side is read only for a section whose English uses a glossary term, and matched
    // against the forbidden terms only when the English term has some.
    const frText = bodyText(fr);
    const frHits = lazy(() => find(frText, 'fr'));
    const frContent = lazy(() => frenchContentKeys(frText));
    const findings: Finding[] = [];
    const reported = new Set<string>();
    const words = (text: string, hit: GlossaryHit) => text.slice(hit.span.start, hit.span.end);
    for (const hit of enHits) {
      const enKey = englishKey.get(hit.term.id)!;
      if (reported.has(enKey)) continue;
      const equivalents = byEnglish.get(enKey);
      if (!equivalents) continue;
      // A forbidden French term used for an English term this section has.
      const calque = equivalents.forbiddenIds.size > 0 ? frHits().find((h) => equivalents.forbiddenIds.has(h.term.id)) : undefined;
      if (calque) {
        reported.add(enKey);
        const approved = equivalents.approved;
        findings.push(
          finding(GLOSSARY_RULE_INFO, 'fr', label, words(frText, calque), {
            ...(approved[0] !== undefined ? { fix: approved[0] } : {}),
            message: {
              en: `${quoteFr(calque.term.termFr)} is not an acceptable translation of ${quoteEn(hit.term.termEn)} (glossary: forbidden)${approved.length ? `; use ${approved.map(quoteFr).join(' or ')}` : ''}.`,
              fr: `${quoteFr(calque.term.termFr)} n’est pas une traduction acceptable de ${quoteEn(hit.term.termEn)} (lexique : à proscrire)${approved.length ? `; employez ${approved.map(quoteFr).join(' ou ')}` : ''}.`,
            },
          }),
        );
        continue;
      }
      if (hit.term.status !== 'approved' || equivalents.approved.length === 0) continue;
      if (equivalents.approvedKeys.some((keys) => containsRun(frContent(), keys))) continue;
      reported.add(enKey);
      const expected = equivalents.approved;
      findings.push(
        finding(GLOSSARY_RULE_INFO, 'both', label, hit.words, {
          fix: expected[0]!,
          message: {
            en: `The French version of this section does not use ${expected.map(quoteFr).join(' or ')}, the approved equivalent of ${quoteEn(hit.term.termEn)}.`,
            fr: `La version française de cette section n’emploie pas ${expected.map(quoteFr).join(' ou ')}, l’équivalent approuvé de ${quoteEn(hit.term.termEn)}.`,
          },
        }),
      );
    }
    return findings;
  };

  return { ...GLOSSARY_RULE_INFO, check: (pair) => pairedSections(pair).flatMap(({ en, fr, label }) => check(en, fr, label)) };
}

/** Glossary entries read from a TBX file (domain/tm/tbx.ts) as terms for glossaryRule. */
export function termsFromTbx(entries: readonly GlossaryEntry[]): GlossaryTerm[] {
  return entries.map((e, i) => ({ id: `tbx:${i}:${e.line}`, termEn: e.termEn, termFr: e.termFr, status: e.status, organizationId: null }));
}

/** The rule with the built-in glossary (the one the check runs by default). */
export const glossaryConsistency: Rule = glossaryRule(BUILT_IN_GLOSSARY);
