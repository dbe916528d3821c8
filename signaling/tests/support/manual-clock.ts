// A clock the test moves: token expiry and unload delays happen when the test says, not after a
// real wait (the servers take it as their `clock` option). Time runs with the system's, plus
// whatever the test moved it forward by; timers fire only when the test advances it.
import type { Clock } from '../../sync/token-expiry.js';

interface Timer {
  due: number;
  callback: () => void;
}

export class ManualClock implements Clock {
  /** How far ahead of the system's time this clock is (ms). */
  private offset = 0;
  private readonly timers = new Set<Timer>();

  now(): number {
    return Date.now() + this.offset;
  }

  setTimer(callback: () => void, ms: number): () => void {
    const timer: Timer = { due: this.now() + Math.max(0, ms), callback };
    this.timers.add(timer);
    return () => void this.timers.delete(timer);
  }

  /** Timers waiting to fire. */
  get pending(): number {
    return this.timers.size;
  }

  /**
   * A lifetime, in seconds from the system's time (what token minting takes), that ends `seconds`
   * after this clock's now: tokens minted with it expire on this clock, however far it was moved.
   */
  lifetime(seconds: number): number {
    return Math.ceil(this.offset / 1000) + seconds;
  }

  /** Moves time forward by `ms` and fires, in order, every timer that is then due (also those they arm). */
  advance(ms: number): void {
    this.advanceTo(this.now() + ms);
  }

  /** Moves time forward to `target` (epoch ms) and fires every timer due by then, in order. */
  advanceTo(target: number): void {
    for (;;) {
      const next = [...this.timers].filter((t) => t.due <= target).sort((a, b) => a.due - b.due)[0];
      if (!next) break;
      this.timers.delete(next);
      this.skipTo(next.due);
      next.callback();
    }
    this.skipTo(target);
  }

  /** Moves time forward to `target` (epoch ms) without firing timers: as if they were late (a blocked event loop). */
  skipTo(target: number): void {
    this.offset = Math.max(this.offset, target - Date.now());
  }
}
