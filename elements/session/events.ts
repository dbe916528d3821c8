import type { JdUser } from '../core/session-context.js';

/** The signed-in user changed (sign-in, sign-out, or a host-provided token naming someone else). */
export class JdSessionChangeEvent extends Event {
  static readonly type = 'jd-session-change';
  constructor(readonly user: JdUser | null) {
    super(JdSessionChangeEvent.type, { bubbles: true, composed: true });
  }
}

/** Signing in failed; `message` is the server's reason. */
export class JdSignInErrorEvent extends Event {
  static readonly type = 'jd-sign-in-error';
  constructor(readonly message: string) {
    super(JdSignInErrorEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'jd-session-change': JdSessionChangeEvent;
    'jd-sign-in-error': JdSignInErrorEvent;
  }
}
