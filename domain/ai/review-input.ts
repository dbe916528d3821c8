// What compliance-review reviews, built from a stored job description (its identification
// fields and document_sections rows, as ai-assist reads them as the caller): both languages
// section by section, the stated group with its definition from classification_groups.yaml (via
// domain/compliance/classification-groups.ts) and level, and the rule findings on that text
// (domain/compliance's check, exactly what the `compliance` function answers for it).
import { CLASSIFICATION_GROUPS } from '../compliance/classification-groups.ts';
import { checkStored, type StoredIdentification, type StoredSection } from '../compliance/document-text.ts';
import { parseClassification, repairClassification } from '../compliance/identifiers.ts';
import type { ReviewFinding, ReviewInput } from './assist-types.ts';

/** The group (with its names) and level a classification states, as well as can be read ("PM-4" is PM-04). */
export function statedGroup(classification: string | null | undefined): Pick<ReviewInput, 'group' | 'level'> {
  const repaired = classification ? repairClassification(classification) : null;
  const parsed = repaired ? parseClassification(repaired.fixed) : null;
  if (!parsed) return { group: null, level: null };
  const names = CLASSIFICATION_GROUPS.get(parsed.group);
  return { group: names ? { code: parsed.group, en: names.en, fr: names.fr } : null, level: String(parsed.level).padStart(2, '0') };
}

/** The review input of a stored document. */
export function reviewInput(identification: StoredIdentification, sections: readonly StoredSection[]): ReviewInput {
  const ordered = [...sections].sort((a, b) => a.position - b.position);
  const ids = [...new Set(ordered.map((s) => s.sectionId))];
  const of = (id: string, lang: 'en' | 'fr') => ordered.find((s) => s.sectionId === id && s.lang === lang);
  const findings: ReviewFinding[] = checkStored(identification, sections).map(({ source: _source, family: _family, ...finding }) => finding);
  return {
    classification: identification.classification?.trim() || null,
    ...statedGroup(identification.classification),
    sections: ids.map((id) => ({
      section: id,
      heading: { en: of(id, 'en')?.heading ?? '', fr: of(id, 'fr')?.heading ?? '' },
      en: of(id, 'en')?.body ?? '',
      fr: of(id, 'fr')?.body ?? '',
    })),
    findings,
  };
}

/** Characters of both languages' text the review sends. */
export const reviewLength = (review: ReviewInput): number => review.sections.reduce((sum, s) => sum + s.en.length + s.fr.length, 0);
