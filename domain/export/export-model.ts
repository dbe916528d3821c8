// What an exported job description says and in which order (issue 17 item 6): the TBS layout as
// a list of blocks — the job title, the position identification, the approval stamp, then the
// sections in their stored order — each in English and French. Runtime-neutral: the export Edge
// Function's DOCX and PDF writers lay these blocks out, one language or both side by side, and
// the tests read the files back against the same stored text.
import { STANDARD_SECTIONS, type Lang } from '../sections.ts';

/** Which languages an export holds: one, or both side by side. */
export const EXPORT_LANGUAGES = ['en', 'fr', 'both'] as const;
export type ExportLanguages = (typeof EXPORT_LANGUAGES)[number];

/** The languages of the columns, left to right. */
export const columnsOf = (languages: ExportLanguages): readonly Lang[] => (languages === 'both' ? ['en', 'fr'] : [languages]);

/** The stored identification fields (a job_descriptions row). */
export interface ExportIdentification {
  title_en?: string | null;
  title_fr?: string | null;
  classification?: string | null;
  noc_code?: string | null;
  position_number?: string | null;
  language_profile?: string | null;
}

/** One stored section (a document_sections row). */
export interface ExportSection {
  lang: Lang;
  sectionId: string;
  heading: string;
  body: string;
  position: number;
}

/** The decision that approved the document, when its status is approved. */
export interface ExportApproval {
  /** The document version that was approved, when one is known. */
  versionNumber: number | null;
  /** The approver's display name, when the caller may read it. */
  approver: string | null;
  /** ISO timestamp of the decision. */
  decidedAt: string;
}

export interface ExportInput {
  identification: ExportIdentification;
  sections: readonly ExportSection[];
  /** null: not approved (a draft, or in review). */
  approval: ExportApproval | null;
}

export type Bilingual = Record<Lang, string>;

export type ExportBlock =
  | { kind: 'title'; text: Bilingual }
  | { kind: 'identification'; heading: Bilingual; fields: { label: Bilingual; value: Bilingual }[] }
  | { kind: 'stamp'; approved: boolean; text: Bilingual }
  | { kind: 'section'; sectionId: string; heading: Bilingual; paragraphs: Record<Lang, string[]> };

export const IDENTIFICATION_HEADING: Bilingual = { en: 'Position Identification', fr: 'Identification du poste' };
export const DRAFT_STAMP: Bilingual = { en: 'Draft — not approved', fr: 'Ébauche — non approuvée' };

const FIELD_LABELS: { key: keyof ExportIdentification | 'title'; label: Bilingual }[] = [
  { key: 'title', label: { en: 'Title', fr: 'Titre' } },
  { key: 'classification', label: { en: 'Classification', fr: 'Classification' } },
  { key: 'noc_code', label: { en: 'NOC 2021', fr: 'CNP 2021' } },
  { key: 'position_number', label: { en: 'Position number', fr: 'Numéro de poste' } },
  { key: 'language_profile', label: { en: 'Language profile', fr: 'Profil linguistique' } },
];

const oneLine = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** The paragraphs of a stored body: its non-empty lines (as the editor's projection writes them). */
export const paragraphsOf = (body: string): string[] => body.split('\n').map((line) => line.trim()).filter((line) => line !== '');

/** "2026-12-06" from an ISO timestamp: the date of the decision, in UTC. */
const dayOf = (iso: string) => new Date(iso).toISOString().slice(0, 10);

export function stampText(approval: ExportApproval | null): Bilingual {
  if (!approval) return DRAFT_STAMP;
  const parts = (lang: Lang) => [
    lang === 'en' ? 'Approved' : 'Approuvé',
    ...(approval.versionNumber !== null ? [`version ${approval.versionNumber}`] : []),
    ...(approval.approver ? [lang === 'en' ? `by ${approval.approver}` : `par ${approval.approver}`] : []),
    dayOf(approval.decidedAt),
  ];
  return { en: parts('en').join(' — '), fr: parts('fr').join(' — ') };
}

/** The blocks of an export, in the TBS order. */
export function exportBlocks(input: ExportInput): ExportBlock[] {
  const id = input.identification;
  const title: Bilingual = { en: oneLine(id.title_en) || oneLine(id.title_fr), fr: oneLine(id.title_fr) || oneLine(id.title_en) };
  const fields = FIELD_LABELS.flatMap(({ key, label }) => {
    const value: Bilingual = key === 'title' ? { en: oneLine(id.title_en), fr: oneLine(id.title_fr) } : { en: oneLine(id[key]), fr: oneLine(id[key]) };
    return value.en || value.fr ? [{ label, value }] : [];
  });
  const blocks: ExportBlock[] = [];
  if (title.en) blocks.push({ kind: 'title', text: title });
  blocks.push({ kind: 'identification', heading: IDENTIFICATION_HEADING, fields });
  blocks.push({ kind: 'stamp', approved: input.approval !== null, text: stampText(input.approval) });

  // Sections in English order (French order for a section that exists only in French), paired by id.
  const ordered = [...input.sections].sort((a, b) => a.position - b.position);
  const ids = [...new Set([...ordered.filter((s) => s.lang === 'en'), ...ordered.filter((s) => s.lang === 'fr')].map((s) => s.sectionId))];
  for (const sectionId of ids) {
    const of = (lang: Lang) => ordered.find((s) => s.lang === lang && s.sectionId === sectionId);
    const standard = STANDARD_SECTIONS.find((s) => s.sectionId === sectionId);
    const heading = (lang: Lang) => oneLine(of(lang)?.heading) || standard?.title[lang] || sectionId;
    blocks.push({
      kind: 'section',
      sectionId,
      heading: { en: heading('en'), fr: heading('fr') },
      paragraphs: { en: paragraphsOf(of('en')?.body ?? ''), fr: paragraphsOf(of('fr')?.body ?? '') },
    });
  }
  return blocks;
}

/** A field's line as the export writes it: "Classification: PM-04" / "Classification : PM-04". */
export const fieldLine = (field: { label: Bilingual; value: Bilingual }, lang: Lang): string =>
  `${field.label[lang]}${lang === 'fr' ? ' : ' : ': '}${field.value[lang]}`;

/** The text of a block in one language, line by line, as the files show it. */
export function blockLines(block: ExportBlock, lang: Lang): string[] {
  switch (block.kind) {
    case 'title':
    case 'stamp':
      return [block.text[lang]];
    case 'identification':
      return [block.heading[lang], ...block.fields.map((f) => fieldLine(f, lang))];
    case 'section':
      return [block.heading[lang], ...block.paragraphs[lang]];
  }
}

export type ExportFormat = 'docx' | 'pdf';

/**
 * A file name safe in a Content-Disposition header on every system: ASCII letters, digits and
 * hyphens only (accents folded), at most 80 characters before the extension.
 */
export function exportFileName(identification: ExportIdentification, languages: ExportLanguages, format: ExportFormat): string {
  const title = languages === 'fr' ? identification.title_fr || identification.title_en : identification.title_en || identification.title_fr;
  const words = [identification.classification, title]
    .map((part) => (part ?? '').normalize('NFD').replace(/\p{M}/gu, ''))
    .join(' ')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return `${words || 'job-description'}-${languages}.${format}`;
}
