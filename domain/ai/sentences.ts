// The sentences of a text given to AI assistance (a section or a selection). Each line is a
// paragraph or list item, split with the aligner's splitter (domain/align/sentences.ts), so the
// function's per-sentence translation-memory lookups, the offline provider and the TM harvest
// all see the same sentences.
import { splitParagraph } from '../align/sentences.ts';
import type { AiLang } from './assist-types.ts';

/** The text's lines, each with its sentences (a blank line has none), in order. */
export function splitLines(text: string, lang: AiLang): string[][] {
  return text.split(/\r\n?|\n/).map((line) => splitParagraph(line, lang));
}

/** Every sentence of the text, in order, trimmed, none empty. */
export function splitSentences(text: string, lang: AiLang): string[] {
  return splitLines(text, lang).flat();
}
