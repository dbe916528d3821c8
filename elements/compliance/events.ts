import { JdEvent } from '../core/jd-event.js';

// The events this module declares, typed for addEventListener on any element or document.
declare global {
  interface GlobalEventHandlersEventMap {
    'jd-compliance-checked': JdComplianceCheckedEvent;
  }
}

/** The rules ran on the document's current text: how many findings (dismissed ones included) and how long the check took (ms). */
export class JdComplianceCheckedEvent extends JdEvent {
  static readonly type = 'jd-compliance-checked';
  constructor(
    readonly count: number,
    readonly elapsedMs: number,
  ) {
    super(JdComplianceCheckedEvent.type);
  }
}
