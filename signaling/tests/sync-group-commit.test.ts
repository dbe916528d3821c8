// Group commit of doc_updates: the pending updates of many documents go to Postgres in one
// transaction, each document still gets consecutive seqs, one document's failure does not fail
// the others, nothing of a grouped transaction is relayed before it commits, and (on a real
// PostgreSQL server, where transactions run in parallel) two instances appending to overlapping
// sets of documents while compactions run neither deadlock nor collide.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import postgres from 'postgres';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as Y from 'yjs';
import { postgresAccess, type SyncDatabase } from '../db/sql-access.js';
import { appendUpdateGroups, appendUpdates, applyStoredState, compactDocument, MAX_UPDATES_PER_ROW, readStoredState, type PendingUpdate } from '../db/update-log.js';
import { UpdateWriter } from '../db/update-writer.js';
import { silentLogger } from '../ops/logger.js';
import { startSyncServer } from '../sync-server.js';
import { connectClient, sleep, synced, textOf, waitFor, type TestClient } from './support/clients.js';
import { gate, observe } from './support/observed-database.js';
import { startPostgres } from './support/postgres-server.js';
import { DOCUMENTS, ORGS, startTestDatabase, USERS, type TestDatabase } from './support/test-database.js';

const isAppend = (sql: string) => sql.startsWith('insert into public.doc_updates');

/** A source of real Yjs updates for one document: each call types `text` and returns its update. */
function typist() {
  const doc = new Y.Doc();
  let last: Uint8Array | null = null;
  doc.on('update', (u: Uint8Array) => (last = u));
  return {
    doc,
    type(text: string): PendingUpdate {
      doc.getText('body').insert(doc.getText('body').length, text);
      return { update: last!, createdBy: null };
    },
  };
}

/** The rows of a document's log as stored (merged rows cover seq..seq_end). */
async function storedRows(database: TestDatabase, documentId: string) {
  const { rows } = await database.pg.query<{ seq: number; seq_end: number | null; created_by: string | null; authors: string[] | null }>(
    'select seq::int, seq_end::int, created_by::text, authors::text[] from public.doc_updates where document_id = $1 order by seq',
    [documentId],
  );
  return rows;
}

/** Holds the first append sent to `observed` until `open()`; `holding()` says whether it has arrived. */
function holdFirstAppend(observed: ReturnType<typeof observe>) {
  const held = gate();
  let holding = false;
  observed.intercept(async (sql) => {
    if (isAppend(sql) && !holding) {
      holding = true;
      await held.opened;
    }
  });
  return { holding: () => holding, open: () => held.open() };
}

/** A stock client of `documentId` as `user`, synced, and destroyed by the suite's `after`. */
async function connectSynced(server: { url: string }, database: TestDatabase, clients: TestClient[], documentId: string, user: (typeof USERS)[keyof typeof USERS]) {
  const c = connectClient(server.url, documentId, await database.token(user));
  clients.push(c);
  await synced(c);
  return c;
}

async function storedText(db: SyncDatabase, documentId: string) {
  const doc = new Y.Doc();
  applyStoredState(doc, await readStoredState(db, documentId), null, () => {});
  return doc.getText('body').toString();
}

async function createDocuments(run: (sql: string, params: unknown[]) => Promise<{ id: string }[]>, n: number): Promise<string[]> {
  const rows = await run(
    `insert into public.job_descriptions (organization_id, title_en) select $1::uuid, 'doc ' || g from generate_series(1, $2::int) g returning id::text as id`,
    [ORGS.esdc, n],
  );
  return rows.map((r) => r.id);
}

