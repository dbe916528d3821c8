// The sync server's "your update was refused" message (issue 18, item 5): a y-websocket message
// of its own type, so the sender learns that the server did not take its update and can roll it
// back instead of diverging silently. Stock y-websocket clients have no handler for the type and
// skip the message (they log "Unable to compute message" and carry on); `<jd-editor>` handles it.
//
// Wire format after the varuint message type: varString reason code, varString message (English,
// for logs; the UI words it from the code), varUint count of ranges, then per range varUint
// client, varUint first clock, varUint end clock (exclusive): the structs the refused update
// carried. An update that only deletes has no ranges: it is named by its delete set alone, which
// follows as a varUint8Array (y-protocols' delete set encoding, v1).
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';

/** The y-websocket message type: far from y-protocols' 0-3, below 128 so it is one byte. */
export const REFUSAL_MESSAGE_TYPE = 100;

/**
 * read-only: the sender may not change this document (a viewer, or the text for a reviewer);
 * comment-rule: the comment rules refused it (another author's comment, resolving without the role …);
 * too-large: the document would exceed its size limit (the server then also closes with 4413).
 */
export type RefusalReason = 'read-only' | 'comment-rule' | 'too-large';
export const REFUSAL_REASONS: readonly RefusalReason[] = ['read-only', 'comment-rule', 'too-large'];

/** Structs of one client, clocks [from, to). */
export interface ClockRange {
  client: number;
  from: number;
  to: number;
}

export interface Refusal {
  reason: RefusalReason;
  message: string;
  /** What the refused update inserted, per client. */
  ranges: ClockRange[];
  /** What it deleted: a v1-encoded delete set (empty delete set when it deleted nothing). */
  deleteSet: Uint8Array;
}

/** The refused update's identity: its structs' clock ranges per client, and its delete set. */
export function refusedIdentity(update: Uint8Array): Pick<Refusal, 'ranges' | 'deleteSet'> {
  const byClient = new Map<number, ClockRange>();
  const { structs, ds } = Y.decodeUpdate(update);
  for (const struct of structs) {
    const { client, clock } = struct.id;
    const end = clock + struct.length;
    const range = byClient.get(client);
    if (!range) byClient.set(client, { client, from: clock, to: end });
    else {
      range.from = Math.min(range.from, clock);
      range.to = Math.max(range.to, end);
    }
  }
  // Written as y-protocols' v1 delete set: client count, then per client its (clock, len) runs.
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, ds.clients.size);
  for (const [client, items] of ds.clients) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, items.length);
    for (const item of items) {
      encoding.writeVarUint(encoder, item.clock);
      encoding.writeVarUint(encoder, item.len);
    }
  }
  return { ranges: [...byClient.values()], deleteSet: encoding.toUint8Array(encoder) };
}

export function writeRefusal(encoder: encoding.Encoder, refusal: Refusal): void {
  encoding.writeVarUint(encoder, REFUSAL_MESSAGE_TYPE);
  encoding.writeVarString(encoder, refusal.reason);
  encoding.writeVarString(encoder, refusal.message);
  encoding.writeVarUint(encoder, refusal.ranges.length);
  for (const r of refusal.ranges) {
    encoding.writeVarUint(encoder, r.client);
    encoding.writeVarUint(encoder, r.from);
    encoding.writeVarUint(encoder, r.to);
  }
  encoding.writeVarUint8Array(encoder, refusal.deleteSet);
}

/** Reads a refusal after its message type; throws on a message that is not one. */
export function readRefusal(decoder: decoding.Decoder): Refusal {
  const reason = decoding.readVarString(decoder);
  if (!(REFUSAL_REASONS as readonly string[]).includes(reason)) throw new Error(`unknown refusal reason "${reason}"`);
  const message = decoding.readVarString(decoder);
  const count = decoding.readVarUint(decoder);
  const ranges: ClockRange[] = [];
  for (let i = 0; i < count; i++) {
    const client = decoding.readVarUint(decoder);
    const from = decoding.readVarUint(decoder);
    const to = decoding.readVarUint(decoder);
    if (to < from) throw new Error(`refusal range of client ${client} ends (${to}) before it starts (${from})`);
    ranges.push({ client, from, to });
  }
  const deleteSet = decoding.readVarUint8Array(decoder);
  return { reason: reason as RefusalReason, message, ranges, deleteSet };
}

/** The delete set of a refusal as [client, clock, length] runs. */
export function deletedRuns(deleteSet: Uint8Array): { client: number; clock: number; len: number }[] {
  const decoder = decoding.createDecoder(deleteSet);
  const runs: { client: number; clock: number; len: number }[] = [];
  const clients = decoding.readVarUint(decoder);
  for (let i = 0; i < clients; i++) {
    const client = decoding.readVarUint(decoder);
    const n = decoding.readVarUint(decoder);
    for (let j = 0; j < n; j++) runs.push({ client, clock: decoding.readVarUint(decoder), len: decoding.readVarUint(decoder) });
  }
  return runs;
}
