// Inserting a translation-memory match (jd-tm-insert from <jd-concordance>): the text replaces
// the sentence at the place the event names (live mode following the caret in the other pane),
// else the selection of the pane of its language, or the sentence under the caret when nothing is
// selected (the caret alone when it is in no sentence), as one undoable step of this user
// (editor-text.ts replaceRange: y-prosemirror's UndoManager stops capturing on both sides).
import type { ReactiveController } from 'lit';
import type { Lang } from '../../domain/sections.js';
import { JdTmInsertEvent, type SentencePlace } from '../core/tm-events.js';
import type { EditorHost } from './editor-host.js';
import { replaceRange } from './editor-text.js';
import { sentenceAt, sentenceOf } from './sentences.js';

export class TmInsertController implements ReactiveController {
  constructor(private readonly host: EditorHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener(JdTmInsertEvent.type, this.#onInsert);
  }

  hostDisconnected(): void {
    this.host.removeEventListener(JdTmInsertEvent.type, this.#onInsert);
  }

  #onInsert = (event: JdTmInsertEvent): void => {
    if (event.defaultPrevented || (event.documentId && event.documentId.toLowerCase() !== this.host.documentId.toLowerCase())) return;
    if (this.insert(event.lang, event.text, event.place)) event.preventDefault();
  };

  /** Replaces the sentence at `place` (when there is one), else the selection (or the sentence under the caret) of a pane; false when read-only or not mounted. */
  insert(lang: Lang, text: string, place: SentencePlace | null = null): boolean {
    const pane = this.host.pane(lang);
    if (!pane || !this.host.editable) return false;
    const { from, to, empty, head } = pane.view.state.selection;
    const placed = place ? sentenceOf(pane.view.state, place.sectionId, place.index, lang) : null;
    const range = placed ?? (empty ? (sentenceAt(pane.view.state, head, lang) ?? { from: head, to: head }) : { from, to });
    replaceRange(pane, range.from, range.to, text, false);
    return true;
  }
}
