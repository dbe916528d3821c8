// Runs the work handed to it one piece at a time, in order. The rooms' projections share one:
// rooms opened together (a server start, a benchmark) reach their projection deadline together,
// and a hundred rooms' projection transactions queued at once would hold every append behind
// them (PGlite runs one transaction at a time). One at a time, an append waits for at most one.
export class OneAtATime {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.catch(() => {});
    return result;
  }
}
