// Legacy import: an old English and French job description of the same position (paragraphs
// with heading flags, as mammoth reads them from DOCX or legacy-import-source.ts from HTML or
// plain text) becomes a draft job description (identification fields and TBS sections in both
// languages) and the sentence alignment of the pair for the translation memory. Runtime-neutral.
//
// Sections are recognised by their headings in either language (compliance/parse.ts's variants:
// case, accents, numbering and a trailing colon do not matter). `Key: value` paragraphs before
// the first section are the identification (compliance/identification.ts's keys and aliases).
// Any other heading after the first section starts a custom section. The EN and FR sections are
// paired by their standard id, custom ones by their order; a section found in one language only
// is kept in both (empty in the other) so section k still sits beside section k in the editor.
import { CLASSIFICATION_GROUPS } from '../compliance/classification-groups.ts';
import { field } from '../compliance/identification.ts';
import { nocCode, parseClassification, profileTokens, repairClassification } from '../compliance/identifiers.ts';
import { standardSectionOf } from '../compliance/parse.ts';
import type { IdentificationField, ParsedDocument } from '../compliance/types.ts';
import { LANGS, newCustomSectionId, STANDARD_SECTIONS, type Lang, type SectionSeed } from '../sections.ts';
import type { AlignOptions } from './aligner.ts';
import { alignBySection, flatten, type TextBead } from './documents.ts';
import { splitParagraph, type SplitText } from './sentences.ts';

/** One paragraph of a source document. */
export interface SourceParagraph {
  text: string;
  /** Formatted as a heading (h1-h6 in HTML, a Heading style in Word). */
  heading: boolean;
}

/** The identification the import could read, as job_descriptions columns (only the fields found). */
export interface ImportedIdentification {
  title_en?: string;
  title_fr?: string;
  classification?: string;
  noc_code?: string;
  language_profile?: string;
  position_number?: string;
}

export interface LegacyImport {
  identification: ImportedIdentification;
  /** Both languages' sections in the same order (same ids), ready for document_sections. */
  sections: Record<Lang, SectionSeed[]>;
  /** The sentence alignment of the pair, headings included, in document order. */
  pairs: TextBead[];
  /** What the import could not recognise or had to guess, in both languages. */
  warnings: Warning[];
}

export interface LegacyImportOptions {
  align?: AlignOptions;
  /** Ids of custom sections (tests give fixed ones). */
  customSectionId?: () => string;
}

/** A warning in both official languages. */
export interface Warning {
  en: string;
  fr: string;
}

const LANGUAGE_NAME: Record<Lang, string> = { en: 'English', fr: 'French' };
/** "le document anglais" / "le document français". */
const DOCUMENT_FR: Record<Lang, string> = { en: 'le document anglais', fr: 'le document français' };
const capitalized = (text: string) => text[0]!.toUpperCase() + text.slice(1);
/** A heading is short: a longer paragraph that happens to start like one is text. */
const MAX_HEADING_LENGTH = 120;
const FIELD = /^\s*([^:]{1,60}?)\s*:\s*(.+?)\s*$/;

/** A section read from one language's document. */
interface ReadSection {
  sectionId: string | null;
  heading: string;
  paragraphs: string[];
}

interface ReadDocument {
  fields: IdentificationField[];
  /** The first heading (or first line) before the sections: the title when no Title field says otherwise. */
  titleLine: string | null;
  sections: ReadSection[];
  /** Paragraphs before the first section that were neither a field nor the title. */
  skipped: number;
}

/** The standard section a heading names, in the document's language or the other one. */
function sectionOfHeading(text: string, lang: Lang): string | null {
  if (text.length > MAX_HEADING_LENGTH) return null;
  return standardSectionOf(text, lang) ?? standardSectionOf(text, lang === 'en' ? 'fr' : 'en');
}

