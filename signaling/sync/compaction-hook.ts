// Compaction as a room hook: counts what the room's clients append after the snapshot and, once
// that tail is due (compactionDue), folds it into a new snapshot in the background.
import { compactDocument, snapshotOf, writeSnapshot, type CompactionResult } from '../db/update-log.js';
import type { RoomSettings } from './document-room.js';
import type { RoomHook, RoomHookContext } from './room-hook.js';

type CompactionSettings = Pick<RoomSettings, 'compactAfterUpdates' | 'compactAfterBytes' | 'compactTailRatio'>;

/** Whether the tail (updates stored after the snapshot) is due to be folded into it; see RoomSettings. */
export function compactionDue(tail: { updates: number; bytes: number }, snapshotBytes: number, settings: CompactionSettings): boolean {
  const large = tail.updates >= settings.compactAfterUpdates || tail.bytes >= settings.compactAfterBytes;
  return large && tail.bytes >= settings.compactTailRatio * snapshotBytes;
}

export function compactionHook(room: RoomHookContext): RoomHook {
  let tailUpdates = 0;
  let tailBytes = 0;
  /** The stored snapshot, as far as this room knows (another instance may have written a newer one). */
  let snapshotSeq = 0;
  let snapshotBytes = 0;
  let compacting: Promise<void> | null = null;

  /**
   * Every update up to `contiguousSeq` has been applied to `doc`, and `doc` holds nothing that is
   * not in Postgres (updates are applied only once stored), so encoding `doc` gives the snapshot
   * as of `contiguousSeq` without reading the log back. Whatever `doc` holds beyond that seq is
   * stored too, and stays in the tail. The encoding and the seq are taken together, synchronously.
   * Rebuilt from Postgres instead when `doc` is not a faithful copy, or when it cannot get past
   * the stored snapshot (a gap before anything new: a missed update not fetched yet).
   */
  async function compact(folded: number): Promise<CompactionResult & { from: 'memory' | 'postgres' }> {
    if (!room.faithful || room.contiguousSeq <= snapshotSeq) {
      return { ...(await compactDocument(room.db, room.documentId)), from: 'postgres' };
    }
    const snapshot = snapshotOf(room.doc, room.contiguousSeq);
    await writeSnapshot(room.db, room.documentId, snapshot);
    return { lastSeq: snapshot.lastSeq, foldedUpdates: folded, snapshotBytes: snapshot.state.byteLength, from: 'memory' };
  }

  function maybeCompact() {
    if (compacting || !compactionDue({ updates: tailUpdates, bytes: tailBytes }, snapshotBytes, room.settings)) return;
    const [updates, bytes] = [tailUpdates, tailBytes];
    tailUpdates = 0;
    tailBytes = 0;
    compacting = compact(updates)
      .then((result) => {
        snapshotSeq = Math.max(snapshotSeq, result.lastSeq);
        snapshotBytes = result.snapshotBytes;
        room.storedSizeChanged(result.snapshotBytes + tailBytes);
        room.log.info(
          { lastSeq: result.lastSeq, folded: result.foldedUpdates, tailBytes: bytes, snapshotBytes: result.snapshotBytes, from: result.from },
          'compacted',
        );
      })
      .catch((error: unknown) => {
        tailUpdates += updates;
        tailBytes += bytes;
        room.metrics.errors.inc({ kind: 'compaction' });
        room.log.error({ error }, 'compaction failed; the tail stays as it is');
      })
      .finally(() => {
        compacting = null;
      });
  }

  return {
    name: 'compaction',
    afterLoad(state) {
      snapshotSeq = state.snapshotSeq;
      snapshotBytes = state.snapshotBytes;
      tailUpdates = state.tailUpdates;
      tailBytes = state.tailBytes;
    },
    afterStore(batch) {
      tailUpdates += batch.seqs.length;
      // What the rows take in Postgres, as afterLoad counts them: a load reads those bytes, and a
      // burst of keystrokes stored as merged rows is far smaller than the keystrokes were (the
      // automerge-paper trace: 58 compactions counting the keystrokes' bytes).
      tailBytes += batch.storedBytes;
      maybeCompact();
    },
    async idle() {
      await compacting;
    },
  };
}
