// What an offline task builds: the text in the pieces it streams, and where each part came from.
import type { AssistSource } from '../assist-types.ts';

export interface OfflineAnswer {
  text: string;
  sources: AssistSource[];
}

/** Pieces of `text` to stream, one sentence or line each; joined, they are `text` exactly. */
export function streamPieces(text: string): string[] {
  return text.split(/(?<=[.!?…»"”)]\s+|\n)/u).filter((piece) => piece !== '');
}

/** A list marker at the start of a line ("- ", "• ", "1. "), or ''. */
export function listMarker(line: string): string {
  return /^\s*(?:[-–•*▪◦‣]|\d{1,3}[.)])\s+/u.exec(line)?.[0] ?? '';
}

/** Sources without repeats (same kind and id, or the same untranslated text), in first-seen order. */
export function uniqueSources(sources: readonly AssistSource[]): AssistSource[] {
  const seen = new Set<string>();
  return sources.filter((s) => {
    const key = s.kind === 'untranslated' ? `untranslated:${s.text}` : s.kind === 'rule' ? `rule:${s.id}:${s.description}` : `${s.kind}:${s.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
