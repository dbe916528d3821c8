// Long sentences (the plain-language rule's limit, domain/compliance/plain.ts: over 30 words in
// English, 35 in French) are split once, at the semicolon or ", and" / ", et" nearest their
// middle, when both halves keep at least 8 words; ", and" closing a list ("A, B, and C") is not
// a clause boundary and is left alone (a ", and" after another comma is not cut).
import { longSentence, PLAIN_LIMITS } from '../../compliance/plain.ts';
import { sentences, words } from '../../compliance/text.ts';
import type { Lang } from '../../sections.ts';
import { change, type Edit } from './edits.ts';

const MIN_HALF = 8;
const JOINS: Record<Lang, RegExp> = { en: /;\s+|,\s+and\s+/giu, fr: /\s?;\s+|,\s+et\s+/giu };

/** The best split of one sentence: the separator's place and length, or null. */
function splitPoint(sentence: string, lang: Lang): { at: number; length: number } | null {
  let best: { at: number; length: number; balance: number } | null = null;
  for (const m of sentence.matchAll(JOINS[lang])) {
    const before = words(sentence.slice(0, m.index));
    const after = words(sentence.slice(m.index + m[0].length));
    if (before.length < MIN_HALF || after.length < MIN_HALF) continue;
    // "reports, briefs, and notes": with another comma before it, ", and" may end a list; not a safe cut.
    if (m[0].includes(',') && sentence.slice(0, m.index).includes(',')) continue;
    const balance = Math.abs(before.length - after.length);
    if (!best || balance < best.balance) best = { at: m.index, length: m[0].length, balance };
  }
  return best;
}

/** Edits that split the long sentences of `text` in two. */
export function longSentenceEdits(text: string, lang: Lang): Edit[] {
  const edits: Edit[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    let cursor = 0;
    for (const sentence of sentences(line)) {
      const at = line.indexOf(sentence, cursor);
      if (at < 0) continue;
      cursor = at + sentence.length;
      if (words(sentence).length <= PLAIN_LIMITS.longSentence[lang]) continue;
      const split = splitPoint(sentence, lang);
      if (!split) continue;
      const start = offset + at + split.at;
      const first = text.charAt(start + split.length);
      const replacement = `. ${first.toUpperCase()}`;
      // Described with the words around the cut: "…budget; it reports…" → "…budget. It reports…".
      const lead = text.slice(offset + at, start).split(/\s+/).slice(-2).join(' ');
      const next = /^\S*/u.exec(text.slice(start + split.length))![0];
      const description = change(lang, `…${lead}${text.slice(start, start + split.length)}${next}…`, `…${lead}. ${first.toUpperCase()}${next.slice(1)}…`);
      edits.push({ start, end: start + split.length + 1, replacement, source: { kind: 'rule', id: longSentence.id, description } });
    }
    offset += line.length + 1;
  }
  return edits;
}
