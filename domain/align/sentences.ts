// Sentence splitting for English and French job descriptions. A line is a paragraph, and a
// paragraph boundary is always a sentence boundary (headings, list items). Within a line, a
// sentence ends at . ! ? or … (French may put a space before ! ? and a closing guillemet after),
// followed by space and a capital, a digit or an opening quote, unless the word before the
// point is an abbreviation (e.g., i.e., M., Mme, p. ex., c.-à-d., no.) or a list marker (1.).
// Colons and semicolons never end a sentence. Bullets inside a line start a new item.
import type { Lang } from '../sections.ts';

/** Abbreviations that are followed by a point and never end a sentence (lower-cased, point removed). */
const ABBREVIATIONS: Record<Lang, ReadonlySet<string>> = {
  en: new Set(['e.g', 'i.e', 'eg', 'ie', 'mr', 'mrs', 'ms', 'dr', 'no', 'nos', 'vs', 'approx', 'dept', 'min', 'max', 'st', 'jr', 'sr', 'inc', 'ltd', 'co', 'corp', 'p', 'pp', 'para', 'art', 'ch', 'sec', 'fig', 'vol', 'ed', 'gov', 'govt', 'hon', 'prof', 'ref', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'a.m', 'p.m', 'u.s', 'incl', 'est', 'tel', 'ext']),
  fr: new Set(['m', 'mm', 'mme', 'mmes', 'mlle', 'mlles', 'dr', 'me', 'p', 'pp', 'ex', 'p. ex', 'c.-à-d', 'no', 'nos', 'n°', 'art', 'al', 'env', 'min', 'max', 'chap', 'éd', 'vol', 'réf', 'tél', 'poste', 'av', 'boul', 'st', 'ste', 'dir', 'sect', 'janv', 'févr', 'avr', 'juill', 'sept', 'oct', 'nov', 'déc', 'hon', 'prof']),
};

// A bullet inside a line starts a new item (the bullet stays with its item, as written).
const INLINE_BULLET = /\s+(?=[•▪◦‣]\s)/;
const LIST_MARKER = /^\s*(?:\d{1,3}|[a-z]|[ivxlc]{1,5})$/i;
// Terminator, then (French) optional space and closing guillemet/quote/bracket, then space.
const BOUNDARY = /([.!?…]+)((?:[\s\u00a0\u202f]*[»”"')\]])*)([\s\u00a0\u202f]+)(?=[«“"'([]?[\s\u00a0\u202f]*[\p{Lu}\p{N}•])/gu;

/** Splits one paragraph (one line) into sentences, trimmed, none empty. */
export function splitParagraph(paragraph: string, lang: Lang): string[] {
  return paragraph
    .split(INLINE_BULLET)
    .flatMap((item) => splitItem(item.trim(), lang))
    .filter((sentence) => sentence !== '');
}

function splitItem(text: string, lang: Lang): string[] {
  const sentences: string[] = [];
  let start = 0;
  for (const match of text.matchAll(BOUNDARY)) {
    const end = match.index + match[1]!.length + match[2]!.length;
    const candidate = text.slice(start, end);
    if (match[1] === '.' && !endsSentence(text.slice(start, match.index), lang)) continue;
    sentences.push(candidate.trim());
    start = end + match[3]!.length;
  }
  sentences.push(text.slice(start).trim());
  return sentences;
}

/** Whether a point after `before` (the sentence so far) ends the sentence. */
function endsSentence(before: string, lang: Lang): boolean {
  if (LIST_MARKER.test(before)) return false; // "1. Plans the work"
  const word = /(?:^|[\s(«"“'])([^\s(«"“']+)$/u.exec(before)?.[1] ?? '';
  const lower = word.toLowerCase();
  if (ABBREVIATIONS[lang].has(lower) || ABBREVIATIONS.en.has(lower) || ABBREVIATIONS.fr.has(lower)) return false;
  if (/^\p{Lu}$/u.test(word)) return false; // an initial: "J. Tremblay"
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word)) return false; // e.g, i.e, U.S
  // Two-word abbreviations: "p. ex." and "c.-à-d." seen as their last part.
  if (lang === 'fr' && /(?:^|\s)p\.\s*ex$/i.test(before)) return false;
  return true;
}

/** A text's structure: sections (separated by blank lines), each a list of paragraphs (lines), each a list of sentences. */
export type SplitText = string[][][];

/** Splits a plain text: blank lines separate sections, each other line is a paragraph. */
export function splitText(text: string, lang: Lang): SplitText {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t\u00a0]*\n\s*/)
    .map((section) =>
      section
        .split('\n')
        .map((line) => splitParagraph(line, lang))
        .filter((sentences) => sentences.length > 0),
    )
    .filter((section) => section.length > 0);
}
