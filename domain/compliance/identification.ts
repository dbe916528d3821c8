// The position identification's fields, by language, and reading them from a parsed document.
import type { Lang } from '../sections.ts';
import type { IdentificationField, ParsedDocument } from './types.ts';

export type FieldName = 'title' | 'classification' | 'noc' | 'languageProfile' | 'positionNumber';

/** The required fields: the key to write in each language, and other spellings accepted for it. */
export const IDENTIFICATION_FIELDS: readonly { name: FieldName; key: Record<Lang, string>; aliases: Record<Lang, readonly string[]> }[] = [
  { name: 'title', key: { en: 'Title', fr: 'Titre' }, aliases: { en: ['position title', 'job title'], fr: ['titre du poste'] } },
  { name: 'classification', key: { en: 'Classification', fr: 'Classification' }, aliases: { en: ['group and level'], fr: ['groupe et niveau'] } },
  { name: 'noc', key: { en: 'NOC', fr: 'CNP' }, aliases: { en: ['noc 2021', 'noc code'], fr: ['cnp 2021', 'code cnp'] } },
  { name: 'languageProfile', key: { en: 'Language profile', fr: 'Profil linguistique' }, aliases: { en: ['linguistic profile', 'language requirements'], fr: ['exigences linguistiques'] } },
  { name: 'positionNumber', key: { en: 'Position number', fr: 'Numéro de poste' }, aliases: { en: ['position no', 'position #'], fr: ['numéro du poste', 'no de poste'] } },
];

const normalizeKey = (key: string) => key.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[.\s]+/g, ' ').trim();

/** The field `name` of `doc`, if its key is there (its value may be empty). */
export function field(doc: ParsedDocument, name: FieldName): IdentificationField | undefined {
  const spec = IDENTIFICATION_FIELDS.find((f) => f.name === name)!;
  const keys = [spec.key[doc.lang], ...spec.aliases[doc.lang]].map(normalizeKey);
  return doc.identification.find((f) => keys.includes(normalizeKey(f.key)));
}
