import type { Lang } from '../../domain/sections.js';
import { JdEvent } from '../core/jd-event.js';

// The events this module declares, typed for addEventListener on any element or document.
declare global {
  interface GlobalEventHandlersEventMap {
    'jd-comment-add': JdCommentAddEvent;
    'jd-comment-resolve': JdCommentResolveEvent;
    'jd-comment-select': JdCommentSelectEvent;
  }
}

/** A comment was added here: a new thread (`replyId` null) or a reply. */
export class JdCommentAddEvent extends JdEvent {
  static readonly type = 'jd-comment-add';
  constructor(
    readonly threadId: string,
    readonly replyId: string | null,
    readonly lang: Lang,
    readonly body: string,
    /** User ids mentioned with @. */
    readonly mentions: readonly string[],
  ) {
    super(JdCommentAddEvent.type);
  }
}

/** A thread was resolved (`resolved` true) or reopened here. */
export class JdCommentResolveEvent extends JdEvent {
  static readonly type = 'jd-comment-resolve';
  constructor(readonly threadId: string, readonly resolved: boolean) { super(JdCommentResolveEvent.type); }
}

/** A thread was selected (clicked, or its highlight hovered or reached with the caret). */
export class JdCommentSelectEvent extends JdEvent {
  static readonly type = 'jd-comment-select';
  constructor(
    readonly threadId: string,
    readonly lang: Lang,
    /** Where its text is in the linked editor, or null (text removed, or no editor). */
    readonly range: { from: number; to: number } | null,
  ) {
    super(JdCommentSelectEvent.type);
  }
}