function readDocument(paragraphs: readonly SourceParagraph[], lang: Lang): ReadDocument {
  const read: ReadDocument = { fields: [], titleLine: null, sections: [], skipped: 0 };
  let current: ReadSection | null = null;
  for (const paragraph of paragraphs) {
    const text = paragraph.text.replace(/\s+/g, ' ').trim();
    if (text === '') continue;
    const sectionId = sectionOfHeading(text, lang);
    if (sectionId !== null || (current !== null && paragraph.heading && text.length <= MAX_HEADING_LENGTH)) {
      current = { sectionId, heading: text, paragraphs: [] };
      read.sections.push(current);
      continue;
    }
    if (current) {
      current.paragraphs.push(text);
      continue;
    }
    const fieldMatch = FIELD.exec(text);
    if (fieldMatch) read.fields.push({ key: fieldMatch[1]!, value: fieldMatch[2]!, line: { text, offset: 0 } });
    else if (read.titleLine === null && (paragraph.heading || read.fields.length === 0)) read.titleLine = text;
    else read.skipped++;
  }
  return read;
}

/** The value of an identification field in one language's document, if written. */
function fieldValue(read: ReadDocument, lang: Lang, name: Parameters<typeof field>[1]): string | undefined {
  const doc: ParsedDocument = { lang, identification: read.fields, identificationSection: null, sections: [] };
  const value = field(doc, name)?.value.trim();
  return value ? value : undefined;
}

/** The classification as job_descriptions accepts it (known group, level 00-19), or null. */
function classificationValue(raw: string): string | null {
  const fixed = parseClassification(raw) ? raw.trim() : repairClassification(raw)?.fixed;
  const parsed = fixed ? parseClassification(fixed) : null;
  return fixed && parsed && CLASSIFICATION_GROUPS.has(parsed.group) ? fixed : null;
}

function languageProfileValue(raw: string): string | null {
  const tokens = profileTokens(raw.toUpperCase()).slice(0, 2);
  const value = tokens.join('/');
  return /^[ABCEP]{3}(\/[ABCEP]{3})?$/.test(value) ? value : null;
}

const nocValue = (raw: string): string | null => {
  const code = nocCode(raw);
  return code && /^[0-9]{4,5}$/.test(code) ? code : null;
};

const positionNumberValue = (raw: string): string | null => (/^[A-Za-z0-9][A-Za-z0-9 -]{0,29}$/.test(raw) ? raw : null);

/** Reads one identifier from both documents: the English value when they differ (with a warning), checked against the column's format. */
function identifier(
  read: Record<Lang, ReadDocument>,
  name: 'classification' | 'noc' | 'languageProfile' | 'positionNumber',
  label: Warning,
  accept: (raw: string) => string | null,
  warnings: Warning[],
): string | undefined {
  const found = LANGS.map((lang) => ({ lang, raw: fieldValue(read[lang], lang, name) })).filter((f): f is { lang: Lang; raw: string } => f.raw !== undefined);
  const accepted = found.map((f) => ({ ...f, value: accept(f.raw) }));
  for (const f of accepted) {
    if (f.value === null) warnings.push({ en: `The ${label.en} "${f.raw}" in the ${LANGUAGE_NAME[f.lang]} document is not valid: left empty.`, fr: `${capitalized(label.fr)} « ${f.raw} » dans ${DOCUMENT_FR[f.lang]} n’est pas valide : le champ reste vide.` });
  }
  const values = accepted.filter((f) => f.value !== null);
  if (values.length === 2 && values[0]!.value !== values[1]!.value) {
    warnings.push({
      en: `The ${label.en} differs: "${values[0]!.value}" in English, "${values[1]!.value}" in French; the English one is kept.`,
      fr: `${capitalized(label.fr)} diffère : « ${values[0]!.value} » en anglais, « ${values[1]!.value} » en français; celui de l’anglais est gardé.`,
    });
  }
  return values[0]?.value ?? undefined;
}

