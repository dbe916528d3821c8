// When the sync server folds a document's tail into its snapshot: after compactAfterUpdates
// updates or compactAfterBytes bytes, but never before the tail has reached compactTailRatio
// times the snapshot. The ratio is what keeps compaction linear over a document's life: every
// compaction rewrites at most (1 + 1/ratio) times the bytes it folds.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import * as Y from 'yjs';
import { compactionDue, type RoomSettings } from '../sync/document-room.js';
import { appendUpdates, compactDocument } from '../db/update-log.js';
import { sleep, textOf, waitFor, type TestClient } from './support/clients.js';
import { DOCUMENTS, type TestDatabase } from './support/test-database.js';
import { compactedIn, compactionHarness, storedDoc } from './sync-compaction-helpers.js';

const storedText = async (database: TestDatabase, documentId: string) => textOf(await storedDoc(database, documentId));

describe('compactionDue', () => {
  const settings = { compactAfterUpdates: 500, compactAfterBytes: 2 * 1024 * 1024, compactTailRatio: 1 };

  it('needs the count or the byte threshold', () => {
    assert.equal(compactionDue({ updates: 499, bytes: 20_000 }, 0, settings), false);
    assert.equal(compactionDue({ updates: 500, bytes: 20_000 }, 0, settings), true);
    assert.equal(compactionDue({ updates: 3, bytes: 2 * 1024 * 1024 }, 0, settings), true);
  });

  it('and a tail of at least compactTailRatio times the snapshot', () => {
    assert.equal(compactionDue({ updates: 5000, bytes: 299_999 }, 300_000, settings), false);
    assert.equal(compactionDue({ updates: 5000, bytes: 300_000 }, 300_000, settings), true);
    assert.equal(compactionDue({ updates: 5000, bytes: 150_000 }, 300_000, { ...settings, compactTailRatio: 0.5 }), true);
    // Ratio 0: the fixed thresholds alone (the rule before the ratio existed).
    assert.equal(compactionDue({ updates: 500, bytes: 1 }, 300_000, { ...settings, compactTailRatio: 0 }), true);
  });
});

