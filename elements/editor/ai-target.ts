// What an AI task works on in a pane, and how its suggestion is put back (issue 16 item 4).
//
// The target is the selection when there is one (inside one section: a change may not cross a
// section boundary, which the structure guard refuses), else the body of the section the caret is
// in (everything after its heading). Its text is read with one '\n' between textblocks, and every
// character keeps its ProseMirror position, so a word-diff change at text offsets [start, end)
// becomes a replacement at document positions.
//
// The range is also kept as two Yjs relative positions (y-prosemirror's mapping), which follow
// everyone's edits. When the writer applies the suggestion, the range is resolved again and its
// text compared with the text that was sent: if someone changed it meanwhile, nothing is applied
// (the caller says so) rather than overwriting their words.
import { Fragment, Slice, type Node as PmNode } from 'prosemirror-model';
import type { EditorState, Transaction } from 'prosemirror-state';
import { ySyncPluginKey, absolutePositionToRelativePosition, relativePositionToAbsolutePosition } from 'y-prosemirror';
import type * as Y from 'yjs';
import { jdSchema } from '../core/schema.js';
import type { Lang } from '../../domain/sections.js';
import type { WordChange } from './ai-diff.js';

export interface AiTarget {
  lang: Lang;
  sectionId: string;
  /** Whether it is the selection (else the section's body). */
  selection: boolean;
  text: string;
  /** Where it was when asked (used as it is only when the pane has no Yjs binding). */
  from: number;
  to: number;
  anchor: { from: Y.RelativePosition; to: Y.RelativePosition } | null;
}

export type TargetProblem = 'across-sections' | 'no-section' | 'empty';

interface SyncBinding {
  binding?: { type: Y.XmlFragment; mapping: Map<unknown, unknown>; doc: Y.Doc };
}

const bindingOf = (state: EditorState) => (ySyncPluginKey.getState(state) as SyncBinding | undefined)?.binding ?? null;

/** The text of from..to, '\n' between textblocks, and each character's position (-1 for a '\n' between blocks). */
export function textWithPositions(doc: PmNode, from: number, to: number): { text: string; positions: number[] } {
  let text = '';
  const positions: number[] = [];
  let blocks = 0;
  doc.nodesBetween(from, to, (node, pos) => {
    if (node.isTextblock) {
      if (blocks++ > 0) {
        text += '\n';
        positions.push(-1);
      }
      return true;
    }
    if (!node.isText) return true;
    const value = node.text ?? '';
    for (let i = Math.max(0, from - pos); i < Math.min(value.length, to - pos); i++) {
      text += value[i];
      positions.push(pos + i);
    }
    return false;
  });
  return { text, positions };
}

/** The body of a section (after its heading): positions. */
export function sectionBody(doc: PmNode, sectionId: string): { from: number; to: number } | null {
  let found: { from: number; to: number } | null = null;
  doc.forEach((section, offset) => {
    if (found || String(section.attrs['sectionId']) !== sectionId) return;
    const heading = section.firstChild;
    const from = offset + 1 + (heading?.type.name === 'heading' ? heading.nodeSize : 0);
    found = { from, to: offset + section.nodeSize - 1 };
  });
  return found;
}

/** The section id at a position (null outside any). */
export function sectionAt(state: EditorState, pos: number): string | null {
  const $pos = state.doc.resolve(pos);
  return $pos.depth >= 1 ? String($pos.node(1).attrs['sectionId']) : null;
}

/** The range the task works on: the selection, else the section body under the caret. */
export function targetRange(state: EditorState): { from: number; to: number; sectionId: string; selection: boolean } | TargetProblem {
  const { from, to, empty, head } = state.selection;
  const sectionId = sectionAt(state, empty ? head : from);
  if (!sectionId) return 'no-section';
  if (!empty) return sectionAt(state, to) === sectionId ? { from, to, sectionId, selection: true } : 'across-sections';
  const body = sectionBody(state.doc, sectionId);
  return body ? { ...body, sectionId, selection: false } : 'no-section';
}

