// Issue #20, findings 5 and 6 on the sync server, with stock y-websocket clients: one document
// id, one room, whatever its spelling; presence that only its owner can change, in bounded size;
// and the same answer for a document that does not exist as for one of another organization.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as encoding from 'lib0/encoding';
import { startSyncServer, type RunningSyncServer } from '../sync-server.js';
import { silentLogger } from '../ops/logger.js';
import { MessageType } from '../sync/protocol.js';
import { connectClient, synced, textOf, waitFor, type TestClient } from './support/clients.js';
import { DOCUMENTS, ORGS, startTestDatabase, USERS, type TestDatabase } from './support/test-database.js';

/** A document id with letters in it, so that its spellings differ. */
const LETTERED = 'c0ffee00-abcd-4ef0-8abc-def012345678';

/** An awareness message as y-protocols encodes one: entries of client id, clock and state JSON. */
function awarenessMessage(entries: { clientId: number; clock: number; state: unknown }[]): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(inner, entry.clientId);
    encoding.writeVarUint(inner, entry.clock);
    encoding.writeVarString(inner, JSON.stringify(entry.state));
  }
  const outer = encoding.createEncoder();
  encoding.writeVarUint(outer, MessageType.awareness);
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
  return encoding.toUint8Array(outer);
}

const nameOf = (client: TestClient, clientId: number) =>
  (client.provider.awareness.getStates().get(clientId)?.['user'] as { name?: string } | undefined)?.name;

describe('sync server: document ids, presence, refusals', () => {
  let database: TestDatabase;
  let server: RunningSyncServer;
  const clients: TestClient[] = [];
  const connect = (documentId: string, token: string | null) => {
    const client = connectClient(server.url, documentId, token);
    clients.push(client);
    return client;
  };

  before(async () => {
    database = await startTestDatabase();
    await database.pg.query(`insert into public.job_descriptions (id, organization_id, title_en) values ($1, $2, 'Lettered')`, [LETTERED, ORGS.tc]);
    server = await startSyncServer({ database: database.db, tokens: database.keys, port: 0, log: silentLogger, unloadDelayMs: 60_000 });
  });
  after(async () => {
    for (const c of clients) c.destroy();
    await server.stop();
    await database.close();
  });

  it('opens one room for every spelling of a document id', async () => {
    const lower = connect(LETTERED, await database.token(USERS.tcEditor));
    const upper = connect(LETTERED.toUpperCase(), await database.token(USERS.tcEditor));
    const mixed = connect(`${LETTERED.slice(0, 9)}${LETTERED.slice(9).toUpperCase()}`, await database.token(USERS.tcEditor));
    await Promise.all([synced(lower), synced(upper), synced(mixed)]);
    assert.equal(server.loadedDocuments(), 1, 'one copy of the document in memory');
    upper.doc.getText('body').insert(0, 'From the upper-case room. ');
    await waitFor(() => textOf(lower.doc).includes('upper-case') && textOf(mixed.doc).includes('upper-case'), 'the edit in the other spellings');
  });

  it("lets a connection change only its own presence, within the size limit", async () => {
    const editor = connect(DOCUMENTS.esdc, await database.token(USERS.editor));
    const observer = connect(DOCUMENTS.esdc, await database.token(USERS.translator));
    const viewer = connect(DOCUMENTS.esdc, await database.token(USERS.viewer));
    await Promise.all([synced(editor), synced(observer), synced(viewer)]);
    editor.provider.awareness.setLocalStateField('user', { name: 'Eve Editor' });
    const editorId = editor.doc.clientID;
    await waitFor(() => nameOf(observer, editorId) === 'Eve Editor' && nameOf(viewer, editorId) === 'Eve Editor', "the editor's presence everywhere");

    // The viewer renames the editor, then removes them, with clocks ahead of the editor's.
    const clock = viewer.provider.awareness.meta.get(editorId)!.clock;
    viewer.provider.ws!.send(awarenessMessage([{ clientId: editorId, clock: clock + 10, state: { user: { name: 'Mallory' } } }]));
    viewer.provider.ws!.send(awarenessMessage([{ clientId: editorId, clock: clock + 20, state: null }]));
    // And announces itself with a state far beyond any real presence.
    const viewerClock = viewer.provider.awareness.meta.get(viewer.doc.clientID)!.clock;
    viewer.provider.ws!.send(awarenessMessage([{ clientId: viewer.doc.clientID, clock: viewerClock + 10, state: { user: { name: 'Big' }, padding: 'x'.repeat(64 * 1024) } }]));
    // Handled in order: once this marker arrives, the messages before it have been judged.
    viewer.provider.awareness.setLocalStateField('user', { name: 'Victor Viewer' });
    await waitFor(() => nameOf(observer, viewer.doc.clientID) === 'Victor Viewer', "the viewer's own presence");

    assert.equal(nameOf(observer, editorId), 'Eve Editor', "the editor's presence is unchanged at the others");
    assert.ok(!observer.provider.awareness.getStates().get(viewer.doc.clientID)?.['padding'], 'the oversize state was not relayed');
  });

  it('answers an unknown document, a name that is no document id and another organization\'s document alike (4403)', async () => {
    const token = await database.token(USERS.editor);
    const foreign = connect(DOCUMENTS.tc, token);
    const unknown = connect('99999999-9999-4999-8999-999999999999', token);
    const notAnId = connect('not-a-document', token);
    assert.deepEqual(await Promise.all([foreign.closed, unknown.closed, notAnId.closed]), [4403, 4403, 4403]);
    assert.deepEqual([foreign.reasons, unknown.reasons, notAnId.reasons], [['no access to this document'], ['no access to this document'], ['no access to this document']]);
  });
});
