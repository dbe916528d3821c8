// Closes a connection when its access token expires, whether or not the client sends anything:
// checking only on incoming messages let an expired token keep receiving for as long as the
// client stayed quiet.

/**
 * Time as the servers see it for token expiry (and the registry's unload delay). Injected so a
 * test can move time past a token's `exp` instead of waiting for it.
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Calls `callback` after `ms`; returns the cancel function. Must not keep the process alive. */
  setTimer(callback: () => void, ms: number): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(callback, ms) {
    const timer = setTimeout(callback, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};

/** setTimeout's longest delay (about 24.8 days); a longer wait is re-armed in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Calls `onExpired` once `expiresAt` (epoch ms) has passed; returns the cancel function. */
export function whenExpired(expiresAt: number, onExpired: () => void, clock: Clock = systemClock): () => void {
  let cancel: (() => void) | null = null;
  const arm = () => {
    const wait = expiresAt - clock.now();
    if (wait <= 0) {
      cancel = null;
      onExpired();
      return;
    }
    cancel = clock.setTimer(arm, Math.min(wait, MAX_TIMER_MS));
  };
  if (Number.isFinite(expiresAt)) arm();
  return () => {
    cancel?.();
    cancel = null;
  };
}
