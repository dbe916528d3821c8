import { JdEvent } from '../core/jd-event.js';

declare global {
  interface GlobalEventHandlersEventMap {
    'jd-document-open': JdDocumentOpenEvent;
    'jd-document-created': JdDocumentCreatedEvent;
  }
}

/** The user chose a job description to open (from the results or the queue): the portal navigates to it. */
export class JdDocumentOpenEvent extends JdEvent {
  static readonly type = 'jd-document-open';
  constructor(readonly documentId: string) {
    super(JdDocumentOpenEvent.type);
  }
}

/** A job description was created (`kind` blank or clone, `sourceId` the cloned one). */
export class JdDocumentCreatedEvent extends JdEvent {
  static readonly type = 'jd-document-created';
  constructor(
    readonly documentId: string,
    readonly kind: 'blank' | 'clone',
    readonly sourceId: string | null,
  ) {
    super(JdDocumentCreatedEvent.type);
  }
}
