// What a loaded document needs from the scale-out channel between instances. Redis implements
// it (redis-bus.ts); without REDIS_URL there is no bus and the server runs single-instance.
export interface BusHandlers {
  /** An update another instance persisted as the seqs `seq`..`seqEnd` (one row) and applied. */
  update(seq: number, update: Uint8Array, seqEnd: number): void;
  awareness(update: Uint8Array): void;
}

export interface DocumentBus {
  /** Resolves once messages for the document are being delivered. */
  subscribe(documentId: string, handlers: BusHandlers): Promise<void>;
  unsubscribe(documentId: string): Promise<void>;
  /** A stored row: its update covers the seqs `seq`..`seqEnd`. */
  publishUpdate(documentId: string, seq: number, update: Uint8Array, seqEnd: number): void;
  publishAwareness(documentId: string, update: Uint8Array): void;
  close(): Promise<void>;
}
