// Comment anchors in a ProseMirror pane bound by y-prosemirror: from a selection to an encoded
// anchor, and from an anchor back to positions. The anchor itself is the runtime-neutral one of
// comment-anchors.ts; this only converts positions through the binding's mapping.
import type { EditorState } from 'prosemirror-state';
import * as Y from 'yjs';
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from 'y-prosemirror';
import { anchorBetween, decodePosition, resolveAnchor, type EncodedAnchor } from '../../domain/comment-anchors.js';
import type { Lang } from '../../domain/sections.js';

interface Binding {
  type: Y.XmlFragment;
  mapping: Map<unknown, unknown>;
  doc: Y.Doc;
}

const bindingOf = (state: EditorState) => (ySyncPluginKey.getState(state) as { binding?: Binding } | undefined)?.binding ?? null;

function yPoint(binding: Binding, pos: number): { type: Y.AbstractType<unknown>; index: number } | null {
  const relative = absolutePositionToRelativePosition(pos, binding.type, binding.mapping as never);
  const absolute = Y.createAbsolutePositionFromRelativePosition(relative, binding.doc);
  return absolute ? { type: absolute.type, index: absolute.index } : null;
}

/** The anchor of from..to in a pane's document, or null for an empty range or an unbound pane. */
export function anchorFromRange(state: EditorState, from: number, to: number): EncodedAnchor | null {
  const binding = bindingOf(state);
  if (!binding || to <= from) return null;
  const start = yPoint(binding, from);
  const end = yPoint(binding, to);
  return start && end ? anchorBetween(start, end) : null;
}

/** Where an anchor is in a pane's document now, or null when its text was removed. */
export function rangeOfAnchor(state: EditorState, anchor: EncodedAnchor, lang: Lang): { from: number; to: number } | null {
  const binding = bindingOf(state);
  if (!binding || !resolveAnchor(binding.doc, anchor, lang)) return null;
  const start = decodePosition(anchor.start);
  const end = decodePosition(anchor.end);
  if (!start || !end) return null;
  const from = relativePositionToAbsolutePosition(binding.doc, binding.type, start, binding.mapping as never);
  const to = relativePositionToAbsolutePosition(binding.doc, binding.type, end, binding.mapping as never);
  if (from === null || to === null || to <= from || to > state.doc.content.size) return null;
  return { from, to };
}
