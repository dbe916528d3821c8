// One language pane: a ProseMirror view bound to the `en` or `fr` fragment through y-prosemirror
// (sync, remote cursors, per-user undo), with the kit's keymap, paste clean-up, the section
// structure guard, the paired-section highlight and range decorations.
import { EditorState, Plugin, PluginKey, Selection, type Command, type Transaction } from 'prosemirror-state';
import { EditorView, Decoration, DecorationSet } from 'prosemirror-view';
import { keymap } from 'prosemirror-keymap';
import { baseKeymap, chainCommands, setBlockType, toggleMark } from 'prosemirror-commands';
import { liftListItem, sinkListItem, splitListItem, wrapInList } from 'prosemirror-schema-list';
import { ySyncPlugin, ySyncPluginKey, yCursorPlugin, yUndoPlugin, yUndoPluginKey } from 'y-prosemirror';
import type { Node as PmNode } from 'prosemirror-model';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { jdSchema } from '../core/schema.js';
import type { Lang } from '../../domain/sections.js';
import { localeOf } from '../core/i18n.js';
import { cleanPastedHtml } from './paste.js';
import { RangeDecorations } from './range-decorations.js';
import { glossaryDecorationsPlugin } from './glossary-decorations.js';
import { findingDecorationsPlugin, findingNavigationKeymap } from './finding-decorations.js';
import { sectionAlignmentPlugin } from './section-alignment.js';
import { EDITOR_SHORTCUTS } from './shortcuts.js';
import type { HistoryAction } from './history-shortcut.js';

/** Transactions carrying this meta may add or remove sections (the editor's own API). */
export const STRUCTURE_META = 'jd-structure';
const pairedKey = new PluginKey<string | null>('jd-paired-section');

const sectionIds = (doc: PmNode) => {
  const ids: string[] = [];
  doc.forEach((node) => ids.push(String(node.attrs['sectionId'])));
  return ids.join('\n');
};

/** Typing, paste or delete never removes, merges or duplicates sections; remote changes always apply. */
const structureGuard = new Plugin({
  filterTransaction: (tr) =>
    !tr.docChanged || tr.getMeta(STRUCTURE_META) === true || tr.getMeta(ySyncPluginKey) !== undefined || sectionIds(tr.before) === sectionIds(tr.doc),
});

/** Highlights the section the other pane's cursor is in. */
const pairedSection = new Plugin<string | null>({
  key: pairedKey,
  state: {
    init: () => null,
    apply: (tr, value) => {
      const meta = tr.getMeta(pairedKey) as { sectionId: string | null } | undefined;
      return meta ? meta.sectionId : value;
    },
  },
  props: {
    decorations(state) {
      const id = pairedKey.getState(state);
      if (!id) return DecorationSet.empty;
      const decorations: Decoration[] = [];
      state.doc.forEach((node, offset) => {
        if (node.attrs['sectionId'] === id) decorations.push(Decoration.node(offset, offset + node.nodeSize, { class: 'jd-paired' }));
      });
      return DecorationSet.create(state.doc, decorations);
    },
  },
});

/**
 * Read-only panes stay contenteditable so they take focus, a caret and a keyboard selection (a
 * reviewer selects text to comment on it with Shift+arrows; Chromium has no caret in
 * non-editable text). What the person does is refused here instead: every input the browser
 * announces (typing, delete, paste, drop, cut, formatting) is cancelled before it touches the
 * DOM, and any local transaction that would change the document is dropped. Remote changes
 * (y-prosemirror's) still apply. The sync server refuses a viewer's or reviewer's text updates
 * anyway; this keeps the screen honest.
 */
function readOnlyGuard(editable: () => boolean): Plugin {
  const refuse = () => !editable();
  return new Plugin({
    filterTransaction: (tr) => !tr.docChanged || editable() || tr.getMeta(ySyncPluginKey) !== undefined,
    props: {
      handleDOMEvents: {
        beforeinput: (_view, event) => {
          if (!refuse()) return false;
          event.preventDefault();
          return true;
        },
      },
      handleTextInput: refuse,
      handlePaste: refuse,
      handleDrop: refuse,
    },
  });
}

const HEX_COLOR = /^#[0-9a-f]{6}$/i;
interface PresenceUser {
  name?: unknown;
  color?: unknown;
}
const colorOf = (user: PresenceUser) => (typeof user.color === 'string' && HEX_COLOR.test(user.color) ? user.color : '#545454');
const nameOf = (user: PresenceUser) => (typeof user.name === 'string' ? user.name.slice(0, 80) : '');

/** Remote caret with the person's name: built with textContent, colour checked (awareness comes from anyone). */
function cursorBuilder(user: PresenceUser): HTMLElement {
  const caret = document.createElement('span');
  caret.className = 'ProseMirror-yjs-cursor';
  caret.style.borderColor = colorOf(user);
  const label = document.createElement('span');
  label.className = 'jd-cursor-label';
  label.style.backgroundColor = colorOf(user);
  label.textContent = nameOf(user);
  caret.append('\u2060', label, '\u2060');
  return caret;
}
const selectionBuilder = (user: PresenceUser) => ({ style: `background-color: ${colorOf(user)}33`, class: 'ProseMirror-yjs-selection' });

