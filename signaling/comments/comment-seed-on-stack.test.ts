// Comment rows that never were in the Y.Doc (supabase/seed.sql, add_comment) open as threads of
// the document, on the real stack: users sign in through the gateway with supabase-js and open
// the document with the stock y-websocket client. The rows stay the rows they were.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as Y from 'yjs';
import { startStack, type RunningStack } from '../../dev/stack.js';
import { signInDemoUser } from '../../dev/tests/stack-fixture.js';
import { connectClient, synced, waitFor, type TestClient } from '../tests/support/clients.js';
import { anchoredText } from '../../domain/comment-anchors.js';
import { addReply, commentsMap, createThread, readThreads, setResolved } from '../../domain/comment-model.js';
import { serialDatabaseAccess } from '../db/sql-access.js';
import { applyStoredState, readStoredState } from '../db/update-log.js';

const DOC = 'e5dc0000-0000-4000-a000-00000000d001';
const TC_DOC = '7c000000-0000-4000-a000-00000000d001';
/** supabase/seed.sql: a French thread with a reply, and an English thread. */
const FR_THREAD = 'e5dc0000-0000-4000-a000-00000000c001';
const EN_THREAD = 'e5dc0000-0000-4000-a000-00000000c002';

let stack: RunningStack;
const clients: TestClient[] = [];

before(async () => {
  stack = await startStack({ dataDir: 'memory', apiPort: 0, dbPort: 0, syncPort: 0, signalingPort: 0, log: () => {} });
});
after(async () => {
  for (const client of clients) client.destroy();
  await stack?.stop();
});

async function open(url: string, documentId: string, token: string) {
  const client = connectClient(url, documentId, token);
  clients.push(client);
  await synced(client);
  return client;
}

const displayName = async (userId: string) => (await stack.pg.query<{ display_name: string }>('select display_name from public.profiles where id = $1', [userId])).rows[0]!.display_name;

type Row = { id: string; parent_id: string | null; body: string; author_id: string | null; from_document: boolean; resolved_at: unknown };
const rowsOf = async (documentId: string) =>
  (await stack.pg.query<Row>('select id, parent_id, body, author_id, from_document, resolved_at from public.comments where document_id = $1 order by id', [documentId])).rows;

/** The document as Postgres holds it (snapshot and tail), read as a fresh load would. */
async function stored(documentId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  applyStoredState(doc, await readStoredState(serialDatabaseAccess(stack.database), documentId), null, () => {});
  return doc;
}

describe('comment rows open as threads of the document', () => {
  test('the seeded document opens with its seeded threads: anchored, with the reply and the authors’ names; a projection cycle leaves the rows as they were', async () => {
    const before = await rowsOf(DOC);
    const reviewer = await signInDemoUser(stack, 'reviewer@esdc.example');
    const r = await open(stack.syncUrl, DOC, reviewer.token);
    await waitFor(() => commentsMap(r.doc).has(FR_THREAD) && commentsMap(r.doc).has(EN_THREAD), 'the seeded threads to arrive');

    const threads = readThreads(r.doc);
    const fr = threads.find((t) => t.id === FR_THREAD)!;
    const en = threads.find((t) => t.id === EN_THREAD)!;
    const frRow = before.find((row) => row.id === FR_THREAD)!;
    const replyRow = before.find((row) => row.parent_id === FR_THREAD)!;
    assert.equal(fr.lang, 'fr');
    assert.equal(anchoredText(r.doc, fr.anchor!, 'fr'), 'Cerne les risques');
    assert.equal(fr.body, frRow.body);
    assert.equal(fr.authorId, frRow.author_id);
    assert.equal(fr.authorName, await displayName(frRow.author_id!));
    assert.deepEqual(
      fr.replies.map((reply) => [reply.id, reply.body, reply.authorName]),
      [[replyRow.id, replyRow.body, await displayName(replyRow.author_id!)]],
    );
    assert.equal(en.lang, 'en');
    assert.equal(anchoredText(r.doc, en.anchor!, 'en'), 'Policy on Transfer Payments');

    // People work on the seeded threads as on any other (the guard accepts it), and add their own.
    const me = { id: reviewer.userId, name: await displayName(reviewer.userId) };
    addReply(r.doc, FR_THREAD, { author: me, body: 'Reply in the document' });
    setResolved(r.doc, EN_THREAD, true, me);
    const own = createThread(r.doc, { lang: 'en', anchor: en.anchor!, quote: 'Policy on Transfer Payments', author: me, body: 'A thread of the document' });
    await waitFor(async () => (await rowsOf(DOC)).some((row) => row.id === own && row.from_document), 'the projection to write the new thread', 20_000);

    // The projection wrote its own thread and nothing else: every seeded row as it was.
    const afterRows = await rowsOf(DOC);
    assert.deepEqual(afterRows.filter((row) => row.id !== own), before);
    assert.equal(afterRows.length, before.length + 1);
  });

  test('two sync servers loading a document with comment rows at once add its threads once; a reload adds nothing', async () => {
    const editor = await signInDemoUser(stack, 'editor@tc.example');
    const section = (await stack.pg.query<{ body: string }>(`select body from public.document_sections where document_id = $1 and lang = 'en' and section_id = 'skill'`, [TC_DOC])).rows[0]!;
    const quote = section.body.split('\n')[0]!.split(' ').slice(0, 4).join(' ');
    const added = await editor.supabase.rpc('add_comment', { doc: TC_DOC, body: 'Added through the portal', lang: 'en', section_id: 'skill', anchor_text: quote });
    assert.equal(added.error, null);
    const thread = (added.data as { id: string }).id;
    const reply = await editor.supabase.rpc('add_comment', { doc: TC_DOC, body: 'A reply through the portal', parent_id: thread });
    assert.equal(reply.error, null);

    const second = await stack.startSyncInstance();
    const [a, b] = await Promise.all([open(stack.syncUrl, TC_DOC, editor.token), open(second.url, TC_DOC, editor.token)]);
    for (const client of [a, b]) await waitFor(() => commentsMap(client.doc).has(thread), 'the thread on both servers');

    const log = await stored(TC_DOC);
    const seeded = readThreads(log).filter((t) => t.id === thread);
    assert.equal(seeded.length, 1);
    assert.equal(anchoredText(log, seeded[0]!.anchor!, 'en'), quote);
    assert.deepEqual(seeded[0]!.replies.map((r) => r.body), ['A reply through the portal']);
    // One write of the thread's key in the whole log: no second, concurrent thread under that id.
    const item = commentsMap(log)._map.get(thread)!;
    assert.equal(item.left, null, 'the thread was written once');
    const seqs = async () => Number((await stack.pg.query<{ n: number }>('select max(coalesce(seq_end, seq)) as n from public.doc_updates where document_id = $1', [TC_DOC])).rows[0]!.n);
    const lastSeq = await seqs();

    a.destroy();
    b.destroy();
    await second.stop();
    await stack.sync.stop();
    await stack.sync.start();
    const c = await open(stack.syncUrl, TC_DOC, editor.token);
    assert.equal(readThreads(c.doc).filter((t) => t.id === thread).length, 1);
    assert.equal(await seqs(), lastSeq, 'a reload appended nothing');
  });
});
