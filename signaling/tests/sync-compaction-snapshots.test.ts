// A loaded room compacts by encoding its own Y.Doc as the snapshot of `contiguousSeq` (every
// seq up to it applied, nothing applied that is not stored) instead of reading the log back.
// These tests hold it to what the log-based compaction guaranteed: updates stored meanwhile, by
// this room, by another instance or by anything else appending as the service role (a script, an
// import; members may not append since migration 20261123101300), are never
// folded away unseen; a restart loads the full state; a room whose Y.Doc missed a stored
// update rebuilds the snapshot from Postgres.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import * as Y from 'yjs';
import type { DocumentBus, BusHandlers } from '../scale/document-bus.js';
import { appendUpdateGroups, appendUpdates, snapshotOf, writeSnapshot } from '../db/update-log.js';
import { sleep, textOf, waitFor } from './support/clients.js';
import { gate, observe } from './support/observed-database.js';
import { DOCUMENTS, startTestDatabase, USERS, type TestDatabase } from './support/test-database.js';
import { compactedIn, compactionHarness, storedDoc } from './sync-compaction-helpers.js';

const snapshotRow = async (database: TestDatabase, documentId: string) =>
  (await database.pg.query<{ last_seq: number; state: Uint8Array }>('select last_seq, state from public.doc_snapshots where document_id = $1', [documentId])).rows[0] ?? null;

/** The seqs the stored rows cover (a merged row covers seq..seq_end). */
const seqsOf = async (database: TestDatabase, documentId: string) =>
  (
    await database.pg.query<{ seq: number }>(
      'select generate_series(seq, coalesce(seq_end, seq))::int as seq from public.doc_updates where document_id = $1 order by 1',
      [documentId],
    )
  ).rows.map((r) => r.seq);

/** An update written by someone other than the server under test (another instance, a member's own insert). */
function foreignUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('body').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

describe('update log: a snapshot taken at seq S', () => {
  it('keeps the rows appended after S, and a newer snapshot wins over an older one', async () => {
    const database = await startTestDatabase();
    try {
      const doc = new Y.Doc();
      const updates: Uint8Array[] = [];
      doc.on('update', (u: Uint8Array) => updates.push(u));
      for (let i = 0; i < 30; i++) doc.getText('body').insert(doc.getText('body').length, `${i % 10}`);
      await appendUpdates(database.db, DOCUMENTS.esdc, updates.map((update) => ({ update, createdBy: null })));
      // Encoded at seq 30; then two more updates are stored before the snapshot is written.
      const atThirty = snapshotOf(doc, 30);
      await appendUpdates(database.db, DOCUMENTS.esdc, [{ update: foreignUpdate('<late-1>'), createdBy: null }]);
      await appendUpdates(database.db, DOCUMENTS.esdc, [{ update: foreignUpdate('<late-2>'), createdBy: null }]);
      await writeSnapshot(database.db, DOCUMENTS.esdc, atThirty);
      assert.equal((await snapshotRow(database, DOCUMENTS.esdc))?.last_seq, 30);
      assert.deepEqual(await seqsOf(database, DOCUMENTS.esdc), [31, 32]);
      const stored = textOf(await storedDoc(database, DOCUMENTS.esdc));
      assert.ok(stored.includes('<late-1>') && stored.includes('<late-2>') && stored.includes('0123456789'.repeat(3)));

      // An instance that encoded earlier (seq 20) and writes last must not replace seq 30's snapshot.
      await writeSnapshot(database.db, DOCUMENTS.esdc, snapshotOf(new Y.Doc(), 20));
      assert.equal((await snapshotRow(database, DOCUMENTS.esdc))?.last_seq, 30);
      assert.equal(textOf(await storedDoc(database, DOCUMENTS.esdc)), stored);
    } finally {
      await database.close();
    }
  });

  it('stores every byte of every update as given, with its author', async () => {
    const database = await startTestDatabase();
    try {
      // Bytes that need escaping in text and array literals: backslash, quotes, braces, comma, NUL.
      const tricky = (n: number) => new Uint8Array([n, 0, 255, 92, 34, 39, 123, 125, 44, 10]);
      const seqs = await appendUpdateGroups(database.db, [
        { documentId: DOCUMENTS.esdc, updates: [{ update: tricky(1), createdBy: USERS.editor.id }, { update: tricky(2), createdBy: null }] },
        { documentId: DOCUMENTS.tc, updates: [{ update: tricky(3), createdBy: USERS.tcEditor.id }] },
        { documentId: DOCUMENTS.esdc, updates: [{ update: tricky(4), createdBy: null }] },
      ]);
      assert.deepEqual(seqs, [[1, 2], [1], [3]]);
      const { rows } = await database.pg.query<{ document_id: string; seq: number; update: Uint8Array; created_by: string | null }>(
        'select document_id::text, seq::int, update, created_by::text from public.doc_updates order by document_id, seq',
      );
      assert.deepEqual(
        rows.map((r) => [r.document_id, r.seq, [...r.update], r.created_by]),
        [
          [DOCUMENTS.esdc, 1, [...tricky(1)], USERS.editor.id],
          [DOCUMENTS.esdc, 2, [...tricky(2)], null],
          [DOCUMENTS.esdc, 3, [...tricky(4)], null],
          [DOCUMENTS.tc, 1, [...tricky(3)], USERS.tcEditor.id],
        ],
      );
    } finally {
      await database.close();
    }
  });
});

