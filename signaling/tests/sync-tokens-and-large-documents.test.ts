// Tokens that expire while connected (and on reconnect), and a large document whose first sync
// takes longer than a client would wait for a silent server.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { decodeJwt } from 'jose';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { startSyncServer, type RunningSyncServer } from '../sync-server.js';
import { silentLogger } from '../ops/logger.js';
import { appendUpdates, applyStoredState, readStoredState } from '../db/update-log.js';
import { closedWithin, connectClient, sleep, synced, textOf, waitFor, type TestClient } from './support/clients.js';
import { observe, type ObservedDatabase } from './support/observed-database.js';
import { ManualClock } from './support/manual-clock.js';
import { DOCUMENTS, startTestDatabase, USERS, type TestDatabase } from './support/test-database.js';

describe('sync server: token expiry and slow first syncs', () => {
  let database: TestDatabase;
  let observed: ObservedDatabase;
  let server: RunningSyncServer;
  const clients: TestClient[] = [];
  // Token expiry runs on this clock: the test moves it past `exp` instead of waiting.
  const clock = new ManualClock();

  before(async () => {
    database = await startTestDatabase();
    observed = observe(database.db);
    server = await startSyncServer({ database: observed, tokens: database.keys, port: 0, log: silentLogger, loadKeepaliveMs: 100, clock });
  });
  after(async () => {
    for (const c of clients) c.destroy();
    await server.stop();
    await database.close();
  });

  it('drops a connection whose token expired on its next message, refuses the stale token on reconnect, accepts a fresh one', async () => {
    const token = await database.token(USERS.editor, clock.lifetime(60));
    const client = connectClient(server.url, DOCUMENTS.esdc, token);
    clients.push(client);
    await synced(client);
    client.doc.getText('body').insert(0, 'while valid. ');
    await waitFor(async () => {
      const doc = new Y.Doc();
      applyStoredState(doc, await readStoredState(database.db, DOCUMENTS.esdc), null, () => {});
      return doc.getText('body').toString() === 'while valid. ';
    }, 'the first edit stored');
    // Past `exp`, with the expiry timer late (not fired): the next message itself is refused.
    clock.skipTo(decodeJwt(token).exp! * 1000);
    client.doc.getText('body').insert(0, 'after expiry. ');
    assert.equal(await closedWithin(client.closed, 8_000), 4401);

    // 4401 is terminal for y-websocket: it waits for the application to bring a token.
    client.provider.connect();
    await waitFor(() => client.closes.length === 2, 'the reconnect with the stale token to be refused');
    assert.equal(client.closes[1], 4401);

    client.provider.params['token'] = await database.token(USERS.editor);
    client.provider.connect();
    await synced(client);
    const observer = connectClient(server.url, DOCUMENTS.esdc, await database.token(USERS.translator));
    clients.push(observer);
    await waitFor(() => textOf(observer.doc) === 'after expiry. while valid. ', 'the edit made after expiry to arrive with the new token');
  });

  it('keeps a client waiting on a slow, large document alive with keepalives and syncs it fully', async () => {
    // About 3 MB of text in the log, and a database that takes 1.5 s to return it.
    const source = new Y.Doc();
    const updates: Uint8Array[] = [];
    source.on('update', (u: Uint8Array) => updates.push(u));
    const line = 'Provides strategic advice on classification and staffing to senior management. ';
    for (let i = 0; i < 40; i++) source.getText('body').insert(source.getText('body').length, line.repeat(1000));
    await appendUpdates(database.db, DOCUMENTS.tc, updates.map((update) => ({ update, createdBy: null })));
    observed.intercept(async (sql) => {
      if (sql.includes('from public.doc_snapshots where document_id')) await sleep(1500);
    });

    // A raw client sees what the server sends before the document is ready.
    const token = await database.token(USERS.tcEditor);
    const raw = new WebSocket(`${server.url}/${DOCUMENTS.tc}?token=${token}`);
    raw.binaryType = 'arraybuffer';
    const kinds: string[] = [];
    raw.on('message', (data: ArrayBuffer) => {
      const d = decoding.createDecoder(new Uint8Array(data));
      const type = decoding.readVarUint(d);
      kinds.push(type === 1 && decoding.readVarUint8Array(d).length === 1 ? 'keepalive' : `type-${type}`);
    });
    const stock = connectClient(server.url, DOCUMENTS.tc, token);
    clients.push(stock);
    await synced(stock);
    observed.intercept(null);
    raw.close();
    const firstReal = kinds.findIndex((k) => k !== 'keepalive');
    assert.ok(firstReal >= 5, `keepalives kept the connection alive while loading (${firstReal} before the first sync message)`);
    assert.equal(textOf(stock.doc).length, line.length * 1000 * 40);
    assert.equal(textOf(stock.doc), source.getText('body').toString());
  });
});
