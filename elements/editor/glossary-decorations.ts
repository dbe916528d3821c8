// The glossary underlines of one pane: a ProseMirror plugin holding the decorations the glossary
// controller computed for the paragraph under the caret. They map through edits until the next
// lookup replaces them (a transaction with this plugin's meta), so typing never waits for one.
import { Plugin, PluginKey, type EditorState } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { Node as PmNode } from 'prosemirror-model';

/** One underlined occurrence: where it is and what to say about it. */
export interface GlossaryMark {
  from: number;
  to: number;
  forbidden: boolean;
  /** The expected equivalent, in the UI language (tooltip and announcement). */
  message: string;
}

export const glossaryDecorationsKey = new PluginKey<DecorationSet>('jd-glossary');

export const glossaryDecorationsPlugin = new Plugin<DecorationSet>({
  key: glossaryDecorationsKey,
  state: {
    init: () => DecorationSet.empty,
    apply: (tr, set) => {
      const marks = tr.getMeta(glossaryDecorationsKey) as readonly GlossaryMark[] | undefined;
      if (marks) return DecorationSet.create(tr.doc, marks.map(toDecoration));
      return tr.docChanged ? set.map(tr.mapping, tr.doc) : set;
    },
  },
  props: { decorations: (state) => glossaryDecorationsKey.getState(state) },
});

function toDecoration(mark: GlossaryMark): Decoration {
  // Dotted underline for approved terms, wavy plus a leading marker for forbidden ones (editor.styles.ts):
  // never colour alone. The message is a data attribute the hover tooltip reads (text only).
  const attrs = { class: `jd-gloss ${mark.forbidden ? 'jd-gloss-forbidden' : 'jd-gloss-approved'}`, 'data-gloss': mark.message };
  return Decoration.inline(mark.from, mark.to, attrs, { message: mark.message, inclusiveStart: false, inclusiveEnd: false });
}

/** The underlined term at a position (the caret), if any. */
export function glossaryMarkAt(state: EditorState, pos: number): { from: number; to: number; message: string } | null {
  const found = glossaryDecorationsKey.getState(state)?.find(pos, pos) ?? [];
  const mark = found.find((d) => d.from <= pos && pos <= d.to);
  return mark ? { from: mark.from, to: mark.to, message: String((mark.spec as { message: string }).message) } : null;
}

/**
 * The document position of each UTF-16 offset of a textblock's textContent (`start` is the
 * block's content start). Inline leaves without text (hard breaks) add no offset.
 */
export function textOffsetsToPositions(block: PmNode, start: number): (offset: number) => number {
  const runs: { offset: number; pos: number; length: number }[] = [];
  let offset = 0;
  block.forEach((child, childOffset) => {
    if (!child.isText) return;
    const length = child.text?.length ?? 0;
    runs.push({ offset, pos: start + childOffset, length });
    offset += length;
  });
  return (wanted) => {
    const run = runs.find((r) => wanted >= r.offset && wanted <= r.offset + r.length);
    return run ? run.pos + (wanted - run.offset) : start + block.content.size;
  };
}

/** A textblock's text as textOffsetsToPositions counts it (its text nodes, joined). */
export function blockText(block: PmNode): string {
  let text = '';
  block.forEach((child) => {
    if (child.isText) text += child.text ?? '';
  });
  return text;
}
