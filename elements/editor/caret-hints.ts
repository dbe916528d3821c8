// What the text under the caret (or the pointer) says about itself: the glossary's expected
// equivalent and the compliance findings underlined there. The glossary controller shows it as
// one tooltip and announces it once, politely, so both kinds of underline reach keyboard and
// screen-reader users the same way.
import type { EditorState } from 'prosemirror-state';
import { glossaryMarkAt } from './glossary-decorations.js';
import { findingMarksAt } from './finding-decorations.js';

export interface CaretHint {
  from: number;
  to: number;
  message: string;
}

/** The hint at a position: the findings there (most serious first), then the glossary term; null when there is nothing to say. */
export function caretHintAt(state: EditorState, pos: number): CaretHint | null {
  const term = glossaryMarkAt(state, pos);
  const findings = findingMarksAt(state, pos);
  const spans = [...findings, ...(term ? [term] : [])].filter((s) => s.message);
  if (spans.length === 0) return null;
  return { from: Math.min(...spans.map((s) => s.from)), to: Math.max(...spans.map((s) => s.to)), message: spans.map((s) => s.message).join(' ') };
}

/** The hint of the underlines the pointer is over (innermost first), read from their data attributes; null when none. */
export function pointerHint(path: readonly EventTarget[]): { element: HTMLElement; message: string } | null {
  const marked = path.filter((n): n is HTMLElement => n instanceof HTMLElement && (n.dataset['gloss'] !== undefined || n.dataset['finding'] !== undefined));
  if (marked.length === 0) return null;
  const messages = marked.flatMap((n) => [n.dataset['finding'], n.dataset['gloss']]).filter((m): m is string => !!m);
  return { element: marked[0]!, message: messages.join(' ') };
}
