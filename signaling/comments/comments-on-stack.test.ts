// Issue #20 (findings 2 and part of 6) on the real stack: users sign in through the gateway with
// supabase-js and write comment threads with the stock y-websocket client; the sync server's
// guard judges them, its projection writes public.comments, and the audit log records who.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as Y from 'yjs';
import { startStack, type RunningStack } from '../../dev/stack.js';
import { signInDemoUser } from '../../dev/tests/stack-fixture.js';
import { connectClient, synced, waitFor, type TestClient } from '../tests/support/clients.js';
import { anchorInText } from '../../domain/comment-anchors.js';
import { addReply, commentsMap, createThread, deleteComment, setResolved } from '../../domain/comment-model.js';

const DOC = 'e5dc0000-0000-4000-a000-00000000d001';
const ESDC = 'e5dc0000-0000-4000-a000-000000000001';
const TC_DOC = '7c000000-0000-4000-a000-00000000d001';
/** supabase/seed.sql: a thread by the reviewer, written into public.comments directly (not from the Y.Doc). */
const SEEDED_THREAD = 'e5dc0000-0000-4000-a000-00000000c002';
const NAMES = { editor: 'Eddie Editor', reviewer: 'Rachel Reviewer', admin: 'Alain Admin' };

let stack: RunningStack;
const clients: TestClient[] = [];

before(async () => {
  stack = await startStack({ dataDir: 'memory', apiPort: 0, dbPort: 0, syncPort: 0, signalingPort: 0, log: () => {} });
});
after(async () => {
  for (const client of clients) client.destroy();
  await stack?.stop();
});

const signIn = (email: string) => signInDemoUser(stack, email);

async function open(token: string) {
  const client = connectClient(stack.syncUrl, DOC, token);
  clients.push(client);
  await synced(client);
  return client;
}

const row = async (id: string) =>
  (await stack.pg.query<{ body: string; author_id: string; from_document: boolean }>('select body, author_id, from_document from public.comments where id = $1', [id])).rows[0];
const projected = (id: string) => waitFor(async () => (await row(id))?.from_document === true, `comment ${id} to be projected`, 20_000);
const gone = (id: string) => waitFor(async () => (await row(id)) === undefined, `comment ${id} to be deleted`, 20_000);

/** A thread on the document's `notes` text (any text of the Y.Doc anchors a thread). */
function thread(doc: Y.Doc, author: { id: string; name: string }, body: string, id?: string) {
  const notes = doc.getText('notes');
  if (notes.length === 0) notes.insert(0, 'Supervises a team of three analysts.');
  return createThread(doc, { lang: 'en', anchor: anchorInText(notes, 0, 10), quote: 'Supervises', author, body, ...(id ? { id } : {}) });
}

