// Failed password sign-ins, counted per account (the normalised email) and per client address
// within a window, so a password cannot be guessed at bcrypt speed. Past the limit GoTrue's
// answer, 429 over_request_rate_limit, comes before the password is even compared, so the
// right password does not get through either until the window ends.
//
// Only failures count: tests and the demo sign in as the same seeded users many times from one
// address, and a user who knows their password is never slowed down. Counts live in memory,
// per gateway process (the local stack has one).
import { AuthFailure } from './errors.js';

export interface SignInLimits {
  /** Failed sign-ins one account may have in a window; 0 turns the limit off. */
  failuresPerAccount: number;
  /** Failed sign-ins one client address may make in a window, across accounts; 0 turns it off. */
  failuresPerAddress: number;
  windowSeconds: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { failuresPerAccount: 10, failuresPerAddress: 30, windowSeconds: 300 };

/** Past this many keys, ended windows are swept on the next failure. */
const SWEEP_ABOVE = 10_000;

/** Failures per key in fixed windows that start at a key's first failure. */
class FailureWindows {
  private readonly windows = new Map<string, { failures: number; endsAt: number }>();
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  isOver(key: string): boolean {
    if (this.limit === 0) return false;
    const window = this.windows.get(key);
    return window !== undefined && this.now() < window.endsAt && window.failures >= this.limit;
  }

  record(key: string): void {
    if (this.limit === 0) return;
    const now = this.now();
    const window = this.windows.get(key);
    if (window && now < window.endsAt) {
      window.failures += 1;
      return;
    }
    if (this.windows.size >= SWEEP_ABOVE) {
      for (const [other, { endsAt }] of this.windows) if (endsAt <= now) this.windows.delete(other);
    }
    this.windows.set(key, { failures: 1, endsAt: now + this.windowMs });
  }
}

export class SignInLimiter {
  private readonly accounts: FailureWindows;
  private readonly addresses: FailureWindows;

  constructor(limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS, now: () => number = Date.now) {
    this.accounts = new FailureWindows(limits.failuresPerAccount, limits.windowSeconds * 1000, now);
    this.addresses = new FailureWindows(limits.failuresPerAddress, limits.windowSeconds * 1000, now);
  }

  /** Throws GoTrue's 429 when the account or the address has failed too often. */
  check(email: string, address: string): void {
    if (this.accounts.isOver(email) || this.addresses.isOver(address)) {
      throw new AuthFailure(429, 'over_request_rate_limit', 'Request rate limit reached');
    }
  }

  recordFailure(email: string, address: string): void {
    this.accounts.record(email);
    this.addresses.record(address);
  }
}
