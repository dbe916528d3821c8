// Comment anchors: a range of text kept as two Yjs relative positions, so it stays on the words
// it is about while everyone edits, offline or not. Runtime-neutral (the browser element, the
// sync server and the Node property test run exactly this code).
//
// The start sticks to the first character of the range (assoc 0) and the end to the last one
// (assoc -1): typing inside the range widens it, typing just before or just after it does not,
// and a deleted boundary character still resolves to where it was. When every character of the
// range is gone (or its paragraph is), the anchor is "removed": the thread keeps its quote.
/* eslint-disable @typescript-eslint/no-explicit-any -- Yjs types are AbstractType<any> */
import * as Y from 'yjs';
import { fromBase64, toBase64 } from 'lib0/buffer';

/** An anchor as stored in a thread: base64 of `Y.encodeRelativePosition` for each end. */
export interface EncodedAnchor {
  start: string;
  end: string;
}

/** Where an anchor is now, in Yjs coordinates: the text type(s) and the offsets in them. */
export interface ResolvedAnchor {
  startType: Y.AbstractType<any>;
  start: number;
  endType: Y.AbstractType<any>;
  end: number;
}

/** An encoded end longer than this is not an anchor (a relative position is a few bytes). */
export const MAX_ENCODED_POSITION = 200;

export function encodePosition(position: Y.RelativePosition): string {
  return toBase64(Y.encodeRelativePosition(position));
}

/** The relative position, or null when the text is not one (anything may arrive from a peer). */
export function decodePosition(encoded: unknown): Y.RelativePosition | null {
  if (typeof encoded !== 'string' || encoded === '' || encoded.length > MAX_ENCODED_POSITION || !/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return null;
  try {
    return Y.decodeRelativePosition(fromBase64(encoded));
  } catch {
    return null;
  }
}

/** The anchor of `from..to` (offsets) in one text type: start on the first character, end on the last. */
export function anchorInText(text: Y.AbstractType<any>, from: number, to: number): EncodedAnchor {
  const length = (text as Y.Text).length;
  const a = Math.max(0, Math.min(from, length));
  const b = Math.max(a, Math.min(to, length));
  return anchorBetween({ type: text, index: a }, { type: text, index: b });
}

/** The anchor between two (type, offset) points, which may lie in different text types. */
export function anchorBetween(start: { type: Y.AbstractType<any>; index: number }, end: { type: Y.AbstractType<any>; index: number }): EncodedAnchor {
  return {
    start: encodePosition(Y.createRelativePositionFromTypeIndex(start.type, start.index, 0)),
    end: encodePosition(Y.createRelativePositionFromTypeIndex(end.type, end.index, -1)),
  };
}

/** Whether a type, or one of the types it sits in, has been deleted. */
export function isTypeDeleted(type: Y.AbstractType<any>): boolean {
  let item = type._item;
  while (item) {
    if (item.deleted) return true;
    item = (item.parent as Y.AbstractType<any>)._item;
  }
  return false;
}

/** The root type name a type lives in (`en`, `fr`, `comments` …), or null. */
export function rootNameOf(doc: Y.Doc, type: Y.AbstractType<any>): string | null {
  let current: Y.AbstractType<any> = type;
  while (current._item) current = current._item.parent as Y.AbstractType<any>;
  for (const [name, shared] of doc.share) if (shared === current) return name;
  return null;
}

function resolvePosition(doc: Y.Doc, encoded: unknown): Y.AbsolutePosition | null {
  const relative = decodePosition(encoded);
  if (!relative) return null;
  let absolute: Y.AbsolutePosition | null;
  try {
    absolute = Y.createAbsolutePositionFromRelativePosition(relative, doc);
  } catch {
    return null;
  }
  if (!absolute || isTypeDeleted(absolute.type)) return null;
  return absolute;
}

/**
 * Where the anchor is in this replica, or null when its text was removed: a paragraph deleted,
 * every character of the range deleted, or ends that do not (yet) exist here.
 * `rootName`: only anchors inside this root type (e.g. the thread's language fragment) count.
 */
export function resolveAnchor(doc: Y.Doc, anchor: EncodedAnchor, rootName?: string): ResolvedAnchor | null {
  const start = resolvePosition(doc, anchor.start);
  const end = resolvePosition(doc, anchor.end);
  if (!start || !end) return null;
  if (rootName !== undefined && (rootNameOf(doc, start.type) !== rootName || rootNameOf(doc, end.type) !== rootName)) return null;
  if (start.type === end.type && end.index <= start.index) return null;
  return { startType: start.type, start: start.index, endType: end.type, end: end.index };
}

/** The text an anchor covers now when both ends are in one text type (else null). */
export function anchoredText(doc: Y.Doc, anchor: EncodedAnchor, rootName?: string): string | null {
  const resolved = resolveAnchor(doc, anchor, rootName);
  if (!resolved || resolved.startType !== resolved.endType || !(resolved.startType instanceof Y.Text)) return null;
  return plainText(resolved.startType).slice(resolved.start, resolved.end);
}

/** The characters of a text type without formatting (XmlText.toString would add mark tags). */
export function plainText(text: Y.Text): string {
  return (text.toDelta() as { insert?: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
}

/** Whether a value has the shape of an encoded anchor with two decodable ends. */
export function isEncodedAnchor(value: unknown): value is EncodedAnchor {
  if (typeof value !== 'object' || value === null) return false;
  const { start, end } = value as Record<string, unknown>;
  return decodePosition(start) !== null && decodePosition(end) !== null;
}