describe('comments on the real stack (issue #20)', () => {
  test("the projection never rewrites or deletes a comment row it did not write for that author", async () => {
    const editor = await signIn('editor@esdc.example');
    const reviewer = await signIn('reviewer@esdc.example');
    const seededBody = (await row(SEEDED_THREAD))!.body;

    const e = await open(editor.token);
    // The seeded rows are threads of the document since it loaded (signaling/db/comment-seed.ts),
    // so the guard refuses a thread written over them; rows added while it is loaded are not in
    // it: their ids are what a hostile client can reuse.
    await waitFor(() => commentsMap(e.doc).has(SEEDED_THREAD), 'the seeded thread to be in the document');
    const addRow = async (body: string) => {
      const added = await reviewer.supabase.rpc('add_comment', { doc: DOC, body, lang: 'en' });
      assert.equal(added.error, null);
      return (added.data as { id: string }).id;
    };
    const addedThread = await addRow('A thread through the portal');
    const addedId = await addRow('Through the portal');
    const me = { id: editor.userId, name: NAMES.editor };
    // Threads and replies whose ids are other users' rows: the guard lets any new uuid through,
    // so the projection itself must leave those rows alone.
    const hijacked = thread(e.doc, me, 'Overwritten by the editor', addedThread);
    const control = thread(e.doc, me, 'Mine');
    const reply = addReply(e.doc, control, { author: me, body: 'Also overwritten', id: addedId });
    await projected(control);
    assert.equal((await row(addedThread))!.body, 'A thread through the portal');
    assert.equal((await row(addedThread))!.from_document, false);
    assert.equal((await row(addedId))!.body, 'Through the portal');
    assert.equal((await row(addedId))!.from_document, false);
    assert.equal((await row(SEEDED_THREAD))!.body, seededBody);
    assert.equal((await row(SEEDED_THREAD))!.from_document, false);

    deleteComment(e.doc, control, reply);
    deleteComment(e.doc, hijacked, null);
    deleteComment(e.doc, control, null);
    await gone(control);
    assert.equal((await row(addedThread))!.body, 'A thread through the portal', 'the added thread survives its namesake leaving the document');
    assert.equal((await row(addedId))!.body, 'Through the portal');
    assert.equal((await row(SEEDED_THREAD))!.body, seededBody);
  });

  test('members cannot set from_document, so they cannot hand a row to the projection to delete', async () => {
    const translator = await signIn('translator@esdc.example');
    const update = await translator.supabase.from('comments').update({ from_document: true }).eq('id', SEEDED_THREAD).select('id');
    assert.equal(update.error?.code, '42501', JSON.stringify(update));
    assert.match(update.error!.message, /from_document/);
    const insert = await translator.supabase.from('comments').insert({ document_id: DOC, body: 'Pretending', lang: 'en', from_document: true }).select('id');
    assert.equal(insert.error?.code, '42501', JSON.stringify(insert));
    assert.equal((await row(SEEDED_THREAD))!.from_document, false);
  });

  test("the audit log names the user each projected change was made by", async () => {
    const editor = await signIn('editor@esdc.example');
    const reviewer = await signIn('reviewer@esdc.example');
    const admin = await signIn('admin@esdc.example');
    const e = await open(editor.token);
    const id = thread(e.doc, { id: editor.userId, name: NAMES.editor }, 'Audited thread');
    await projected(id);
    const r = await open(reviewer.token);
    await waitFor(() => commentsMap(r.doc).has(id), 'the reviewer to receive the thread');
    setResolved(r.doc, id, true, { id: reviewer.userId, name: NAMES.reviewer });
    await waitFor(async () => (await stack.pg.query('select 1 from public.comments where id = $1 and resolved_at is not null', [id])).rows.length === 1, 'the resolution to be projected', 20_000);
    const a = await open(admin.token);
    await waitFor(() => commentsMap(a.doc).has(id), 'the admin to receive the thread');
    deleteComment(a.doc, id, null);
    await gone(id);

    const { rows } = await stack.pg.query<{ action: string; actor: string | null; actor_role: string }>(
      `select action, actor, actor_role from public.audit_log where table_name = 'comments' and row_id = $1 order by id`,
      [id],
    );
    assert.deepEqual(rows, [
      { action: 'INSERT', actor: editor.userId, actor_role: 'service_role' },
      { action: 'UPDATE', actor: reviewer.userId, actor_role: 'service_role' },
      { action: 'DELETE', actor: admin.userId, actor_role: 'service_role' },
    ]);
  });

  test("a comment carries its author's profile name: forged names and Y types as names are refused", async (t) => {
    const editor = await signIn('editor@esdc.example');
    const reviewer = await signIn('reviewer@esdc.example');
    const e = await open(editor.token);
    const r = await open(reviewer.token);
    const me = { id: editor.userId, name: NAMES.editor };
    const mine = thread(e.doc, me, 'A real thread');
    await waitFor(() => commentsMap(r.doc).has(mine), 'the reviewer to receive the thread');

    // After a refused update, a client's later updates from the same Yjs client id depend on it
    // and are refused too; each attempt gets a fresh client id, as Yjs gives itself one on a clash
    // (the original is put back at the end: the provider's awareness state is kept under it).
    const original = new Map([e.doc, r.doc].map((d) => [d, d.clientID]));
    t.after(() => {
      for (const [d, id] of original) d.clientID = id;
    });
    const attempt = <T>(doc: Y.Doc, write: () => T): T => {
      const result = write();
      doc.clientID = Math.floor(Math.random() * 2 ** 31);
      return result;
    };
    const forged = attempt(e.doc, () => thread(e.doc, { id: editor.userId, name: NAMES.admin }, 'In the admin’s name'));
    const typed = attempt(e.doc, () =>
      e.doc.transact(() => {
        const id = thread(e.doc, me, 'Name as a Y.Text');
        (commentsMap(e.doc).get(id) as Y.Map<unknown>).set('authorName', new Y.Text(NAMES.editor));
        return id;
      }),
    );
    const typedReply = attempt(e.doc, () =>
      e.doc.transact(() => {
        const id = addReply(e.doc, mine, { author: me, body: 'Reply named by a Y.Text' });
        const replies = (commentsMap(e.doc).get(mine) as Y.Map<unknown>).get('replies') as Y.Array<Y.Map<unknown>>;
        replies.get(replies.length - 1).set('authorName', new Y.Text(NAMES.editor));
        return id;
      }),
    );
    const forgedReply = attempt(e.doc, () => addReply(e.doc, mine, { author: { id: editor.userId, name: NAMES.reviewer }, body: 'In the reviewer’s name' }));
    attempt(r.doc, () => setResolved(r.doc, mine, true, { id: reviewer.userId, name: NAMES.admin }));
    // Later updates on the same connections: once they arrive, the ones before were judged.
    const later = thread(e.doc, me, 'Later');
    const reviewersLater = thread(r.doc, { id: reviewer.userId, name: NAMES.reviewer }, 'Later too');
    await waitFor(() => commentsMap(r.doc).has(later) && commentsMap(e.doc).has(reviewersLater), 'the later threads to arrive');

    for (const id of [forged, typed]) assert.equal(commentsMap(r.doc).has(id), false, `thread ${id} was refused`);
    const replies = ((commentsMap(r.doc).get(mine) as Y.Map<unknown>).get('replies') as Y.Array<Y.Map<unknown>>).toArray().map((m) => m.get('id'));
    assert.equal(replies.includes(typedReply), false, 'the reply named by a Y.Text was refused');
    assert.equal(replies.includes(forgedReply), false, 'the reply in another name was refused');
    assert.equal((commentsMap(e.doc).get(mine) as Y.Map<unknown>).get('resolved'), false, 'the resolution in the admin’s name was refused');
  });

  test("an alignment references only its own organization's documents", async () => {
    const editor = await signIn('editor@esdc.example');
    const insert = (source: string | null, target: string | null) =>
      editor.supabase
        .from('alignments')
        .insert({ organization_id: ESDC, source_document_id: source, target_document_id: target, source_lang: 'en', target_lang: 'fr' })
        .select('id');
    const foreignSource = await insert(TC_DOC, DOC);
    assert.equal(foreignSource.error?.code, '42501', JSON.stringify(foreignSource));
    assert.match(foreignSource.error!.message, /source_document_id/);
    const foreignTarget = await insert(DOC, TC_DOC);
    assert.equal(foreignTarget.error?.code, '42501', JSON.stringify(foreignTarget));
    assert.match(foreignTarget.error!.message, /target_document_id/);
    const own = await insert(DOC, DOC);
    assert.equal(own.error, null);
    const moved = await editor.supabase.from('alignments').update({ target_document_id: TC_DOC }).eq('id', (own.data as { id: string }[])[0]!.id).select('id');
    assert.equal(moved.error?.code, '42501', JSON.stringify(moved));
  });
});
