// Live mode of <jd-concordance>: follows the caret in the editor on the same document (the one
// the session's shared document names, SharedDocument.editor, or the one given) and looks up the
// sentence of the OTHER language at the same place: the sentence with the same index in the
// paired section (same section id). A translator in the French pane gets the English source
// sentence's matches, English to French. Caret moves are throttled: the first move after a quiet
// spell searches at once, moves within the next DELAY_MS coalesce into one search at its end.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Lang } from '../../domain/sections.js';
import type { SharedDocument } from '../core/document-registry.js';
import type { CommentsEditor, JdSelectionChangeEvent } from '../core/comments-editor.js';
import { isTmEditor, type TmEditor } from '../core/tm-events.js';
import { EditorSlot } from '../core/editor-slot.js';

/** The quiet time after a search before the next caret move searches again at once. */
export const LIVE_DELAY_MS = 250;

export interface LiveHost extends ReactiveControllerHost, HTMLElement {
  /** Follow the editor's caret. */
  live: boolean;
  /** The editor given explicitly (null: the one on the shared document). */
  editor: CommentsEditor | null;
  /** The open shared document (null: none). */
  readonly liveDocument: SharedDocument | null;
  /** The paired sentence to look up: its text in `sourceLang`, found at `startedAt` (performance.now()). */
  onLiveSentence(text: string, sourceLang: Lang, startedAt: number): void;
}

export class LiveController implements ReactiveController {
  #linked: TmEditor | null = null;
  #unlink: (() => void) | null = null;
  #slot = new EditorSlot(() => this.host.requestUpdate());
  #timer: ReturnType<typeof setTimeout> | null = null;
  #lastSearchAt = -Infinity;
  /** The caret event waiting for the end of the delay (with when it happened). */
  #pending: { lang: Lang; head: number; at: number } | null = null;

  constructor(private readonly host: LiveHost) {
    host.addController(this);
  }

  /** When (performance.now()) a caret move would be looked up at once: the throttle's quiet time is over. */
  get quietAt(): number {
    return this.#timer === null ? this.#lastSearchAt + LIVE_DELAY_MS : Infinity;
  }

  /** The editor followed (null: none). */
  get editor(): TmEditor | null {
    return this.#linked;
  }

  hostUpdated(): void {
    const editor = this.#slot.follow(this.host.liveDocument, this.host.editor);
    this.#link(isTmEditor(editor) ? editor : null);
  }

  hostDisconnected(): void {
    this.#slot.follow(null, null);
    this.#link(null);
  }

  #link(editor: TmEditor | null): void {
    if (editor === this.#linked) return;
    this.#unlink?.();
    this.#unlink = null;
    this.#cancel();
    this.#linked = editor;
    // Called from hostUpdated: the form (the "follow" switch) shows the link on the next update.
    queueMicrotask(() => this.host.requestUpdate());
    if (!editor) return;
    const onCaret = (event: JdSelectionChangeEvent) => this.#caretMoved(event.lang, event.head);
    editor.addEventListener('jd-selection-change', onCaret);
    this.#unlink = () => editor.removeEventListener('jd-selection-change', onCaret);
  }

  #cancel(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#pending = null;
  }

  #caretMoved(lang: Lang, head: number): void {
    if (!this.host.live) return;
    const at = performance.now();
    // The first move of a burst keeps its time: the wait is measured from the first keystroke.
    this.#pending = { lang, head, at: this.#pending?.at ?? at };
    if (this.#timer !== null) return;
    const wait = this.#lastSearchAt + LIVE_DELAY_MS - at;
    if (wait <= 0) this.#flush();
    else this.#timer = setTimeout(() => this.#flush(), wait);
  }

  #flush(): void {
    this.#timer = null;
    const pending = this.#pending;
    this.#pending = null;
    const editor = this.#linked;
    if (!pending || !editor || !this.host.live) return;
    this.#lastSearchAt = performance.now();
    // The caret may have moved on since the event: read where it is now.
    const here = editor.sentenceAt(pending.lang);
    if (!here) return;
    const other: Lang = pending.lang === 'en' ? 'fr' : 'en';
    const paired = editor.sentenceOf(other, here.sectionId, here.index);
    if (paired) this.host.onLiveSentence(paired.text, other, pending.at);
  }
}
