// Undoes, on this device, an update the sync server refused (domain/sync-refusal.ts), so the
// local document shows what the server has again. Yjs cannot take items out of a document: the
// refused insertions are deleted and what the update deleted is restored where Yjs still holds
// its content (a Y.UndoManager step built from the refusal's clock ranges and delete set).
// The rollback is applied with the websocket provider as origin: the provider never sends its
// own origin's changes, and the server has nothing to undo. The document then takes a new client
// id: the server never got the refused clocks, and later changes numbered after them would
// depend on them and be refused in turn. The presence (awareness) moves to the new id with it:
// y-websocket addresses the local presence by `doc.clientID`.
import * as Y from 'yjs';
import * as random from 'lib0/random';
import type { Awareness } from 'y-protocols/awareness';
import { deletedRuns, type Refusal } from '../../domain/sync-refusal.js';

/** Whether anything changed: false when the refused items were already gone (a refusal heard twice). */
export function rollBackRefused(doc: Y.Doc, awareness: Awareness, refusal: Refusal, origin: unknown): boolean {
  const insertions = Y.createDeleteSet();
  for (const { client, from, to } of refusal.ranges) {
    // Only clocks this document has: a range beyond them names nothing here.
    const end = Math.min(to, Y.getState(doc.store, client));
    if (end > from) insertions.clients.set(client, [{ clock: from, len: end - from }]);
  }
  const deletions = Y.createDeleteSet();
  for (const { client, clock, len } of deletedRuns(refusal.deleteSet)) {
    const end = Math.min(clock + len, Y.getState(doc.store, client));
    if (end > clock) deletions.clients.set(client, [...(deletions.clients.get(client) ?? []), { clock, len: end - clock }]);
  }
  if (insertions.clients.size === 0 && deletions.clients.size === 0) return false;
  const undo = new Y.UndoManager(doc, { trackedOrigins: new Set(), captureTimeout: 0 });
  // One undo step that covers exactly the refused update (the shape UndoManager keeps on its stack).
  undo.undoStack.push({ insertions, deletions, meta: new Map() } as unknown as (typeof undo.undoStack)[number]);
  let changed = false;
  try {
    Y.transact(doc, () => (changed = undo.undo() !== null), origin);
  } finally {
    undo.destroy();
  }
  if (refusal.ranges.some((r) => r.client === doc.clientID)) takeNewClientId(doc, awareness);
  return changed;
}

/** A fresh client id for the document and its presence (what Yjs itself does when two clients share an id). */
function takeNewClientId(doc: Y.Doc, awareness: Awareness): void {
  const state = awareness.getLocalState();
  // The old presence leaves (the others drop it at once) and comes back under the new id.
  awareness.setLocalState(null);
  doc.clientID = random.uint32();
  awareness.clientID = doc.clientID;
  awareness.setLocalState(state);
}