describe('sync server: compaction thresholds', () => {
  const harness = compactionHarness();
  after(() => harness.closeAll());

  async function start(database: TestDatabase, room: Partial<RoomSettings>, lines: string[], doc?: Y.Doc) {
    return harness.connect(await harness.start(database, { lines, room }), database, DOCUMENTS.tc, doc);
  }

  /** Types `count` single characters at pseudo-random places, a few at a time, like a fast typist. */
  async function type(client: TestClient, count: number, seed: number) {
    const body = client.doc.getText('body');
    let x = seed;
    for (let i = 0; i < count; i++) {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      body.insert(x % (body.length + 1), String.fromCharCode(97 + (i % 26)));
      if (i % 50 === 49) await sleep(1);
    }
  }

  it('waits for the tail to reach the snapshot before rewriting it, then folds all of it', async () => {
    const database = await harness.freshDatabase();
    // A document whose snapshot is about 40 KB before the server loads it.
    const seed = new Y.Doc();
    seed.getText('body').insert(0, 'Inspects aircraft and enforces regulations. '.repeat(900));
    await appendUpdates(database.db, DOCUMENTS.tc, [{ update: Y.encodeStateAsUpdate(seed), createdBy: null }]);
    const seeded = await compactDocument(database.db, DOCUMENTS.tc);
    assert.ok(seeded.snapshotBytes > 35_000, `seeded snapshot of ${seeded.snapshotBytes} bytes`);
    const lines: string[] = [];
    const writer = await start(database, { compactAfterUpdates: 20, compactTailRatio: 1 }, lines, seed);

    // 100 keystrokes: five times the count threshold, but far fewer bytes than the snapshot.
    await type(writer, 100, 7);
    await waitFor(async () => (await storedText(database, DOCUMENTS.tc)) === textOf(writer.doc), 'the keystrokes stored');
    await sleep(200);
    assert.deepEqual(compactedIn(lines), [], 'no compaction while the tail is small beside the snapshot');

    // One pasted passage brings the tail past the snapshot's size.
    writer.doc.getText('body').insert(0, 'Certifies maintenance organizations. '.repeat(1500));
    await waitFor(() => compactedIn(lines).length === 1, 'one compaction');
    const [compaction] = compactedIn(lines);
    // The keystrokes, the paste and the server's identification seed appended when it loaded the document.
    assert.equal(compaction!.folded, 102);
    assert.ok(compaction!.tailBytes >= seeded.snapshotBytes, `tail ${compaction!.tailBytes} B, snapshot ${seeded.snapshotBytes} B`);
    assert.equal(compaction!.from, 'memory');
    const { rows } = await database.pg.query<{ n: number }>('select count(*)::int as n from public.doc_updates where document_id = $1', [DOCUMENTS.tc]);
    assert.equal(rows[0]!.n, 0, 'every row folded');
    assert.equal(await storedText(database, DOCUMENTS.tc), textOf(writer.doc));
  });

  it('weighs the tail by the bytes of its stored rows: keystrokes merged into rows count what the rows take', async () => {
    const database = await harness.freshDatabase();
    // A document whose snapshot is about 40 KB before the server loads it.
    const seed = new Y.Doc();
    seed.getText('body').insert(0, 'Inspects aircraft and enforces regulations. '.repeat(900));
    await appendUpdates(database.db, DOCUMENTS.tc, [{ update: Y.encodeStateAsUpdate(seed), createdBy: null }]);
    const seeded = await compactDocument(database.db, DOCUMENTS.tc);
    const lines: string[] = [];
    const writer = await start(database, { compactAfterUpdates: 20, compactTailRatio: 1 }, lines, seed);
    let sentBytes = 0;
    writer.doc.on('update', (update: Uint8Array) => (sentBytes += update.byteLength));

    // A fast typist at the end of the text: the server stores what gathers during each commit as one merged row.
    const body = writer.doc.getText('body');
    for (let i = 0; i < 3000; i++) {
      body.insert(body.length, String.fromCharCode(97 + (i % 26)));
      if (i % 200 === 199) await sleep(1);
    }
    await waitFor(async () => (await storedText(database, DOCUMENTS.tc)) === textOf(writer.doc), 'the keystrokes stored', 60_000);
    await sleep(200);
    const { rows } = await database.pg.query<{ bytes: number }>(
      'select coalesce(sum(octet_length(update)), 0)::int as bytes from public.doc_updates where document_id = $1',
      [DOCUMENTS.tc],
    );
    const storedBytes = rows[0]!.bytes;
    assert.ok(sentBytes >= seeded.snapshotBytes, `the keystrokes took ${sentBytes} B, more than the ${seeded.snapshotBytes} B snapshot`);
    assert.ok(storedBytes < seeded.snapshotBytes, `their rows take ${storedBytes} B, less than the snapshot`);
    assert.deepEqual(compactedIn(lines), [], 'no compaction: what a load would read is still smaller than the snapshot');
  });

  it('rewrites at most (1 + 1/ratio) times the bytes it folds, where fixed thresholds rewrite far more', async (t) => {
    const run = async (compactTailRatio: number) => {
      const database = await harness.freshDatabase();
      const lines: string[] = [];
      const client = await start(database, { compactAfterUpdates: 20, compactTailRatio }, lines);
      await type(client, 3000, 11);
      await waitFor(async () => (await storedText(database, DOCUMENTS.tc)) === textOf(client.doc), 'all keystrokes stored', 60_000);
      await sleep(200);
      const compactions = compactedIn(lines);
      return {
        compactions,
        written: compactions.reduce((n, c) => n + c.snapshotBytes, 0),
        folded: compactions.reduce((n, c) => n + c.tailBytes, 0),
      };
    };
    const linear = await run(1);
    const fixed = await run(0);
    t.diagnostic(`3000 keystrokes: ratio 1: ${linear.compactions.length} compactions, ${linear.written} B written for ${linear.folded} B folded; ratio 0: ${fixed.compactions.length} compactions, ${fixed.written} B written`);
    // Ratio 1: each compaction's tail is at least as large as the snapshot it replaces.
    linear.compactions.slice(1).forEach((c, i) => {
      const previous = linear.compactions[i]!.snapshotBytes;
      assert.ok(c.tailBytes >= previous, `compaction ${i + 2}: tail ${c.tailBytes} B < previous snapshot ${previous} B`);
    });
    assert.ok(linear.written <= 2 * linear.folded, `wrote ${linear.written} B of snapshots for ${linear.folded} B folded`);
    assert.ok(linear.compactions.every((c) => c.from === 'memory'));
    // Fixed thresholds: a compaction every 20 updates or so, each rewriting the whole document.
    assert.ok(fixed.compactions.length >= 3 * linear.compactions.length, `${fixed.compactions.length} compactions with fixed thresholds, ${linear.compactions.length} with the ratio`);
    assert.ok(fixed.written >= 3 * linear.written, `fixed thresholds wrote ${fixed.written} B of snapshots, the ratio ${linear.written} B`);
  });
});
