// Reads the plain-text job description format (the `align` command's: UTF-8, sections separated
// by blank lines, a section's first line is its heading) whose first section is the position
// identification as `Key: value` lines. Offsets are kept so findings can point into the input.
import { STANDARD_SECTIONS, type Lang } from '../sections.ts';
import type { IdentificationField, Line, ParsedDocument, ParsedSection } from './types.ts';

/** Lower case, no accents, single spaces, no numbering or trailing colon: how headings are compared. */
export function normalizeHeading(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’']/g, "'")
    .replace(/^\s*(?:\d+|[a-z]|[ivx]+)[.)]\s+/, '')
    .replace(/[\s:.]+$/, '')
    .replace(/[-–]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Headings, per language, that name each standard section (its title, and the plural or singular in use). */
const HEADING_VARIANTS: Record<Lang, Record<string, readonly string[]>> = {
  en: {
    'client-service-results': ['client service results', 'client service result', 'client services results'],
    'key-activities': ['key activities', 'key activity'],
    skill: ['skill', 'skills'],
    effort: ['effort', 'efforts'],
    responsibility: ['responsibility', 'responsibilities'],
    'working-conditions': ['working conditions', 'working condition'],
  },
  fr: {
    'client-service-results': ['resultats axes sur le service a la clientele', 'resultats axes sur le service aux clients'],
    'key-activities': ['activites principales', 'activites cles'],
    skill: ['competences', 'competence', 'habilete', 'habiletes'],
    effort: ['effort', 'efforts'],
    responsibility: ['responsabilite', 'responsabilites'],
    'working-conditions': ['conditions de travail'],
  },
};

/** The standard section a heading names in `lang`, or null. */
export function standardSectionOf(heading: string, lang: Lang): string | null {
  const normalized = normalizeHeading(heading);
  for (const section of STANDARD_SECTIONS) {
    if (HEADING_VARIANTS[lang][section.sectionId]?.includes(normalized)) return section.sectionId;
  }
  return null;
}

const FIELD = /^\s*([^:]{1,60}?)\s*:\s*(.*?)\s*$/;

/** Blocks of non-blank lines, with offsets into `text`. */
function blocks(text: string): Line[][] {
  const result: Line[][] = [];
  let current: Line[] = [];
  let offset = 0;
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') {
      if (current.length) result.push(current);
      current = [];
    } else {
      current.push({ text: line.replace(/\s+$/, ''), offset });
    }
    offset += raw.length + 1;
  }
  if (current.length) result.push(current);
  return result;
}

/** Parses one language's text. Never throws: what is missing or malformed is for the rules to report. */
export function parseDocument(input: string, lang: Lang): ParsedDocument {
  const text = input.startsWith('\uFEFF') ? ` ${input.slice(1)}` : input; // keep offsets: the BOM becomes a space
  const all = blocks(text);
  const first = all[0];
  let identification: IdentificationField[] = [];
  let identificationSection: ParsedSection | null = null;
  let rest = all;
  if (first) {
    // The identification is `Key: value` lines, optionally under a heading line of its own.
    const [head, ...tail] = first;
    const headed = head !== undefined && !FIELD.test(head.text) && tail.length > 0;
    const fieldLines = headed ? tail : first;
    const looksLikeFields = fieldLines.filter((l) => FIELD.test(l.text)).length >= Math.max(1, Math.ceil(fieldLines.length / 2));
    if (looksLikeFields && standardSectionOf(first[0]!.text, lang) === null) {
      identification = fieldLines.flatMap((line) => {
        const m = FIELD.exec(line.text);
        return m ? [{ key: m[1]!, value: m[2]!, line }] : [];
      });
      identificationSection = { sectionId: 'identification', heading: headed ? head! : { text: '', offset: first[0]!.offset }, lines: fieldLines };
      rest = all.slice(1);
    }
  }
  const sections = rest.map(([heading, ...lines]): ParsedSection => ({ sectionId: standardSectionOf(heading!.text, lang), heading: heading!, lines }));
  return { lang, identification, identificationSection, sections };
}