function readIdentification(read: Record<Lang, ReadDocument>, warnings: Warning[]): ImportedIdentification {
  const identification: ImportedIdentification = {};
  for (const lang of LANGS) {
    const title = fieldValue(read[lang], lang, 'title') ?? read[lang].titleLine ?? undefined;
    if (title) identification[lang === 'en' ? 'title_en' : 'title_fr'] = title.slice(0, 300);
    else warnings.push({ en: `No title found in the ${LANGUAGE_NAME[lang]} document.`, fr: `Aucun titre trouvé dans ${DOCUMENT_FR[lang]}.` });
  }
  const classification = identifier(read, 'classification', { en: 'classification', fr: 'la classification' }, classificationValue, warnings);
  if (classification) identification.classification = classification;
  const noc = identifier(read, 'noc', { en: 'NOC code', fr: 'le code CNP' }, nocValue, warnings);
  if (noc) identification.noc_code = noc;
  const profile = identifier(read, 'languageProfile', { en: 'language profile', fr: 'le profil linguistique' }, languageProfileValue, warnings);
  if (profile) identification.language_profile = profile;
  const position = identifier(read, 'positionNumber', { en: 'position number', fr: 'le numéro de poste' }, positionNumberValue, warnings);
  if (position) identification.position_number = position;
  return identification;
}

/** A section of the draft: its id and kind, and what each language has under it (null: nothing). */
interface PairedSection {
  sectionId: string;
  standard: boolean;
  sides: Record<Lang, ReadSection | null>;
}

/** Standard sections in the TBS order, then custom ones paired by order. */
function pairSections(read: Record<Lang, ReadDocument>, customSectionId: () => string, warnings: Warning[]): PairedSection[] {
  const paired: PairedSection[] = [];
  for (const standard of STANDARD_SECTIONS) {
    const sides = { en: null, fr: null } as Record<Lang, ReadSection | null>;
    for (const lang of LANGS) {
      const matches = read[lang].sections.filter((s) => s.sectionId === standard.sectionId);
      if (matches.length > 1) {
        warnings.push({
          en: `The ${LANGUAGE_NAME[lang]} document has ${matches.length} "${standard.title[lang]}" sections: their text is kept in one.`,
          fr: `${capitalized(DOCUMENT_FR[lang])} a ${matches.length} sections « ${standard.title[lang]} » : leur texte est réuni en une seule.`,
        });
      }
      if (matches.length > 0) sides[lang] = { sectionId: standard.sectionId, heading: matches[0]!.heading, paragraphs: matches.flatMap((s) => s.paragraphs) };
    }
    if (sides.en || sides.fr) paired.push({ sectionId: standard.sectionId, standard: true, sides });
  }
  const customs = { en: read.en.sections.filter((s) => s.sectionId === null), fr: read.fr.sections.filter((s) => s.sectionId === null) };
  for (const lang of LANGS) {
    for (const s of customs[lang]) {
      warnings.push({
        en: `The heading "${s.heading}" in the ${LANGUAGE_NAME[lang]} document is not a TBS section: kept as a section of its own.`,
        fr: `Le titre « ${s.heading} » dans ${DOCUMENT_FR[lang]} n’est pas une section du SCT : il est gardé comme section distincte.`,
      });
    }
  }
  for (let k = 0; k < Math.max(customs.en.length, customs.fr.length); k++) {
    paired.push({ sectionId: customSectionId(), standard: false, sides: { en: customs.en[k] ?? null, fr: customs.fr[k] ?? null } });
  }
  return paired;
}

function seedsOf(paired: readonly PairedSection[], lang: Lang): SectionSeed[] {
  return paired.map((p) => {
    const standard = STANDARD_SECTIONS.find((s) => s.sectionId === p.sectionId);
    const side = p.sides[lang];
    return {
      sectionId: p.sectionId,
      kind: standard?.kind ?? 'custom',
      // A standard section keeps its heading as written; one missing in this language gets the TBS title.
      heading: side?.heading ?? standard?.title[lang] ?? '',
      paragraphs: side?.paragraphs ?? [],
    };
  });
}

