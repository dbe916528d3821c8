// Loaded documents by id. A document is unloaded `unloadDelayMs` after its last client leaves,
// once everything it accepted is in Postgres. A client that arrives while a document is being
// unloaded waits for the unload to finish and gets a fresh load: since the Y.Doc never holds
// anything Postgres lacks, the fresh load is the full state.
import type { Logger } from '../ops/logger.js';
import { DocumentRoom, type RoomPeer } from './document-room.js';
import { systemClock, type Clock } from './token-expiry.js';

interface Entry {
  state: 'loading' | 'ready' | 'unloading';
  room: Promise<DocumentRoom>;
  peers: number;
  /** Cancels the pending unload. */
  unloadTimer: (() => void) | null;
  /** Settles when an unload that has started is complete. */
  unloaded: Promise<void> | null;
}

export class RoomRegistry {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly loadRoom: (documentId: string) => Promise<DocumentRoom>,
    private readonly unloadDelayMs: number,
    private readonly log: Logger,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Documents in memory (loading, loaded or unloading). */
  get size() {
    return this.entries.size;
  }

  has(documentId: string) {
    return this.entries.has(documentId);
  }

  /**
   * The loaded room with `peer` attached. The peer is counted before any await, so an unload
   * timer can never fire between "loaded" and "attached".
   */
  async acquire(documentId: string, peer: RoomPeer): Promise<DocumentRoom> {
    for (;;) {
      const entry = this.entries.get(documentId);
      if (entry?.state === 'unloading') {
        await entry.unloaded;
        continue;
      }
      const current = entry ?? this.startLoading(documentId);
      current.peers += 1;
      current.unloadTimer?.();
      current.unloadTimer = null;
      let room: DocumentRoom;
      try {
        room = await current.room;
      } catch (error) {
        current.peers -= 1;
        throw error;
      }
      room.attach(peer);
      return room;
    }
  }

  release(room: DocumentRoom, peer: RoomPeer) {
    room.detach(peer);
    const entry = this.entries.get(room.documentId);
    if (!entry) return;
    entry.peers -= 1;
    if (entry.peers === 0 && entry.state === 'ready') {
      entry.unloadTimer = this.clock.setTimer(() => void this.unload(room.documentId), this.unloadDelayMs);
    }
  }

  /** Flushes and unloads every document (shutdown). */
  async unloadAll() {
    await Promise.all([...this.entries.keys()].map((id) => this.unload(id, true)));
  }

  private startLoading(documentId: string): Entry {
    const entry: Entry = { state: 'loading', room: this.loadRoom(documentId), peers: 0, unloadTimer: null, unloaded: null };
    this.entries.set(documentId, entry);
    entry.room.then(
      () => {
        entry.state = 'ready';
        if (entry.peers === 0) entry.unloadTimer = this.clock.setTimer(() => void this.unload(documentId), this.unloadDelayMs);
      },
      () => {
        // A failed load is forgotten, so the next client tries again.
        if (this.entries.get(documentId) === entry) this.entries.delete(documentId);
      },
    );
    return entry;
  }

  private async unload(documentId: string, force = false): Promise<void> {
    const entry = this.entries.get(documentId);
    if (!entry) return;
    if (entry.state === 'unloading') return entry.unloaded ?? undefined;
    if (!force && (entry.peers > 0 || entry.state !== 'ready')) return;
    entry.unloadTimer?.();
    entry.unloadTimer = null;
    entry.state = 'unloading';
    entry.unloaded = (async () => {
      try {
        const room = await entry.room;
        await room.flush();
        await room.destroy();
        this.log.info({ documentId }, 'document unloaded');
      } catch (error) {
        this.log.error({ documentId, error }, 'unloading a document failed');
      } finally {
        this.entries.delete(documentId);
      }
    })();
    return entry.unloaded;
  }
}
