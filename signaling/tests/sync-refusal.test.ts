// Issue 18, item 5: the sender learns that the server refused its update. The server answers a
// refused update with its own message type (domain/sync-refusal.ts) naming the reason and the
// refused structs; the stock y-websocket client has no handler for it, skips it and keeps
// syncing. The refusal carries enough to undo the change on the sender (refusal-rollback.ts).
// Real stack, users signed in through the gateway, stock WebsocketProvider throughout.
import assert from 'node:assert/strict';
import { after, before, describe, mock, test } from 'node:test';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { startStack, type RunningStack } from '../../dev/stack.js';
import { signInDemoUser } from '../../dev/tests/stack-fixture.js';
import { connectClient, synced, waitFor, type TestClient } from './support/clients.js';
import { anchorInText } from '../../domain/comment-anchors.js';
import { commentsMap, createThread, readThreads, setResolved } from '../../domain/comment-model.js';
import { readRefusal, REFUSAL_MESSAGE_TYPE, type Refusal } from '../../domain/sync-refusal.js';
import { rollBackRefused } from '../../elements/core/refusal-rollback.js';

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

/** A stock client, plus the refusals that reach its socket (read beside the provider, which skips them). */
async function open(email: string) {
  const { token } = await signInDemoUser(stack, email);
  const client = connectClient(stack.syncUrl, DOC, token);
  clients.push(client);
  await synced(client);
  const refusals: Refusal[] = [];
  const socket = client.provider.ws!;
  socket.addEventListener('message', (event: MessageEvent) => {
    const decoder = decoding.createDecoder(new Uint8Array(event.data as ArrayBuffer));
    if (decoding.readVarUint(decoder) === REFUSAL_MESSAGE_TYPE) refusals.push(readRefusal(decoder));
  });
  return { ...client, refusals };
}

const notes = (doc: Y.Doc) => doc.getText('notes').toString();

describe('refused updates are told to their sender (issue 18, item 5)', () => {
  test("a viewer's edit is refused with 'read-only' and its structs; the stock provider skips the message and keeps syncing", async () => {
    const errors = mock.method(console, 'error', () => {});
    try {
      const editor = await open('editor@esdc.example');
      const viewer = await open('viewer@esdc.example');
      if (notes(editor.doc).length === 0) editor.doc.getText('notes').insert(0, 'Supervises a team of three analysts.');
      await waitFor(() => notes(viewer.doc) === notes(editor.doc), 'the viewer to have the text');
      const before = Y.getState(viewer.doc.store, viewer.doc.clientID);

      viewer.doc.getText('notes').insert(0, 'VIEWER ');
      await waitFor(() => viewer.refusals.length === 1, 'the refusal');
      const [refusal] = viewer.refusals;
      assert.equal(refusal!.reason, 'read-only');
      assert.deepEqual(refusal!.ranges, [{ client: viewer.doc.clientID, from: before, to: before + 'VIEWER '.length }]);

      // Stock behaviour for an unknown type: "Unable to compute message" on the console, no exception, still connected.
      assert.ok(errors.mock.calls.some((call) => call.arguments[0] === 'Unable to compute message'));
      assert.equal(viewer.provider.wsconnected, true);
      assert.deepEqual(viewer.closes, []);
      editor.doc.getText('notes').insert(notes(editor.doc).length, ' Later.');
      await waitFor(() => notes(viewer.doc).endsWith(' Later.'), "the editor's later edit at the viewer");
      assert.ok(!notes(editor.doc).includes('VIEWER'), 'not relayed');

      // What the refusal names is enough to undo the change: the viewer's text is the server's again.
      assert.equal(rollBackRefused(viewer.doc, viewer.provider.awareness, refusal!, viewer.provider), true);
      assert.equal(notes(viewer.doc), notes(editor.doc));
      assert.notEqual(viewer.doc.clientID, refusal!.ranges[0]!.client, 'a new client id after the rollback');
      assert.equal(viewer.provider.awareness.clientID, viewer.doc.clientID, 'the presence moves with it');
      viewer.provider.awareness.setLocalStateField('marker', 'after-rollback');
      await waitFor(() => editor.provider.awareness.getStates().get(viewer.doc.clientID)?.['marker'] === 'after-rollback', "the viewer's presence under its new id");
      // Heard again (a reconnect re-sends it): nothing left to undo.
      assert.equal(rollBackRefused(viewer.doc, viewer.provider.awareness, refusal!, viewer.provider), false);
    } finally {
      errors.mock.restore();
    }
  });

  test("a non-reviewer's resolution is refused with 'comment-rule'; rolled back, the thread is the server's again and later edits sync", async () => {
    const errors = mock.method(console, 'error', () => {});
    try {
      const reviewer = await open('reviewer@esdc.example');
      const editor = await open('editor@esdc.example');
      const text = reviewer.doc.getText('notes');
      if (text.length === 0) text.insert(0, 'Supervises a team of three analysts.');
      const id = createThread(reviewer.doc, {
        lang: 'en',
        anchor: anchorInText(text, 0, 10),
        quote: text.toString().slice(0, 10),
        author: { id: (await signInDemoUser(stack, 'reviewer@esdc.example')).userId, name: 'Rachel Reviewer' },
        body: 'Is this accurate?',
      });
      await waitFor(() => commentsMap(editor.doc).has(id), 'the thread at the editor');
      const thread = () => readThreads(editor.doc).find((t) => t.id === id);
      const serverView = () => readThreads(reviewer.doc).find((t) => t.id === id);

      // Editors comment, but only reviewers and admins resolve.
      setResolved(editor.doc, id, true, { id: (await signInDemoUser(stack, 'editor@esdc.example')).userId, name: 'Eddie Editor' });
      await waitFor(() => editor.refusals.length === 1, 'the refusal');
      const [refusal] = editor.refusals;
      assert.equal(refusal!.reason, 'comment-rule');
      assert.ok(refusal!.message.length > 0, 'the server says which rule');
      assert.equal(refusal!.ranges.length, 1);
      assert.equal(refusal!.ranges[0]!.client, editor.doc.clientID);
      assert.equal(thread()!.resolved, true, 'resolved on the sender until it rolls back');
      assert.equal(serverView()!.resolved, false);
      assert.equal(editor.provider.wsconnected, true);

      assert.equal(rollBackRefused(editor.doc, editor.provider.awareness, refusal!, editor.provider), true);
      assert.equal(thread()!.resolved, false, 'the resolution is undone');
      assert.deepEqual(thread(), serverView());

      // The next change (under the new client id) is accepted and reaches the reviewer.
      editor.doc.getText('notes').insert(0, 'Leads: ');
      await waitFor(() => notes(reviewer.doc).startsWith('Leads: '), "the editor's next edit at the reviewer");
      assert.equal(notes(editor.doc), notes(reviewer.doc));
      assert.equal(editor.refusals.length, 1, 'nothing else refused');
    } finally {
      errors.mock.restore();
    }
  });
});
