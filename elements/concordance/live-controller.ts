// Live mode of <jd-concordance>: follows the caret in the editor on the same document (the one
// the session's shared document names, SharedDocument.editor, or the one given) and looks up the
// sentence of the search's source language (the panel's `source-lang`, English by default) at the
// caret's place: in the source pane, the sentence under the caret; in the other pane, the
// sentence with the same index in the paired section (same section id). A translator in the
// French pane gets the English source sentence's matches, English to French; in the English pane,
// the matches of the English sentence being read or edited, so the French pane can take one.
//
// Pacing: one live search at a time, never a fixed wait. A caret move while nothing is being
// looked up searches at once (after the current task, so a burst of events in one task is one
// look-up); moves while a search is in flight coalesce into one search, started as soon as that
// search is answered, of the sentence where the caret is then. Each client thus asks the server
// no faster than it answers, and a move waits at most for the search already in flight.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Lang } from '../../domain/sections.js';
import type { SharedDocument } from '../core/document-registry.js';
import type { CommentsEditor, JdSelectionChangeEvent } from '../core/comments-editor.js';
import { isTmEditor, type EditorSentence, type SentencePlace, type TmEditor } from '../core/tm-events.js';
import { EditorSlot } from '../core/editor-slot.js';

export interface LiveHost extends ReactiveControllerHost, HTMLElement {
  /** Follow the editor's caret. */
  live: boolean;
  /** The language of the sentences looked up (the search direction's source). */
  readonly sourceLang: Lang;
  /** The editor given explicitly (null: the one on the shared document). */
  editor: CommentsEditor | null;
  /** The open shared document (null: none). */
  readonly liveDocument: SharedDocument | null;
  /**
   * The sentence to look up: its text in `sourceLang`, at `place`, found from the caret in the
   * `caretLang` pane, which moved at `startedAt` (performance.now()); resolves once answered (or
   * nothing new to look up).
   */
  onLiveSentence(text: string, sourceLang: Lang, startedAt: number, place: SentencePlace & { caretLang: Lang }): Promise<void>;
}

/** The sentence in `sourceLang` at the caret's place in the `lang` pane: the caret's own, or the paired one. */
export function liveSentence(editor: TmEditor, lang: Lang, sourceLang: Lang): EditorSentence | null {
  const here = editor.sentenceAt(lang);
  if (!here || lang === sourceLang) return here;
  return editor.sentenceOf(sourceLang, here.sectionId, here.index);
}

export class LiveController implements ReactiveController {
  #linked: TmEditor | null = null;
  #unlink: (() => void) | null = null;
  #slot = new EditorSlot(() => this.host.requestUpdate());
  /** The caret move not looked up yet: its pane, and when the first unanswered move happened. */
  #pending: { lang: Lang; at: number } | null = null;
  /** A look-up is scheduled or in flight. */
  #busy = false;
  /** Bumped on (un)linking: a run for an editor no longer followed stops. */
  #generation = 0;

  constructor(private readonly host: LiveHost) {
    host.addController(this);
  }

  /** When (performance.now()) a caret move would be looked up at once: now when idle, Infinity while a look-up is pending or in flight. */
  get quietAt(): number {
    return this.#busy || this.#pending ? Infinity : -Infinity;
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
    this.#pending = null;
    this.#busy = false;
    this.#generation += 1;
    this.#linked = editor;
    // Called from hostUpdated: the form (the "follow" switch) shows the link on the next update.
    queueMicrotask(() => this.host.requestUpdate());
    if (!editor) return;
    const onCaret = (event: JdSelectionChangeEvent) => this.#caretMoved(event.lang);
    editor.addEventListener('jd-selection-change', onCaret);
    this.#unlink = () => editor.removeEventListener('jd-selection-change', onCaret);
  }

  #caretMoved(lang: Lang): void {
    if (!this.host.live) return;
    // The first unanswered move keeps its time: what it waits is measured from there.
    this.#pending = { lang, at: this.#pending?.at ?? performance.now() };
    if (this.#busy) return;
    this.#busy = true;
    const generation = this.#generation;
    queueMicrotask(() => void this.#lookUp(generation));
  }

  /** Looks up the pending moves one after the other until none is left. */
  async #lookUp(generation: number): Promise<void> {
    try {
      for (let pending = this.#pending; pending && generation === this.#generation; pending = this.#pending) {
        this.#pending = null;
        const editor = this.#linked;
        if (!editor || !this.host.live) return;
        // The caret may have moved on since the event: read where it is now.
        const sentence = liveSentence(editor, pending.lang, this.host.sourceLang);
        if (sentence) await this.host.onLiveSentence(sentence.text, this.host.sourceLang, pending.at, { sectionId: sentence.sectionId, index: sentence.index, caretLang: pending.lang });
      }
    } finally {
      if (generation === this.#generation) {
        this.#busy = false;
        this.#pending = null;
      }
    }
  }
}
