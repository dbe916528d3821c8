import type { JdUser } from '../core/session-context.js';
import { JdEvent } from '../core/jd-event.js';

// The events this module declares, typed for addEventListener on any element or document.
declare global {
  interface GlobalEventHandlersEventMap {
    'jd-session-change': JdSessionChangeEvent;
    'jd-sign-in-error': JdSignInErrorEvent;
  }
}

/** The signed-in user changed (sign-in, sign-out, or a host-provided token naming someone else). */
export class JdSessionChangeEvent extends JdEvent {
  static readonly type = 'jd-session-change';
  constructor(readonly user: JdUser | null) { super(JdSessionChangeEvent.type); }
}

/** Signing in failed; `message` is the server's reason. */
export class JdSignInErrorEvent extends JdEvent {
  static readonly type = 'jd-sign-in-error';
  constructor(readonly message: string) { super(JdSignInErrorEvent.type); }
}
