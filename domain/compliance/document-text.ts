// A stored job description (its identification fields and its sections, as the Y.Doc's `meta`
// map, the job_descriptions row and document_sections hold them) written in the check's
// plain-text format, so the Edge Function and the sync server's findings hook check exactly what
// the CLI would check for the same text.
import { STANDARD_SECTIONS, type Lang, type MetaIdentificationField } from '../sections.ts';
import { checkTexts } from './check.ts';
import { IDENTIFICATION_FIELDS, type FieldName } from './identification.ts';
import type { Finding, Rule } from './types.ts';

/** Identification values by meta key (title_en, classification, noc_code, ...); missing or empty: the line is left out. */
export type StoredIdentification = Partial<Record<MetaIdentificationField, string | null | undefined>>;

/** One stored section (a document_sections row). */
export interface StoredSection {
  lang: Lang;
  sectionId: string;
  heading: string;
  body: string;
  position: number;
}

const IDENTIFICATION_HEADING: Record<Lang, string> = { en: 'Position Identification', fr: 'Identification du poste' };

const metaKeyOf = (name: FieldName, lang: Lang): MetaIdentificationField =>
  ({ title: lang === 'en' ? 'title_en' : 'title_fr', classification: 'classification', noc: 'noc_code', languageProfile: 'language_profile', positionNumber: 'position_number' })[name] as MetaIdentificationField;

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();

/** One language of a stored job description in the check's text format. */
export function storedText(identification: StoredIdentification, sections: readonly StoredSection[], lang: Lang): string {
  const separator = lang === 'fr' ? ' : ' : ': ';
  const fields = IDENTIFICATION_FIELDS.flatMap(({ name, key }) => {
    const value = oneLine(identification[metaKeyOf(name, lang)] ?? '');
    return value ? [`${key[lang]}${separator}${value}`] : [];
  });
  const blocks = [[IDENTIFICATION_HEADING[lang], ...fields].join('\n')];
  for (const section of sections.filter((s) => s.lang === lang).sort((a, b) => a.position - b.position)) {
    // A blank line would end the section in the text format: empty lines of a body are dropped.
    const heading = oneLine(section.heading) || STANDARD_SECTIONS.find((s) => s.sectionId === section.sectionId)?.title[lang] || section.sectionId;
    blocks.push([heading, ...section.body.split('\n').filter((line) => line.trim() !== '')].join('\n'));
  }
  return `${blocks.join('\n\n')}\n`;
}

/** The findings of a stored job description. */
export function checkStored(identification: StoredIdentification, sections: readonly StoredSection[], rules?: readonly Rule[]): Finding[] {
  return checkTexts(storedText(identification, sections, 'en'), storedText(identification, sections, 'fr'), rules);
}
