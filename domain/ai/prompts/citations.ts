// A model's translation ends with "Sources: [TM1], [G2]" (translate.ts asks for it). The
// function shows the text without that line and turns the keys into the answer's `sources`:
// only keys that name a match or term the prompt gave count, so a model cannot cite what it
// was not shown.
import type { AssistRequest, AssistSource } from '../assist-types.ts';

const KEY = /\[(TM|G)(\d{1,4})\]/g;
// "Sources: …", "Sources : …" (French spacing), "**Sources:** …", "Source: …".
const SOURCES_LINE = /^[\s*_]*sources?[\s*_]*[:：]/i;
// A key the model left inline ("… date limite [G1]"), with the space before it.
const INLINE_KEY = /[ \t\u00a0]?\[(?:TM|G)\d{1,4}\]/g;

function sourceOf(kind: string, number: number, request: AssistRequest): AssistSource | null {
  if (kind === 'TM') {
    const match = request.tm[number - 1];
    return match ? { kind: 'tm', id: match.id, source: match.source, target: match.target, score: match.score } : null;
  }
  const term = request.glossary[number - 1];
  return term ? { kind: 'glossary', id: term.id, source: term.source, target: term.target, status: term.status } : null;
}

/** The output without its Sources line and inline keys, and the matches and terms it cited (first citation first, once each). */
export function parseCitations(output: string, request: AssistRequest): { text: string; sources: AssistSource[] } {
  const lines = output.replace(/\s+$/, '').split('\n');
  const last = lines.at(-1) ?? '';
  const body = SOURCES_LINE.test(last) ? lines.slice(0, -1).join('\n').replace(/\s+$/, '') : lines.join('\n');
  const cited = [...`${body}\n${SOURCES_LINE.test(last) ? last : ''}`.matchAll(KEY)];
  const seen = new Set<string>();
  const sources: AssistSource[] = [];
  for (const [key, kind, number] of cited) {
    if (seen.has(key)) continue;
    seen.add(key);
    const source = sourceOf(kind!, Number(number), request);
    if (source) sources.push(source);
  }
  return { text: body.replace(INLINE_KEY, ''), sources };
}

// A line that may still become "Sources:" as more text arrives: optional bold/space, then a
// prefix of "sources" (or the whole of it, up to the colon).
const MAYBE_SOURCES = /^[\s*_]*(?:s|so|sou|sour|sourc|source|sources?[\s*_]*)?$/i;
// The start of a key cut by the end of a delta: "[", "[T", "[TM", "[TM1", "[G", "[G1".
const PARTIAL_KEY = /\[(?:TM?\d{0,4}|G\d{0,4})?$/;

/**
 * parseCitations for a stream: push() each delta and forward what it returns (never a piece of
 * the Sources line or of an inline key), then end() gives the rest of the text and the sources.
 * What is forwarded, followed by end().rest, is parseCitations(whole output).text.
 */
export function citationStream(request: AssistRequest): { push(delta: string): string; end(): { rest: string; sources: AssistSource[] } } {
  let whole = '';
  let released = 0; // characters of `whole` forwarded (inline keys taken out)
  let sent = 0; // characters of the shown text forwarded
  return {
    push(delta) {
      whole += delta;
      // Trailing white space is held: a key (taking its space) or the Sources line may follow.
      const textEnd = whole.search(/\s*$/);
      const lineStart = whole.lastIndexOf('\n', textEnd - 1) + 1;
      const lastLine = whole.slice(lineStart, textEnd);
      let limit: number;
      if (lineStart >= released && (SOURCES_LINE.test(lastLine) || MAYBE_SOURCES.test(lastLine))) {
        // The last line may be (or is) the Sources line: hold it and the line breaks before it.
        limit = whole.slice(0, lineStart).search(/\s*$/);
      } else {
        // Hold a key cut by the delta's end, with the spaces before it.
        const partial = PARTIAL_KEY.exec(whole.slice(released, textEnd));
        limit = partial ? released + partial.index : textEnd;
        while (limit > released && /[ \t\u00a0]/.test(whole[limit - 1]!)) limit--;
      }
      if (limit <= released) return '';
      const shown = whole.slice(released, limit).replace(INLINE_KEY, '');
      released = limit;
      sent += shown.length;
      return shown;
    },
    end() {
      const { text, sources } = parseCitations(whole, request);
      return { rest: text.slice(sent), sources };
    },
  };
}
