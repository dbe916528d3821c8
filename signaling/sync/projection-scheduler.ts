// Debounces the plain-text projection: written `delayMs` after the last change, but no later
// than `maxWaitMs` after the first unwritten one, so steady typing still refreshes it.
export class ProjectionScheduler {
  private timer: NodeJS.Timeout | null = null;
  private dirtySince: number | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly write: () => Promise<void>,
    private readonly delayMs: number,
    private readonly maxWaitMs: number,
  ) {}

  markDirty() {
    const now = Date.now();
    this.dirtySince ??= now;
    if (this.timer) clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(this.delayMs, this.maxWaitMs - (now - this.dirtySince)));
    this.timer = setTimeout(() => void this.runNow(), wait);
  }

  /** Writes now if anything is pending, and waits for any write in progress. */
  async flush() {
    if (this.timer) await this.runNow();
    await this.writing;
  }

  cancel() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private runNow(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.dirtySince = null;
    // Chained so two writes never overlap and the last one written is the newest state.
    this.writing = this.writing.then(() => this.write());
    return this.writing;
  }
}
