// The two language panes: mounting them once the document has content, the section aligner
// between them, which one was focused last, and the typed events panels listen to (jd-ready,
// jd-selection-change, jd-decoration-hover, jd-section-focus).
import type { ReactiveController } from 'lit';
import { msg, langOf } from '../core/i18n.js';
import { LANGS, type Lang } from '../../domain/sections.js';
import type { SharedDocument } from '../core/document-registry.js';
import { isEmptyDocument } from '../../domain/document-init.js';
import { JdDecorationHoverEvent, JdReadyEvent, JdSelectionChangeEvent, type CommentsEditor, type DecorationSpec } from '../core/comments-editor.js';
import { createPane, type Pane } from './pane.js';
import { SectionAligner } from './section-alignment.js';
import { rangeDecorationsKey } from './range-decorations.js';
import { JdSectionFocusEvent } from './events.js';
import type { EditorHost } from './editor-host.js';

export class PanesController implements ReactiveController {
  activeLang: Lang = 'en';
  #panes = new Map<Lang, Pane>();
  #aligner: SectionAligner | null = null;
  #mountFailed = false;
  /** The last selection reported per pane (jd-selection-change fires on changes only). */
  #selections = new Map<Lang, string>();

  constructor(
    private readonly host: EditorHost & CommentsEditor,
    private readonly onActiveUpdate: () => void,
  ) {
    host.addController(this);
  }

  get size(): number {
    return this.#panes.size;
  }

  get(lang: Lang = this.activeLang): Pane | undefined {
    return this.#panes.get(lang);
  }

  all(): IterableIterator<Pane> {
    return this.#panes.values();
  }

  hostUpdated(): void {
    const document = this.host.documentState.document;
    if (this.host.documentState.phase !== 'open' || !document || this.#panes.size > 0 || this.#mountFailed || isEmptyDocument(document.doc)) return;
    try {
      this.#mount(document);
    } catch (error) {
      // Not retried on every render: a broken document would otherwise loop.
      this.#mountFailed = true;
      this.destroy();
      throw error;
    }
  }

  hostDisconnected(): void {
    this.destroy();
    this.#mountFailed = false;
  }

  /** Unmounts the panes (the document closed); a later document mounts again. */
  destroy(reset = false): void {
    this.host.documentState.document?.setEditor(null, this.host);
    this.#aligner?.destroy();
    this.#aligner = null;
    for (const pane of this.#panes.values()) pane.destroy();
    this.#panes.clear();
    this.#selections.clear();
    if (reset) this.#mountFailed = false;
  }

  #mount(document: SharedDocument): void {
    const uiLang = this.host.session?.lang ?? langOf(this.host);
    for (const lang of LANGS) {
      const mount = this.host.renderRoot.querySelector<HTMLElement>(`#pane-${lang}`);
      if (!mount) return;
      const pane = createPane({
        lang,
        fragment: document.doc.getXmlFragment(lang),
        awareness: document.awareness,
        mount,
        label: msg(uiLang, 'editor.paneLabel', { lang: msg(uiLang, lang === 'en' ? 'editor.english' : 'editor.french') }),
        editable: () => this.host.editable,
        onSectionChange: (sectionId) => {
          this.#panes.get(lang === 'en' ? 'fr' : 'en')?.setPaired(sectionId);
          this.host.dispatchEvent(new JdSectionFocusEvent(lang, sectionId));
        },
        onFocus: () => {
          this.activeLang = lang;
          this.onActiveUpdate();
          this.#reportSelection(lang, true);
        },
        onUpdate: () => {
          if (lang === this.activeLang) this.onActiveUpdate();
          this.#reportSelection(lang, false);
        },
        history: (action) => (action === 'undo' ? this.host.undo(lang) : this.host.redo(lang)),
      });
      this.#panes.set(lang, pane);
    }
    const en = this.#panes.get('en');
    const fr = this.#panes.get('fr');
    if (!en || !fr) return;
    this.#aligner = new SectionAligner(en.view, fr.view);
    this.#aligner.schedule();
    document.setEditor(this.host);
    this.host.dispatchEvent(new JdReadyEvent());
  }

  /** Tells panels where the caret of the focused pane is, when it moved (or the pane got the focus). */
  #reportSelection(lang: Lang, focused: boolean): void {
    const view = this.#panes.get(lang)?.view;
    if (!view || (!focused && !view.hasFocus())) return;
    const { from, to, head } = view.state.selection;
    const key = `${from}:${to}:${head}`;
    if (!focused && this.#selections.get(lang) === key) return;
    this.#selections.set(lang, key);
    this.host.dispatchEvent(new JdSelectionChangeEvent(lang, from, to, head));
  }

  /** The pointer moved over the panes: say which decorated range it is over, if any. */
  onPointer = (event: MouseEvent): void => {
    const mark = event.composedPath().find((n): n is HTMLElement => n instanceof HTMLElement && !!n.dataset['rangeId']);
    const lang = mark && LANGS.find((l) => this.#panes.get(l)?.view.dom.contains(mark));
    if (mark && lang) this.host.dispatchEvent(new JdDecorationHoverEvent(lang, mark.dataset['rangeId']!));
  };

  decorate(lang: Lang, ranges: readonly DecorationSpec[]): void {
    const pane = this.#panes.get(lang);
    if (!pane) return;
    pane.decorations.add(pane.view.state, ranges);
    this.#refreshDecorations(pane);
  }

  undecorate(lang: Lang, ids: readonly string[] | null): void {
    const pane = this.#panes.get(lang);
    if (!pane) return;
    pane.decorations.remove(ids);
    this.#refreshDecorations(pane);
  }

  positions(lang: Lang): Map<string, { from: number; to: number }> {
    const pane = this.#panes.get(lang);
    return pane ? pane.decorations.positions(pane.view.state) : new Map();
  }

  #refreshDecorations(pane: Pane): void {
    // The plugin rebuilds from relative positions when its key is in the transaction meta.
    pane.view.dispatch(pane.view.state.tr.setMeta(rangeDecorationsKey, true).setMeta('addToHistory', false));
  }
}
