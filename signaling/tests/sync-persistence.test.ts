// Durability: every update is in doc_updates before anyone else sees it, a refused write is
// neither relayed nor lost, a restarted server serves the full state from Postgres, compaction
// folds the log without losing what arrives meanwhile, and the plain-text projection follows.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as Y from 'yjs';
import { startSyncServer, type RunningSyncServer } from '../sync-server.js';
import { silentLogger } from '../ops/logger.js';
import { appendUpdates, applyStoredState, compactDocument, readStoredState } from '../db/update-log.js';
import { connectClient, sleep, synced, textOf, waitFor, type TestClient } from './support/clients.js';
import { gate, observe, type ObservedDatabase } from './support/observed-database.js';
import { DOCUMENTS, startTestDatabase, USERS, type TestDatabase, type TestUser } from './support/test-database.js';

const isAppend = (sql: string) => sql.startsWith('insert into public.doc_updates');

async function storedText(database: TestDatabase, documentId: string, name = 'body') {
  const doc = new Y.Doc();
  applyStoredState(doc, await readStoredState(database.db, documentId), null, () => {});
  return doc.getText(name).toString();
}

describe('sync server: persistence', () => {
  let database: TestDatabase;
  let observed: ObservedDatabase;
  let server: RunningSyncServer;
  const clients: TestClient[] = [];
  const connect = async (user: TestUser = USERS.editor, doc = new Y.Doc()) => {
    const client = connectClient(server.url, DOCUMENTS.esdc, await database.token(user), doc);
    clients.push(client);
    await synced(client);
    return client;
  };
  const start = () =>
    startSyncServer({
      database: observed,
      tokens: database.keys,
      port: 0,
      log: silentLogger,
      room: { compactAfterUpdates: 25, projectionDelayMs: 300, projectionMaxWaitMs: 1000 },
    });

  before(async () => {
    database = await startTestDatabase();
    observed = observe(database.db);
    server = await start();
  });
  after(async () => {
    for (const c of clients) c.destroy();
    await server.stop();
    await database.close();
  });

  it('relays an update only once it is stored in doc_updates', async () => {
    const [a, b] = [await connect(), await connect(USERS.translator)];
    const held = gate();
    let appendStarted = false;
    observed.intercept(async (sql) => {
      if (!isAppend(sql)) return;
      appendStarted = true;
      await held.opened;
    });
    a.doc.getText('body').insert(0, 'durable-first ');
    await waitFor(() => appendStarted, 'the append to start');
    await sleep(300);
    assert.equal(textOf(b.doc), '', 'nothing may be relayed while the append is held');
    observed.intercept(null);
    held.open();
    await waitFor(() => textOf(b.doc) === 'durable-first ', 'the relay after the append');
    assert.equal(await storedText(database, DOCUMENTS.esdc), 'durable-first ');
  });

  it('neither relays nor loses an update the database refuses: the client resends it after reconnecting', async () => {
    const [a, b] = [clients[0]!, clients[1]!];
    let failures = 0;
    observed.intercept((sql) => {
      if (isAppend(sql) && failures++ === 0) throw new Error('disk full (simulated)');
    });
    const closesBefore = a.closes.length;
    a.doc.getText('body').insert(0, 'refused-once ');
    await waitFor(() => a.closes.length > closesBefore, 'the writer to be closed');
    assert.equal(a.closes.at(-1), 1011);
    assert.ok(!textOf(b.doc).includes('refused-once'), 'a refused update must not be relayed');
    // y-websocket reconnects (1011 is transient) and its sync step 2 carries the update again.
    await waitFor(() => textOf(b.doc).includes('refused-once'), 'the resent update at the other client');
    observed.intercept(null);
    assert.ok((await storedText(database, DOCUMENTS.esdc)).includes('refused-once'));
  });

  it('serves the full state from Postgres to a client connecting after a restart', async () => {
    const expected = textOf(clients[0]!.doc);
    for (const c of clients.splice(0)) c.destroy();
    await server.stop();
    server = await start();
    const late = await connect(USERS.translator);
    assert.equal(textOf(late.doc), expected);
  });

  it('compacts the log into doc_snapshots by count, and reloads from snapshot plus tail', async () => {
    const a = clients[0]!;
    for (let i = 0; i < 60; i++) a.doc.getText('body').insert(0, `${i % 10}`);
    const expected = textOf(a.doc);
    await waitFor(async () => (await storedText(database, DOCUMENTS.esdc)) === expected, 'all updates stored');
    await waitFor(async () => {
      const { rows } = await database.pg.query<{ last_seq: number }>('select last_seq from public.doc_snapshots where document_id = $1', [DOCUMENTS.esdc]);
      return (rows[0]?.last_seq ?? 0) > 0;
    }, 'a snapshot');
    // Updates (seqs) left in the tail, whatever rows hold them (a merged row covers seq..seq_end).
    const { rows } = await database.pg.query<{ n: number }>(
      'select coalesce(sum(coalesce(seq_end, seq) - seq + 1), 0)::int as n from public.doc_updates where document_id = $1',
      [DOCUMENTS.esdc],
    );
    assert.ok(rows[0]!.n < 60, `the tail was folded (${rows[0]!.n} updates left)`);
    const fresh = await connect(USERS.translator);
    assert.equal(textOf(fresh.doc), expected);
  });

  it('refreshes document_sections, debounced, from the en and fr section trees', async () => {
    const a = clients[0]!;
    const writesBefore = observed.statements.filter((s) => s.startsWith('insert into public.document_sections')).length;
    const section = (id: string, kind: string, heading: string, body: string) => {
      const el = new Y.XmlElement('section');
      el.setAttribute('sectionId', id);
      el.setAttribute('kind', kind);
      const h = new Y.XmlElement('heading');
      h.insert(0, [new Y.XmlText(heading)]);
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(body)]);
      el.insert(0, [h, p]);
      return el;
    };
    a.doc.getXmlFragment('en').insert(0, [section('s1', 'client-service-results', 'Client Service Results', 'Provides policy advice.')]);
    a.doc.getXmlFragment('fr').insert(0, [section('s1', 'client-service-results', 'Résultats axés sur le service à la clientèle', 'Fournit des conseils.')]);
    const en = a.doc.getXmlFragment('en').get(0) as Y.XmlElement;
    for (const word of [' Quickly', ' and', ' well.']) ((en.get(1) as Y.XmlElement).get(0) as Y.XmlText).insert(((en.get(1) as Y.XmlElement).get(0) as Y.XmlText).length, word);

    await waitFor(async () => {
      const { rows } = await database.pg.query<{ body: string }>(
        `select body from public.document_sections where document_id = $1 and lang = 'en' and section_id = 's1'`,
        [DOCUMENTS.esdc],
      );
      return rows[0]?.body === 'Provides policy advice. Quickly and well.';
    }, 'the projection');
    const { rows } = await database.pg.query<{ lang: string; heading: string; kind: string; position: number }>(
      'select lang, heading, kind, position from public.document_sections where document_id = $1 order by lang',
      [DOCUMENTS.esdc],
    );
    assert.deepEqual(rows, [
      { lang: 'en', heading: 'Client Service Results', kind: 'client-service-results', position: 0 },
      { lang: 'fr', heading: 'Résultats axés sur le service à la clientèle', kind: 'client-service-results', position: 0 },
    ]);
    const writes = observed.statements.filter((s) => s.startsWith('insert into public.document_sections')).length - writesBefore;
    assert.ok(writes >= 1 && writes < 5, `five edits were debounced into ${writes} write(s)`);
  });
});

