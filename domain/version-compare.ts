// Two states of a job description compared section by section, word by word, in both languages
// (issue 17 item 2): each section's heading and body, paired by section id, as runs of unchanged,
// added and removed text (the `diff` package's diffWordsWithSpace). Works on Y.Docs (a saved
// version's or the live one) through the same plain-text projection the database stores, so it
// runs unchanged in the browser, Node and Deno.
import { diffWordsWithSpace } from 'diff';
import type * as Y from 'yjs';
import { LANGS, type Lang } from './sections.ts';
import { projectSections, type SectionRow } from './section-rows.ts';

export type WordRun = { kind: 'same' | 'added' | 'removed'; text: string };

/** The words of `before` and `after` as runs, in reading order; removed text comes before what replaces it. */
export function wordRuns(before: string, after: string): WordRun[] {
  return diffWordsWithSpace(before, after).map((part) => ({ kind: part.added ? 'added' : part.removed ? 'removed' : 'same', text: part.value }));
}

export interface LanguageComparison {
  heading: WordRun[];
  body: WordRun[];
  changed: boolean;
}

export interface SectionComparison {
  sectionId: string;
  /** The section's heading in each language, as it reads after (or before, for a removed section). */
  title: Record<Lang, string>;
  /** Present in only one of the two states. */
  presence: 'both' | 'added' | 'removed';
  langs: Record<Lang, LanguageComparison>;
  changed: boolean;
}

const hasChange = (runs: readonly WordRun[]) => runs.some((r) => r.kind !== 'same');

/** The sections of both states, in the order of `after` then those only `before` had (at their place). */
function sectionOrder(before: Record<Lang, SectionRow[]>, after: Record<Lang, SectionRow[]>): string[] {
  const ids: string[] = [];
  const add = (rows: readonly SectionRow[]) => rows.forEach((r) => !ids.includes(r.sectionId) && ids.push(r.sectionId));
  add(after.en);
  add(after.fr);
  const afterIds = new Set(ids);
  // A section only the older state had goes after the section that preceded it there.
  for (const rows of [before.en, before.fr]) {
    rows.forEach((row, i) => {
      if (afterIds.has(row.sectionId) || ids.includes(row.sectionId)) return;
      const previous = rows[i - 1]?.sectionId;
      const at = previous === undefined ? 0 : ids.indexOf(previous) + 1;
      ids.splice(at, 0, row.sectionId);
    });
  }
  return ids;
}

/** `before` → `after`, one entry per section of either. */
export function compareDocuments(before: Y.Doc, after: Y.Doc): SectionComparison[] {
  const rows = (doc: Y.Doc) => ({ en: projectSections(doc, 'en'), fr: projectSections(doc, 'fr') });
  const old = rows(before);
  const now = rows(after);
  return sectionOrder(old, now).map((sectionId) => {
    const find = (state: Record<Lang, SectionRow[]>, lang: Lang) => state[lang].find((r) => r.sectionId === sectionId);
    const inBefore = LANGS.some((l) => find(old, l));
    const inAfter = LANGS.some((l) => find(now, l));
    const langs = {} as Record<Lang, LanguageComparison>;
    const title = {} as Record<Lang, string>;
    for (const lang of LANGS) {
      const a = find(old, lang);
      const b = find(now, lang);
      const heading = wordRuns(a?.heading ?? '', b?.heading ?? '');
      const body = wordRuns(a?.body ?? '', b?.body ?? '');
      langs[lang] = { heading, body, changed: hasChange(heading) || hasChange(body) };
      title[lang] = (b ?? a)?.heading ?? '';
    }
    return {
      sectionId,
      title,
      presence: inBefore && inAfter ? 'both' : inAfter ? 'added' : 'removed',
      langs,
      changed: LANGS.some((l) => langs[l].changed),
    };
  });
}
