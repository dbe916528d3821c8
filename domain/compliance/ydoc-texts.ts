// The texts the compliance rules check for a Y.Doc: its sections (as the sections projection
// stores them) and its `meta` identification fields, in the check's plain-text format. Shared by
// the sync server's findings hook and <jd-compliance>'s live check in the browser, so the
// panel's findings are the stored ones for the same text.
import type * as Y from 'yjs';
import type { Finding } from './types.ts';
import { storedText, type StoredIdentification } from './document-text.ts';
import { META_IDENTIFICATION_FIELDS } from '../sections.ts';
import { projectSections } from '../section-rows.ts';

/** The English and French texts of the Y.Doc in the check's format, or null when it has no section yet. */
export function documentTexts(doc: Y.Doc): { en: string; fr: string } | null {
  const sections = [...projectSections(doc, 'en'), ...projectSections(doc, 'fr')];
  if (sections.length === 0) return null;
  const meta = doc.getMap('meta');
  const identification: StoredIdentification = {};
  for (const field of META_IDENTIFICATION_FIELDS) {
    const value = meta.get(field);
    if (typeof value === 'string') identification[field] = value;
  }
  return { en: storedText(identification, sections, 'en'), fr: storedText(identification, sections, 'fr') };
}

/** The longest finding_key compliance_findings takes; a longer readable key is stored hashed. */
export const MAX_KEY = 500;

/**
 * Each finding's readable key (rule, language, section, words, occurrence): the n-th finding with
 * the same rule, language, section and words gets occurrence n. The stored finding_key is this
 * when it fits in MAX_KEY.
 */
export function readableFindingKeys(findings: readonly Finding[]): { readable: string; occurrence: number }[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const identity = `${f.id}|${f.lang}|${f.section}|${f.text}`;
    const occurrence = seen.get(identity) ?? 0;
    seen.set(identity, occurrence + 1);
    return { readable: `${identity}|${occurrence}`, occurrence };
  });
}
