// The editor a comments panel works with: the one the session's shared document names
// (SharedDocument.editor, set by `<jd-editor>` once its panes are ready), or the one given in the
// `editor` property. Through it, anchors are highlighted and followed; its typed events (comment
// requests, caret moves, pointer over a highlight) reach the panel. No searching the page, no
// listening to the editor's internals, no polling.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Lang } from '../../domain/sections.js';
import type { SharedDocument } from '../core/document-registry.js';
import { JdReadyEvent, type CommentsEditor, type JdDecorationHoverEvent, type JdSelectionChangeEvent } from '../core/comments-editor.js';
import { JdCommentRequestEvent } from '../core/comment-events.js';
import { EditorSlot } from '../core/editor-slot.js';
import type { CommentThread } from '../../domain/comment-model.js';
import { displayText } from '../../domain/comment-text.js';

const DECORATION_PREFIX = 'comment:';

export interface LinkHost extends ReactiveControllerHost, HTMLElement {
  documentId: string;
  /** The editor given explicitly (null: the one on the shared document). */
  editor: CommentsEditor | null;
  /** Threads to highlight, the active one, and whether the user may comment. */
  linkState(): { document: SharedDocument | null; threads: readonly CommentThread[]; activeId: string | null; commenting: boolean };
  /** The editor asked for a comment on its selection. */
  onCommentRequest(lang: Lang, anchor: JdCommentRequestEvent['anchor'], quote: string): void;
  /** The caret or the pointer reached a thread's highlight. */
  onThreadReached(threadId: string): void;
}

export class EditorLinkController implements ReactiveController {
  #linked: CommentsEditor | null = null;
  #unlink: (() => void) | null = null;
  #slot = new EditorSlot(() => this.host.requestUpdate());
  #decorated = new Map<Lang, string[]>();
  #key = '';

  constructor(private readonly host: LinkHost) {
    host.addController(this);
  }

  /** The linked editor (null: none). */
  get editor(): CommentsEditor | null {
    return this.#linked;
  }

  hostUpdated(): void {
    this.#link(this.#slot.follow(this.host.linkState().document, this.host.editor));
  }

  hostDisconnected(): void {
    this.#link(this.#slot.follow(null, null));
  }

  #link(editor: CommentsEditor | null): void {
    if (editor === this.#linked) return;
    this.clear();
    this.#unlink?.();
    this.#unlink = null;
    this.#linked = editor;
    if (!editor) return;
    const onRequest = (event: JdCommentRequestEvent) => {
      if (event.documentId !== this.host.documentId || !this.host.linkState().commenting) return;
      event.preventDefault();
      this.host.onCommentRequest(event.lang, event.anchor, event.quote);
    };
    const onHover = (event: JdDecorationHoverEvent) => {
      if (event.decorationId.startsWith(DECORATION_PREFIX)) this.host.onThreadReached(event.decorationId.slice(DECORATION_PREFIX.length));
    };
    const onCaret = (event: JdSelectionChangeEvent) => {
      for (const [id, range] of editor.decorationPositions(event.lang)) {
        if (id.startsWith(DECORATION_PREFIX) && event.head >= range.from && event.head <= range.to) return this.host.onThreadReached(id.slice(DECORATION_PREFIX.length));
      }
    };
    const onReady = () => this.sync();
    editor.addEventListener(JdCommentRequestEvent.type, onRequest);
    editor.addEventListener('jd-decoration-hover', onHover);
    editor.addEventListener('jd-selection-change', onCaret);
    editor.addEventListener(JdReadyEvent.type, onReady);
    this.#unlink = () => {
      editor.removeEventListener(JdCommentRequestEvent.type, onRequest);
      editor.removeEventListener('jd-decoration-hover', onHover);
      editor.removeEventListener('jd-selection-change', onCaret);
      editor.removeEventListener(JdReadyEvent.type, onReady);
      editor.commenting = false;
    };
    this.#key = '';
    this.sync();
  }

  /** Shows the threads' anchors in the editor; the decorations follow edits by themselves, so this runs when threads change. */
  sync(): void {
    const editor = this.#linked;
    if (!editor) return;
    const { threads, activeId, commenting } = this.host.linkState();
    editor.commenting = commenting;
    // The editor mounts its panes once its document has content; jd-ready brings us back.
    if (!editor.ready) return;
    const key = JSON.stringify([activeId, threads.map((t) => [t.id, t.body.length, t.authorName])]);
    if (key === this.#key) return;
    this.#key = key;
    for (const lang of ['en', 'fr'] as const) {
      const ranges = threads
        .filter((t) => t.lang === lang)
        .map((t) => {
          const range = editor.anchorRange(lang, t.anchor!);
          const title = displayText(`${t.authorName}: ${t.body}`, 120);
          return range && { id: DECORATION_PREFIX + t.id, ...range, kind: t.id === activeId ? 'comment-active' : 'comment', title };
        })
        .filter((r): r is NonNullable<typeof r> => r !== null);
      editor.undecorate(lang, this.#decorated.get(lang) ?? []);
      editor.decorate(lang, ranges);
      this.#decorated.set(
        lang,
        ranges.map((r) => r.id),
      );
    }
  }

  /** Removes this panel's highlights from the editor. */
  clear(): void {
    const editor = this.#linked;
    if (editor) for (const [lang, ids] of this.#decorated) if (ids.length) editor.undecorate(lang, ids);
    this.#decorated.clear();
    this.#key = '';
  }
}
