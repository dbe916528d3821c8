// Rewrites as edits of the original text: where, what instead, and the rule that asked for it.
import type { AssistSource } from '../assist-types.ts';
import type { Lang } from '../../sections.ts';
import type { ParsedDocument } from '../../compliance/types.ts';

export interface Edit {
  start: number;
  end: number;
  replacement: string;
  source: AssistSource;
}

/** `text` with `edits` applied; an edit overlapping one before it (in text order) is dropped. */
export function applyEdits(text: string, edits: readonly Edit[]): { text: string; applied: Edit[] } {
  const applied: Edit[] = [];
  for (const edit of [...edits].sort((a, b) => a.start - b.start || b.end - a.end)) {
    const last = applied.at(-1);
    if (!last || edit.start >= last.end) applied.push(edit);
  }
  let result = '';
  let at = 0;
  for (const edit of applied) {
    result += text.slice(at, edit.start) + edit.replacement;
    at = edit.end;
  }
  return { text: result + text.slice(at), applied };
}

/** A plain text as the compliance rules read a document: one untitled section, a line per line, offsets into `text`. */
export function documentOf(text: string, lang: Lang): ParsedDocument {
  const lines: { text: string; offset: number }[] = [];
  let offset = 0;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() !== '') lines.push({ text: line, offset });
    offset += raw.length + 1;
  }
  return { lang, identification: [], identificationSection: null, sections: [{ sectionId: null, heading: { text: '', offset: 0 }, lines }] };
}

/** A document with no text, for the language a same-language rewrite does not read. */
export const emptyDocument = (lang: Lang): ParsedDocument => ({ lang, identification: [], identificationSection: null, sections: [] });

/** `"old" → "new"` in the text's language's quotes. */
export const change = (lang: Lang, before: string, after: string): string => (lang === 'fr' ? `« ${before} » → « ${after} »` : `"${before}" → "${after}"`);
