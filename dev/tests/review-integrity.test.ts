// Issue 17, criterion 1 on the real stack: the project's schema and seed, users signed in through
// the gateway with supabase-js, and the stock y-websocket client. Submitting pins the version the
// review is about; in review and once approved the sync server refuses text (comments from a
// reviewer still flow); an approved document refuses REST and RPC writes with the reason; after
// start_revision the editor's edits flow again, on the same connection.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startStack, type RunningStack } from '../stack.js';
import { signInDemoUser } from './stack-fixture.js';
import { connectClient, synced, syncErrorCount, textOf, waitFor, type TestClient } from '../../signaling/tests/support/clients.js';
import { createThread } from '../../domain/comment-model.js';
import { anchorInText } from '../../domain/comment-anchors.js';

let stack: RunningStack;
const clients: TestClient[] = [];
const serverLog: Record<string, unknown>[] = [];
const DOCUMENT = 'e5dc0000-0000-4000-a000-00000000d001';

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

function connect(token: string) {
  const client = connectClient(stack.syncUrl, DOCUMENT, token);
  clients.push(client);
  return client;
}

const signIn = (email: string) => signInDemoUser(stack, email);

/** Whether the sync server applied a new access for `userId` (the status trigger's notification), counting from `from`. */
const accessChanged = (userId: string, access: 'view' | 'edit', from: number) =>
  waitFor(() => serverLog.slice(from).some((l) => l['msg'] === 'access changed' && l['userId'] === userId && l['access'] === access), `the sync server to make ${userId} ${access}`);

/** The text a client connecting now receives: what the server stored. */
async function storedText(token: string) {
  const late = connect(token);
  await synced(late);
  const text = textOf(late.doc);
  late.destroy();
  return text;
}

const maxSeq = async () =>
  (await stack.pg.query<{ seq: string }>(
    `select greatest(coalesce((select max(coalesce(seq_end, seq)) from public.doc_updates where document_id = $1), 0),
                     coalesce((select last_seq from public.doc_snapshots where document_id = $1), 0))::text as seq`,
    [DOCUMENT],
  )).rows[0]!.seq;

describe('review integrity on the local stack', () => {
  test('an approved document refuses the sync server, REST and RPC writes; start_revision reopens it', async () => {
    const editor = await signIn('editor@esdc.example');
    const reviewer = await signIn('reviewer@esdc.example');
    const e = connect(editor.token);
    // A second editor connection that never types while the document is locked: the refused
    // edits stay in e's own replica (the server neither stores nor relays them), so the edits
    // of the new revision are shown on this one, open since the draft.
    const e2 = connect(editor.token);
    await Promise.all([synced(e), synced(e2)]);
    e.doc.getText('body').insert(0, 'Draft text. ');
    await waitFor(async () => (await storedText(reviewer.token)).includes('Draft text.'), 'the draft edit to be stored');

    // Submit: the round pins a version made from everything stored so far.
    const seqAtSubmit = await maxSeq();
    let mark = serverLog.length;
    const submitted = await editor.supabase.rpc('submit_for_review', { doc: DOCUMENT, note: 'Ready' });
    assert.equal(submitted.error, null);
    const round = submitted.data as { version_id: string; version_number: number };
    const pinned = await stack.pg.query<{ seq: string }>('select seq::text from public.document_versions where id = $1', [round.version_id]);
    assert.equal(pinned.rows[0]!.seq, seqAtSubmit, 'the pinned version covers the stored log up to submission');
    await accessChanged(editor.userId, 'view', mark);

    // In review: the editor's text is refused, the reviewer's comment flows.
    let refused = await syncErrorCount(stack.syncUrl, 'update-refused');
    e.doc.getText('body').insert(0, 'IN REVIEW EDIT ');
    await waitFor(async () => (await syncErrorCount(stack.syncUrl, 'update-refused')) > refused, 'the server to refuse the edit in review');
    const r = connect(reviewer.token);
    await synced(r);
    const threadId = createThread(r.doc, {
      lang: 'en',
      anchor: anchorInText(r.doc.getText('body'), 0, 5),
      quote: 'Draft',
      author: { id: reviewer.userId, name: 'Rachel Reviewer' },
      body: 'Which draft?',
    });
    await waitFor(() => e.doc.getMap('comments').has(threadId), "the reviewer's comment to reach the editor during review");

    // Approve: the approval names the pinned version.
    mark = serverLog.length;
    const decided = await reviewer.supabase.rpc('decide_approval', { doc: DOCUMENT, decision: 'approved' });
    assert.equal(decided.error, null);
    assert.equal((decided.data as { version_id: string }).version_id, round.version_id, 'the approval names the submitted version');
    assert.equal((decided.data as { version_number: number }).version_number, round.version_number);

    // Frozen: the sync server (open connection and a new one), REST and RPC all refuse.
    refused = await syncErrorCount(stack.syncUrl, 'update-refused');
    e.doc.getText('body').insert(0, 'APPROVED EDIT ');
    await waitFor(async () => (await syncErrorCount(stack.syncUrl, 'update-refused')) > refused, 'the server to refuse the edit of an approved document');
    const fresh = connect(editor.token);
    await synced(fresh);
    refused = await syncErrorCount(stack.syncUrl, 'update-refused');
    fresh.doc.getText('body').insert(0, 'NEW CONNECTION EDIT ');
    await waitFor(async () => (await syncErrorCount(stack.syncUrl, 'update-refused')) > refused, "the server to refuse a new connection's edit");
    const frozenText = await storedText(reviewer.token);
    assert.ok(frozenText.includes('Draft text.'));
    for (const refusedEdit of ['IN REVIEW EDIT', 'APPROVED EDIT', 'NEW CONNECTION EDIT']) assert.ok(!frozenText.includes(refusedEdit), `${refusedEdit} was not stored`);

    const reason = /approved on \d{4}-\d{2}-\d{2} by Rachel Reviewer, version \d+: start a new revision to edit/;
    const rest = await editor.supabase.from('job_descriptions').update({ title_en: 'Changed' }).eq('id', DOCUMENT).select('id');
    assert.match(rest.error?.message ?? '', reason, 'REST: the title does not change, and the answer says why');
    const version = await editor.supabase.rpc('save_version', { doc: DOCUMENT, version_name: 'After approval' });
    assert.match(version.error?.message ?? '', reason, 'RPC: save_version refuses with the reason');
    const reopenByStatus = await editor.supabase.from('job_descriptions').update({ status: 'draft' }).eq('id', DOCUMENT).select('id');
    assert.match(reopenByStatus.error?.message ?? '', /start_revision/, 'writing the status is not how a revision starts');

    // A new revision: a connection open since the draft becomes writable again and edits flow.
    mark = serverLog.length;
    const revision = await editor.supabase.rpc('start_revision', { doc: DOCUMENT });
    assert.equal(revision.error, null);
    assert.equal((revision.data as { approved_version_id: string }[])[0]!.approved_version_id, round.version_id, 'the approved version is kept');
    await accessChanged(editor.userId, 'edit', mark);
    e2.doc.getText('body').insert(0, 'REVISION EDIT ');
    await waitFor(async () => (await storedText(reviewer.token)).includes('REVISION EDIT'), 'the edit of the new revision to be stored');
    const approval = await stack.pg.query<{ decision: string; version_id: string }>(
      'select decision, version_id from public.approvals where document_id = $1 order by step desc limit 1',
      [DOCUMENT],
    );
    assert.deepEqual(approval.rows[0], { decision: 'approved', version_id: round.version_id }, 'the approval still names its version');
  });
});