/** One language's sections as the aligner's structure: the heading is a paragraph of its own. */
function splitSeeds(seeds: readonly SectionSeed[], lang: Lang): SplitText {
  return seeds.map((s) => [s.heading, ...s.paragraphs].map((p) => splitParagraph(p, lang)).filter((sentences) => sentences.length > 0));
}

/** The draft job description and the alignment of an English and a French legacy document. */
export function importLegacyPair(en: readonly SourceParagraph[], fr: readonly SourceParagraph[], options: LegacyImportOptions = {}): LegacyImport {
  const warnings: Warning[] = [];
  const read = { en: readDocument(en, 'en'), fr: readDocument(fr, 'fr') };
  for (const lang of LANGS) {
    if (read[lang].sections.length === 0) {
      warnings.push({ en: `No TBS section heading was recognised in the ${LANGUAGE_NAME[lang]} document.`, fr: `Aucun titre de section du SCT n’a été reconnu dans ${DOCUMENT_FR[lang]}.` });
    }
    if (read[lang].skipped > 0) {
      warnings.push({
        en: `${read[lang].skipped} paragraph(s) before the first section of the ${LANGUAGE_NAME[lang]} document were neither the title nor an identification field: left out.`,
        fr: `${read[lang].skipped} paragraphe(s) avant la première section dans ${DOCUMENT_FR[lang]} ne sont ni le titre ni un champ d’identification : laissés de côté.`,
      });
    }
  }
  const identification = readIdentification(read, warnings);
  const paired = pairSections(read, options.customSectionId ?? (() => newCustomSectionId()), warnings);
  const enCount = read.en.sections.length;
  const frCount = read.fr.sections.length;
  if (enCount !== frCount) warnings.push({ en: `The English document has ${enCount} sections and the French document ${frCount}.`, fr: `Le document anglais a ${enCount} sections et le document français ${frCount}.` });
  for (const p of paired) {
    for (const lang of LANGS) {
      const other: Lang = lang === 'en' ? 'fr' : 'en';
      if (p.standard && p.sides[lang] === null && p.sides[other] !== null) {
        const title = STANDARD_SECTIONS.find((s) => s.sectionId === p.sectionId)!.title[lang];
        warnings.push({
          en: `The ${LANGUAGE_NAME[lang]} document has no "${title}" section: it is left empty.`,
          fr: `${capitalized(DOCUMENT_FR[lang])} n’a pas de section « ${title} » : elle est laissée vide.`,
        });
      }
    }
  }
  const sections = { en: seedsOf(paired, 'en'), fr: seedsOf(paired, 'fr') };
  // Only what the documents hold is aligned: a missing section's TBS title is not a translation of anything.
  const written = (lang: Lang): SectionSeed[] => paired.map((p, k) => (p.sides[lang] ? sections[lang][k]! : { ...sections[lang][k]!, heading: '' }));
  return { identification, sections, pairs: alignSeeds({ en: written('en'), fr: written('fr') }, options.align), warnings };
}

/** Aligns section k of English with section k of French, sentence by sentence (headings included). */
export function alignSeeds(sections: Record<Lang, readonly SectionSeed[]>, options: AlignOptions = {}): TextBead[] {
  // splitSeeds keeps one entry per section (possibly empty), so section k of both sides is the same section.
  const en = flatten(splitSeeds(sections.en, 'en'));
  const fr = flatten(splitSeeds(sections.fr, 'fr'));
  const beads = alignBySection(
    { sentences: en.sentences, paragraphs: en.paragraphs },
    en.sectionOf,
    { sentences: fr.sentences, paragraphs: fr.paragraphs },
    fr.sectionOf,
    sections.en.length,
    options,
  );
  return beads.map((bead) => ({ en: bead.en.map((i) => en.sentences[i]!), fr: bead.fr.map((j) => fr.sentences[j]!), score: bead.score }));
}
