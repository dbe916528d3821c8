// Per-connection limits: the offending client is closed with a code and a log line, and a
// well-behaved client on the same document carries on.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { startSyncServer, type RunningSyncServer } from '../sync-server.js';
import { updateFrame } from '../sync/protocol.js';
import * as decoding from 'lib0/decoding';
import { readRefusal, REFUSAL_MESSAGE_TYPE, type RefusalReason } from '../../domain/sync-refusal.js';
import { connectClient, synced, textOf, waitFor, type TestClient } from './support/clients.js';
import { DOCUMENTS, startTestDatabase, USERS, type TestDatabase } from './support/test-database.js';

function rawClient(url: string) {
  const ws = new WebSocket(url);
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  const opened = new Promise<void>((resolve) => ws.on('open', () => resolve()));
  ws.on('error', () => {});
  return { ws, closed, opened };
}

describe('sync server: limits', () => {
  let database: TestDatabase;
  let server: RunningSyncServer;
  const logs: Record<string, unknown>[] = [];
  let good: TestClient;
  let watcher: TestClient;

  before(async () => {
    database = await startTestDatabase();
    server = await startSyncServer({
      database: database.db,
      tokens: database.keys,
      port: 0,
      log: (line) => logs.push(JSON.parse(line) as Record<string, unknown>),
      limits: { maxMessageBytes: 64 * 1024, maxDocumentBytes: 200 * 1024, messagesPerSecond: 50, messageBurst: 100 },
    });
    good = connectClient(server.url, DOCUMENTS.esdc, await database.token(USERS.editor));
    watcher = connectClient(server.url, DOCUMENTS.esdc, await database.token(USERS.translator));
    await Promise.all([synced(good), synced(watcher)]);
  });
  after(async () => {
    good.destroy();
    watcher.destroy();
    await server.stop();
    await database.close();
  });

  const stillServing = async (marker: string) => {
    good.doc.getText('body').insert(0, marker);
    await waitFor(() => textOf(watcher.doc).includes(marker), `${marker} to reach the other client`);
  };

  it('closes a client that sends an oversize message with 1009 and logs it', async () => {
    const c = rawClient(`${server.url}/${DOCUMENTS.esdc}?token=${await database.token(USERS.editor)}`);
    await c.opened;
    c.ws.send(new Uint8Array(100 * 1024));
    assert.equal(await c.closed, 1009);
    await waitFor(() => logs.some((l) => l['kind'] === 'message-too-big'), 'the log line');
    await stillServing('after-oversize ');
  });

  it('closes a flooding client with 4429 and logs it', async () => {
    const token = await database.token(USERS.editor);
    const c = rawClient(`${server.url}/${DOCUMENTS.esdc}?token=${token}`);
    await c.opened;
    const doc = new Y.Doc();
    doc.on('update', (u: Uint8Array) => c.ws.readyState === c.ws.OPEN && c.ws.send(updateFrame(u)));
    for (let i = 0; i < 400; i++) doc.getText('flood').insert(0, 'f');
    assert.equal(await c.closed, 4429);
    assert.ok(logs.some((l) => l['msg'] === 'closing connection' && l['code'] === 4429));
    await stillServing('after-flood ');
  });

  it('refuses updates that would make the document larger than its limit with 4413', async () => {
    const big = connectClient(server.url, DOCUMENTS.esdc, await database.token(USERS.editor));
    await synced(big);
    // Issue 18 item 5: the sender is told why before the close (a refusal message the stock provider skips).
    const refusals: RefusalReason[] = [];
    big.provider.ws!.addEventListener('message', (event: MessageEvent) => {
      const decoder = decoding.createDecoder(new Uint8Array(event.data as ArrayBuffer));
      if (decoding.readVarUint(decoder) === REFUSAL_MESSAGE_TYPE) refusals.push(readRefusal(decoder).reason);
    });
    for (let i = 0; i < 5; i++) big.doc.getText('big').insert(0, 'x'.repeat(50 * 1024));
    assert.equal(await big.closed, 4413);
    assert.deepEqual(refusals, ['too-large']);
    assert.ok(logs.some((l) => l['code'] === 4413));
    big.destroy();
    await stillServing('after-too-large ');
  });
});
