// Room hooks: what a loaded document does besides syncing (seeding, projections, compaction and
// whatever comes next) plugs into the room as an entry of its hook list. A hook registered
// through the server's options is called, in order, when the document loads, when its clients'
// updates are stored, on the debounced projection and when it unloads; one that throws costs
// neither the room nor the other hooks.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSyncServer, type RunningSyncServer } from '../sync-server.js';
import type { RoomHookFactory } from '../sync/room-hook.js';
import { connectClient, synced, textOf, waitFor, type TestClient } from './support/clients.js';
import { DOCUMENTS, startTestDatabase, USERS, type TestDatabase } from './support/test-database.js';

interface Call {
  documentId: string;
  event: string;
  /** The document's text when the hook was called. */
  text: string;
  seqs?: number[];
}

describe('sync server: room hooks', () => {
  let database: TestDatabase;
  let server: RunningSyncServer;
  const calls: Call[] = [];
  const clients: TestClient[] = [];
  const logs: Record<string, unknown>[] = [];

  const recording: RoomHookFactory = (room) => {
    const note = (event: string, extra: Partial<Call> = {}) => {
      calls.push({ documentId: room.documentId, event, text: textOf(room.doc), ...extra });
    };
    return {
      name: 'recording',
      beforeLoad: async () => note('beforeLoad'),
      afterLoad: () => note('afterLoad'),
      afterStore: (batch) => note('afterStore', { seqs: batch.seqs }),
      onProject: async () => note('onProject'),
      onUnload: () => note('onUnload'),
    };
  };
  const throwing: RoomHookFactory = () => ({
    name: 'throwing',
    afterStore() {
      throw new Error('afterStore broke');
    },
    async onProject() {
      throw new Error('onProject broke');
    },
  });
  const events = (documentId: string) => calls.filter((c) => c.documentId === documentId).map((c) => c.event);

  before(async () => {
    database = await startTestDatabase();
    server = await startSyncServer({
      database: database.db,
      tokens: database.keys,
      port: 0,
      log: (line) => logs.push(JSON.parse(line) as Record<string, unknown>),
      unloadDelayMs: 50,
      room: { projectionDelayMs: 50, projectionMaxWaitMs: 200 },
      roomHooks: [throwing, recording],
    });
  });
  after(async () => {
    for (const c of clients) c.destroy();
    await server.stop();
    await database.close();
  });

  it('calls an extra hook on load, on stored changes, on the projection and on unload', async () => {
    const client = connectClient(server.url, DOCUMENTS.esdc, await database.token(USERS.editor));
    clients.push(client);
    await synced(client);
    assert.deepEqual(events(DOCUMENTS.esdc), ['beforeLoad', 'afterLoad'], 'loaded before the first client synced');

    client.doc.getText('body').insert(0, 'hooked');
    await waitFor(() => events(DOCUMENTS.esdc).includes('afterStore'), 'afterStore');
    const stored = calls.find((c) => c.event === 'afterStore')!;
    assert.equal(stored.text, 'hooked', 'afterStore sees the update applied');
    assert.ok(stored.seqs!.length >= 1 && stored.seqs!.every((seq) => seq >= 1), `the stored seqs (${stored.seqs!.join(', ')})`);

    await waitFor(() => events(DOCUMENTS.esdc).includes('onProject'), 'the debounced projection');
    assert.equal(calls.find((c) => c.event === 'onProject')!.text, 'hooked');

    client.destroy();
    await waitFor(() => server.loadedDocuments() === 0, 'the unload');
    const sequence = events(DOCUMENTS.esdc);
    assert.equal(sequence.at(-1), 'onUnload', `unload comes last: ${sequence.join(', ')}`);
    assert.deepEqual(
      sequence.filter((event, i) => event !== sequence[i - 1]),
      ['beforeLoad', 'afterLoad', 'afterStore', 'onProject', 'onUnload'],
      'in the order of the document’s life',
    );
  });

  it('logs and counts a hook that throws, and carries on with the room and the other hooks', async () => {
    const failures = logs.filter((l) => l['msg'] === 'a room hook failed');
    assert.ok(failures.some((l) => l['hook'] === 'throwing' && l['method'] === 'afterStore' && l['documentId'] === DOCUMENTS.esdc));
    assert.ok(failures.some((l) => l['hook'] === 'throwing' && l['method'] === 'onProject'));
    const metrics = await server.metrics.registry.metrics();
    assert.match(metrics, /^jd_sync_errors_total\{kind="hook"\} [1-9]\d*$/m);

    // The document still syncs and persists through a fresh load.
    const again = connectClient(server.url, DOCUMENTS.esdc, await database.token(USERS.editor));
    clients.push(again);
    await synced(again);
    assert.equal(textOf(again.doc), 'hooked');
    assert.equal(events(DOCUMENTS.esdc).filter((e) => e === 'beforeLoad').length, 2, 'a second load calls the hooks again');
  });
});
