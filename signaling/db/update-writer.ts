// Group commit for doc_updates: every loaded document hands its pending updates to this one
// writer, which appends whatever has gathered from all documents in a single transaction while
// the previous one is in flight. With one transaction per document, a server with a hundred
// busy documents spends its time on transaction overhead (PGlite runs one at a time; hosted
// Postgres pays a round trip per statement); grouped, the cost is per batch, not per document.
//
// Nothing about durability changes: a request resolves only once its transaction has committed
// (the room applies and relays after that), and seqs are still allocated per document under its
// lock inside the transaction (appendMergedGroups). Each request is stored as one row, the merge
// of its updates (update-log.ts): the database's work per transaction grows with the number of
// documents in it, not with the number of updates.
import type { SyncDatabase } from './sql-access.js';
import { appendMergedGroups, documentKey, type AppendedGroup, type KnownLastSeqs, type PendingUpdate } from './update-log.js';

export interface UpdateWriterLimits {
  /** Updates per transaction (a single larger request still goes, alone). */
  maxRows: number;
  /** Update bytes per transaction (likewise). */
  maxBytes: number;
}

export interface UpdateWriterObserver {
  /** One committed transaction: how long it took and how much it carried (`rows`: updates, whatever rows store them). */
  committed?(stats: { seconds: number; documents: number; rows: number; bytes: number }): void;
  /** A transaction of several documents failed; they are retried one document at a time. */
  retryingSeparately?(error: unknown, documents: number): void;
}

interface Request {
  documentId: string;
  updates: PendingUpdate[];
  bytes: number;
  resolve(appended: AppendedGroup): void;
  reject(error: unknown): void;
}

export class UpdateWriter {
  private pending: Request[] = [];
  private writing: Promise<void> | null = null;
  private scheduled = false;
  /** Last seqs of the documents this writer appended to, on a serial database (see KnownLastSeqs). */
  private readonly lastSeqs: KnownLastSeqs = new Map();

  constructor(
    private readonly db: SyncDatabase,
    private readonly limits: UpdateWriterLimits,
    private readonly observer: UpdateWriterObserver = {},
  ) {}

  /** Appends one document's updates, in order; resolves with their seqs once committed. */
  async append(documentId: string, updates: PendingUpdate[]): Promise<number[]> {
    return (await this.appendMerged(documentId, updates)).seqs;
  }

  /** append, also resolving with the row that stores the updates (see appendMergedGroups). */
  appendMerged(documentId: string, updates: PendingUpdate[]): Promise<AppendedGroup> {
    if (updates.length === 0) return Promise.resolve({ seqs: [], rows: [] });
    return new Promise((resolve, reject) => {
      const bytes = updates.reduce((n, u) => n + u.update.byteLength, 0);
      this.pending.push({ documentId, updates, bytes, resolve, reject });
      this.schedule();
    });
  }

  /** Drops what the writer remembers of a document (its room unloads: others may append meanwhile). */
  forget(documentId: string) {
    this.lastSeqs.delete(documentKey(documentId));
  }

  /** Requests waiting for the next transaction (tests and metrics). */
  get queued(): number {
    return this.pending.length;
  }

  /**
   * Starts the next transaction once the current one is done. The start waits for the next turn
   * of the event loop, so the rooms that were just told "committed" have handed in their next
   * batches by then and travel together.
   */
  private schedule() {
    if (this.writing || this.scheduled || this.pending.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.writing || this.pending.length === 0) return;
      this.writing = this.writeNext().finally(() => {
        this.writing = null;
        this.schedule();
      });
    });
  }

  private takeBatch(): Request[] {
    const batch: Request[] = [];
    let rows = 0;
    let bytes = 0;
    while (this.pending.length > 0) {
      const next = this.pending[0]!;
      if (batch.length > 0 && (rows + next.updates.length > this.limits.maxRows || bytes + next.bytes > this.limits.maxBytes)) break;
      batch.push(this.pending.shift()!);
      rows += next.updates.length;
      bytes += next.bytes;
    }
    return batch;
  }

  private async writeNext() {
    const batch = this.takeBatch();
    const documents = new Set(batch.map((r) => r.documentId.toLowerCase()));
    try {
      this.settle(batch, await this.write(batch, documents.size));
      return;
    } catch (error) {
      if (documents.size === 1) {
        for (const request of batch) request.reject(error);
        return;
      }
      // All or nothing rolled back every document. One document's problem (deleted meanwhile,
      // a row the database refuses) must not fail the others: each document on its own.
      this.observer.retryingSeparately?.(error, documents.size);
    }
    for (const documentId of documents) {
      const own = batch.filter((r) => r.documentId.toLowerCase() === documentId);
      try {
        this.settle(own, await this.write(own, 1));
      } catch (error) {
        for (const request of own) request.reject(error);
      }
    }
  }

  private async write(batch: Request[], documents: number): Promise<AppendedGroup[]> {
    const started = performance.now();
    const appended = await appendMergedGroups(this.db, batch, this.lastSeqs);
    this.observer.committed?.({
      seconds: (performance.now() - started) / 1000,
      documents,
      rows: batch.reduce((n, r) => n + r.updates.length, 0),
      bytes: batch.reduce((n, r) => n + r.bytes, 0),
    });
    return appended;
  }

  private settle(batch: Request[], appended: AppendedGroup[]) {
    batch.forEach((request, i) => request.resolve(appended[i]!));
  }
}
