// What the formatting toolbar needs from ProseMirror, kept apart from rendering: which
// formats are active at the selection (for aria-pressed), link commands that work on a
// selection or on the link around the caret, and arrow-key movement between buttons
// (the WAI-ARIA toolbar pattern: one tab stop, arrows inside).
import type { Mark, MarkType, ResolvedPos } from 'prosemirror-model';
import type { Command, EditorState } from 'prosemirror-state';
import { safeHref } from '../../domain/safe-href.js';
import { jdSchema } from '../core/schema.js';

export interface ToolbarState {
  strong: boolean;
  em: boolean;
  /** The href of the link at the selection, or null. */
  link: string | null;
  /** The innermost block kind around the selection's start. */
  block: 'heading' | 'paragraph' | 'bullet_list' | 'ordered_list' | null;
}

const marks = jdSchema.marks;

function markActive(state: EditorState, type: MarkType): boolean {
  const { from, to, empty, $from } = state.selection;
  if (empty) return !!type.isInSet(state.storedMarks ?? $from.marks());
  return state.doc.rangeHasMark(from, to, type);
}

function blockOf($pos: ResolvedPos): ToolbarState['block'] {
  for (let depth = $pos.depth; depth > 0; depth--) {
    const name = $pos.node(depth).type.name;
    if (name === 'bullet_list' || name === 'ordered_list') return name;
  }
  const name = $pos.parent.type.name;
  return name === 'heading' || name === 'paragraph' ? name : null;
}

function linkMarkAt(state: EditorState): Mark | null {
  const { $from, from, to, empty } = state.selection;
  if (empty) return marks['link']!.isInSet($from.marks()) ?? null;
  let found: Mark | null = null;
  state.doc.nodesBetween(from, to, (node) => {
    found ??= marks['link']!.isInSet(node.marks) ?? null;
    return !found;
  });
  return found;
}

export function toolbarStateOf(state: EditorState): ToolbarState {
  const link = linkMarkAt(state);
  return {
    strong: markActive(state, marks['strong']!),
    em: markActive(state, marks['em']!),
    link: link ? String(link.attrs['href']) : null,
    block: blockOf(state.selection.$from),
  };
}

export const sameToolbarState = (a: ToolbarState | null, b: ToolbarState): boolean =>
  !!a && a.strong === b.strong && a.em === b.em && a.link === b.link && a.block === b.block;

/** The whole extent of the link mark around a position inside a textblock (ProseMirror has no built-in for this). */
function linkExtent($pos: ResolvedPos, link: Mark): { from: number; to: number } | null {
  const parent = $pos.parent;
  const start = $pos.start();
  let from = -1;
  let to = -1;
  let offset = 0;
  for (let i = 0; i < parent.childCount; i++) {
    const child = parent.child(i);
    const childFrom = start + offset;
    const childTo = childFrom + child.nodeSize;
    if (link.isInSet(child.marks)) {
      if (from < 0) from = childFrom;
      to = childTo;
    } else if (from >= 0) {
      if ($pos.pos >= from && $pos.pos <= to) break;
      from = to = -1;
    }
    offset += child.nodeSize;
  }
  return from >= 0 && $pos.pos >= from && $pos.pos <= to ? { from, to } : null;
}

/** The range a link command acts on: the selection, else the link around the caret, else null. */
function linkTarget(state: EditorState): { from: number; to: number } | null {
  const { from, to, empty, $from } = state.selection;
  if (!empty) return { from, to };
  const link = linkMarkAt(state);
  return link ? linkExtent($from, link) : null;
}

/**
 * Links the selection (or changes the link around the caret) to `href`. With nothing selected
 * and no link there, the address itself is inserted as linked text. Unsafe addresses do nothing.
 */
export function setLink(href: string): Command {
  return (state, dispatch) => {
    const safe = safeHref(href);
    if (!safe) return false;
    const type = marks['link']!;
    const target = linkTarget(state);
    if (dispatch) {
      const mark = type.create({ href: safe });
      const tr = state.tr;
      if (target) tr.removeMark(target.from, target.to, type).addMark(target.from, target.to, mark);
      else tr.insert(state.selection.from, state.schema.text(safe, [mark]));
      dispatch(tr.scrollIntoView());
    }
    return true;
  };
}

/** Removes the link from the selection, or the whole link around the caret. */
export const removeLink: Command = (state, dispatch) => {
  const target = linkTarget(state);
  if (!target || !state.doc.rangeHasMark(target.from, target.to, marks['link']!)) return false;
  dispatch?.(state.tr.removeMark(target.from, target.to, marks['link']!));
  return true;
};

/**
 * The index of the toolbar item to focus after a key press (arrows wrap, Home/End), or null
 * when the key is not a toolbar movement key. Disabled items are skipped.
 */
export function nextToolbarIndex(key: string, current: number, enabled: readonly boolean[]): number | null {
  const count = enabled.length;
  if (count === 0 || !enabled.some(Boolean)) return null;
  const step = (from: number, delta: number) => {
    let i = from;
    for (let n = 0; n < count; n++) {
      i = (i + delta + count) % count;
      if (enabled[i]) return i;
    }
    return from;
  };
  switch (key) {
    case 'ArrowRight':
      return step(current, 1);
    case 'ArrowLeft':
      return step(current, -1);
    case 'Home':
      return step(-1, 1);
    case 'End':
      return step(count, -1);
    default:
      return null;
  }
}
