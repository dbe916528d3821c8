import { JdEvent } from '../core/jd-event.js';

// The events this module declares, typed for addEventListener on any element or document.
declare global {
  interface GlobalEventHandlersEventMap {
    'jd-notification-open': JdNotificationOpenEvent;
  }
}

/**
 * A notification's link was followed. Cancelable: a portal that routes on its own calls
 * preventDefault() and opens `documentId` (at `commentId`, when there is one) itself.
 */
export class JdNotificationOpenEvent extends JdEvent {
  static readonly type = 'jd-notification-open';
  constructor(readonly documentId: string, readonly commentId: string | null) {
    super(JdNotificationOpenEvent.type, { cancelable: true });
  }
}
