// One loaded document: its Y.Doc and awareness, the clients attached to it, and the rule that
// makes "acknowledged" mean "durable": an incoming update is appended to doc_updates first, and
// only then applied to the Y.Doc, relayed to the other clients and published to other instances.
// The in-memory Y.Doc therefore never holds anything Postgres does not, which is what makes
// unloading, crashing and reloading lossless, and what lets a compaction encode the Y.Doc itself
// instead of reading the log back.
// What else a document does (seeding, projections, compaction) is a list of hooks (room-hook.ts).
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Logger } from '../ops/logger.js';
import type { SyncDatabase } from '../db/sql-access.js';
import { applyStoredState, readStoredState, updatesIn, type AppendedGroup, type PendingUpdate, type StoredRow } from '../db/update-log.js';
import type { UpdateWriter } from '../db/update-writer.js';
import type { DocumentBus } from '../scale/document-bus.js';
import type { SyncMetrics } from './sync-metrics.js';
import { ProjectionScheduler } from './projection-scheduler.js';
import { awarenessFrame, updateFrame } from './protocol.js';
import { admitAwareness } from './awareness-filter.js';
import type { RoomHook, RoomHookContext, RoomHookFactory } from './room-hook.js';
import type { OneAtATime } from './one-at-a-time.js';

export { compactionDue } from './compaction-hook.js';

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

interface RoomContext {
  db: SyncDatabase;
  /** Shared by every room of the server: appends the updates of many documents per transaction. */
  writer: UpdateWriter;
  bus: DocumentBus | null;
  metrics: SyncMetrics;
  log: Logger;
  settings: RoomSettings;
  /** Made once per room, run in this order (see room-hook.ts). */
  hooks: readonly RoomHookFactory[];
  /** Shared by every room of the server: their projections run one at a time. */
  projections: OneAtATime;
}

interface QueuedUpdate extends PendingUpdate {
  peer: RoomPeer;
  resolve(): void;
  reject(error: unknown): void;
}

/** Origin of changes that came from Postgres or another instance: relayed locally, never re-persisted or re-published. */
const FROM_STORE = Symbol('from-store');

export class DocumentRoom implements RoomHookContext {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly peers = new Set<RoomPeer>();
  /** Bytes stored for this document (snapshot + tail). */
  private persistedBytes = 0;
  /** Bytes of updates accepted and on their way to Postgres. */
  private pendingBytes = 0;

  private readonly queue: QueuedUpdate[] = [];
  private draining: Promise<void> | null = null;
  /**
   * False once an update that is in Postgres could not be applied to `doc`: from then on `doc`
   * is not a faithful copy of the log, and compaction rebuilds the snapshot from Postgres.
   */
  private faithfulCopy = true;
  private readonly projection: ProjectionScheduler;
  /** Every seq up to here has been applied to `doc` (scale-out gap detection). */
  private appliedThrough = 0;
  private readonly seenAbove = new Set<number>();
  private catchUpTimer: NodeJS.Timeout | null = null;
  private catchingUp: Promise<void> = Promise.resolve();
  private isDestroyed = false;
  private loaded = false;
  readonly log: Logger;
  private readonly hooks: RoomHook[];