describe('update log: compaction under concurrent appends', () => {
  it('keeps every update appended while a compaction runs', async () => {
    const database = await startTestDatabase();
    try {
      const source = new Y.Doc();
      const updates: Uint8Array[] = [];
      source.on('update', (u: Uint8Array) => updates.push(u));
      for (let i = 0; i < 400; i++) source.getText('body').insert(source.getText('body').length, String.fromCharCode(97 + (i % 26)));
      // Appends in small batches race with repeated compactions over the same rows.
      const appending = (async () => {
        for (let i = 0; i < updates.length; i += 8) {
          await appendUpdates(database.db, DOCUMENTS.tc, updates.slice(i, i + 8).map((update) => ({ update, createdBy: USERS.tcEditor.id })));
        }
      })();
      const compactions: number[] = [];
      const compacting = (async () => {
        for (let i = 0; i < 15; i++) {
          compactions.push((await compactDocument(database.db, DOCUMENTS.tc)).foldedUpdates);
          await sleep(1);
        }
      })();
      await Promise.all([appending, compacting]);
      assert.ok(compactions.some((n) => n > 0), 'at least one compaction folded rows while appends ran');
      assert.equal(await storedText(database, DOCUMENTS.tc), source.getText('body').toString());
      const stored = await readStoredState(database.db, DOCUMENTS.tc);
      assert.equal(stored.lastSeq, 400, 'one seq per update, consecutive: 1..400');
    } finally {
      await database.close();
    }
  });
});

