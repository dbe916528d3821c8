// Paragraphs with heading flags from the texts the align and legacy-import functions receive:
// HTML (what mammoth makes of a DOCX file, or a page saved from a browser) and plain text (the
// align command's format: sections separated by blank lines, a section's first line may be its
// heading). Runtime-neutral: no DOM, so the HTML is read with a small tag scanner that knows only
// which elements end a paragraph; that is all these texts need.
import type { SourceParagraph } from './legacy-import.ts';

/** Elements whose start or end is a paragraph boundary. */
const BLOCK = new Set(['p', 'div', 'li', 'td', 'th', 'tr', 'table', 'ul', 'ol', 'dl', 'dt', 'dd', 'section', 'article', 'header', 'footer', 'blockquote', 'pre', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'title', 'caption', 'body']);
const HEADING = /^h[1-6]$/;
/** Elements whose content is never text. */
const SKIPPED = /<(script|style|head|template|noscript)\b[\s\S]*?<\/\1\s*>/gi;
const TAG = /<\/?([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*>|<!--[\s\S]*?-->|<![^>]*>|<\?[^>]*>/g;

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“',
  laquo: '«', raquo: '»', ndash: '–', mdash: '—', hellip: '…', bull: '•', eacute: 'é', egrave: 'è', ecirc: 'ê',
  agrave: 'à', acirc: 'â', ccedil: 'ç', icirc: 'î', ocirc: 'ô', ucirc: 'û', ugrave: 'ù', euml: 'ë', iuml: 'ï',
  Eacute: 'É', Egrave: 'È', Agrave: 'À', Ccedil: 'Ç', oelig: 'œ', OElig: 'Œ', deg: '°', sect: '§', middot: '·',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name] ?? whole;
  });
}

/** The paragraphs of an HTML document or fragment, headings (h1-h6) flagged. */
export function htmlParagraphs(html: string): SourceParagraph[] {
  const paragraphs: SourceParagraph[] = [];
  let text = '';
  let headingDepth = 0;
  const flush = (heading: boolean) => {
    const clean = decodeEntities(text).replace(/[\s\u00a0]+/g, ' ').trim();
    if (clean) paragraphs.push({ text: clean, heading });
    text = '';
  };
  const source = html.replace(SKIPPED, ' ');
  let last = 0;
  for (const match of source.matchAll(TAG)) {
    text += source.slice(last, match.index);
    last = match.index + match[0].length;
    const name = match[1]?.toLowerCase();
    if (name === undefined || !BLOCK.has(name)) continue;
    const closing = match[0][1] === '/';
    if (HEADING.test(name)) {
      // The text before a heading starts is a paragraph; the heading's own text ends at its close.
      flush(headingDepth > 0);
      headingDepth = Math.max(0, headingDepth + (closing ? -1 : 1));
      continue;
    }
    flush(headingDepth > 0);
  }
  text += source.slice(last);
  flush(headingDepth > 0);
  return paragraphs;
}

/**
 * The paragraphs of a plain text: each non-blank line. The first line of a block (after a blank
 * line, or the text's start) is flagged as a heading when it is short and does not end a
 * sentence, as a heading would be written.
 */
export function textParagraphs(text: string): SourceParagraph[] {
  const paragraphs: SourceParagraph[] = [];
  let blockStart = true;
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r\n?|\n/)) {
    const line = raw.trim();
    if (line === '') {
      blockStart = true;
      continue;
    }
    paragraphs.push({ text: line, heading: blockStart && line.length <= 120 && !/[.!?;,]$/.test(line) });
    blockStart = false;
  }
  return paragraphs;
}

/** Whether a text looks like HTML rather than plain text. */
export function looksLikeHtml(text: string): boolean {
  return /^\s*(?:<!doctype html|<html\b|<\?xml[^>]*>\s*<html\b)/i.test(text) || /<(?:p|h[1-6]|div|li|table|br)\b[^>]*>/i.test(text.slice(0, 10_000));
}

/** Paragraphs back to the plain-text format (a section per heading, sections separated by blank lines). */
export function paragraphsToText(paragraphs: readonly SourceParagraph[]): string {
  const lines: string[] = [];
  paragraphs.forEach((p, i) => {
    if (p.heading && i > 0) lines.push('');
    lines.push(p.text);
  });
  return lines.join('\n');
}
