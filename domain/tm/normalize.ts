// private.normalize_text (supabase/migrations/20261123100400_translation.sql) in TypeScript:
// the form translation-memory scoring compares. Step by step, as the SQL does it:
//   translate(lower(normalize(t, nfc)), apostrophes/dashes/spaces) -> punctuation to spaces ->
//   "'" to "' " (elided articles split off) -> hyphens at word edges dropped -> \s+ to ' ' -> trim.
// Where Postgres and JavaScript differ, this follows Postgres as the stack runs it (PGlite, libc
// locale C.UTF-8; measured over every code point): `lower()` maps İ to i and leaves the circled
// letters Ⓐ–Ⓩ alone, and regex `\s` is its own set (no U+00A0, U+2007, U+202F or U+FEFF; U+0085
// included). Letters added to Unicode after the C library's tables (Unicode 14 and later) may
// lower-case differently; a database on another locale may differ for them too.
// scripts/tm-score-parity.test.ts compares both on every text of the score table.
import { TracedText, type Span } from './traced-text.ts';

/** What Postgres's regex `\s` matches under C.UTF-8 (the characters between brackets of a class). */
export const PG_SPACE = '\\t\\n\\v\\f\\r \\u0085\\u2000-\\u2006\\u2008-\\u200a\\u2028\\u2029\\u205f\\u3000';

const PG_SPACES = new RegExp(`[${PG_SPACE}]+`, 'g');

/** translate()'s pairs: typographic apostrophes, dashes and spaces to their plain forms. */
const TRANSLATED: ReadonlyMap<string, string> = new Map([
  ...[...'\u2019\u2018\u0060\u00b4\u02bc'].map((c): [string, string] => [c, "'"]),
  ...[...'\u2013\u2014\u2010\u2011\u2012\u2212'].map((c): [string, string] => [c, '-']),
  ...[...'\u00a0\u202f\u2009\u2007\t\n\r'].map((c): [string, string] => [c, ' ']),
]);

const PUNCTUATION = /[.,;:!?()[\]{}"\u201c\u201d\u00ab\u00bb\u201e\u201f\u2039\u203a/\\|*+=<>\u2026\u2022\u00b7\u00a7\u00b6#~^_@&%$]/g;

// Postgres regexes take the longest match among alternatives starting at the same place
// (leftmost-longest), JavaScript the first alternative that matches: the SQL pattern
// (^|\s)-+|-+(\s|$) is written here with its longest case first.
const EDGE_HYPHENS = new RegExp(`^-+(?:[${PG_SPACE}]|$)|(?:^|[${PG_SPACE}])-+|-+(?:[${PG_SPACE}]|$)`, 'g');

const CIRCLED_CAPITALS = /[\u24b6-\u24cf]/u;

/** Postgres `lower()` of one code point. */
function lowerCodePoint(codePoint: string): string {
  if (codePoint === '\u0130') return 'i';
  if (CIRCLED_CAPITALS.test(codePoint)) return codePoint;
  return codePoint.toLowerCase();
}

/** normalize_text's steps on a traced text (so each normalised word knows where it came from). */
export function normalizeTraced(text: string): TracedText {
  return TracedText.of(text)
    .nfc()
    .mapCodePoints((codePoint) => TRANSLATED.get(lowerCodePoint(codePoint)) ?? lowerCodePoint(codePoint))
    .replace(PUNCTUATION, ' ')
    .replace(/'/g, "' ")
    .replace(EDGE_HYPHENS, ' ')
    .replace(PG_SPACES, ' ')
    .trim(' ');
}

/** private.normalize_text(text). */
export function normalizeText(text: string): string {
  return normalizeTraced(text).text;
}

/** A normalised word and the stretch of the original text it comes from. */
export interface TracedWord {
  word: string;
  span: Span;
}

/** The words fuzzy scoring compares (string_to_array(normalize_text(text), ' ')), with their spans. */
export function normalizedWords(text: string): TracedWord[] {
  return normalizeTraced(text).words();
}

/** What the 99 rule compares: regexp_replace(btrim(raw), '\s+', ' ', 'g') (btrim trims spaces only). */
export function collapsedRaw(text: string): string {
  return text.replace(/^ +| +$/g, '').replace(PG_SPACES, ' ');
}