describe('sync server: compaction by size', () => {
  let database: TestDatabase;
  let server: RunningSyncServer;
  const clients: TestClient[] = [];
  const logLines: string[] = [];
  after(async () => {
    for (const c of clients) c.destroy();
    await server?.stop();
    await database?.close();
  });

  it('folds the log into a snapshot once its bytes pass compactAfterBytes, long before the count would', async () => {
    database = await startTestDatabase();
    server = await startSyncServer({
      database: database.db,
      tokens: database.keys,
      port: 0,
      log: (line) => logLines.push(line),
      room: { compactAfterUpdates: 10_000, compactAfterBytes: 64 * 1024 },
    });
    const client = connectClient(server.url, DOCUMENTS.tc, await database.token(USERS.tcEditor));
    clients.push(client);
    await synced(client);
    const snapshotSeq = async () =>
      (await database.pg.query<{ last_seq: number }>('select last_seq from public.doc_snapshots where document_id = $1', [DOCUMENTS.tc])).rows[0]?.last_seq ?? null;
    // Updates (seqs) stored after the snapshot, whatever rows hold them (a merged row covers seq..seq_end).
    const rows = async () =>
      (
        await database.pg.query<{ n: number }>(
          'select coalesce(sum(coalesce(seq_end, seq) - seq + 1), 0)::int as n from public.doc_updates where document_id = $1',
          [DOCUMENTS.tc],
        )
      ).rows[0]!.n;
    // Each chunk is one update of a little over 20 KB.
    const chunk = (n: number) => `<${n}>${'Assesses airworthiness and enforces regulations. '.repeat(410)}`;
    const body = client.doc.getText('body');

    // Seq 1 is the server's: the document's identification fields from its row (document-seed.ts).
    await waitFor(async () => (await rows()) === 1, 'the identification seed stored');
    body.insert(body.length, chunk(1));
    body.insert(body.length, chunk(2));
    await waitFor(async () => (await rows()) === 3, 'two large updates stored');
    await sleep(300);
    assert.equal(await snapshotSeq(), null, 'about 40 KB in the tail: below the 64 KB threshold, no compaction');

    body.insert(body.length, chunk(3));
    body.insert(body.length, chunk(4));
    await waitFor(async () => (await snapshotSeq()) !== null, 'a compaction triggered by size');

    // Three chunks are about 60 KB; the fourth crosses 64 KB and the compaction folds all four, and the seed.
    assert.equal(await snapshotSeq(), 5);
    assert.equal(await rows(), 0);
    const compacted = logLines.map((l) => JSON.parse(l) as { msg: string; folded?: number }).filter((l) => l.msg === 'compacted');
    assert.deepEqual(compacted.map((l) => l.folded), [5], 'one compaction, of 5 updates (the count threshold is 10 000)');

    const expected = textOf(client.doc);
    assert.equal(await storedText(database, DOCUMENTS.tc), expected);
    const late = connectClient(server.url, DOCUMENTS.tc, await database.token(USERS.tcEditor));
    clients.push(late);
    await synced(late);
    await waitFor(() => textOf(late.doc) === expected, 'a new client to get snapshot plus tail');
  });
});
