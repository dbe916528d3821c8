// Acceptance (issue 5, criterion 1) on the real stack: the project's schema and seed, users who
// sign in through the gateway with supabase-js, and the stock y-websocket client with their
// access tokens. Access comes from can_open_document run as each user, under RLS.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as Y from 'yjs';
import { startStack, type RunningStack } from '../stack.js';
import { signInDemoUser } from './stack-fixture.js';
import { connectClient, synced, textOf, waitFor, type TestClient } from '../../signaling/tests/support/clients.js';
import { createThread } from '../../domain/comment-model.js';
import { anchorInText } from '../../domain/comment-anchors.js';

let stack: RunningStack;
const clients: TestClient[] = [];
/** The servers' log lines that are JSON (the sync and signaling servers log one object a line). */
const serverLog: Record<string, unknown>[] = [];

before(async () => {
  const log = (line: string) => {
    if (line.startsWith('{')) serverLog.push(JSON.parse(line) as Record<string, unknown>);
  };
  stack = await startStack({ dataDir: 'memory', apiPort: 0, dbPort: 0, syncPort: 0, signalingPort: 0, log });
});
after(async () => {
  for (const client of clients) client.destroy();
  await stack?.stop();
});

const signIn = (email: string) => signInDemoUser(stack, email);

function connect(documentId: string, token: string | null, doc?: Y.Doc) {
  const client = connectClient(stack.syncUrl, documentId, token, doc);
  clients.push(client);
  return client;
}

