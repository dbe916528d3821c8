// Runs the work handed to it one piece at a time, in order. The rooms' projections share one:
// rooms opened together (a server start, a benchmark) reach their projection deadline together,
// and a hundred rooms' projection transactions queued at once would hold every append behind
// them (PGlite runs one transaction at a time). One at a time, an append waits for at most one.
// Each piece starts on a later turn of the event loop than the one before ended: PGlite's work
// resolves in microtasks, so pieces chained directly would run back to back without letting the
// server read a socket or commit an append (a hundred rooms' projections: ~100 ms of nothing else).
import { setImmediate as nextTurn } from 'node:timers/promises';

export class OneAtATime {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(() => nextTurn()).then(work);
    this.tail = result.catch(() => {});
    return result;
  }
}
