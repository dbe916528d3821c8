// What a connection may say in an awareness update. y-protocols applies an update's entries
// (client id, clock, state as JSON text) for any client id, so without this one connection could
// rename or remove everyone else's presence and relay megabyte-sized states to all of them.
// A connection may set and remove the states of client ids it owns, and claim an id nobody holds
// by giving it a state. Entries about other ids are dropped, not treated as abuse: the stock
// y-websocket client re-broadcasts every awareness change it sees, including other clients'
// states the server sent it and ones it learned over WebRTC.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** The state as UTF-8 JSON text; `null` removes the client. */
  state: Uint8Array;
}

const NULL_STATE = new TextEncoder().encode('null');
const isRemoval = (state: Uint8Array) => state.length === NULL_STATE.length && state.every((byte, i) => byte === NULL_STATE[i]);

function decodeEntries(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    // The same layout as y-protocols' readVarString: a length, then UTF-8 bytes.
    entries.push({ clientId: decoding.readVarUint(decoder), clock: decoding.readVarUint(decoder), state: decoding.readVarUint8Array(decoder) });
  }
  return entries;
}

function encodeEntries(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarUint8Array(encoder, entry.state);
  }
  return encoding.toUint8Array(encoder);
}

export interface AwarenessAdmission {
  /** The entries the sender may make, re-encoded; null when none is left. */
  update: Uint8Array | null;
  /** Entries about client ids another connection (or another instance) holds. */
  foreign: number;
  /** Entries whose state is larger than the limit. */
  oversize: number;
}

/**
 * Keeps the entries of `update` that the sender may make: `owned` are the ids it holds, `held`
 * tells whether anyone holds an id now. Throws on a truncated update (the caller's bad-message path).
 */
export function admitAwareness(update: Uint8Array, owned: ReadonlySet<number>, held: (clientId: number) => boolean, maxStateBytes: number): AwarenessAdmission {
  const kept: AwarenessEntry[] = [];
  let foreign = 0;
  let oversize = 0;
  for (const entry of decodeEntries(update)) {
    if (entry.state.byteLength > maxStateBytes) oversize += 1;
    else if (owned.has(entry.clientId) || (!held(entry.clientId) && !isRemoval(entry.state))) kept.push(entry);
    else foreign += 1;
  }
  return { update: kept.length > 0 ? encodeEntries(kept) : null, foreign, oversize };
}
