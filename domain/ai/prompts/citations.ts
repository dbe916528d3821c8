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