describe('the sync server on the local stack', () => {
  test('two editors of a department converge; a viewer reads; another department is refused', async () => {
    const editor = await signIn('editor@esdc.example');
    const translator = await signIn('translator@esdc.example');
    const { data: documents, error } = await editor.supabase.rpc('list_documents');
    assert.equal(error, null);
    const documentId = (documents as { id: string }[])[0]!.id;

    const a = connect(documentId, editor.token);
    const b = connect(documentId, translator.token);
    await Promise.all([synced(a), synced(b)]);
    a.doc.getText('body').insert(0, 'Provides advice. ');
    b.doc.getText('body').insert(0, 'Fournit des conseils. ');
    await waitFor(() => textOf(a.doc) === textOf(b.doc) && textOf(a.doc).length > 30, 'the two editors to converge');

    const viewer = await signIn('viewer@esdc.example');
    const v = connect(documentId, viewer.token);
    await synced(v);
    await waitFor(() => textOf(v.doc) === textOf(a.doc), 'the viewer to receive the document');
    v.doc.getText('body').insert(0, 'VIEWER WAS HERE ');
    a.doc.getText('body').insert(textOf(a.doc).length, 'Last words.');
    await waitFor(() => textOf(b.doc).endsWith('Last words.'), 'a later edit to arrive');
    assert.ok(!textOf(b.doc).includes('VIEWER WAS HERE'), "the viewer's edit is refused by the server");

    const outsider = await signIn('editor@tc.example');
    assert.equal(await connect(documentId, outsider.token).closed, 4403, 'another department gets 4403');
    assert.equal(await connect(documentId, null).closed, 4401, 'no token gets 4401');
    assert.equal(await connect('00000000-0000-4000-a000-00000000dead', editor.token).closed, 4403, 'an unknown document gets 4403 too: existing ids cannot be told from random ones');

    // What the server persisted is what a client connecting later receives.
    await waitFor(async () => {
      const { rows } = await stack.pg.query<{ n: number }>('select count(*)::int as n from public.doc_updates where document_id = $1', [documentId]);
      return rows[0]!.n > 0;
    }, 'updates to be persisted');
    const late = connect(documentId, (await signIn('reviewer@esdc.example')).token);
    await synced(late);
    await waitFor(() => textOf(late.doc) === textOf(a.doc), 'a late reader to get the full state');
  });

  test('comment threads follow membership roles and are projected into public.comments', async () => {
    const editor = await signIn('editor@esdc.example');
    const reviewer = await signIn('reviewer@esdc.example');
    const viewer = await signIn('viewer@esdc.example');
    const { data: documents } = await editor.supabase.rpc('list_documents');
    const documentId = (documents as { id: string }[])[0]!.id;

    const e = connect(documentId, editor.token);
    await synced(e);
    e.doc.getText('notes').insert(0, 'Supervises a team of three analysts.');
    const r = connect(documentId, reviewer.token);
    await synced(r);
    await waitFor(() => r.doc.getText('notes').toString().startsWith('Supervises'), 'the reviewer to receive the text');

    // A reviewer may not change the text (view access) but may comment.
    const threadId = createThread(r.doc, {
      lang: 'en',
      anchor: anchorInText(r.doc.getText('notes'), 0, 10),
      quote: 'Supervises',
      author: { id: reviewer.userId, name: 'Rachel Reviewer' },
      body: 'Three or four analysts?',
    });
    await waitFor(() => e.doc.getMap('comments').has(threadId), "the editor to receive the reviewer's thread");
    await waitFor(
      async () => (await stack.pg.query('select 1 from public.comments where id = $1 and author_id = $2', [threadId, reviewer.userId])).rows.length === 1,
      'the thread to be projected into public.comments',
      20_000,
    );

    // A viewer may do neither: its thread never leaves its own replica.
    const v = connect(documentId, viewer.token);
    await synced(v);
    await waitFor(() => v.doc.getMap('comments').has(threadId), 'the viewer to read the thread');
    const refusedId = createThread(v.doc, {
      lang: 'en',
      anchor: anchorInText(v.doc.getText('notes'), 0, 10),
      quote: 'Supervises',
      author: { id: viewer.userId, name: 'Valérie Viewer' },
      body: 'Viewer speaking',
    });
    e.doc.getText('notes').insert(0, 'Later: ');
    await waitFor(() => r.doc.getText('notes').toString().startsWith('Later: '), 'a later edit to reach the reviewer');
    assert.ok(!e.doc.getMap('comments').has(refusedId), "the viewer's thread was refused by the server");
    assert.ok(!r.doc.getMap('comments').has(refusedId));
  });

  test("an admin's downgrade through the REST API makes a connected editor read-only at once", async () => {
    const admin = await signIn('admin@esdc.example');
    const editor = await signIn('editor@esdc.example');
    const translator = await signIn('translator@esdc.example');
    const { data: documents } = await editor.supabase.rpc('list_documents');
    const documentId = (documents as { id: string }[])[0]!.id;
    const e = connect(documentId, editor.token);
    const t = connect(documentId, translator.token);
    await Promise.all([synced(e), synced(t)]);

    // The memberships trigger (migration 20261205100300) announces the change; no reconnect.
    const { error } = await admin.supabase.from('memberships').update({ role: 'viewer' }).eq('user_id', translator.userId);
    assert.equal(error, null);
    try {
      await waitFor(() => serverLog.some((l) => l['msg'] === 'access changed' && l['userId'] === translator.userId && l['access'] === 'view'), 'the sync server to apply the downgrade');
      t.doc.getText('body').insert(0, 'DOWNGRADED EDIT ');
      t.provider.awareness.setLocalStateField('marker', 'after-update');
      await waitFor(() => e.provider.awareness.getStates().get(t.doc.clientID)?.['marker'] === 'after-update', "the translator's later presence at the editor");
      e.doc.getText('body').insert(0, 'EDITOR AFTERWARDS ');
      const late = connect(documentId, (await signIn('reviewer@esdc.example')).token);
      await synced(late);
      await waitFor(() => textOf(late.doc).includes('EDITOR AFTERWARDS'), "the editor's edit to be stored");
      assert.ok(!textOf(late.doc).includes('DOWNGRADED EDIT'), 'not stored');
      assert.ok(!textOf(e.doc).includes('DOWNGRADED EDIT'), 'not relayed');
      assert.deepEqual(t.closes, [], 'still connected, read-only');
    } finally {
      await admin.supabase.from('memberships').update({ role: 'translator' }).eq('user_id', translator.userId);
    }
  });

  test('a document deleted while open closes its connections with 4403 (the job_descriptions trigger)', async () => {
    const editor = await signIn('editor@esdc.example');
    const { rows } = await stack.pg.query<{ id: string }>(
      `insert into public.job_descriptions (organization_id, title_en) values ('e5dc0000-0000-4000-a000-000000000001', 'To be deleted') returning id`,
    );
    const documentId = rows[0]!.id;
    const e = connect(documentId, editor.token);
    await synced(e);
    await stack.pg.query('delete from public.job_descriptions where id = $1', [documentId]);
    await waitFor(() => e.closes.length > 0, 'the connection to be closed');
    assert.deepEqual(e.closes, [4403]);
  });
});
