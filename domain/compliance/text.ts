// Scanning a parsed job description's text: every match of a pattern in the body of its
// sections (headings are names, not prose: "Responsibility" must not trigger anything), and the
// word and sentence counts the plain-language and length rules use.
import type { Lang } from '../sections.ts';
import { sectionLabel, type Line, type ParsedDocument, type ParsedSection } from './types.ts';

export interface TextMatch {
  section: string;
  line: Line;
  /** The match, exactly as in the input. */
  text: string;
  /** Offset of the match in its line. */
  index: number;
  /** The whole regex match (groups included). */
  match: RegExpExecArray;
}

/** Lines of prose: the section bodies and, optionally, the position title. */
export function proseLines(doc: ParsedDocument, withTitle: boolean): { section: string; line: Line }[] {
  const lines: { section: string; line: Line }[] = [];
  if (withTitle) {
    const title = doc.identification.find((f) => /^(title|titre)$/i.test(f.key.trim()));
    if (title) lines.push({ section: 'identification', line: { text: title.value, offset: title.line.offset + title.line.text.indexOf(title.value) } });
  }
  for (const section of doc.sections) for (const line of section.lines) lines.push({ section: sectionLabel(section), line });
  return lines;
}

/** Every match of `pattern` (which must have the g flag) in the document's prose. */
export function matchesIn(doc: ParsedDocument, pattern: RegExp, withTitle = true): TextMatch[] {
  const found: TextMatch[] = [];
  for (const { section, line } of proseLines(doc, withTitle)) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(line.text); m; m = pattern.exec(line.text)) {
      found.push({ section, line, text: m[0], index: m.index, match: m });
      if (m[0] === '') pattern.lastIndex++;
    }
  }
  return found;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;
export const words = (text: string): string[] => text.match(WORD) ?? [];

/** A line without its list marker (`- `, `• `, `1. `). */
export const withoutBullet = (text: string): string => text.replace(/^\s*(?:[-–•*]|\d+[.)])\s+/, '');

/**
 * Sentences of a line: ends at . ! ? followed by a space and a capital (or the end), so
 * abbreviations inside a sentence ("e.g. the", "approx. 20") do not split it.
 */
export function sentences(text: string): string[] {
  return withoutBullet(text)
    .split(/(?<=[.!?])\s+(?=[\p{Lu}«"“(])/u)
    .map((s) => s.trim())
    .filter((s) => words(s).length > 0);
}

/** Syllables of a word, by vowel groups (the usual approximation for readability formulas). */
export function syllables(word: string, lang: Lang): number {
  const w = word.toLowerCase().replace(/[^a-zàâäéèêëîïôöùûüÿœæ]/g, '');
  if (w === '') return 0;
  let trimmed = w;
  if (lang === 'en') trimmed = w.replace(/(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$/, (s) => s.slice(0, 1)).replace(/^y/, '');
  else trimmed = w.replace(/([^aeiouyàâäéèêëîïôöùûüÿœæ])es?$/, '$1').replace(/ent$/, '');
  const groups = trimmed.match(/[aeiouyàâäéèêëîïôöùûüÿœæ]+/g)?.length ?? 0;
  return Math.max(1, groups);
}

/** The section of `doc` with the standard id, or undefined. */
export const sectionById = (doc: ParsedDocument, id: string): ParsedSection | undefined => doc.sections.find((s) => s.sectionId === id);
