// Memory and operations: idle documents are unloaded after persistence is flushed, a client
// arriving during an unload loses nothing, shutdown closes with 1012 after storing what clients
// sent, and /healthz, /metrics and the JSON logs report what happened.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as Y from 'yjs';
import { startSyncServer, type RunningSyncServer } from '../sync-server.js';
import { applyStoredState, readStoredState } from '../db/update-log.js';
import { connectClient, sleep, synced, textOf, waitFor, type TestClient } from './support/clients.js';
import { gate, observe, type ObservedDatabase } from './support/observed-database.js';
import { DOCUMENTS, startTestDatabase, USERS, type TestDatabase, type TestUser } from './support/test-database.js';

async function storedText(database: TestDatabase, documentId: string) {
  const doc = new Y.Doc();
  applyStoredState(doc, await readStoredState(database.db, documentId), null, () => {});
  return doc.getText('body').toString();
}

describe('sync server: unloading, shutdown, health, metrics, logs', () => {
  let database: TestDatabase;
  let observed: ObservedDatabase;
  let server: RunningSyncServer;
  const logLines: string[] = [];
  const clients: TestClient[] = [];
  const connect = async (user: TestUser = USERS.editor, documentId: string = DOCUMENTS.esdc) => {
    const client = connectClient(server.url, documentId, await database.token(user));
    clients.push(client);
    await synced(client);
    return client;
  };

  before(async () => {
    database = await startTestDatabase();
    observed = observe(database.db);
    server = await startSyncServer({
      database: observed,
      tokens: database.keys,
      port: 0,
      log: (line) => logLines.push(line),
      unloadDelayMs: 100,
      room: { projectionDelayMs: 60_000, projectionMaxWaitMs: 60_000 },
    });
  });
  after(async () => {
    for (const c of clients) c.destroy();
    await server.stop();
    await database.close();
  });

  it('unloads a document a short while after its last client leaves, with everything stored', async () => {
    const a = await connect();
    a.doc.getText('body').insert(0, 'before unload. ');
    await waitFor(async () => (await storedText(database, DOCUMENTS.esdc)) === 'before unload. ', 'the update stored');
    assert.equal(server.loadedDocuments(), 1);
    a.destroy();
    await waitFor(() => server.loadedDocuments() === 0, 'the unload');
    // The projection (debounced for a minute here) was flushed by the unload.
    const { rows } = await database.pg.query('select 1 from public.doc_updates where document_id = $1', [DOCUMENTS.esdc]);
    assert.ok(rows.length > 0);
    assert.ok(logLines.some((l) => JSON.parse(l).msg === 'document unloaded'));
  });

  it('gives a client that arrives during an unload the full state, and keeps its edits', async () => {
    const a = await connect();
    a.doc.getText('body').insert(a.doc.getText('body').length, 'last words before leaving. ');
    await waitFor(async () => (await storedText(database, DOCUMENTS.esdc)).includes('last words'), 'stored');
    const slowFlush = gate();
    let unloadFlushing = false;
    observed.intercept(async (sql) => {
      // The comments projection runs on every flush (this document has no sections, whose
      // projection is skipped until it has some).
      if (sql.startsWith('delete from public.comments')) {
        unloadFlushing = true;
        await slowFlush.opened;
      }
    });
    a.destroy();
    await waitFor(() => unloadFlushing, 'the unload to be flushing');
    const arriving = connectClient(server.url, DOCUMENTS.esdc, await database.token(USERS.translator));
    clients.push(arriving);
    await sleep(100);
    observed.intercept(null);
    slowFlush.open();
    await synced(arriving);
    assert.equal(textOf(arriving.doc), 'before unload. last words before leaving. ');
    arriving.doc.getText('body').insert(0, 'after reload. ');
    await waitFor(async () => (await storedText(database, DOCUMENTS.esdc)).startsWith('after reload. before unload.'), 'the new edit stored');
    arriving.destroy();
    await waitFor(() => server.loadedDocuments() === 0, 'the second unload');
  });

  it('answers /healthz and /metrics in Prometheus text format', async () => {
    const a = await connect();
    a.doc.getText('body').insert(0, 'x');
    await waitFor(async () => (await storedText(database, DOCUMENTS.esdc)).startsWith('x'), 'stored');
    const http = server.url.replace('ws://', 'http://');
    const health = await fetch(`${http}/healthz`);
    assert.equal(health.status, 200);
    assert.deepEqual({ ...(await health.json()) }, { status: 'ok', database: true, connections: 1, documents: 1 });
    const metrics = await fetch(`${http}/metrics`);
    assert.match(metrics.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const text = await metrics.text();
    assert.match(text, /^# TYPE jd_sync_connections gauge$/m);
    assert.match(text, /^jd_sync_connections 1$/m);
    assert.match(text, /^jd_sync_documents_loaded 1$/m);
    assert.match(text, /^jd_sync_persist_seconds_count [1-9]\d*$/m);
    assert.match(text, /^jd_sync_persist_seconds_bucket\{le="\+Inf"\} [1-9]\d*$/m);
    assert.match(text, /^jd_sync_messages_in_total [1-9]\d*$/m);
    assert.match(text, /^jd_sync_messages_out_total [1-9]\d*$/m);
    assert.match(text, /^jd_sync_errors_total/m);
    // prom-client's default process metrics, on the server's own registry.
    assert.match(text, /^# TYPE process_cpu_user_seconds_total counter$/m);
    assert.match(text, /^process_cpu_user_seconds_total \d/m);
    assert.match(text, /^nodejs_eventloop_lag_seconds \d/m);
    a.destroy();
  });

  it('keeps each server\'s metrics apart (a registry per server, several servers in one process)', async () => {
    const other = await startSyncServer({ database: database.db, tokens: database.keys, port: 0, log: () => {} });
    try {
      const a = await connect();
      await waitFor(async () => /^jd_sync_connections 1$/m.test(await server.metrics.registry.metrics()), 'the connection counted');
      const text = await (await fetch(`${other.url.replace('ws://', 'http://')}/metrics`)).text();
      assert.match(text, /^jd_sync_connections 0$/m);
      assert.match(text, /^jd_sync_messages_in_total 0$/m);
      assert.match(text, /^process_cpu_user_seconds_total \d/m);
      a.destroy();
    } finally {
      await other.stop();
    }
  });

  it('writes one JSON object per log line, refusals included', async () => {
    const refused = connectClient(server.url, DOCUMENTS.tc, await database.token(USERS.editor));
    clients.push(refused);
    assert.equal(await refused.closed, 4403);
    const entries = logLines.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const e of entries) assert.ok(typeof e['time'] === 'string' && typeof e['level'] === 'string' && typeof e['msg'] === 'string');
    // Level names (what the test runner's filter reads), and the server's name bound to its logger.
    for (const e of entries) assert.ok(['debug', 'info', 'warn', 'error'].includes(String(e['level'])) && e['server'] === 'sync', JSON.stringify(e));
    assert.ok(entries.some((e) => e['msg'] === 'closing connection' && e['code'] === 4403 && e['userId'] === USERS.editor.id && e['documentId'] === DOCUMENTS.tc));
  });

  it('shuts down gracefully: stores what was in flight, writes the projection, closes clients with 1012', async () => {
    const a = await connect();
    const held = gate();
    let appending = false;
    observed.intercept(async (sql) => {
      if (sql.startsWith('insert into public.doc_updates')) {
        appending = true;
        await held.opened;
      }
    });
    const el = new Y.XmlElement('section');
    el.setAttribute('sectionId', 'key-activities');
    el.setAttribute('kind', 'key-activities');
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('Leads reviews.')]);
    el.insert(0, [p]);
    a.doc.getXmlFragment('en').insert(0, [el]);
    await waitFor(() => appending, 'the append in flight');
    const stopping = server.stop();
    assert.equal(await a.closed, 1012);
    assert.equal((await fetch(`${server.url.replace('ws://', 'http://')}/healthz`).catch(() => null))?.status ?? 503, 503);
    observed.intercept(null);
    held.open();
    await stopping;
    const { rows } = await database.pg.query<{ body: string }>(
      `select body from public.document_sections where document_id = $1 and section_id = 'key-activities'`,
      [DOCUMENTS.esdc],
    );
    assert.equal(rows[0]?.body, 'Leads reviews.');
    const doc = new Y.Doc();
    applyStoredState(doc, await readStoredState(database.db, DOCUMENTS.esdc), null, () => {});
    assert.equal(doc.getXmlFragment('en').length, 1);
    // restart for after()
    server = await startSyncServer({ database: observed, tokens: database.keys, port: 0, log: () => {} });
  });
});
