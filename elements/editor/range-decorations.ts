// Decorated ranges that stay on their text while others edit: each range is kept as a pair of
// Yjs relative positions, mapped through local transactions and re-resolved after remote ones.
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { ySyncPluginKey, absolutePositionToRelativePosition, relativePositionToAbsolutePosition } from 'y-prosemirror';
import type * as Y from 'yjs';

export interface RangeDecorationSpec {
  /** Caller's id; adding the same id again replaces the range. */
  id: string;
  /** ProseMirror positions in the language pane's document. */
  from: number;
  to: number;
  /** What it marks, used as class `jd-range-<kind>` (finding, comment, aligned, suggestion …). */
  kind?: string;
  /** Shown as a tooltip (text, never HTML). */
  title?: string;
}

interface StoredRange {
  spec: RangeDecorationSpec;
  from: Y.RelativePosition;
  to: Y.RelativePosition;
}

export const rangeDecorationsKey = new PluginKey<DecorationSet>('jd-range-decorations');

const safeKind = (kind: string | undefined) => (kind ?? 'mark').toLowerCase().replace(/[^a-z0-9-]/g, '').slice(0, 40) || 'mark';

interface SyncState {
  binding?: { type: Y.XmlFragment; mapping: Map<unknown, unknown>; doc: Y.Doc };
  isChangeOrigin?: boolean;
}

export class RangeDecorations {
  readonly #ranges = new Map<string, StoredRange>();

  readonly plugin = new Plugin<DecorationSet>({
    key: rangeDecorationsKey,
    state: {
      init: () => DecorationSet.empty,
      apply: (tr: Transaction, set: DecorationSet, _old: EditorState, state: EditorState) => {
        const remote = (ySyncPluginKey.getState(state) as SyncState | undefined)?.isChangeOrigin;
        if (tr.getMeta(rangeDecorationsKey) || (tr.docChanged && remote)) return this.#build(state);
        return tr.docChanged ? set.map(tr.mapping, tr.doc) : set;
      },
    },
    props: { decorations: (state) => rangeDecorationsKey.getState(state) },
  });

  /** Adds (or replaces) ranges; call `refresh` on the view afterwards. */
  add(state: EditorState, specs: readonly RangeDecorationSpec[]): void {
    const binding = (ySyncPluginKey.getState(state) as SyncState | undefined)?.binding;
    if (!binding) return;
    for (const spec of specs) {
      const size = state.doc.content.size;
      const from = Math.max(0, Math.min(spec.from, size));
      const to = Math.max(from, Math.min(spec.to, size));
      this.#ranges.set(spec.id, {
        spec: { ...spec, from, to },
        from: absolutePositionToRelativePosition(from, binding.type, binding.mapping as never),
        to: absolutePositionToRelativePosition(to, binding.type, binding.mapping as never),
      });
    }
  }

  remove(ids: readonly string[] | null): void {
    if (ids === null) this.#ranges.clear();
    else for (const id of ids) this.#ranges.delete(id);
  }

  /** Current positions of the ranges (after everyone's edits). */
  positions(state: EditorState): Map<string, { from: number; to: number }> {
    const out = new Map<string, { from: number; to: number }>();
    rangeDecorationsKey.getState(state)?.find().forEach((d) => out.set((d.spec as { id: string }).id, { from: d.from, to: d.to }));
    return out;
  }

  #build(state: EditorState): DecorationSet {
    const binding = (ySyncPluginKey.getState(state) as SyncState | undefined)?.binding;
    if (!binding || this.#ranges.size === 0) return DecorationSet.empty;
    const decorations: Decoration[] = [];
    for (const { spec, from, to } of this.#ranges.values()) {
      const a = relativePositionToAbsolutePosition(binding.doc, binding.type, from, binding.mapping as never);
      const b = relativePositionToAbsolutePosition(binding.doc, binding.type, to, binding.mapping as never);
      if (a === null || b === null || b <= a) continue;
      const attrs: Record<string, string> = { class: `jd-range jd-range-${safeKind(spec.kind)}`, 'data-range-id': spec.id };
      if (spec.title) attrs['title'] = spec.title;
      decorations.push(Decoration.inline(a, b, attrs, { id: spec.id, inclusiveStart: false, inclusiveEnd: false }));
    }
    return DecorationSet.create(state.doc, decorations);
  }
}
