// "Add this pair to the translation memory" (issue 13 item 4): the sentence under the caret in
// the focused pane and the sentence at the same place of the other language's paired section
// (same section, same sentence index: what live TM lookup pairs too) become one memory segment
// through tm_confirm_pair, which decides who may (translators, editors, admins) and counts a
// document's use once. The toolbar shows the action, unavailable with the reason when the caret
// has no pair; Ctrl+Enter (Cmd+Enter), the key CAT tools confirm a segment with, runs it.
import type { ReactiveController } from 'lit';
import { msg } from '../core/i18n.js';
import { confirmTmPair } from '../core/data-access.js';
import { JdSelectionChangeEvent } from '../core/comments-editor.js';
import type { Lang } from '../../domain/sections.js';
import type { EditorHost } from './editor-host.js';
import { sentenceAt, sentenceOf } from './sentences.js';

/** The English and French sentences paired at the caret. */
export interface CaretPair {
  sectionId: string;
  en: string;
  fr: string;
}

export class ConfirmPairController implements ReactiveController {
  #busy = false;
  /** Whether the caret had a pair at the last look (the toolbar re-renders when it changes). */
  #hadPair = false;

  constructor(private readonly host: EditorHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener(JdSelectionChangeEvent.type, this.#onCaret);
  }

  hostDisconnected(): void {
    this.host.removeEventListener(JdSelectionChangeEvent.type, this.#onCaret);
  }

  #onCaret = (): void => {
    const has = this.pair() !== null;
    if (has === this.#hadPair) return;
    this.#hadPair = has;
    this.host.requestUpdate();
  };

  /** The pair at the caret of the focused pane, or null (no caret in a sentence, or no sentence at its place in the other language). */
  pair(): CaretPair | null {
    const pane = this.host.pane();
    const otherLang: Lang = pane?.lang === 'en' ? 'fr' : 'en';
    const other = this.host.pane(otherLang);
    if (!pane || !other) return null;
    const { state } = pane.view;
    const here = sentenceAt(state, state.selection.head, pane.lang);
    const there = here ? sentenceOf(other.view.state, here.sectionId, here.index, otherLang) : null;
    if (!here || !there || here.text.trim() === '' || there.text.trim() === '') return null;
    return pane.lang === 'en' ? { sectionId: here.sectionId, en: here.text, fr: there.text } : { sectionId: here.sectionId, en: there.text, fr: here.text };
  }

  /** Why the action cannot run now, in the UI language; null when it can. */
  unavailable(lang: Lang): string | null {
    if (this.#busy) return msg(lang, 'editor.confirmPairBusy');
    return this.pair() ? null : msg(lang, 'editor.confirmPairNone');
  }

  /** Confirms the pair at the caret; says what happened under the toolbar. True when the memory holds the pair. */
  async confirm(lang: Lang): Promise<boolean> {
    const client = this.host.session?.client;
    const blocked = this.unavailable(lang);
    const pair = this.pair();
    if (blocked || !pair || !client) {
      this.host.say(blocked ?? msg(lang, 'editor.confirmPairNone'));
      return false;
    }
    this.#busy = true;
    this.host.say(msg(lang, 'editor.confirmPairBusy'));
    try {
      const answer = await confirmTmPair(client, {
        documentId: this.host.documentId,
        sectionId: pair.sectionId,
        sourceLang: 'en',
        sourceText: pair.en,
        targetText: pair.fr,
      }).catch((error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }));
      if ('error' in answer) {
        this.host.say(msg(lang, 'editor.confirmPairFailed', { message: answer.error }));
        return false;
      }
      const confirmed = answer.confirmed;
      if (!confirmed) {
        this.host.say(msg(lang, 'editor.confirmPairFailed', { message: 'the server answered nothing' }));
        return false;
      }
      this.host.say(confirmed.created ? msg(lang, 'editor.confirmPairAdded') : msg(lang, 'editor.confirmPairKnown', { count: confirmed.usageCount }));
      return true;
    } finally {
      this.#busy = false;
      this.host.requestUpdate();
    }
  }
}
