// Closes a connection when its access token expires, whether or not the client sends anything:
// checking only on incoming messages let an expired token keep receiving for as long as the
// client stayed quiet.

/** setTimeout's longest delay (about 24.8 days); a longer wait is re-armed in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Calls `onExpired` once `expiresAt` (epoch ms) has passed; returns the cancel function. */
export function whenExpired(expiresAt: number, onExpired: () => void, now: () => number = Date.now): () => void {
  let timer: NodeJS.Timeout | null = null;
  const arm = () => {
    const wait = expiresAt - now();
    if (wait <= 0) {
      timer = null;
      onExpired();
      return;
    }
    timer = setTimeout(arm, Math.min(wait, MAX_TIMER_MS));
    timer.unref();
  };
  if (Number.isFinite(expiresAt)) arm();
  return () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
}