/** The target of a pane now (its text and anchor), or what is wrong with it. */
export function targetOf(state: EditorState, lang: Lang, options: { allowEmpty?: boolean } = {}): AiTarget | TargetProblem {
  const range = targetRange(state);
  if (typeof range === 'string') return range;
  const { text } = textWithPositions(state.doc, range.from, range.to);
  if (text.trim() === '' && !options.allowEmpty) return 'empty';
  const binding = bindingOf(state);
  const anchor = binding
    ? {
        from: absolutePositionToRelativePosition(range.from, binding.type, binding.mapping as never),
        to: absolutePositionToRelativePosition(range.to, binding.type, binding.mapping as never),
      }
    : null;
  return { lang, sectionId: range.sectionId, selection: range.selection, text, from: range.from, to: range.to, anchor };
}

/** Where the target is now, if its text is still the text that was sent; null when it changed. */
export function currentRange(state: EditorState, target: AiTarget): { from: number; to: number; positions: number[] } | null {
  const binding = bindingOf(state);
  let from: number | null;
  let to: number | null;
  if (target.anchor && binding) {
    from = relativePositionToAbsolutePosition(binding.doc, binding.type, target.anchor.from, binding.mapping as never);
    to = relativePositionToAbsolutePosition(binding.doc, binding.type, target.anchor.to, binding.mapping as never);
  } else {
    from = target.from;
    to = target.to;
  }
  if (from === null || to === null || to < from) return null;
  const now = textWithPositions(state.doc, from, to);
  return now.text === target.text ? { from, to, positions: now.positions } : null;
}

/** `text` as content at `pos`: one text node, or paragraphs when it has line breaks (the first and last join the blocks around). */
function contentFor(state: EditorState, pos: number, text: string): Slice {
  const marks = state.doc.resolve(pos).marks();
  const lines = text.split('\n');
  if (lines.length === 1) return new Slice(text === '' ? Fragment.empty : Fragment.from(jdSchema.text(text, marks)), 0, 0);
  const paragraph = jdSchema.nodes['paragraph']!;
  return new Slice(Fragment.from(lines.map((line) => paragraph.create(null, line === '' ? [] : [jdSchema.text(line, marks)]))), 1, 1);
}

/** Document position of text offset `offset` (a change starting there), given the range's positions. */
function positionAt(range: { from: number; to: number; positions: number[] }, offset: number, side: 'start' | 'end'): number {
  const { positions } = range;
  if (side === 'start') {
    if (offset < positions.length && positions[offset]! >= 0) return positions[offset]!;
    if (offset > 0 && positions[offset - 1]! >= 0) return positions[offset - 1]! + 1;
    if (offset === 0) return range.from;
    return positionAt(range, offset + 1, 'start');
  }
  // The end of a change: just after its last character, or (a line break) at the next block's first.
  if (offset > 0 && positions[offset - 1]! >= 0) return positions[offset - 1]! + 1;
  if (offset < positions.length && positions[offset]! >= 0) return positions[offset]!;
  return range.to;
}

/** One transaction replacing, in the range, each accepted change's removed words with its added ones. */
export function applyChanges(state: EditorState, range: { from: number; to: number; positions: number[] }, changes: readonly WordChange[]): Transaction | null {
  if (changes.length === 0) return null;
  const tr = state.tr;
  // Last first: each replacement leaves the positions before it as they were.
  for (const change of [...changes].sort((a, b) => b.start - a.start)) {
    const from = positionAt(range, change.start, 'start');
    const to = change.end === change.start ? from : Math.max(from, positionAt(range, change.end, 'end'));
    tr.replace(from, to, contentFor(state, from, change.added));
  }
  return tr;
}

/** One transaction replacing from..to (inside a textblock) with `text` (paragraphs at line breaks). */
export function replaceWithText(state: EditorState, from: number, to: number, text: string): Transaction {
  return state.tr.replace(from, to, contentFor(state, from, text));
}

/** Whether a section's body (after its heading) holds no text. */
export function sectionIsEmpty(doc: PmNode, sectionId: string): boolean {
  const body = sectionBody(doc, sectionId);
  return body !== null && textWithPositions(doc, body.from, body.to).text.trim() === '';
}

/** One transaction replacing the body of a section with `text`, one paragraph a line; null without the section. */
export function replaceSectionBody(state: EditorState, sectionId: string, text: string): Transaction | null {
  const body = sectionBody(state.doc, sectionId);
  if (!body) return null;
  const paragraph = jdSchema.nodes['paragraph']!;
  const paragraphs = text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => paragraph.create(null, [jdSchema.text(line)]));
  return state.tr.replaceWith(body.from, body.to, paragraphs.length > 0 ? paragraphs : [paragraph.create()]);
}
