// The load/unload race, made deterministic with stand-in rooms whose flush the test holds and a
// clock the test moves (the unload delay passes when the test says).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { silentLogger } from '../ops/logger.js';
import type { DocumentRoom, RoomPeer } from '../sync/document-room.js';
import { RoomRegistry } from '../sync/room-registry.js';
import { gate } from './support/observed-database.js';
import { waitFor } from './support/clients.js';
import { ManualClock } from './support/manual-clock.js';

/** Lets every promise reaction run that can run without outside input (the flush gate, the clock). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function fakeRoom(documentId: string, flushGate: Promise<void>) {
  const peers = new Set<RoomPeer>();
  const room = {
    documentId,
    peers,
    destroyed: false,
    flushStarted: false,
    flushed: false,
    attach: (p: RoomPeer) => void peers.add(p),
    detach: (p: RoomPeer) => void peers.delete(p),
    flush: async () => {
      room.flushStarted = true;
      await flushGate;
      room.flushed = true;
    },
    destroy: async () => {
      room.destroyed = true;
    },
  };
  return room;
}
const peer = (): RoomPeer => ({ send() {}, awarenessClients: new Set() });

describe('room registry', () => {
  it('unloads after the delay, only after flushing, and a client arriving during the unload gets a fresh load', async () => {
    const flushGate = gate();
    const clock = new ManualClock();
    const loaded: ReturnType<typeof fakeRoom>[] = [];
    const registry = new RoomRegistry(
      async (id) => {
        const room = fakeRoom(id, loaded.length === 0 ? flushGate.opened : Promise.resolve());
        loaded.push(room);
        return room as unknown as DocumentRoom;
      },
      30,
      silentLogger,
      clock,
    );
    const first = peer();
    const room1 = await registry.acquire('doc', first);
    registry.release(room1, first);
    await waitFor(() => registry.has('doc') && loaded[0]!.peers.size === 0, 'release');
    clock.advance(30);
    await waitFor(() => loaded[0]!.flushStarted, 'the unload to start and wait for the flush');
    assert.equal(loaded[0]!.destroyed, false, 'not destroyed before the flush finished');

    const second = peer();
    const arriving = registry.acquire('doc', second);
    await settle();
    assert.equal(loaded.length, 1, 'the arriving client waits for the unload instead of attaching to a dying room');
    flushGate.open();
    const room2 = (await arriving) as unknown as ReturnType<typeof fakeRoom>;
    assert.equal(loaded[0]!.flushed && loaded[0]!.destroyed, true);
    assert.equal(loaded.length, 2);
    assert.notEqual(room2, loaded[0]);
    assert.ok(room2.peers.has(second));
  });

  it('keeps the document when a client comes back before the delay ends', async () => {
    let loads = 0;
    const clock = new ManualClock();
    const registry = new RoomRegistry(async (id) => (loads++, fakeRoom(id, Promise.resolve()) as unknown as DocumentRoom), 80, silentLogger, clock);
    const a = peer();
    const room = await registry.acquire('doc', a);
    registry.release(room, a);
    assert.equal(clock.pending, 1, 'the unload is scheduled');
    clock.advance(20);
    const again = await registry.acquire('doc', peer());
    clock.advance(150);
    await settle();
    assert.equal(again, room);
    assert.equal(loads, 1);
    assert.equal(registry.size, 1);
  });

  it('forgets a failed load so the next client tries again', async () => {
    let attempts = 0;
    const registry = new RoomRegistry(
      async (id) => {
        attempts += 1;
        if (attempts === 1) throw new Error('database down');
        return fakeRoom(id, Promise.resolve()) as unknown as DocumentRoom;
      },
      50,
      silentLogger,
    );
    await assert.rejects(registry.acquire('doc', peer()), /database down/);
    assert.equal(registry.size, 0);
    await registry.acquire('doc', peer());
    assert.equal(attempts, 2);
  });
});
