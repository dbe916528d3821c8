// One loaded document: its Y.Doc and awareness, the clients attached to it, and the rule that
// makes "acknowledged" mean "durable": an incoming update is appended to doc_updates first, and
// only then applied to the Y.Doc, relayed to the other clients and published to other instances.
// The in-memory Y.Doc therefore never holds anything Postgres does not, which is what makes
// unloading, crashing and reloading lossless, and what lets a compaction encode the Y.Doc itself
// instead of reading the log back.
import { projectComments, writeComments } from '../comments/comment-projection.js';
import { commentChangesBy } from '../comments/comment-guard.js';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Logger } from '../ops/logger.js';
import type { SyncDatabase } from '../db/sql-access.js';
import { applyStoredState, compactDocument, readStoredState, snapshotOf, writeSnapshot, type CompactionResult, type PendingUpdate } from '../db/update-log.js';
import type { UpdateWriter } from '../db/update-writer.js';
import { projectSections, writeSections } from '../db/section-projection.js';
import { seedFromSections } from '../db/document-seed.js';
import type { DocumentBus } from '../scale/document-bus.js';
import type { SyncMetrics } from './sync-metrics.js';
import { ProjectionScheduler } from './projection-scheduler.js';
import { awarenessFrame, updateFrame } from './protocol.js';
import { admitAwareness } from './awareness-filter.js';

/** What a room needs from a client connection. */
export interface RoomPeer {
  send(frame: Uint8Array): void;
  /** Awareness client ids this connection speaks for, removed when it leaves. */
  readonly awarenessClients: Set<number>;
}

export interface RoomSettings {
  maxBatchUpdates: number;
  /**
   * A compaction is due once the tail (the updates after the snapshot) holds this many updates
   * or this many bytes, and also at least `compactTailRatio` times the snapshot's bytes. The
   * ratio spaces compactions out as a document grows: each compaction rewrites at most
   * (1 + 1/ratio) times the bytes it folds, so all the snapshots written over a document's life
   * add up to a constant multiple of what was appended (fixed thresholds rewrite a growing
   * snapshot every N updates: quadratic), while a load reads at most about (1 + ratio) times the
   * snapshot.
   */
  compactAfterUpdates: number;
  compactAfterBytes: number;
  compactTailRatio: number;
  projectionDelayMs: number;
  projectionMaxWaitMs: number;
  /** Wait before fetching missed seqs from Postgres when another instance's updates arrive out of order. */
  catchUpDelayMs: number;
}

type CompactionSettings = Pick<RoomSettings, 'compactAfterUpdates' | 'compactAfterBytes' | 'compactTailRatio'>;

/** Whether the tail (updates stored after the snapshot) is due to be folded into it; see RoomSettings. */
export function compactionDue(tail: { updates: number; bytes: number }, snapshotBytes: number, settings: CompactionSettings): boolean {
  const large = tail.updates >= settings.compactAfterUpdates || tail.bytes >= settings.compactAfterBytes;
  return large && tail.bytes >= settings.compactTailRatio * snapshotBytes;
}

interface RoomContext {
  db: SyncDatabase;
  /** Shared by every room of the server: appends the updates of many documents per transaction. */
  writer: UpdateWriter;
  bus: DocumentBus | null;
  metrics: SyncMetrics;
  log: Logger;
  settings: RoomSettings;
}

interface QueuedUpdate extends PendingUpdate {
  peer: RoomPeer;
  resolve(): void;
  reject(error: unknown): void;
}

/** Origin of changes that came from Postgres or another instance: relayed locally, never re-persisted or re-published. */
const FROM_STORE = Symbol('from-store');

export class DocumentRoom {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly peers = new Set<RoomPeer>();
  /** Bytes stored for this document (snapshot + tail). */
  private persistedBytes = 0;
  /** Bytes of updates accepted and on their way to Postgres. */
  private pendingBytes = 0;

  private readonly queue: QueuedUpdate[] = [];
  private draining: Promise<void> | null = null;
  private tailUpdates = 0;
  private tailBytes = 0;
  /** The stored snapshot, as far as this room knows (another instance may have written a newer one). */
  private snapshotSeq = 0;
  private snapshotBytes = 0;
  /**
   * False once an update that is in Postgres could not be applied to `doc`: from then on `doc`
   * is not a faithful copy of the log, and compaction rebuilds the snapshot from Postgres.
   */
  private faithful = true;
  private compacting: Promise<void> | null = null;
  private readonly projection: ProjectionScheduler;
  /** Every seq up to here has been applied to `doc` (scale-out gap detection). */
  private contiguousSeq = 0;
  private readonly seenAbove = new Set<number>();
  private catchUpTimer: NodeJS.Timeout | null = null;
  private catchingUp: Promise<void> = Promise.resolve();
  private destroyed = false;
  private readonly log: Logger;