describe('sync server: compaction from the loaded Y.Doc', () => {
  const harness = compactionHarness();
  const { freshDatabase, start, connect, stop, clients } = harness;
  after(() => harness.closeAll());

  it('writes the snapshot Postgres would have rebuilt, and a restarted server loads the full state', async () => {
    const database = await freshDatabase();
    const lines: string[] = [];
    const server = await start(database, { lines, room: { compactAfterUpdates: 25 } });
    const a = await connect(server, database);
    const b = await connect(server, database);
    // Two writers interleaving inserts and deletions.
    for (let i = 0; i < 120; i++) {
      const writer = i % 2 === 0 ? a : b;
      const body = writer.doc.getText('body');
      if (i % 7 === 6 && body.length > 3) body.delete(1, 2);
      else body.insert(Math.floor(body.length / 2), `${writer === a ? 'a' : 'b'}${i} `);
      if (i % 10 === 9) await sleep(5);
    }
    await waitFor(() => textOf(a.doc) === textOf(b.doc) && textOf(b.doc).includes('b119'), 'both writers converging');
    await waitFor(async () => textOf(await storedDoc(database, DOCUMENTS.esdc)) === textOf(a.doc), 'everything stored');
    const memory = compactedIn(lines).filter((c) => c.from === 'memory');
    assert.ok(memory.length >= 2, `${memory.length} compactions from memory`);

    // The last compaction's snapshot is stored, only rows after it remain, and the two together
    // are exactly what the clients have.
    const snapshot = (await snapshotRow(database, DOCUMENTS.esdc))!;
    const replayed = await storedDoc(database, DOCUMENTS.esdc);
    assert.equal(snapshot.last_seq, memory.at(-1)!.lastSeq);
    assert.ok((await seqsOf(database, DOCUMENTS.esdc)).every((seq) => seq > snapshot.last_seq), 'only rows after the snapshot remain');
    assert.equal(textOf(replayed), textOf(a.doc));
    assert.deepEqual(Y.encodeStateVector(replayed), Y.encodeStateVector(a.doc));

    for (const c of clients.splice(0)) c.destroy();
    await stop(server);
    const restarted = await start(database);
    const late = await connect(restarted, database);
    assert.equal(textOf(late.doc), textOf(replayed));
    assert.deepEqual(Y.encodeStateVector(late.doc), Y.encodeStateVector(replayed));
    assert.ok(Y.equalSnapshots(Y.snapshot(late.doc), Y.snapshot(replayed)));
  });

  it('keeps the updates accepted while a snapshot is being written', async () => {
    const database = await freshDatabase();
    const observed = observe(database.db);
    const lines: string[] = [];
    const server = await start(database, { database: observed, lines, room: { compactAfterUpdates: 20 } });
    const writer = await connect(server, database);
    const reader = await connect(server, database);
    const held = gate();
    let holding = false;
    observed.intercept(async (sql) => {
      if (!sql.startsWith('insert into public.doc_snapshots')) return;
      holding = true;
      await held.opened;
    });
    const body = writer.doc.getText('body');
    for (let i = 0; i < 20; i++) body.insert(body.length, `<${i}>`);
    await waitFor(() => holding, 'a compaction to be writing its snapshot');
    // Typed while the snapshot write is held: accepted, queued behind it.
    for (let i = 20; i < 50; i++) body.insert(body.length, `<${i}>`);
    await sleep(200);
    observed.intercept(null);
    held.open();
    await waitFor(() => textOf(reader.doc) === textOf(writer.doc), 'everything relayed');
    await waitFor(async () => textOf(await storedDoc(database, DOCUMENTS.esdc)) === textOf(writer.doc), 'everything stored');
    const first = compactedIn(lines)[0]!;
    assert.equal(first.from, 'memory');
    assert.ok(first.lastSeq >= 20 && first.lastSeq < 50, `the first snapshot covers seq ${first.lastSeq}`);
    for (let i = 0; i < 50; i++) assert.ok(textOf(await storedDoc(database, DOCUMENTS.esdc)).includes(`<${i}>`), `<${i}> stored`);
  });

  it('never claims an update it has not seen: an update appended without the server', async () => {
    const database = await freshDatabase();
    const lines: string[] = [];
    // No catch-up during the test: the room keeps a gap where the outside update is.
    const server = await start(database, { lines, room: { compactAfterUpdates: 10, catchUpDelayMs: 60_000 } });
    const writer = await connect(server, database);
    const body = writer.doc.getText('body');
    for (let i = 0; i < 5; i++) body.insert(body.length, `(${i})`);
    // Seq 1 is the server's identification seed (document-seed.ts), then the five edits.
    await waitFor(async () => (await seqsOf(database, DOCUMENTS.esdc)).length === 6, 'seqs 1..6 stored');
    // Appended as the service role behind the server's back (members may not append: only the
    // service role does, since migration 20261123101300), attributed to the translator.
    const [outside] = await appendUpdates(database.db, DOCUMENTS.esdc, [{ update: foreignUpdate('[from outside]'), createdBy: USERS.translator.id }]);
    assert.equal(outside, 7);
    for (let i = 5; i < 30; i++) body.insert(body.length, `(${i})`);
    await waitFor(() => compactedIn(lines).length >= 1, 'a compaction');
    const first = compactedIn(lines)[0]!;
    assert.deepEqual([first.from, first.lastSeq], ['memory', 6], 'the room folds only what precedes the gap');
    await waitFor(async () => (await storedDoc(database, DOCUMENTS.esdc)).getText('body').toString().includes('(29)'), 'everything stored');
    const stored = textOf(await storedDoc(database, DOCUMENTS.esdc));
    assert.ok(stored.includes('[from outside]'), 'the outside update is still stored');
    assert.ok(!textOf(writer.doc).includes('[from outside]'), 'and was not fetched (catch-up delayed)');
    for (const line of compactedIn(lines).slice(1)) assert.ok(line.from === 'postgres' || line.lastSeq > 7, JSON.stringify(line));

    for (const c of clients.splice(0)) c.destroy();
    await stop(server);
    const restarted = await start(database);
    const late = await connect(restarted, database);
    assert.equal(textOf(late.doc), stored);
  });

  it('fetches an update appended without the server once it notices the gap, and relays it', async () => {
    const database = await freshDatabase();
    const server = await start(database, { room: { catchUpDelayMs: 50 } });
    const writer = await connect(server, database);
    const reader = await connect(server, database);
    writer.doc.getText('body').insert(0, 'one ');
    await waitFor(() => textOf(reader.doc) === 'one ', 'the first edit');
    await appendUpdates(database.db, DOCUMENTS.esdc, [{ update: foreignUpdate('[outside] '), createdBy: USERS.translator.id }]);
    writer.doc.getText('body').insert(writer.doc.getText('body').length, 'two ');
    await waitFor(() => textOf(reader.doc).includes('[outside]') && textOf(writer.doc).includes('[outside]'), 'the outside update at both clients');
  });

  it('rebuilds the snapshot from Postgres when the Y.Doc could not apply a stored update', async () => {
    const database = await freshDatabase();
    const doc = new Y.Doc();
    doc.getText('body').insert(0, 'readable ');
    await appendUpdates(database.db, DOCUMENTS.tc, [
      { update: Y.encodeStateAsUpdate(doc), createdBy: null },
      { update: new Uint8Array([1, 200, 7, 3, 3, 3]), createdBy: null },
    ]);
    const lines: string[] = [];
    const server = await start(database, { lines, room: { compactAfterUpdates: 5 } });
    const writer = await connect(server, database, DOCUMENTS.tc);
    assert.equal(textOf(writer.doc), 'readable ');
    for (let i = 0; i < 8; i++) writer.doc.getText('body').insert(writer.doc.getText('body').length, `${i}`);
    await waitFor(() => compactedIn(lines).length >= 1, 'a compaction');
    assert.equal(compactedIn(lines)[0]!.from, 'postgres');
    assert.ok(lines.some((line) => line.includes('stored update could not be applied; skipped')));
    await waitFor(async () => textOf(await storedDoc(database, DOCUMENTS.tc)) === textOf(writer.doc), 'everything stored');
  });
});

