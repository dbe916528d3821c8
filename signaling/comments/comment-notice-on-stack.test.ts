// Notifications from comments written with the stock y-websocket client (issue 17 item 5): the
// sync server writes a changed comment thread to public.comments at once (comment-notice-hook.ts),
// not after the projections' 2 s debounce, and the triggers notify whom the comment mentions and
// the author of the thread a reply joins; nobody else. Users read them through supabase-js.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startStack, type RunningStack } from '../../dev/stack.js';
import { signInDemoUser } from '../../dev/tests/stack-fixture.js';
import { connectClient, synced, waitFor, type TestClient } from '../tests/support/clients.js';
import { anchorInText } from '../../domain/comment-anchors.js';
import { addReply, createThread } from '../../domain/comment-model.js';

const DOC = 'e5dc0000-0000-4000-a000-00000000d001';

let stack: RunningStack;
const clients: TestClient[] = [];

before(async () => {
  stack = await startStack({ dataDir: 'memory', apiPort: 0, dbPort: 0, syncPort: 0, signalingPort: 0, log: () => {} });
});
after(async () => {
  for (const client of clients) client.destroy();
  await stack?.stop();
});

async function open(token: string) {
  const client = connectClient(stack.syncUrl, DOC, token);
  clients.push(client);
  await synced(client);
  return client;
}

type User = Awaited<ReturnType<typeof signInDemoUser>>;
async function notificationsOf(user: User) {
  const { data, error } = await user.supabase.rpc('list_notifications', { max_results: 200 });
  assert.equal(error, null);
  return data as { kind: string; comment_id: string | null; actor_id: string | null }[];
}

describe('notifications from comments of the Y.Doc', () => {
  test('a mention is notified before the projection debounce; a reply notifies the thread author; others get nothing', async () => {
    const editor = await signInDemoUser(stack, 'editor@esdc.example');
    const reviewer = await signInDemoUser(stack, 'reviewer@esdc.example');
    const viewer = await signInDemoUser(stack, 'viewer@esdc.example');
    const e = await open(editor.token);
    const notes = e.doc.getText('notes');
    notes.insert(0, 'Supervises a team of three analysts.');

    const started = Date.now();
    const thread = createThread(e.doc, {
      lang: 'en',
      anchor: anchorInText(notes, 0, 10),
      quote: 'Supervises',
      author: { id: editor.userId, name: 'Eddie Editor' },
      body: '@Rachel Reviewer is this the right verb?',
      mentions: [reviewer.userId],
    });
    await waitFor(async () => (await notificationsOf(reviewer)).some((n) => n.comment_id === thread), 'the reviewer\'s mention', 5000);
    const delay = Date.now() - started;
    // The projections' debounce is 2000 ms: a notification sooner was written by the prompt path.
    assert.ok(delay < 1500, `the mention was notified after ${delay} ms`);
    const mention = (await notificationsOf(reviewer)).find((n) => n.comment_id === thread)!;
    assert.equal(mention.kind, 'mention');
    assert.equal(mention.actor_id, editor.userId);

    const r = await open(reviewer.token);
    await waitFor(() => r.doc.getMap('comments').has(thread), 'the thread at the reviewer');
    const reply = addReply(r.doc, thread, { author: { id: reviewer.userId, name: 'Rachel Reviewer' }, body: 'Yes, keep it.' });
    await waitFor(async () => (await notificationsOf(editor)).some((n) => n.comment_id === reply && n.kind === 'reply'), 'the editor\'s reply notification', 5000);

    const others = await notificationsOf(viewer);
    assert.equal(others.some((n) => n.comment_id === thread || n.comment_id === reply), false, 'the viewer is told nothing');
    assert.equal((await notificationsOf(editor)).some((n) => n.comment_id === thread), false, 'nor the editor of their own mention');
  });
});
