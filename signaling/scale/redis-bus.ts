// Scale-out through Redis pub/sub: one channel per document, carrying updates (with the seq
// Postgres gave them) and awareness, framed in binary. Each instance ignores its own messages.
// Redis is only a fan-out path: anything lost on it is recovered from Postgres (seq gaps).
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import type { Logger } from '../ops/logger.js';
import type { BusHandlers, DocumentBus } from './document-bus.js';

const KIND_UPDATE = 0;
const KIND_AWARENESS = 1;
const channelOf = (documentId: string) => `jd-sync:doc:${documentId}`;

export function createRedisBus(redisUrl: string, log: Logger): DocumentBus {
  const instanceId = randomUUID();
  const publisher = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: null });
  const subscriber = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: null });
  const handlers = new Map<string, BusHandlers>();
  for (const [name, client] of [['publisher', publisher], ['subscriber', subscriber]] as const) {
    client.on('error', (error) => log.warn({ client: name, error }, 'redis connection error'));
  }

  subscriber.on('messageBuffer', (channelBuffer: Buffer, message: Buffer) => {
    const documentId = channelBuffer.toString().slice('jd-sync:doc:'.length);
    const target = handlers.get(documentId);
    if (!target) return;
    try {
      const decoder = decoding.createDecoder(new Uint8Array(message.buffer, message.byteOffset, message.byteLength));
      if (decoding.readVarString(decoder) === instanceId) return;
      const kind = decoding.readVarUint(decoder);
      const seq = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      // The last seq of the row follows the payload; an instance of a version before merged
      // rows does not write it (and ignores it when reading), so its update covers one seq.
      const seqEnd = decoding.hasContent(decoder) ? decoding.readVarUint(decoder) : seq;
      if (kind === KIND_UPDATE) target.update(seq, payload, seqEnd);
      else if (kind === KIND_AWARENESS) target.awareness(payload);
    } catch (error) {
      log.warn({ documentId, error }, 'unreadable message on the redis bus');
    }
  });

  const publish = (documentId: string, kind: number, seq: number, payload: Uint8Array, seqEnd = seq) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, instanceId);
    encoding.writeVarUint(encoder, kind);
    encoding.writeVarUint(encoder, seq);
    encoding.writeVarUint8Array(encoder, payload);
    if (seqEnd !== seq) encoding.writeVarUint(encoder, seqEnd);
    publisher.publish(channelOf(documentId), Buffer.from(encoding.toUint8Array(encoder))).catch((error: unknown) => {
      // Peers recover the update from Postgres when they notice the seq gap.
      log.warn({ documentId, error }, 'redis publish failed');
    });
  };

  return {
    async subscribe(documentId, target) {
      handlers.set(documentId, target);
      await subscriber.subscribe(channelOf(documentId));
    },
    async unsubscribe(documentId) {
      handlers.delete(documentId);
      await subscriber.unsubscribe(channelOf(documentId));
    },
    publishUpdate: (documentId, seq, update, seqEnd) => publish(documentId, KIND_UPDATE, seq, update, seqEnd),
    publishAwareness: (documentId, update) => publish(documentId, KIND_AWARENESS, 0, update),
    async close() {
      handlers.clear();
      await Promise.allSettled([publisher.quit(), subscriber.quit()]);
    },
  };
}
