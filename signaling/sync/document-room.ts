// One loaded document: its Y.Doc and awareness, the clients attached to it, and the rule that
// makes "acknowledged" mean "durable": an incoming update is appended to doc_updates first, and
// only then applied to the Y.Doc, relayed to the other clients and published to other instances.
// The in-memory Y.Doc therefore never holds anything Postgres does not, which is what makes
// unloading, crashing and reloading lossless.
import { projectComments, writeComments } from '../comments/comment-projection.js';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Logger } from '../ops/logger.js';
import type { SyncDatabase } from '../db/sql-access.js';
import { applyStoredState, compactDocument, readStoredState, type PendingUpdate } from '../db/update-log.js';
import type { UpdateWriter } from '../db/update-writer.js';
import { projectSections, writeSections } from '../db/section-projection.js';
import type { DocumentBus } from '../scale/document-bus.js';
import type { SyncMetrics } from './sync-metrics.js';
import { ProjectionScheduler } from './projection-scheduler.js';
import { awarenessFrame, updateFrame } from './protocol.js';

/** What a room needs from a client connection. */
export interface RoomPeer {
  send(frame: Uint8Array): void;
  /** Awareness client ids this connection speaks for, removed when it leaves. */
  readonly awarenessClients: Set<number>;
}

export interface RoomSettings {
  maxBatchUpdates: number;
  compactAfterUpdates: number;
  compactAfterBytes: number;
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
      const stored = await readStoredState(ctx.db, documentId);
      applyStoredState(room.doc, stored, FROM_STORE, (seq, error) =>
        room.log.log('error', 'stored update could not be applied; skipped', { seq, error }),
      );
      room.contiguousSeq = stored.lastSeq;
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

  applyAwareness(update: Uint8Array, peer: RoomPeer) {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, peer);
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
      batch.forEach((item, i) => {
        const seq = seqs[i]!;
        try {
          Y.applyUpdate(this.doc, item.update, item.peer);
        } catch (error) {
          this.ctx.metrics.errors.inc({ kind: 'apply' });
          this.log.log('error', 'persisted update could not be applied', { seq, error });
        }
        this.ctx.bus?.publishUpdate(this.documentId, seq, item.update);
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

  private maybeCompact() {
    const { compactAfterUpdates, compactAfterBytes } = this.ctx.settings;
    if (this.compacting || (this.tailUpdates < compactAfterUpdates && this.tailBytes < compactAfterBytes)) return;
    const [updates, bytes] = [this.tailUpdates, this.tailBytes];
    this.tailUpdates = 0;
    this.tailBytes = 0;
    this.compacting = compactDocument(this.ctx.db, this.documentId)
      .then((result) => {
        this.persistedBytes = result.snapshotBytes + this.tailBytes;
        this.log.log('info', 'compacted', { lastSeq: result.lastSeq, folded: result.foldedUpdates, snapshotBytes: result.snapshotBytes });
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
      await writeComments(this.ctx.db, this.documentId, projectComments(this.doc));
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
      this.log.log('error', 'update from another instance could not be applied', { seq, error });
    }
    this.noteSeqs([seq]);
  }

  /**
   * Seqs are consecutive per document across all instances. A gap means an update was persisted
   * but its publication was missed (e.g. the publishing instance died in between): fetch it.
   */
  private noteSeqs(seqs: number[]) {
    if (!this.ctx.bus) {
      // Single instance: nobody else appends, nothing to wait for.
      this.contiguousSeq = Math.max(this.contiguousSeq, ...seqs);
      return;
    }
    for (const seq of seqs) if (seq > this.contiguousSeq) this.seenAbove.add(seq);
    while (this.seenAbove.delete(this.contiguousSeq + 1)) this.contiguousSeq += 1;
    if (this.seenAbove.size > 0 && this.ctx.bus && !this.catchUpTimer && !this.destroyed) {
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
      applyStoredState(this.doc, stored, FROM_STORE, (seq, error) => this.log.log('error', 'stored update could not be applied; skipped', { seq, error }));
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
