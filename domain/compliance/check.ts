// The compliance check: every rule over an English/French pair of job descriptions, findings
// in a stable order (severity, then language, section, rule). Runs unchanged in the browser,
// Node (the CLI) and Deno (the Edge Function).
import { BILINGUAL_RULES } from './bilingual.ts';
import { glossaryConsistency, glossaryRule } from './glossary.ts';
import { IDENTIFIER_RULES } from './identifiers.ts';
import { INCLUSIVE_RULES } from './inclusive.ts';
import { parseDocument } from './parse.ts';
import { PLAIN_RULES } from './plain.ts';
import { STRUCTURE_RULES } from './structure.ts';
import type { GlossaryTerm } from '../tm/glossary.ts';
import type { DocumentPair, Finding, Rule } from './types.ts';

export const RULES: readonly Rule[] = [...STRUCTURE_RULES, ...IDENTIFIER_RULES, ...BILINGUAL_RULES, glossaryConsistency, ...INCLUSIVE_RULES, ...PLAIN_RULES];

/** Every rule, with the glossary consistency rule on `glossary` instead of the built-in list. */
export const rulesWithGlossary = (glossary: readonly GlossaryTerm[]): Rule[] => RULES.map((rule) => (rule === glossaryConsistency ? glossaryRule(glossary) : rule));

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

/** Runs `rules` (all of them by default) on a parsed pair. */
export function checkPair(pair: DocumentPair, rules: readonly Rule[] = RULES): Finding[] {
  const findings = rules.flatMap((rule) => rule.check(pair));
  // Stable sort: within a severity, rules keep their order and findings their document order.
  return findings.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
}

/** Parses and checks the English and French texts of one job description. */
export function checkTexts(en: string, fr: string, rules?: readonly Rule[]): Finding[] {
  return checkPair({ en: parseDocument(en, 'en'), fr: parseDocument(fr, 'fr') }, rules);
}
