// What a translation-memory panel (<jd-concordance>) asks of the editor beside it: the sentence
// under the caret and the sentence paired with it in the other language (live lookup), and the
// event through which it inserts a match. `<jd-editor>` implements the interface; the panel finds
// it on the session's shared document (SharedDocument.editor), as <jd-comments> does.
import type { Lang } from '../../domain/sections.js';
import type { CommentsEditor } from './comments-editor.js';
import { JdEvent } from './jd-event.js';

declare global {
  interface GlobalEventHandlersEventMap {
    'jd-tm-insert': JdTmInsertEvent;
  }
}

/** A sentence of a section (sentences are numbered within their section, heading left out). */
export interface EditorSentence {
  sectionId: string;
  index: number;
  text: string;
  from: number;
  to: number;
}

export interface TmEditor extends CommentsEditor {
  /** The sentence at a position of a pane (default: the caret's), or null. */
  sentenceAt(lang: Lang, pos?: number): EditorSentence | null;
  /** The sentence at `index` of a section in a pane, or null. */
  sentenceOf(lang: Lang, sectionId: string, index: number): EditorSentence | null;
}

/** Whether the editor on a shared document can follow sentences (a `<jd-editor>` can). */
export const isTmEditor = (editor: CommentsEditor | null): editor is TmEditor => !!editor && 'sentenceAt' in editor && 'sentenceOf' in editor;

/** A sentence's place: its section and its index there (the same in both languages' paired sections). */
export interface SentencePlace {
  sectionId: string;
  index: number;
}

/**
 * Insert a translation-memory match into the editor's `lang` pane: it replaces the sentence at
 * `place` when given and there is one, else the selection, or the sentence under the caret when
 * nothing is selected, as one undoable step. Dispatched on the editor (it bubbles from there);
 * the editor calls preventDefault() when it inserted the text.
 */
export class JdTmInsertEvent extends JdEvent {
  static readonly type = 'jd-tm-insert';
  constructor(
    readonly text: string,
    readonly lang: Lang,
    /** The document the match is meant for: an editor on another document ignores it. */
    readonly documentId: string,
    /** The sentence to replace (live mode following the caret in the other pane: the paired sentence); null: the pane's selection. */
    readonly place: SentencePlace | null = null,
  ) {
    super(JdTmInsertEvent.type, { cancelable: true });
  }
}
