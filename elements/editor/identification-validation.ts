// What the identification form says about a value as it is typed: the compliance rule it breaks
// (domain/compliance/identifiers.ts, the same check the compliance report runs), in the
// interface language, and what to type instead.
import { classificationProblem, classificationUnknownGroup, languageProfileProblems, nocProblem, type ValueProblem } from '../../domain/compliance/identifiers.js';
import type { Lang, MetaIdentificationField } from '../../domain/sections.js';
import { msg, type MessageId } from '../core/i18n.js';

/** A field's problem: the message under the field, and whether it blocks (an error) or only warns. */
export interface FieldProblem {
  message: string;
  severity: 'error' | 'warning';
}

const CHECKS: Partial<Record<MetaIdentificationField, { problems: (value: string) => ValueProblem[]; hint: (problem: ValueProblem) => MessageId }>> = {
  classification: {
    problems: (value) => [classificationProblem(value)].filter((p) => p !== null),
    hint: (problem) => (problem.rule === classificationUnknownGroup ? 'identification.unknownGroup' : 'identification.classificationHint'),
  },
  noc_code: { problems: (value) => [nocProblem(value)].filter((p) => p !== null), hint: () => 'identification.nocHint' },
  language_profile: { problems: languageProfileProblems, hint: () => 'identification.languageProfileHint' },
};

/** The problem of `value` in `field`, or null when it is right (or empty: every field is optional while drafting). */
export function fieldProblem(field: MetaIdentificationField, value: string, lang: Lang): FieldProblem | null {
  const check = CHECKS[field];
  const problem = value.trim() && check ? check.problems(value)[0] : undefined;
  if (!check || !problem) return null;
  // The suggestion when there is one (PM-4 → PM-04), else how the value is written.
  const next = problem.fix === undefined ? msg(lang, check.hint(problem)) : msg(lang, 'identification.didYouMean', { fix: problem.fix });
  return { message: `${problem.rule.message[lang]} ${next}`, severity: problem.rule.severity === 'warning' ? 'warning' : 'error' };
}