  private constructor(readonly documentId: string, private readonly ctx: RoomContext) {
    this.log = ctx.log.child({ documentId });
    // The server is not a user: no awareness state of its own.
    this.awareness.setLocalState(null);
    this.projection = new ProjectionScheduler(() => this.writeProjection(), ctx.settings.projectionDelayMs, ctx.settings.projectionMaxWaitMs);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.relayUpdate(update, origin));
    this.awareness.on('update', (change: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) =>
      this.relayAwareness(change, origin),
    );
  }

  /** Subscribes to other instances first, then reads Postgres, so nothing published in between is missed. */
  static async load(documentId: string, ctx: RoomContext): Promise<DocumentRoom> {
    const room = new DocumentRoom(documentId, ctx);
    const early: (() => void)[] = [];
    let loaded = false;
    try {
      if (ctx.bus) {
        await ctx.bus.subscribe(documentId, {
          update: (seq, update) => (loaded ? room.applyFromInstance(seq, update) : early.push(() => room.applyFromInstance(seq, update))),
          awareness: (update) => (loaded ? room.applyRemoteAwareness(update) : early.push(() => room.applyRemoteAwareness(update))),
        });
      }
      // Before reading: the first content is then stored like any update and read back below.
      if (await seedFromSections(ctx.db, documentId)) room.log.log('info', 'first content from the stored sections');
      const stored = await readStoredState(ctx.db, documentId);
      applyStoredState(room.doc, stored, FROM_STORE, (seq, error) => room.storedUpdateSkipped(seq, error));
      room.contiguousSeq = stored.lastSeq;
      room.snapshotSeq = stored.snapshotSeq;
      room.snapshotBytes = stored.snapshot?.byteLength ?? 0;
      room.persistedBytes = stored.bytes;
      room.tailUpdates = stored.tail.length;
      room.tailBytes = stored.tail.reduce((n, t) => n + t.update.byteLength, 0);
      loaded = true;
      for (const run of early) run();
      return room;
    } catch (error) {
      await room.destroy();
      throw error;
    }
  }

  /**
   * What the document size limit is judged against: what is stored plus what has been accepted
   * and is still being written (updates are pipelined, so a burst is judged as a whole).
   */
  get storedBytes(): number {
    return this.persistedBytes + this.pendingBytes;
  }

  attach(peer: RoomPeer) {
    this.peers.add(peer);
  }

  detach(peer: RoomPeer) {
    if (!this.peers.delete(peer)) return;
    if (peer.awarenessClients.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.awarenessClients], null);
    }
  }

  /**
   * Persists, then applies and relays. Resolves when the update is durable and visible to the
   * other clients; rejects if Postgres refused it (then nothing was applied or relayed).
   */
  submitUpdate(update: Uint8Array, peer: RoomPeer, createdBy: string | null): Promise<void> {
    this.pendingBytes += update.byteLength;
    return new Promise((resolve, reject) => {
      this.queue.push({ update, createdBy, peer, resolve, reject });
      this.kick();
    });
  }

  /**
   * Applies what `peer` may say about presence (its own client ids, states up to
   * `maxStateBytes`; see admitAwareness) and reports what was dropped.
   */
  applyAwareness(update: Uint8Array, peer: RoomPeer, maxStateBytes: number): { foreign: number; oversize: number } {
    const states = this.awareness.getStates();
    const admitted = admitAwareness(update, peer.awarenessClients, (clientId) => states.has(clientId), maxStateBytes);
    if (admitted.update) awarenessProtocol.applyAwarenessUpdate(this.awareness, admitted.update, peer);
    return admitted;
  }

  /** Waits until every accepted update is in Postgres and the projection is written. */
  async flush() {
    while (this.draining) await this.draining;
    await this.compacting;
    await this.projection.flush();
  }

  async destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    this.projection.cancel();
    if (this.catchUpTimer) clearTimeout(this.catchUpTimer);
    if (this.ctx.bus) await this.ctx.bus.unsubscribe(this.documentId).catch(() => {});
    this.awareness.destroy();
    this.doc.destroy();
  }

  private kick() {
    if (this.draining || this.queue.length === 0) return;
    this.draining = this.drain().finally(() => {
      this.draining = null;
      this.kick();
    });
  }

  /**
   * Takes whatever has queued up while the previous append was in flight and hands it to the
   * shared writer, which commits it together with other documents' batches.
   */
  private async drain() {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.ctx.settings.maxBatchUpdates);
      let seqs: number[];
      try {
        seqs = await this.ctx.writer.append(this.documentId, batch);
      } catch (error) {
        this.ctx.metrics.errors.inc({ kind: 'persist' });
        this.log.log('error', 'appending updates failed; clients will resend after reconnecting', { count: batch.length, error });
        for (const item of batch) {
          this.pendingBytes -= item.update.byteLength;
          item.reject(error);
        }
        continue;
      }
      this.applyPersisted(batch, seqs);
      batch.forEach((item, i) => {
        this.ctx.bus?.publishUpdate(this.documentId, seqs[i]!, item.update);
        this.tailUpdates += 1;
        this.tailBytes += item.update.byteLength;
        this.pendingBytes -= item.update.byteLength;
        this.persistedBytes += item.update.byteLength;
        item.resolve();
      });
      this.noteSeqs(seqs);
      this.projection.markDirty();
      this.maybeCompact();
    }
  }

  /**
   * Applies a persisted batch, one Yjs transaction per run of updates from the same client: the
   * doc then emits one update per run, so the other clients get one frame instead of one per
   * keystroke, and Yjs cleans up once per run instead of once per update.
   */
  private applyPersisted(batch: QueuedUpdate[], seqs: number[]) {
    for (let start = 0; start < batch.length; ) {
      const peer = batch[start]!.peer;
      let end = start;
      while (end < batch.length && batch[end]!.peer === peer) end += 1;
      Y.transact(
        this.doc,
        () => {
          for (let i = start; i < end; i++) {
            try {
              Y.applyUpdate(this.doc, batch[i]!.update, peer);
            } catch (error) {
              this.faithful = false;
              this.ctx.metrics.errors.inc({ kind: 'apply' });
              this.log.log('error', 'persisted update could not be applied', { seq: seqs[i], error });
            }
          }
        },
        peer,
        false,
      );
      start = end;
    }
  }

  private storedUpdateSkipped(seq: number, error: unknown) {
    this.faithful = false;
    this.log.log('error', 'stored update could not be applied; skipped', { seq, error });
  }

  private maybeCompact() {
    if (this.compacting || !compactionDue({ updates: this.tailUpdates, bytes: this.tailBytes }, this.snapshotBytes, this.ctx.settings)) return;
    const [updates, bytes] = [this.tailUpdates, this.tailBytes];
    this.tailUpdates = 0;
    this.tailBytes = 0;
    this.compacting = this.compact(updates)
      .then((result) => {
        this.snapshotSeq = Math.max(this.snapshotSeq, result.lastSeq);
        this.snapshotBytes = result.snapshotBytes;
        this.persistedBytes = result.snapshotBytes + this.tailBytes;
        this.log.log('info', 'compacted', {
          lastSeq: result.lastSeq,
          folded: result.foldedUpdates,
          tailBytes: bytes,
          snapshotBytes: result.snapshotBytes,
          from: result.from,
        });
      })
      .catch((error: unknown) => {
        this.tailUpdates += updates;
        this.tailBytes += bytes;
        this.ctx.metrics.errors.inc({ kind: 'compaction' });
        this.log.log('error', 'compaction failed; the tail stays as it is', { error });
      })
      .finally(() => {
        this.compacting = null;
      });
  }

  /**
   * Every update up to `contiguousSeq` has been applied to `doc`, and `doc` holds nothing that is
   * not in Postgres (updates are applied only once stored), so encoding `doc` gives the snapshot
   * as of `contiguousSeq` without reading the log back. Whatever `doc` holds beyond that seq is
   * stored too, and stays in the tail. The encoding and the seq are taken together, synchronously.
   * Rebuilt from Postgres instead when `doc` is not a faithful copy, or when it cannot get past
   * the stored snapshot (a gap before anything new: a missed update not fetched yet).
   */
  private async compact(tailUpdates: number): Promise<CompactionResult & { from: 'memory' | 'postgres' }> {
    if (!this.faithful || this.contiguousSeq <= this.snapshotSeq) {
      return { ...(await compactDocument(this.ctx.db, this.documentId)), from: 'postgres' };
    }
    const snapshot = snapshotOf(this.doc, this.contiguousSeq);
    await writeSnapshot(this.ctx.db, this.documentId, snapshot);
    return { lastSeq: snapshot.lastSeq, foldedUpdates: tailUpdates, snapshotBytes: snapshot.state.byteLength, from: 'memory' };
  }

  private async writeProjection() {
    if (this.destroyed) return;
    const rows = [...projectSections(this.doc, 'en'), ...projectSections(this.doc, 'fr')];
    try {
      await writeSections(this.ctx.db, this.documentId, rows);
    } catch (error) {
      this.ctx.metrics.errors.inc({ kind: 'projection' });
      this.log.log('error', 'writing document_sections failed', { error });
    }
    // Comment threads go to public.comments for audit and queries, on the same debounce.
    try {
      await writeComments(this.ctx.db, this.documentId, projectComments(this.doc), commentChangesBy(this.doc));
    } catch (error) {
      this.ctx.metrics.errors.inc({ kind: 'comment-projection' });
      this.log.log('error', 'writing comments failed', { error });
    }
  }

  private relayUpdate(update: Uint8Array, origin: unknown) {
    if (this.peers.size === 0) return;
    const frame = updateFrame(update);
    for (const peer of this.peers) if (peer !== origin) peer.send(frame);
  }

  private relayAwareness({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) {
    const changed = [...added, ...updated, ...removed];
    const peer = origin as RoomPeer | undefined;
    if (peer && this.peers.has(peer)) {
      for (const id of added) peer.awarenessClients.add(id);
      for (const id of removed) peer.awarenessClients.delete(id);
    }
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
    // Like y-websocket's own server, the sender gets its state back too: that echo is what
    // keeps an idle client's "no message received" watchdog quiet.
    const frame = awarenessFrame(update);
    for (const p of this.peers) p.send(frame);
    if (origin !== FROM_STORE && peer && this.peers.has(peer)) this.ctx.bus?.publishAwareness(this.documentId, update);
  }

  private applyRemoteAwareness(update: Uint8Array) {
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, FROM_STORE);
    } catch (error) {
      this.log.log('warn', 'awareness from another instance could not be applied', { error });
    }
  }

  /** An update another instance persisted: apply (relays to local clients), and watch for gaps. */
  private applyFromInstance(seq: number, update: Uint8Array) {
    if (this.destroyed) return;
    try {
      Y.applyUpdate(this.doc, update, FROM_STORE);
    } catch (error) {
      this.faithful = false;
      this.log.log('error', 'update from another instance could not be applied', { seq, error });
    }
    this.noteSeqs([seq]);
  }

  /**
   * Seqs are consecutive per document across all writers. A gap means an update was persisted
   * but has not reached this room: its publication was missed (e.g. the publishing instance died
   * in between), or it was appended without a sync server (doc_updates takes inserts from
   * members directly). Fetch it. Compaction relies on `contiguousSeq` too.
   */
  private noteSeqs(seqs: number[]) {
    for (const seq of seqs) if (seq > this.contiguousSeq) this.seenAbove.add(seq);
    while (this.seenAbove.delete(this.contiguousSeq + 1)) this.contiguousSeq += 1;
    if (this.seenAbove.size > 0 && !this.catchUpTimer && !this.destroyed) {
      this.catchUpTimer = setTimeout(() => {
        this.catchUpTimer = null;
        this.catchingUp = this.catchingUp.then(() => this.catchUp());
      }, this.ctx.settings.catchUpDelayMs);
    }
  }

  /**
   * With other instances writing too, reads anything persisted that has not arrived over the bus
   * (e.g. the last update of an instance that died between committing and publishing). Called
   * before a new client's first sync, so it never starts from less than Postgres has.
   */
  catchUpNow(): Promise<void> {
    if (!this.ctx.bus) return Promise.resolve();
    this.catchingUp = this.catchingUp.then(() => this.catchUp(true));
    return this.catchingUp;
  }

  private async catchUp(always = false) {
    if (this.destroyed || (!always && this.seenAbove.size === 0)) return;
    try {
      const stored = await readStoredState(this.ctx.db, this.documentId, this.contiguousSeq);
      if (this.destroyed) return;
      applyStoredState(this.doc, stored, FROM_STORE, (seq, error) => this.storedUpdateSkipped(seq, error));
      const covered = stored.lastSeq;
      this.contiguousSeq = Math.max(this.contiguousSeq, covered);
      for (const seq of this.seenAbove) if (seq <= this.contiguousSeq) this.seenAbove.delete(seq);
      while (this.seenAbove.delete(this.contiguousSeq + 1)) this.contiguousSeq += 1;
      if (stored.tail.length > 0 || stored.snapshot) this.log.log('info', 'caught up from Postgres', { upTo: covered, updates: stored.tail.length });
    } catch (error) {
      this.log.log('error', 'catching up from Postgres failed', { error });
    }
  }
}
