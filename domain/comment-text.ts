// Comment bodies: plain text with line breaks, checked and cleaned before it is written, and cut
// into text and link segments for rendering (never HTML). Runtime-neutral.
import { safeHref } from './safe-href.ts';

/** The longest body accepted (the `comments.body` column allows 10 000 characters). */
export const MAX_BODY_LENGTH = 10_000;

/**
 * Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and other control
 * characters except tab and newline: an override in a comment could otherwise reverse the text
 * around it ("Trojan source"). Comments are English or French, which never need them.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufff9-\ufffb]/g;

export type BodyProblem = 'empty' | 'too-long';
export type BodyCheck = { ok: true; body: string } | { ok: false; problem: BodyProblem };

/** The body as it will be stored (line endings normalized, unsafe characters removed, trimmed), or why it is refused. */
export function cleanBody(input: string): BodyCheck {
  // Checked before cleaning too, so a 1 MB paste is refused without scanning it all.
  if (input.length > MAX_BODY_LENGTH * 2) return { ok: false, problem: 'too-long' };
  const body = input.replace(/\r\n?/g, '\n').replace(UNSAFE_CHARACTERS, '').trim();
  if (body === '') return { ok: false, problem: 'empty' };
  if (body.length > MAX_BODY_LENGTH) return { ok: false, problem: 'too-long' };
  return { ok: true, body };
}

/** Whether a stored body is acceptable as it is (what the sync server checks). */
export function isCleanBody(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const check = cleanBody(value);
  return check.ok && check.body === value;
}

/** Text from a peer made safe to show: unsafe characters (bidi overrides …) removed, cut at `max`. */
export function displayText(value: string, max = MAX_BODY_LENGTH): string {
  const cut = value.length > max ? `${value.slice(0, max)}…` : value;
  return cut.replace(UNSAFE_CHARACTERS, (ch) => (ch === '\n' ? ch : ''));
}

export type BodySegment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string } | { kind: 'break' };

const URL_PATTERN = /\b(?:https?:\/\/|mailto:)[^\s<>"'`]+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}»’”]+$/;

/**
 * A body as segments: text runs, line breaks and links (http, https and mailto only, through
 * safeHref, as the editor's links). Anything else, `javascript:` included, stays text. A stored body
 * longer than the limit (written around the server by a hostile peer) is cut at the limit.
 */
export function bodySegments(body: string): BodySegment[] {
  // Written around the UI (a hostile peer), a body may still carry overrides: removed for display too.
  const text = displayText(body.replace(/\r\n?/g, '\n'));
  const segments: BodySegment[] = [];
  text.split('\n').forEach((line, index) => {
    if (index > 0) segments.push({ kind: 'break' });
    let last = 0;
    for (const match of line.matchAll(URL_PATTERN)) {
      let raw = match[0];
      const trailing = TRAILING_PUNCTUATION.exec(raw)?.[0] ?? '';
      raw = raw.slice(0, raw.length - trailing.length);
      const href = safeHref(raw);
      const start = match.index;
      if (!href) continue;
      if (start > last) segments.push({ kind: 'text', text: line.slice(last, start) });
      segments.push({ kind: 'link', text: raw, href });
      last = start + raw.length;
    }
    if (last < line.length) segments.push({ kind: 'text', text: line.slice(last) });
  });
  return segments;
}
