// The y-websocket wire format (what y-websocket's client and server exchange): a varuint message
// type, then the payload. Builders here return complete frames ready for ws.send().
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { REFUSAL_MESSAGE_TYPE, refusedIdentity, writeRefusal, type RefusalReason } from '../../domain/sync-refusal.js';

/** y-protocols' types, and the server's own refusal (domain/sync-refusal.ts), which stock clients skip. */
export const MessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3, refusal: REFUSAL_MESSAGE_TYPE } as const;
export const SyncStep = {
  step1: syncProtocol.messageYjsSyncStep1,
  step2: syncProtocol.messageYjsSyncStep2,
  update: syncProtocol.messageYjsUpdate,
} as const;

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** Sync step 1: "here is my state vector, send me what I lack". */
export const syncStep1Frame = (doc: Y.Doc) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    syncProtocol.writeSyncStep1(e, doc);
  });

/** Sync step 2: everything in `doc` the peer with `stateVector` does not have. */
export const syncStep2Frame = (doc: Y.Doc, stateVector: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, SyncStep.step2);
    encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc, stateVector));
  });

/**
 * A sync update frame (what lib0's encoder writes: type, step, varuint length, update), built
 * in one allocation: the room builds one per committed run and every recipient gets the same
 * bytes, so the encoder's growing buffers and final copy are saved on the hottest path.
 */
export function updateFrame(update: Uint8Array): Uint8Array {
  let lengthBytes = 1;
  for (let n = update.length; n > 0x7f; n = Math.floor(n / 128)) lengthBytes++;
  const out = new Uint8Array(2 + lengthBytes + update.length);
  out[0] = MessageType.sync;
  out[1] = SyncStep.update;
  let at = 2;
  let n = update.length;
  for (; n > 0x7f; n = Math.floor(n / 128)) out[at++] = 0x80 | (n & 0x7f);
  out[at++] = n;
  out.set(update, at);
  return out;
}

export const awarenessFrame = (update: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.awareness);
    encoding.writeVarUint8Array(e, update);
  });

export const awarenessStatesFrame = (awareness: awarenessProtocol.Awareness, clients: number[]) =>
  awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(awareness, clients));

/**
 * An awareness update with no entries: the client applies it as a no-op but counts it as a
 * received message, which keeps y-websocket's 30 s "no message received" watchdog from
 * dropping a connection while a large document is still loading.
 */
export const keepaliveFrame = () =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.awareness);
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 0);
    encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
  });

/** Tells the sender that `update` was refused, why, and which of its structs it was. */
export const refusalFrame = (reason: RefusalReason, message: string, update: Uint8Array) =>
  frame((e) => writeRefusal(e, { reason, message, ...refusedIdentity(update) }));

/** The smallest valid Yjs update (no structs, empty delete set): nothing to persist. */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}