/**
 * Instances in one process sharing one database, linked the way Redis links them (delivery
 * after the publisher has moved on), except that `drop` publications are lost: the receiving
 * rooms see gaps and fetch from Postgres.
 */
function busHub(drop: () => boolean) {
  const subscribers = new Map<string, Map<number, BusHandlers>>();
  const deliver = (documentId: string, from: number, send: (handlers: BusHandlers) => void) => {
    if (drop()) return;
    setImmediate(() => {
      for (const [owner, handlers] of subscribers.get(documentId) ?? []) if (owner !== from) send(handlers);
    });
  };
  return (owner: number): DocumentBus => ({
    async subscribe(documentId, handlers) {
      if (!subscribers.has(documentId)) subscribers.set(documentId, new Map());
      subscribers.get(documentId)!.set(owner, handlers);
    },
    async unsubscribe(documentId) {
      subscribers.get(documentId)?.delete(owner);
    },
    publishUpdate: (documentId, seq, update, seqEnd) => deliver(documentId, owner, (h) => h.update(seq, update, seqEnd)),
    publishAwareness: (documentId, update) => deliver(documentId, owner, (h) => h.awareness(update)),
    async close() {},
  });
}

describe('sync server: two instances compacting the same document from memory', () => {
  const harness = compactionHarness();
  const { freshDatabase, start, connect, stop, clients } = harness;
  after(() => harness.closeAll());

  it("takes a merged row from the other instance as its whole seq range: no gap, nothing fetched from Postgres", async () => {
    const database = await freshDatabase();
    const bus = busHub(() => false);
    const lines: string[][] = [[], []];
    const room = { catchUpDelayMs: 20 };
    const [a, b] = [await start(database, { bus: bus(0), lines: lines[0], room }), await start(database, { bus: bus(1), lines: lines[1], room })];
    const writer = await connect(a, database);
    const reader = await connect(b, database);
    // A burst: what gathers while the previous append is in flight is stored as one merged row.
    const body = writer.doc.getText('body');
    for (let i = 0; i < 60; i++) body.insert(body.length, `${i % 10}`);
    await waitFor(() => textOf(reader.doc) === textOf(writer.doc), 'the burst relayed to the other instance');
    const { rows } = await database.pg.query<{ seq: number; seq_end: number | null }>(
      'select seq::int, seq_end::int from public.doc_updates where document_id = $1 order by seq',
      [DOCUMENTS.esdc],
    );
    assert.ok(rows.some((r) => r.seq_end !== null && r.seq_end > r.seq), `some rows cover several seqs (${JSON.stringify(rows)})`);
    assert.deepEqual(await seqsOf(database, DOCUMENTS.esdc), Array.from({ length: rows.at(-1)!.seq_end ?? rows.at(-1)!.seq }, (_, i) => i + 1));
    // A gap would be fetched 20 ms after it was noticed: give that time to show.
    await sleep(100);
    assert.deepEqual(
      lines[1]!.filter((line) => line.includes('caught up from Postgres')),
      [],
      'the receiving instance saw no gap: it took each row as the seqs it covers',
    );
  });

  it('loses nothing while both append, compact, and miss some of each other’s updates', async (t) => {
    const database = await freshDatabase();
    let random = 42;
    const bus = busHub(() => (random = (random * 1103515245 + 12345) % 2 ** 31) % 10 === 0);
    const lines: string[][] = [[], []];
    // Ratio 0: a compaction every 15 updates, so the two instances' compactions often overlap.
    const room = { compactAfterUpdates: 15, compactTailRatio: 0, catchUpDelayMs: 30 };
    const [a, b] = [await start(database, { bus: bus(0), lines: lines[0], room }), await start(database, { bus: bus(1), lines: lines[1], room })];
    const writers = [await connect(a, database), await connect(b, database), await connect(b, database)];
    const reader = await connect(a, database);
    await Promise.all(
      writers.map(async (w, n) => {
        // Array items, not text: a concurrent insert can land inside a text run but not inside an item.
        for (let i = 0; i < 150; i++) {
          const items = w.doc.getArray<string>('items');
          items.insert(Math.floor(items.length / (n + 2)), [`${n}.${i}`]);
          if (i % 5 === 4) await sleep(2);
        }
      }),
    );
    const items = (doc: Y.Doc) => doc.getArray<string>('items').toArray();
    const everything = Array.from({ length: 3 }, (_, n) => Array.from({ length: 150 }, (_, i) => `${n}.${i}`)).flat().sort();
    await waitFor(() => [...writers, reader].every((c) => items(c.doc).length === everything.length), 'all clients converging', 30_000);
    for (const c of writers) assert.deepEqual(items(c.doc), items(reader.doc));
    assert.deepEqual([...items(reader.doc)].sort(), everything);
    await waitFor(async () => JSON.stringify(items(await storedDoc(database, DOCUMENTS.esdc))) === JSON.stringify(items(reader.doc)), 'the stored state equal to the clients');
    const compactions = lines.map(compactedIn);
    const catchUps = lines.flat().filter((line) => line.includes('caught up from Postgres')).length;
    t.diagnostic(`compactions: A ${compactions[0]!.length}, B ${compactions[1]!.length}, from memory ${compactions.flat().filter((c) => c.from === 'memory').length}; catch-ups ${catchUps}`);
    assert.ok(catchUps > 0, 'lost publications were fetched from Postgres');
    assert.ok(compactions.every((own) => own.some((c) => c.from === 'memory')), 'both instances compacted from memory');

    for (const c of clients.splice(0)) c.destroy();
    await stop(a);
    await stop(b);
    const late = await connect(await start(database), database);
    assert.deepEqual(items(late.doc), items(reader.doc));
  });
});