export interface PaneOptions {
  lang: Lang;
  fragment: Y.XmlFragment;
  awareness: Awareness;
  mount: HTMLElement;
  label: string;
  editable: () => boolean;
  /** The cursor moved to another section (null: outside any). */
  onSectionChange: (sectionId: string | null) => void;
  onFocus: () => void;
  onUpdate: () => void;
  /** Undo or redo in this pane (its keys): the editor's history, which may hold a version restore; true when a step was taken. */
  history: (action: HistoryAction) => boolean;
}

export interface Pane {
  lang: Lang;
  view: EditorView;
  decorations: RangeDecorations;
  currentSection: string | null;
  setPaired(sectionId: string | null): void;
  undoManager(): Y.UndoManager | null;
  refresh(): void;
  destroy(): void;
}

const listItem = jdSchema.nodes['list_item']!;

export function createPane(options: PaneOptions): Pane {
  const decorations = new RangeDecorations();
  const undoCommand: Command = () => options.history('undo');
  const redoCommand: Command = () => options.history('redo');
  const keys = EDITOR_SHORTCUTS;
  const kit = keymap({
    [keys.undo]: undoCommand,
    [keys.redo]: redoCommand,
    [keys.redoAlt]: redoCommand,
    [keys.bold]: toggleMark(jdSchema.marks['strong']!),
    [keys.italic]: toggleMark(jdSchema.marks['em']!),
    [keys.paragraph]: setBlockType(jdSchema.nodes['paragraph']!),
    [keys.heading]: setBlockType(jdSchema.nodes['heading']!, { level: 3 }),
    [keys.bulletList]: wrapInList(jdSchema.nodes['bullet_list']!),
    [keys.orderedList]: wrapInList(jdSchema.nodes['ordered_list']!),
    Enter: splitListItem(listItem),
    [keys.liftListItem]: liftListItem(listItem),
    [keys.sinkListItem]: sinkListItem(listItem),
  });
  // Assigned once the view exists; y-prosemirror dispatches from inside the constructor.
  const holder: { pane?: Pane } = {};
  const state = EditorState.create({
    schema: jdSchema,
    plugins: [
      ySyncPlugin(options.fragment),
      // One awareness `cursor` field for both panes: a cursor resolves only in the fragment it
      // points into, so it shows in the right pane (y-prosemirror 1.3 renders only that field).
      yCursorPlugin(options.awareness, { cursorBuilder, selectionBuilder } as never),
      yUndoPlugin(),
      kit,
      keymap({ ...baseKeymap, Enter: chainCommands(splitListItem(listItem), baseKeymap['Enter']!) }),
      readOnlyGuard(options.editable),
      structureGuard,
      pairedSection,
      sectionAlignmentPlugin,
      decorations.plugin,
      glossaryDecorationsPlugin,
      findingDecorationsPlugin,
      findingNavigationKeymap,
    ],
  });
  const view = new EditorView(options.mount, {
    state,
    // Always focusable and selectable; changes are refused by readOnlyGuard when read-only.
    editable: () => true,
    attributes: () => ({
      role: 'textbox',
      'aria-multiline': 'true',
      'aria-label': options.label,
      'aria-readonly': String(!options.editable()),
      // No on-screen keyboard for text that cannot be changed.
      inputmode: options.editable() ? 'text' : 'none',
      lang: localeOf(options.lang),
      spellcheck: 'true',
    }),
    transformPastedHTML: cleanPastedHtml,
    dispatchTransaction(this: EditorView, tr: Transaction) {
      // `this`: y-prosemirror dispatches from inside the constructor, before `view` is assigned.
      // y-prosemirror may still dispatch (awareness, metas) into a view that was just destroyed.
      if (this.isDestroyed) return;
      const next = this.state.apply(tr);
      this.updateState(next);
      const pane = holder.pane;
      if (pane && (tr.selectionSet || tr.docChanged)) {
        const section = next.selection.$from.depth >= 1 ? String(next.selection.$from.node(1).attrs['sectionId']) : null;
        if (section !== pane.currentSection) {
          pane.currentSection = section;
          options.onSectionChange(section);
        }
      }
      options.onUpdate();
    },
    handleDOMEvents: {
      focus: () => {
        options.onFocus();
        return false;
      },
    },
  });
  const created: Pane = {
    lang: options.lang,
    view,
    decorations,
    currentSection: null,
    setPaired(sectionId) {
      if (pairedKey.getState(view.state) !== sectionId) view.dispatch(view.state.tr.setMeta(pairedKey, { sectionId }).setMeta('addToHistory', false));
    },
    undoManager: () => (yUndoPluginKey.getState(view.state) as { undoManager?: Y.UndoManager } | undefined)?.undoManager ?? null,
    refresh() {
      view.setProps({});
      view.dispatch(view.state.tr.setMeta('jd-refresh', true));
    },
    destroy: () => view.destroy(),
  };
  holder.pane = created;
  return created;
}

/** A cursor inside the first textblock of a section (to place the caret programmatically). */
export function selectionInSection(view: EditorView, sectionId: string, atEnd = false): Selection | null {
  let found: Selection | null = null;
  view.state.doc.forEach((node, offset) => {
    if (found || node.attrs['sectionId'] !== sectionId) return;
    const pos = atEnd ? offset + node.nodeSize - 1 : offset + 1;
    found = Selection.near(view.state.doc.resolve(pos), atEnd ? -1 : 1);
  });
  return found;
}
