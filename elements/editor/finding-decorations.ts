// The compliance findings of one pane, underlined in the text: a ProseMirror plugin holding the
// ranges a linked <jd-compliance> located (elements/compliance/finding-marks.ts). They are
// replaced only when the findings change (a transaction with this plugin's meta) and otherwise
// follow the edits, so a keystroke costs one mapping, never a search. Alt+F8 / Shift+Alt+F8 move
// the caret to the next / previous finding of the pane; the glossary controller's caret hint
// (tooltip and polite announcement) says the finding's message once the caret is inside it.
import { Plugin, PluginKey, TextSelection, type Command, type EditorState, type Transaction } from 'prosemirror-state';
import { Mapping, StepMap } from 'prosemirror-transform';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { Node as PmNode } from 'prosemirror-model';
import { keymap } from 'prosemirror-keymap';
import { ySyncPluginKey } from 'y-prosemirror';
import type { Severity } from '../../domain/compliance/types.js';
import type { FindingMark } from '../core/compliance-link.js';
import { EDITOR_SHORTCUTS } from './shortcuts.js';

export type { FindingMark };

export const findingDecorationsKey = new PluginKey<DecorationSet>('jd-findings');

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/**
 * y-prosemirror applies a remote change as one replacement of the whole document, which would
 * drop every underline; the part that really changed (nodes of untouched Yjs types are reused,
 * so the comparison stops early) is mapped instead.
 */
function remoteChangeMap(tr: Transaction): StepMap {
  const before = tr.before.content;
  const after = tr.doc.content;
  const start = before.findDiffStart(after);
  if (start === null) return StepMap.empty;
  const end = before.findDiffEnd(after) ?? { a: before.size, b: after.size };
  // findDiffEnd may overlap the start when the change repeats text around it.
  const overlap = Math.max(0, start - Math.min(end.a, end.b));
  return new StepMap([start, end.a + overlap - start, end.b + overlap - start]);
}

export const findingDecorationsPlugin = new Plugin<DecorationSet>({
  key: findingDecorationsKey,
  state: {
    init: () => DecorationSet.empty,
    apply: (tr, set) => {
      const change = tr.getMeta(findingDecorationsKey) as MarksChange | undefined;
      if (change) {
        // Removing and adding keeps the rest of the set (and so the view's drawing of it) as it was.
        const gone = change.remove.size === 0 ? [] : set.find(undefined, undefined, (spec) => change.remove.has((spec as { id: string }).id));
        const fits = (m: FindingMark) => m.from < m.to && m.to <= tr.doc.content.size;
        return set.remove(gone).add(tr.doc, change.add.filter(fits).map((m) => toDecoration(tr.doc, m)));
      }
      if (!tr.docChanged || set === DecorationSet.empty) return set;
      const remote = (tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin;
      return set.map(remote ? new Mapping([remoteChangeMap(tr)]) : tr.mapping, tr.doc);
    },
  },
  props: { decorations: (state) => findingDecorationsKey.getState(state) },
});

/** Whether from..to is the whole content of one textblock (a sentence that is the paragraph, a long paragraph). */
function wholeTextblock(doc: PmNode, from: number, to: number): boolean {
  const $from = doc.resolve(from);
  return $from.parent.isTextblock && from === $from.start() && to === $from.end() && $from.parent.content.size > 0;
}

function toDecoration(doc: PmNode, mark: FindingMark): Decoration {
  // Wavy (error), dashed (warning) or dotted (information) underline (editor.styles.ts): the shape
  // says the severity, never colour alone. data-finding is what the hover tooltip reads.
  const severity = SEVERITIES.includes(mark.severity) ? mark.severity : 'info';
  const attrs = { class: `jd-finding jd-finding-${severity}`, 'data-severity': severity, 'data-finding': mark.message };
  const spec = { id: mark.id, message: mark.message, severity };
  // A finding on a whole paragraph (plain language: a long sentence or paragraph) decorates the
  // paragraph itself, which underlines it the same way: an inline decoration around the text
  // being typed would make the view redraw that text's wrapper on every key (measured: +2 ms
  // a key on the 20 000-word benchmark).
  if (wholeTextblock(doc, mark.from, mark.to)) return Decoration.node(mark.from - 1, mark.to + 1, attrs, { ...spec, block: true });
  return Decoration.inline(mark.from, mark.to, attrs, { ...spec, inclusiveStart: false, inclusiveEnd: false });
}

/** What changes in a pane's underlines: the ids to remove, the marks to add. */
interface MarksChange {
  remove: ReadonlySet<string>;
  add: readonly FindingMark[];
}

const sameMark = (a: FindingMark, b: FindingMark) => a.from === b.from && a.to === b.to && a.severity === b.severity && a.message === b.message;

/**
 * Makes the pane's underlined findings `marks` (not an edit: nothing to undo); null when they
 * already are. Only the underlines that differ are removed and added.
 */
export function setFindingMarks(state: EditorState, marks: readonly FindingMark[]): Transaction | null {
  const shown = new Map(findingMarks(state).map((m) => [m.id, m]));
  const wanted = new Map(marks.map((m) => [m.id, m]));
  const remove = new Set([...shown.keys()].filter((id) => !wanted.has(id) || !sameMark(shown.get(id)!, wanted.get(id)!)));
  const add = [...wanted.values()].filter((m) => !shown.has(m.id) || remove.has(m.id));
  if (remove.size === 0 && add.length === 0) return null;
  return state.tr.setMeta(findingDecorationsKey, { remove, add } satisfies MarksChange).setMeta('addToHistory', false);
}

function markOf(d: Decoration): FindingMark {
  const spec = d.spec as { id: string; message: string; severity: Severity; block?: boolean };
  // A paragraph's decoration spans the node; the finding is its content.
  const inset = spec.block ? 1 : 0;
  return { id: spec.id, from: d.from + inset, to: d.to - inset, severity: spec.severity, message: spec.message };
}

/** The underlined findings of a pane now, in document order. */
export function findingMarks(state: EditorState): FindingMark[] {
  const found = findingDecorationsKey.getState(state)?.find() ?? [];
  return found.map(markOf).sort((a, b) => a.from - b.from || a.to - b.to);
}

/** The underlined findings at a position (the caret), most serious first: a lookup in the set, run on every caret move. */
export function findingMarksAt(state: EditorState, pos: number): FindingMark[] {
  return (findingDecorationsKey.getState(state)?.find(pos, pos) ?? [])
    .filter((d) => d.from <= pos && pos <= d.to)
    .map(markOf)
    .sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
}

/** Selects the next (1) or previous (-1) finding's words, after the last one back to the first; false when the pane has none. */
export function moveToFinding(direction: 1 | -1): Command {
  return (state, dispatch) => {
    const marks = findingMarks(state);
    if (marks.length === 0) return false;
    const from = state.selection.from;
    const target = direction === 1 ? (marks.find((m) => m.from > from) ?? marks[0]!) : (marks.findLast((m) => m.from < from) ?? marks[marks.length - 1]!);
    dispatch?.(state.tr.setSelection(TextSelection.create(state.doc, target.from, target.to)).scrollIntoView());
    return true;
  };
}

/** Alt+F8 / Shift+Alt+F8 (shortcuts.ts): the next / previous finding of the pane. */
export const findingNavigationKeymap = keymap({
  [EDITOR_SHORTCUTS.nextFinding]: moveToFinding(1),
  [EDITOR_SHORTCUTS.previousFinding]: moveToFinding(-1),
});