  private constructor(readonly documentId: string, private readonly ctx: RoomContext) {
    this.log = ctx.log.child({ documentId });
    // The server is not a user: no awareness state of its own.
    this.awareness.setLocalState(null);
    this.projection = new ProjectionScheduler(() => this.runProjections(), ctx.settings.projectionDelayMs, ctx.settings.projectionMaxWaitMs);
    this.hooks = ctx.hooks.map((make) => make(this));
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
          update: (seq, update, seqEnd) =>
            loaded ? room.applyFromInstance(seq, update, seqEnd) : early.push(() => room.applyFromInstance(seq, update, seqEnd)),
          awareness: (update) => (loaded ? room.applyRemoteAwareness(update) : early.push(() => room.applyRemoteAwareness(update))),
        });
      }
      // Before reading: what they append (the first content) is then read back like any update.
      for (const hook of room.hooks) await hook.beforeLoad?.();
      const stored = await readStoredState(ctx.db, documentId);
      applyStoredState(room.doc, stored, FROM_STORE, (seq, error) => room.storedUpdateSkipped(seq, error));
      room.appliedThrough = stored.lastSeq;
      room.persistedBytes = stored.bytes;
      const state = {
        snapshotSeq: stored.snapshotSeq,
        snapshotBytes: stored.snapshot?.byteLength ?? 0,
        tailUpdates: updatesIn(stored.tail),
        tailBytes: stored.tail.reduce((n, t) => n + t.update.byteLength, 0),
      };
      for (const hook of room.hooks) await hook.afterLoad?.(state);
      loaded = true;
      room.loaded = true;
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

  // RoomHookContext
  get db() {
    return this.ctx.db;
  }
  get metrics() {
    return this.ctx.metrics;
  }
  get settings() {
    return this.ctx.settings;
  }
  get contiguousSeq() {
    return this.appliedThrough;
  }
  get faithful() {
    return this.faithfulCopy;
  }
  get destroyed() {
    return this.isDestroyed;
  }
  storedSizeChanged(bytes: number) {
    this.persistedBytes = bytes;
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

  /** Waits until every accepted update is in Postgres, the hooks' background work is done and the projections are written. */
  async flush() {
    while (this.draining) await this.draining;
    for (const hook of this.hooks) await this.guarded(hook, 'idle', () => hook.idle?.());
    await this.projection.flush();
  }

  /** Unloads (after a flush) or gives up a failed load; the hooks hear of an unload only when the room was loaded. */
  async destroy() {
    if (this.isDestroyed) return;
    this.isDestroyed = true;
    this.projection.cancel();
    if (this.loaded) for (const hook of this.hooks) await this.guarded(hook, 'onUnload', () => hook.onUnload?.());
    if (this.catchUpTimer) clearTimeout(this.catchUpTimer);
    this.ctx.writer.forget(this.documentId);
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
      let appended: AppendedGroup;
      try {
        appended = await this.ctx.writer.appendMerged(this.documentId, batch);
      } catch (error) {
        this.ctx.metrics.errors.inc({ kind: 'persist' });
        this.log.error({ count: batch.length, error }, 'appending updates failed; clients will resend after reconnecting');
        for (const item of batch) {
          this.pendingBytes -= item.update.byteLength;
          item.reject(error);
        }
        continue;
      }
      const { seqs, rows } = appended;
      this.applyPersisted(batch, seqs, rows);
      // Other instances get the stored row: one merged update and the seq range it covers.
      for (const row of rows) this.ctx.bus?.publishUpdate(this.documentId, row.seq, row.update, row.seqEnd);
      let bytes = 0;
      for (const item of batch) {
        bytes += item.update.byteLength;
        this.pendingBytes -= item.update.byteLength;
        this.persistedBytes += item.update.byteLength;
        item.resolve();
      }
      this.noteSeqs(seqs[0]!, seqs[seqs.length - 1]!);
      const storedBytes = rows.reduce((n, row) => n + row.update.byteLength, 0);
      for (const hook of this.hooks) void this.guarded(hook, 'afterStore', () => hook.afterStore?.({ seqs, bytes, storedBytes }));
      this.projection.markDirty();
    }
  }

  /** Every hook's projection, in list order (the scheduler never runs two at once, nor the server two rooms' at once). */
  private runProjections(): Promise<void> {
    return this.ctx.projections.run(async () => {
      if (this.isDestroyed) return;
      for (const hook of this.hooks) await this.guarded(hook, 'onProject', () => hook.onProject?.());
    });
  }

  /** Runs one hook method; what it throws is logged and counted, never passed on to the room or the other hooks. */
  private async guarded(hook: RoomHook, method: keyof RoomHook, run: () => void | Promise<void>): Promise<void> {
    try {
      await run();
    } catch (error) {
      this.ctx.metrics.errors.inc({ kind: 'hook' });
      this.log.error({ hook: hook.name, method, error }, 'a room hook failed');
    }
  }

  /**
   * Applies a persisted batch, one Yjs transaction per run of updates from the same client: the
   * doc then emits one update per run, so the other clients get one frame instead of one per
   * keystroke, and Yjs cleans up once per run instead of once per update.
   */
  private applyPersisted(batch: QueuedUpdate[], seqs: number[], rows: readonly StoredRow[]) {
    // All from one sender and stored as merged rows: applying the merges decodes and integrates
    // once per row instead of once per update (same result, same single frame relayed).
    const sender = batch[0]!.peer;
    if (rows.length < batch.length && batch.every((item) => item.peer === sender)) {
      Y.transact(
        this.doc,
        () => {
          for (const row of rows) {
            try {
              Y.applyUpdate(this.doc, row.update, sender);
            } catch (error) {
              this.faithfulCopy = false;
              this.ctx.metrics.errors.inc({ kind: 'apply' });
              this.log.error({ seq: row.seq, seqEnd: row.seqEnd, error }, 'persisted update could not be applied');
            }
          }
        },
        sender,
        false,
      );
      return;
    }
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
              this.faithfulCopy = false;
              this.ctx.metrics.errors.inc({ kind: 'apply' });
              this.log.error({ seq: seqs[i], error }, 'persisted update could not be applied');
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
    this.faithfulCopy = false;
    this.log.error({ seq, error }, 'stored update could not be applied; skipped');
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
      this.log.warn({ error }, 'awareness from another instance could not be applied');
    }
  }

  /** A row another instance persisted (seqs `seq`..`seqEnd`): apply (relays to local clients), and watch for gaps. */
  private applyFromInstance(seq: number, update: Uint8Array, seqEnd: number) {
    if (this.isDestroyed) return;
    try {
      Y.applyUpdate(this.doc, update, FROM_STORE);
    } catch (error) {
      this.faithfulCopy = false;
      this.log.error({ seq, seqEnd, error }, 'update from another instance could not be applied');
    }
    this.noteSeqs(seq, Math.max(seq, seqEnd));
  }

  /**
   * Seqs are consecutive per document across all writers. A gap means an update was persisted
   * but has not reached this room: its publication was missed (e.g. the publishing instance died
   * in between), or something else appended it as the service role (a script, an import; members
   * may not append since migration 20261123101300). Fetch it. Compaction relies on `contiguousSeq` too.
   * `first`..`last` is what one stored row covers (its updates were merged into one).
   */
  private noteSeqs(first: number, last: number) {
    if (first <= this.appliedThrough + 1) {
      this.appliedThrough = Math.max(this.appliedThrough, last);
      for (const seq of this.seenAbove) if (seq <= this.appliedThrough) this.seenAbove.delete(seq);
    } else {
      for (let seq = first; seq <= last; seq++) this.seenAbove.add(seq);
    }
    while (this.seenAbove.delete(this.appliedThrough + 1)) this.appliedThrough += 1;
    if (this.seenAbove.size > 0 && !this.catchUpTimer && !this.isDestroyed) {
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
    if (this.isDestroyed || (!always && this.seenAbove.size === 0)) return;
    try {
      const stored = await readStoredState(this.ctx.db, this.documentId, this.appliedThrough);
      if (this.isDestroyed) return;
      applyStoredState(this.doc, stored, FROM_STORE, (seq, error) => this.storedUpdateSkipped(seq, error));
      const covered = stored.lastSeq;
      this.appliedThrough = Math.max(this.appliedThrough, covered);
      for (const seq of this.seenAbove) if (seq <= this.appliedThrough) this.seenAbove.delete(seq);
      while (this.seenAbove.delete(this.appliedThrough + 1)) this.appliedThrough += 1;
      if (stored.tail.length > 0 || stored.snapshot) this.log.info({ upTo: covered, updates: updatesIn(stored.tail) }, 'caught up from Postgres');
    } catch (error) {
      this.log.error({ error }, 'catching up from Postgres failed');
    }
  }
}