describe('group commit of doc_updates (PGlite)', () => {
  let database: TestDatabase;
  let ids: string[];
  let others: string[];
  before(async () => {
    database = await startTestDatabase();
    // Twelve documents for the first test, three more of their own for the others.
    const all = await createDocuments(async (sql, params) => (await database.pg.query<{ id: string }>(sql, params)).rows, 15);
    ids = all.slice(0, 12);
    others = all.slice(12);
  });
  after(() => database.close());

  it('appends what gathered from many documents in one transaction, with consecutive seqs per document', async () => {
    const observed = observe(database.db);
    const commits: { documents: number; rows: number }[] = [];
    const writer = new UpdateWriter(observed, { maxRows: 1000, maxBytes: 1 << 20 }, { committed: ({ documents, rows }) => commits.push({ documents, rows }) });
    const typists = new Map(ids.map((id) => [id, typist()]));
    const held = holdFirstAppend(observed);
    const first = writer.append(ids[0]!, [typists.get(ids[0]!)!.type('first ')]);
    await waitFor(held.holding, 'the first append to reach the insert');
    // While it is held, every document hands in two requests (as rooms do, one after the other).
    const gathered = ids.map((id) => {
      const t = typists.get(id)!;
      return [writer.append(id, [t.type('a '), t.type('b ')]), writer.append(id, [t.type('c ')])];
    });
    await sleep(50);
    assert.equal(writer.queued, 24, 'nothing else is written while the first transaction is open');
    held.open();
    assert.deepEqual(await first, [1]);
    const seqs = await Promise.all(gathered.map((pair) => Promise.all(pair)));
    observed.intercept(null);

    assert.deepEqual(commits, [
      { documents: 1, rows: 1 },
      { documents: 12, rows: 36 },
    ]);
    assert.equal(observed.statements.filter(isAppend).length, 2, 'two inserts for 25 requests');
    assert.deepEqual(seqs[0], [[2, 3], [4]], 'after the held one, in the order handed in');
    for (const pair of seqs.slice(1)) assert.deepEqual(pair, [[1, 2], [3]]);
    for (const [id, t] of typists) assert.equal(await storedText(database.db, id), t.doc.getText('body').toString());
  });

  it('takes the documents’ advisory locks only where transactions can run in parallel (not on PGlite)', async () => {
    const [document] = await createDocuments(async (sql, params) => (await database.pg.query<{ id: string }>(sql, params)).rows, 1);
    const t = typist();
    const serial = observe(database.db);
    await appendUpdates(serial, document!, [t.type('one ')]);
    assert.deepEqual(serial.statements.filter((sql) => sql.includes('pg_advisory_xact_lock')), [], 'PGlite runs one transaction at a time');
    assert.equal(serial.statements.filter(isAppend).length, 1);
    const parallel = observe({ ...database.db, serialTransactions: false });
    assert.deepEqual(await appendUpdates(parallel, document!, [t.type('two ')]), [2]);
    assert.equal(parallel.statements.filter((sql) => sql.includes('pg_advisory_xact_lock')).length, 1, 'locked first, as on PostgreSQL');
    assert.equal(await storedText(database.db, document!), 'one two ');
  });

  it("numbers a document's rows itself once it knows its last seq, and reads it again after another writer appended", async () => {
    const [document] = await createDocuments(async (sql, params) => (await database.pg.query<{ id: string }>(sql, params)).rows, 1);
    const observed = observe(database.db);
    const writer = new UpdateWriter(observed, { maxRows: 1000, maxBytes: 1 << 20 });
    const t = typist();
    const reads = () => observed.statements.filter((sql) => isAppend(sql) && sql.includes('with last as')).length;
    assert.deepEqual(await writer.append(document!, [t.type('a ')]), [1]);
    assert.equal(reads(), 1, 'the first append reads the last seq');
    assert.deepEqual(await writer.append(document!, [t.type('b '), t.type('c ')]), [2, 3]);
    assert.equal(reads(), 1, 'the next one numbers from what the writer stored');
    // Something else appends (a seed, a script as the service role): the writer's number is stale.
    assert.deepEqual(await appendUpdates(database.db, document!, [t.type('d ')]), [4]);
    assert.deepEqual(await writer.append(document!, [t.type('e ')]), [5], 'refused as a duplicate seq, then numbered after the other row');
    assert.equal(reads(), 2);
    assert.equal(observed.statements.filter(isAppend).length, 4, 'one insert refused, the one that read after it');
    writer.forget(document!);
    assert.deepEqual(await writer.append(document!, [t.type('f ')]), [6]);
    assert.equal(reads(), 3, 'a forgotten document (its room unloaded) is read again');
    // Another writer appends and compacts: its row is gone, so nothing collides; the snapshot says it.
    assert.deepEqual(await appendUpdates(database.db, document!, [t.type('g ')]), [7]);
    assert.equal((await compactDocument(database.db, document!)).lastSeq, 7);
    assert.deepEqual(await writer.append(document!, [t.type('h ')]), [8], 'numbered after the snapshot, not stored under it');
    assert.equal(reads(), 4);
    assert.equal(await storedText(database.db, document!), 'a b c d e f g h ');
    // PostgreSQL runs transactions in parallel (other instances): the writer always reads there.
    const parallel = observe({ ...database.db, serialTransactions: false });
    const onPostgres = new UpdateWriter(parallel, { maxRows: 1000, maxBytes: 1 << 20 });
    for (const text of ['i ', 'j ']) await onPostgres.append(document!, [t.type(text)]);
    assert.equal(parallel.statements.filter((sql) => isAppend(sql) && sql.includes('with last as')).length, 2);
  });

  it('keeps a transaction within its row limit; a request above the limit goes alone', async () => {
    const observed = observe(database.db);
    const commits: number[] = [];
    const writer = new UpdateWriter(observed, { maxRows: 4, maxBytes: 1 << 20 }, { committed: (s) => commits.push(s.rows) });
    const t = typist();
    const id = others[0]!;
    const done = await Promise.all([
      writer.append(id, [t.type('1'), t.type('2'), t.type('3')]),
      writer.append(id, [t.type('4')]),
      writer.append(id, [t.type('5'), t.type('6')]),
      writer.append(id, [t.type('7'), t.type('8'), t.type('9'), t.type('A'), t.type('B')]),
    ]);
    assert.deepEqual(commits, [4, 2, 5]);
    assert.deepEqual(done.flat(), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it("does not let one document's failure fail the other documents of the transaction", async () => {
    const observed = observe(database.db);
    const retries: number[] = [];
    const writer = new UpdateWriter(observed, { maxRows: 1000, maxBytes: 1 << 20 }, { retryingSeparately: (_e, n) => retries.push(n) });
    const held = holdFirstAppend(observed);
    const [x, y] = [typist(), typist()];
    const [first, second] = [others[1]!, others[2]!];
    const warmUp = writer.append(first, [x.type('warm-up ')]);
    await waitFor(held.holding, 'the writer to be busy');
    // A document that does not exist (deleted meanwhile, say): its rows violate the foreign key.
    const gone = '99999999-9999-4999-8999-999999999999';
    const results = Promise.allSettled([
      writer.append(first, [x.type('kept ')]),
      writer.append(gone, [typist().type('lost')]),
      writer.append(second, [y.type('also kept')]),
    ]);
    await sleep(20);
    held.open();
    await warmUp;
    const [a, b, c] = await results;
    observed.intercept(null);
    assert.equal(a!.status, 'fulfilled');
    assert.equal(b!.status, 'rejected');
    assert.match(String((b as PromiseRejectedResult).reason), /foreign key/);
    assert.equal(c!.status, 'fulfilled');
    assert.deepEqual(retries, [3], 'the grouped transaction failed once and was retried per document');
    assert.equal(await storedText(database.db, first), 'warm-up kept ');
    assert.equal(await storedText(database.db, second), 'also kept');
  });
});

describe('group commit through the sync server', () => {
  let database: TestDatabase;
  const clients: TestClient[] = [];
  after(async () => {
    for (const c of clients) c.destroy();
    await database?.close();
  });

  it('relays nothing of a grouped transaction before it commits, in any of its documents', async () => {
    database = await startTestDatabase();
    const observed = observe(database.db);
    const server = await startSyncServer({ database: observed, tokens: database.keys, port: 0, log: silentLogger });
    try {
      const connect = (documentId: string, user: (typeof USERS)[keyof typeof USERS]) => connectSynced(server, database, clients, documentId, user);
      const [esdcWriter, esdcReader] = [await connect(DOCUMENTS.esdc, USERS.editor), await connect(DOCUMENTS.esdc, USERS.translator)];
      const [tcWriter, tcReader] = [await connect(DOCUMENTS.tc, USERS.tcEditor), await connect(DOCUMENTS.tc, USERS.tcEditor)];
      const held = holdFirstAppend(observed);
      esdcWriter.doc.getText('body').insert(0, 'esdc-1 ');
      await waitFor(held.holding, 'the first append to be held');
      // Queued behind it: the next batch of ESDC and the first of TC, which travel together.
      esdcWriter.doc.getText('body').insert(7, 'esdc-2 ');
      tcWriter.doc.getText('body').insert(0, 'tc-1 ');
      await sleep(300);
      assert.equal(textOf(esdcReader.doc), '', 'nothing relayed while the first transaction is open');
      assert.equal(textOf(tcReader.doc), '', 'nothing of the other document either');
      held.open();
      await waitFor(() => textOf(esdcReader.doc) === 'esdc-1 esdc-2 ' && textOf(tcReader.doc) === 'tc-1 ', 'both documents relayed');
      observed.intercept(null);
      const metrics = await server.metrics.registry.metrics();
      const single = Number(/^jd_sync_persist_batch_documents_bucket\{le="1"\} (\d+)$/m.exec(metrics)?.[1]);
      const all = Number(/^jd_sync_persist_batch_documents_count (\d+)$/m.exec(metrics)?.[1]);
      assert.ok(all - single >= 1, `a transaction carried both documents (${all} transactions, ${single} of one document)`);
      assert.equal(await storedText(database.db, DOCUMENTS.esdc), 'esdc-1 esdc-2 ');
      assert.equal(await storedText(database.db, DOCUMENTS.tc), 'tc-1 ');
    } finally {
      for (const c of clients.splice(0)) c.destroy();
      await server.stop();
    }
  });
});

describe('merged rows: one row per document per group commit', () => {
  let database: TestDatabase;
  const clients: TestClient[] = [];
  after(async () => {
    for (const c of clients) c.destroy();
    await database?.close();
  });

  it("stores what a document gathered during a transaction as one row: the merged update, its seq range and each seq's author", async () => {
    database = await startTestDatabase();
    const observed = observe(database.db);
    const server = await startSyncServer({ database: observed, tokens: database.keys, port: 0, log: silentLogger });
    const messagesIn = async () => Number(/^jd_sync_messages_in_total (\d+)$/m.exec(await server.metrics.registry.metrics())?.[1]);
    const rowsOf = () => storedRows(database, DOCUMENTS.esdc);
    try {
      const connect = (user: (typeof USERS)[keyof typeof USERS]) => connectSynced(server, database, clients, DOCUMENTS.esdc, user);
      const [editor, translator, reader] = [await connect(USERS.editor), await connect(USERS.translator), await connect(USERS.viewer)];
      const seeded = await rowsOf();
      const held = holdFirstAppend(observed);
      editor.doc.getText('body').insert(0, 'held ');
      await waitFor(held.holding, 'the first append to be held');
      // While it is held, five updates of two authors queue up for the document's next batch.
      const before = await messagesIn();
      for (const text of ['a', 'b', 'c']) editor.doc.getText('body').insert(editor.doc.getText('body').length, text);
      for (const text of ['1', '2']) translator.doc.getText('body').insert(0, text);
      await waitFor(async () => (await messagesIn()) >= before + 5, 'the five updates to reach the server');
      held.open();
      await waitFor(() => textOf(reader.doc) === textOf(editor.doc) && textOf(reader.doc).length === 10, 'everything relayed');
      observed.intercept(null);

      const rows = (await rowsOf()).slice(seeded.length);
      const first = seeded.reduce((n, r) => Math.max(n, r.seq_end ?? r.seq), 0) + 1;
      assert.deepEqual(rows[0], { seq: first, seq_end: null, created_by: USERS.editor.id, authors: null }, 'the held update: a row of one seq, with its author');
      assert.equal(rows.length, 2, `the five updates that gathered meanwhile are one row (${JSON.stringify(rows)})`);
      const merged = rows[1]!;
      assert.deepEqual([merged.seq, merged.seq_end], [first + 1, first + 5], 'it covers the five seqs after the held one');
      assert.equal(merged.created_by, null, 'two authors share it: created_by names neither');
      assert.deepEqual(
        [...merged.authors!].sort(),
        [USERS.editor.id, USERS.editor.id, USERS.editor.id, USERS.translator.id, USERS.translator.id].sort(),
        "each seq's author is named",
      );
      assert.equal(await storedText(database.db, DOCUMENTS.esdc), textOf(editor.doc), 'the stored rows rebuild the document');
      const stored = await readStoredState(database.db, DOCUMENTS.esdc);
      assert.equal(stored.lastSeq, first + 5, 'the last seq read is the merged row\'s end');
    } finally {
      for (const c of clients.splice(0)) c.destroy();
      await server.stop();
    }
  });
});

describe('merged rows: size of a row', () => {
  it(`stores a large batch as rows of at most ${MAX_UPDATES_PER_ROW} updates, consecutive and complete`, async () => {
    const database = await startTestDatabase();
    try {
      const t = typist();
      const updates = Array.from({ length: 2 * MAX_UPDATES_PER_ROW + 2 }, (_, i) => ({ ...t.type(`${i % 10}`), createdBy: USERS.editor.id }));
      const [seqs] = await appendUpdateGroups(database.db, [{ documentId: DOCUMENTS.tc, updates }]);
      assert.deepEqual(seqs, updates.map((_, i) => i + 1), 'a seq per update');
      const rows = await storedRows(database, DOCUMENTS.tc);
      const n = MAX_UPDATES_PER_ROW;
      assert.deepEqual(
        rows.map((r) => [r.seq, r.seq_end, r.created_by, r.authors?.length]),
        [
          [1, n, USERS.editor.id, n],
          [n + 1, 2 * n, USERS.editor.id, n],
          [2 * n + 1, 2 * n + 2, USERS.editor.id, 2],
        ],
      );
      assert.equal(await storedText(database.db, DOCUMENTS.tc), t.doc.getText('body').toString());
    } finally {
      await database.close();
    }
  });
});

describe('group commit on PostgreSQL: two instances, overlapping documents, compactions', () => {
  let pg: Awaited<ReturnType<typeof startPostgres>> | null = null;
  const pools: postgres.Sql[] = [];
  after(async () => {
    for (const sql of pools) await sql.end({ timeout: 5 });
    pg?.stop();
  });

  it('neither deadlocks nor allocates a seq twice', async (t) => {
    pg = await startPostgres();
    const pool = () => {
      const sql = postgres(pg!.url, { max: 4, onnotice: () => {} });
      pools.push(sql);
      return sql;
    };
    const admin = pool();
    await admin.unsafe(await readFile(join(import.meta.dirname, 'support', 'schema.sql'), 'utf8'));
    await admin.unsafe(`insert into public.organizations values ('${ORGS.esdc}', 'ESDC')`);
    const ids = await createDocuments((sql, params) => admin.unsafe(sql, params as never[]) as unknown as Promise<{ id: string }[]>, 8);

    // Two instances, each with its own connections and writer; each "room" appends in sequence.
    const instances = [postgresAccess(pool()), postgresAccess(pool())];
    let retries = 0;
    const writers = instances.map((db) => new UpdateWriter(db, { maxRows: 1000, maxBytes: 1 << 20 }, { retryingSeparately: () => retries++ }));
    const typists = new Map(ids.map((id) => [id, typist()]));
    const perRoom = 40;
    const rooms = writers.flatMap((writer, w) =>
      // Instance 0 walks the documents forwards, instance 1 backwards: opposite first-seen orders.
      (w === 0 ? ids : [...ids].reverse()).map(async (id) => {
        for (let i = 0; i < perRoom; i++) await writer.append(id, [typists.get(id)!.type(`[${w}:${i}]`)]);
      }),
    );
    const compactor = postgresAccess(pool());
    let compacting = true;
    let folded = 0;
    const compactions = (async () => {
      while (compacting) {
        for (const id of ids) folded += (await compactDocument(compactor, id)).foldedUpdates;
      }
    })();
    // Direct multi-document groups too, in the order given (not sorted), against the writers.
    const direct = (async () => {
      for (let i = 0; i < 20; i++) {
        const order = i % 2 === 0 ? ids : [...ids].reverse();
        await appendUpdateGroups(instances[i % 2]!, order.map((id) => ({ documentId: id, updates: [typists.get(id)!.type(`(${i})`)] })));
      }
    })();
    await Promise.all([...rooms, direct]);
    compacting = false;
    await compactions;
    t.diagnostic(`${folded} updates folded by compactions running alongside`);

    assert.equal(retries, 0, 'no grouped transaction failed (a deadlock would have)');
    for (const id of ids) {
      const stored = await readStoredState(compactor, id);
      assert.equal(stored.lastSeq, 2 * perRoom + 20, 'one seq per update, none twice: the last seq is the number of updates');
      stored.tail.forEach((row, i) => assert.equal(row.seq, (stored.snapshotSeq || 0) + i + 1, 'the tail is consecutive'));
      assert.equal(await storedText(compactor, id), typists.get(id)!.doc.getText('body').toString());
    }
  });
});
