import type { Lang } from '../../domain/sections.js';
import type { EncodedAnchor } from '../../domain/comment-anchors.js';
import { JdEvent } from './jd-event.js';

// The events this module declares, typed for addEventListener on any element or document.
declare global {
  interface GlobalEventHandlersEventMap {
    'jd-comment-request': JdCommentRequestEvent;
  }
}

/**
 * `<jd-editor>` asks for a comment on its selection (comment button or Ctrl+Alt+M). A linked
 * `<jd-comments>` opens its compose form for it; call `preventDefault()` to say it was handled.
 */
export class JdCommentRequestEvent extends JdEvent {
  static readonly type = 'jd-comment-request';
  constructor(readonly lang: Lang, readonly anchor: EncodedAnchor, readonly quote: string, readonly documentId: string) {
    super(JdCommentRequestEvent.type, { cancelable: true });
  }
}
