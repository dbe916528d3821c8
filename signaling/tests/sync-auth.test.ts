// The stock y-websocket client against the sync server: tokens, access through
// can_open_document as the user, the refusal codes, and read-only viewers.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SignJWT } from 'jose';
import * as Y from 'yjs';
import { startSyncServer, type RunningSyncServer } from '../sync-server.js';
import { silentLogger } from '../ops/logger.js';
import { connectClient, sleep, synced, syncErrorCount, textOf, waitFor, type TestClient } from './support/clients.js';
import { DOCUMENTS, startTestDatabase, USERS, type TestDatabase } from './support/test-database.js';

describe('sync server: authentication and access', () => {
  let database: TestDatabase;
  let server: RunningSyncServer;
  const clients: TestClient[] = [];
  const connect = (...args: Parameters<typeof connectClient>) => {
    const client = connectClient(...args);
    clients.push(client);
    return client;
  };

  before(async () => {
    database = await startTestDatabase();
    server = await startSyncServer({ database: database.db, tokens: database.keys, port: 0, log: silentLogger });
  });
  after(async () => {
    for (const c of clients) c.destroy();
    await server.stop();
    await database.close();
  });

  it('lets two editors with tokens converge on one document', async () => {
    const a = connect(server.url, DOCUMENTS.esdc, await database.token(USERS.editor));
    const b = connect(server.url, DOCUMENTS.esdc, await database.token(USERS.translator));
    await Promise.all([synced(a), synced(b)]);
    a.doc.getText('body').insert(0, 'Analyse policy. ');
    b.doc.getText('body').insert(0, 'Analyser les politiques. ');
    await waitFor(() => textOf(a.doc) === textOf(b.doc) && textOf(a.doc).length > 40, 'convergence');
    assert.ok(textOf(a.doc).includes('Analyse policy.') && textOf(a.doc).includes('Analyser les politiques.'));
  });

  it('refuses a connection without a token with 4401', async () => {
    const c = connect(server.url, DOCUMENTS.esdc, null);
    assert.equal(await c.closed, 4401);
  });

  it('refuses a forged token with 4401', async () => {
    const forged = await new SignJWT({ sub: USERS.editor.id, role: 'authenticated' })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('not-the-secret-not-the-secret-not-the-secret'));
    const c = connect(server.url, DOCUMENTS.esdc, forged);
    assert.equal(await c.closed, 4401);
  });

  it('refuses an expired token with 4401', async () => {
    const c = connect(server.url, DOCUMENTS.esdc, await database.token(USERS.editor, -10));
    assert.equal(await c.closed, 4401);
  });

  it("refuses another organization's user with 4403", async () => {
    const c = connect(server.url, DOCUMENTS.esdc, await database.token(USERS.tcEditor));
    assert.equal(await c.closed, 4403);
  });

  it("refuses an unknown document with 4403 as it does another organization's, and a room name that is not a document id too", async () => {
    const token = await database.token(USERS.editor);
    const unknown = connect(server.url, '99999999-9999-4999-8999-999999999999', token);
    const notAnId = connect(server.url, 'not-a-document', token);
    assert.deepEqual(await Promise.all([unknown.closed, notAnId.closed]), [4403, 4403]);
  });

  it('keeps refused clients from reconnecting in a loop (4xxx is terminal for y-websocket)', async () => {
    const c = connect(server.url, DOCUMENTS.tc, await database.token(USERS.editor));
    await c.closed;
    await sleep(800);
    assert.deepEqual(c.closes, [4403]);
  });

  it('gives viewers the document and presence but drops their edits', async () => {
    const editor = connect(server.url, DOCUMENTS.tc, await database.token(USERS.tcEditor));
    await synced(editor);
    editor.doc.getText('body').insert(0, 'Inspect aircraft.');
    // A TC viewer does not exist in the seed; the ESDC viewer on the ESDC document instead.
    const esdcEditor = connect(server.url, DOCUMENTS.esdc, await database.token(USERS.editor));
    const viewer = connect(server.url, DOCUMENTS.esdc, await database.token(USERS.viewer));
    await Promise.all([synced(esdcEditor), synced(viewer)]);
    await waitFor(() => textOf(viewer.doc) === textOf(esdcEditor.doc), 'viewer to receive the document');

    viewer.provider.awareness.setLocalStateField('user', { name: 'Viewer' });
    await waitFor(
      () => [...esdcEditor.provider.awareness.getStates().values()].some((s) => (s['user'] as { name?: string } | undefined)?.name === 'Viewer'),
      "the viewer's presence at the editor",
    );

    const refusedBefore = await syncErrorCount(server.url, 'read-only');
    viewer.doc.getText('body').insert(0, 'VIEWER EDIT ');
    esdcEditor.doc.getText('body').insert(0, 'EDITOR EDIT ');
    await waitFor(() => textOf(viewer.doc).includes('EDITOR EDIT'), 'editor edit at the viewer');
    await waitFor(async () => (await syncErrorCount(server.url, 'read-only')) > refusedBefore, 'the server to refuse the viewer edit', 5000);
    assert.ok(!textOf(esdcEditor.doc).includes('VIEWER EDIT'), 'the viewer edit must not reach the editor');

    // Nor the database: a fresh client sees the editor's text only.
    const fresh = connect(server.url, DOCUMENTS.esdc, await database.token(USERS.translator), new Y.Doc());
    await synced(fresh);
    assert.ok(textOf(fresh.doc).includes('EDITOR EDIT'));
    assert.ok(!textOf(fresh.doc).includes('VIEWER EDIT'));
  });
});
