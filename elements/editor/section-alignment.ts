// English section k beside French section k: the two panes are separate ProseMirror views, so
// their sections cannot share grid rows; instead each pair gets the same height (the taller
// one's), set as a `min-height` node decoration on both. With the panes side by side and starting
// at the same line, every section then starts at the same height in both languages, the way
// translators read source and target. Stacked panes (narrow screens) get no extra height.
import { Plugin, PluginKey, type EditorState } from 'prosemirror-state';
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view';

/** Section id → the height (px) its pair needs. */
type Heights = ReadonlyMap<string, number>;

interface AlignmentState {
  heights: Heights;
  decorations: DecorationSet;
}

const alignmentKey = new PluginKey<AlignmentState>('jd-section-alignment');

function decorationsFor(state: EditorState, heights: Heights): DecorationSet {
  if (heights.size === 0) return DecorationSet.empty;
  const decorations: Decoration[] = [];
  state.doc.forEach((node, offset) => {
    const height = heights.get(String(node.attrs['sectionId']));
    if (height) decorations.push(Decoration.node(offset, offset + node.nodeSize, { style: `min-height: ${height}px` }));
  });
  return DecorationSet.create(state.doc, decorations);
}

/** The pane's plugin: the min-heights it was last given, kept on the sections through edits. */
export const sectionAlignmentPlugin = new Plugin<AlignmentState>({
  key: alignmentKey,
  state: {
    init: () => ({ heights: new Map(), decorations: DecorationSet.empty }),
    apply(tr, value, _old, state) {
      const heights = tr.getMeta(alignmentKey) as Heights | undefined;
      if (heights) return { heights, decorations: decorationsFor(state, heights) };
      return tr.docChanged ? { heights: value.heights, decorations: decorationsFor(state, value.heights) } : value;
    },
  },
  props: {
    decorations: (state) => alignmentKey.getState(state)?.decorations ?? DecorationSet.empty,
  },
});

function sameHeights(a: Heights, b: Heights): boolean {
  return a.size === b.size && [...a].every(([id, h]) => b.get(id) === h);
}

function setHeights(view: EditorView, heights: Heights): void {
  if (view.isDestroyed || sameHeights(alignmentKey.getState(view.state)?.heights ?? new Map(), heights)) return;
  view.dispatch(view.state.tr.setMeta(alignmentKey, heights).setMeta('addToHistory', false));
}

const px = (value: string) => Number.parseFloat(value) || 0;

/** A section's height without the min-height it was given: down to its last block and that block's margin. */
function naturalHeight(section: HTMLElement): number {
  const top = section.getBoundingClientRect().top;
  const last = section.lastElementChild;
  const style = getComputedStyle(section);
  if (!last) return px(style.paddingTop) + px(style.paddingBottom);
  return last.getBoundingClientRect().bottom + px(getComputedStyle(last).marginBottom) + px(style.paddingBottom) + px(style.borderBottomWidth) - top;
}

const sectionsById = (view: EditorView) =>
  new Map((Array.from(view.dom.children) as HTMLElement[]).filter((el) => el.dataset['sectionId']).map((el) => [el.dataset['sectionId']!, el]));

/**
 * Keeps the sections of two panes lined up as their text changes, the layout resizes or
 * sections come into view. Sections skipped by `content-visibility: auto` (off screen) keep the
 * height they had: measuring them would lay out the whole document on every keystroke.
 */
export class SectionAligner {
  readonly #observer: ResizeObserver;
  #frame = 0;

  constructor(
    private readonly en: EditorView,
    private readonly fr: EditorView,
  ) {
    this.#observer = new ResizeObserver(() => this.schedule());
    this.#observer.observe(en.dom);
    this.#observer.observe(fr.dom);
  }

  /** Aligns at the next frame (once, however often it is asked). */
  schedule(): void {
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.align();
    });
  }

  align(): void {
    if (this.en.isDestroyed || this.fr.isDestroyed) return;
    const enBox = this.en.dom.getBoundingClientRect();
    const frBox = this.fr.dom.getBoundingClientRect();
    const sideBySide = enBox.width > 0 && frBox.left >= enBox.right - 1;
    if (!sideBySide) {
      setHeights(this.en, new Map());
      setHeights(this.fr, new Map());
      return;
    }
    const previous = alignmentKey.getState(this.en.state)?.heights ?? new Map<string, number>();
    const fr = sectionsById(this.fr);
    const heights = new Map<string, number>();
    for (const [id, enSection] of sectionsById(this.en)) {
      const frSection = fr.get(id);
      if (!frSection) continue;
      const rendered = (el: HTMLElement) => el.checkVisibility?.({ contentVisibilityAuto: true }) ?? true;
      if (!rendered(enSection) || !rendered(frSection)) {
        const kept = previous.get(id);
        if (kept) heights.set(id, kept);
        continue;
      }
      const en = naturalHeight(enSection);
      const other = naturalHeight(frSection);
      if (Math.abs(en - other) >= 0.5) heights.set(id, Math.ceil(Math.max(en, other)));
    }
    setHeights(this.en, heights);
    setHeights(this.fr, heights);
  }

  destroy(): void {
    cancelAnimationFrame(this.#frame);
    this.#observer.disconnect();
  }
}
