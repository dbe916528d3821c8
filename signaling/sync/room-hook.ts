// What a loaded document does besides syncing: seeding its first content, projecting it into
// tables, compacting its log, and whatever comes next (compliance findings, TM capture). Each is
// a hook, the Hocuspocus `Extension` idea: the room calls every hook of its list at the same
// points of its life, in list order, so a new projection is one more entry in the list
// (defaultRoomHooks) and the room itself does not change.
import type * as Y from 'yjs';
import type { Logger } from '../ops/logger.js';
import type { SyncDatabase } from '../db/sql-access.js';
import type { SyncMetrics } from './sync-metrics.js';
import type { RoomSettings } from './document-room.js';

/** What a hook sees of its room. */
export interface RoomHookContext {
  readonly documentId: string;
  /** The room's Y.Doc: it only ever holds what Postgres holds (updates are applied once stored). */
  readonly doc: Y.Doc;
  readonly db: SyncDatabase;
  /** The room's logger (every line carries the document id). */
  readonly log: Logger;
  readonly metrics: SyncMetrics;
  readonly settings: RoomSettings;
  /** Every seq up to this one has been applied to `doc`. */
  readonly contiguousSeq: number;
  /** False once an update that is in Postgres could not be applied to `doc` (it is then not a faithful copy of the log). */
  readonly faithful: boolean;
  /** Whether the room has been destroyed (a hook's late work should then stop). */
  readonly destroyed: boolean;
  /** The document's stored size is now `bytes` (a compaction rewrote it); the size limit is judged against it. */
  storedSizeChanged(bytes: number): void;
}

/** The stored state a room was loaded from. */
export interface LoadedState {
  /** The snapshot's last_seq (0 without one) and size. */
  snapshotSeq: number;
  snapshotBytes: number;
  /** Updates stored after the snapshot. */
  tailUpdates: number;
  tailBytes: number;
}

/** Updates of this room's clients that were just stored and applied. */
export interface StoredBatch {
  seqs: number[];
  /** The updates' bytes as the clients sent them. */
  bytes: number;
  /** The bytes of the rows that store them (merged rows: usually far fewer than `bytes`). */
  storedBytes: number;
}

/**
 * One hook of a room. Every method is optional. A hook handles its own errors (counting them in
 * the metrics under its own kind); one that throws anyway is logged and counted as `hook`, and
 * the room carries on with the other hooks.
 */
export interface RoomHook {
  /** For logs and metrics. */
  readonly name: string;
  /** Before the stored state is read: what it appends (first content) is then read like any update. */
  beforeLoad?(): Promise<void>;
  /** Once the stored state is in the Y.Doc, before any client is attached. */
  afterLoad?(state: LoadedState): void | Promise<void>;
  /** After updates of this room's clients were stored and applied (not those of other instances, which project and compact their own). */
  afterStore?(batch: StoredBatch): void;
  /**
   * Debounced after changes (projectionDelayMs after the last one, at most projectionMaxWaitMs
   * after the first), and once more before unloading if anything is pending. Projections run
   * one after the other, never overlapping.
   */
  onProject?(): Promise<void>;
  /** Settles when the hook's own background work (started in afterStore) is done; awaited before a projection on flush and before unloading. */
  idle?(): Promise<void>;
  /** The room is unloading: everything is stored and projected. */
  onUnload?(): void | Promise<void>;
}

/** Makes a room's hook; called once per loaded room. */
export type RoomHookFactory = (room: RoomHookContext) => RoomHook;
