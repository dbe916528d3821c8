// The TBS work description structure: the six standard sections in their order, and how a new
// document (or a custom section added in both languages at once) is laid out. Runtime-neutral.

export const SECTION_KINDS = [
  'client_service_results',
  'key_activities',
  'skill',
  'effort',
  'responsibility',
  'working_conditions',
  'custom',
] as const;

export type SectionKind = (typeof SECTION_KINDS)[number];
export type Lang = 'en' | 'fr';
export const LANGS: readonly Lang[] = ['en', 'fr'];

export interface StandardSection {
  kind: Exclude<SectionKind, 'custom'>;
  /** Stable id shared by the EN and FR section (also what the seed data uses). */
  sectionId: string;
  title: Record<Lang, string>;
}

/** The standard sections in the order Treasury Board prescribes. */
export const STANDARD_SECTIONS: readonly StandardSection[] = [
  { kind: 'client_service_results', sectionId: 'client-service-results', title: { en: 'Client Service Results', fr: 'Résultats axés sur le service à la clientèle' } },
  { kind: 'key_activities', sectionId: 'key-activities', title: { en: 'Key Activities', fr: 'Activités principales' } },
  { kind: 'skill', sectionId: 'skill', title: { en: 'Skill', fr: 'Compétences' } },
  { kind: 'effort', sectionId: 'effort', title: { en: 'Effort', fr: 'Effort' } },
  { kind: 'responsibility', sectionId: 'responsibility', title: { en: 'Responsibility', fr: 'Responsabilité' } },
  { kind: 'working_conditions', sectionId: 'working-conditions', title: { en: 'Working Conditions', fr: 'Conditions de travail' } },
];

/**
 * The keys of the `meta` Y.Map (the position identification and the workflow status).
 * `department` is the department's English name, `department_fr` its French name.
 */
export const META_FIELDS = ['title_en', 'title_fr', 'classification', 'position_number', 'department', 'department_fr', 'language_profile', 'noc_code', 'status'] as const;
export type MetaField = (typeof META_FIELDS)[number];
/** The identification fields (every meta key but the workflow status, which lives in Postgres). */
export type MetaIdentificationField = Exclude<MetaField, 'status'>;
export const META_IDENTIFICATION_FIELDS: readonly MetaIdentificationField[] = META_FIELDS.filter((f): f is MetaIdentificationField => f !== 'status');

/** A section's content before it becomes ProseMirror JSON: a heading and paragraphs of plain text. */
export interface SectionSeed {
  sectionId: string;
  kind: SectionKind;
  heading: string;
  paragraphs: string[];
}

/** ProseMirror JSON (see schema.ts) of one language fragment made of the given sections. */
export function sectionsToJSON(sections: readonly SectionSeed[]): { type: 'doc'; content: unknown[] } {
  const text = (t: string) => (t === '' ? [] : [{ type: 'text', text: t }]);
  return {
    type: 'doc',
    content: sections.map((s) => ({
      type: 'section',
      attrs: { sectionId: s.sectionId, kind: s.kind },
      content: [
        { type: 'heading', attrs: { level: 2 }, content: text(s.heading) },
        ...(s.paragraphs.length ? s.paragraphs : ['']).map((p) => ({ type: 'paragraph', content: text(p) })),
      ],
    })),
  };
}

/** The empty TBS template of one language. */
export function templateSections(lang: Lang): SectionSeed[] {
  return STANDARD_SECTIONS.map((s) => ({ sectionId: s.sectionId, kind: s.kind, heading: s.title[lang], paragraphs: [] }));
}

/** A fresh id for a custom section (the same id is used in both languages). */
export function newCustomSectionId(random: () => string = () => crypto.randomUUID()): string {
  return `custom-${random()}`;
}
