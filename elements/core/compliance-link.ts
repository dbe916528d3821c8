// What <jd-compliance> and <jd-editor> say to each other about findings, beside the text API of
// comments-editor.ts: the underlines the panel asks the editor to draw, and the editor's request
// (from the "submit for review" warning) that the panel bring its errors forward.
import type { Lang } from '../../domain/sections.js';
import type { Severity } from '../../domain/compliance/types.js';
import { JdEvent } from './jd-event.js';

declare global {
  interface GlobalEventHandlersEventMap {
    'jd-review-findings': JdReviewFindingsEvent;
  }
}

/** One finding's words in a pane: where, how serious, and what to say about it (UI language, text only). */
export interface FindingMark {
  /** Which finding (its stored key): the same finding keeps its underline, which has followed the edits, when the findings are drawn again. */
  id: string;
  from: number;
  to: number;
  severity: Severity;
  message: string;
}

/** An editor that underlines findings (`<jd-editor>`). */
export interface FindingsEditor {
  /** Replaces the findings underlined in a pane ([] removes them). */
  showFindings(lang: Lang, marks: readonly FindingMark[]): void;
  /** The findings underlined in a pane now, in document order (after everyone's edits). */
  shownFindings(lang: Lang): FindingMark[];
}

/**
 * The person chose "Review the findings" instead of submitting with errors: a compliance panel
 * on the document shows its first error and calls preventDefault(); otherwise the editor puts
 * the caret on the first underlined error itself.
 */
export class JdReviewFindingsEvent extends JdEvent {
  static readonly type = 'jd-review-findings';
  constructor(readonly documentId: string) {
    super(JdReviewFindingsEvent.type, { cancelable: true });
  }
}
