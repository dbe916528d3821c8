// Issue #20, finding 3: access that ends or narrows while a client is connected. Memberships
// changed in Postgres reach the sync server through LISTEN/NOTIFY (the memberships trigger), and
// an expiring token closes the socket at `exp` even if the client never sends. Stock y-websocket
// clients throughout.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import * as Y from 'yjs';
import { decodeJwt } from 'jose';
import { startSyncServer, type RunningSyncServer } from '../sync-server.js';
import { createLogger } from '../ops/logger.js';
import { closedWithin, connectClient, synced, textOf, waitFor, type TestClient } from './support/clients.js';
import { DOCUMENTS, startTestDatabase, USERS, type TestDatabase } from './support/test-database.js';
import { ManualClock } from './support/manual-clock.js';

describe('sync server: access that changes while connected', () => {
  let database: TestDatabase;
  let server: RunningSyncServer;
  const logs: Record<string, unknown>[] = [];
  const clients: TestClient[] = [];
  const connect = (documentId: string, token: string, doc?: Y.Doc) => {
    const client = connectClient(server.url, documentId, token, doc);
    clients.push(client);
    return client;
  };
  const translator = USERS.translator;
  // Token expiry runs on this clock: the test moves it past `exp` instead of waiting.
  const clock = new ManualClock();

  before(async () => {
    database = await startTestDatabase();
    server = await startSyncServer({
      database: database.db,
      tokens: database.keys,
      port: 0,
      log: createLogger((line) => logs.push(JSON.parse(line) as Record<string, unknown>)),
      // Far beyond the tests: what they see comes from the notification, not the sweep.
      accessRecheckIntervalMs: 3_600_000,
      clock,
    });
  });
  beforeEach(async () => {
    await database.pg.query(
      `insert into public.memberships values ($1, $2, 'translator') on conflict (user_id, organization_id) do update set role = 'translator'`,
      [translator.id, translator.org],
    );
  });
  after(async () => {
    for (const c of clients) c.destroy();
    await server.stop();
    await database.close();
  });

  it('makes an editor downgraded to viewer read-only at once: the next update is neither stored nor relayed', async () => {
    const downgraded = connect(DOCUMENTS.esdc, await database.token(translator));
    const editor = connect(DOCUMENTS.esdc, await database.token(USERS.editor));
    await Promise.all([synced(downgraded), synced(editor)]);
    downgraded.doc.getText('body').insert(0, 'BEFORE ');
    await waitFor(() => textOf(editor.doc).includes('BEFORE'), 'the edit made while still an editor');

    await database.pg.query(`update public.memberships set role = 'viewer' where user_id = $1`, [translator.id]);
    await waitFor(() => logs.some((l) => l['msg'] === 'access changed' && l['userId'] === translator.id), 'the server to apply the downgrade');

    downgraded.doc.getText('body').insert(0, 'AFTER DOWNGRADE ');
    // Messages of one connection are handled in order: once its presence reaches the editor, the
    // update sent before it has been judged, and (had it been accepted) queued for storage ahead
    // of anything the editor sends next.
    downgraded.provider.awareness.setLocalStateField('marker', 'after-update');
    await waitFor(
      () => editor.provider.awareness.getStates().get(downgraded.doc.clientID)?.['marker'] === 'after-update',
      "the downgraded member's presence at the editor",
    );
    editor.doc.getText('body').insert(textOf(editor.doc).length, ' LATER');
    const reader = connect(DOCUMENTS.esdc, await database.token(USERS.viewer), new Y.Doc());
    await synced(reader);
    await waitFor(() => textOf(reader.doc).includes('LATER'), "the editor's later edit to be stored");

    assert.ok(!textOf(reader.doc).includes('AFTER DOWNGRADE'), 'not stored');
    assert.ok(!textOf(editor.doc).includes('AFTER DOWNGRADE'), 'not relayed');
    const { rows } = await database.pg.query<{ n: number }>(
      // Updates (seqs) by the translator: a merged row names each seq's author in `authors`.
      `select count(*)::int as n from public.doc_updates u, unnest(coalesce(u.authors, array[u.created_by])) as author where author = $1`,
      [translator.id],
    );
    assert.equal(rows[0]!.n, 1, 'only the update made before the downgrade is in doc_updates');
    // Read-only, not closed: the member may still read.
    assert.deepEqual(downgraded.closes, []);
  });

  it('closes a member removed from the organization with 4403 and sends them nothing more', async () => {
    const removed = connect(DOCUMENTS.esdc, await database.token(translator));
    const editor = connect(DOCUMENTS.esdc, await database.token(USERS.editor));
    await Promise.all([synced(removed), synced(editor)]);

    await database.pg.query(`delete from public.memberships where user_id = $1`, [translator.id]);
    assert.equal(await closedWithin(removed.closed, 10_000), 4403);
    editor.doc.getText('body').insert(0, 'AFTER REMOVAL ');
    const reader = connect(DOCUMENTS.esdc, await database.token(USERS.viewer), new Y.Doc());
    await synced(reader);
    await waitFor(() => textOf(reader.doc).includes('AFTER REMOVAL'), 'the edit to be stored and relayed');
    assert.ok(!textOf(removed.doc).includes('AFTER REMOVAL'), 'the removed member receives nothing more');
    assert.deepEqual(removed.closes, [4403], 'and does not reconnect');
  });

  it('closes a connection with 4401 when its token expires, although the client sends nothing', async () => {
    // Alone in its room: the stock client then sends nothing for 15 s (its awareness renewal; it
    // also echoes other clients' presence), so the close must come from the server's own timer.
    const token = await database.token(USERS.tcEditor, clock.lifetime(60));
    const client = connect(DOCUMENTS.tc, token);
    await synced(client);
    clock.advanceTo(decodeJwt(token).exp! * 1000);
    assert.equal(await closedWithin(client.closed, 8_000), 4401);
  });

  it('re-checks every connection periodically, for a change that was not announced', async () => {
    const sweeping = await startSyncServer({ database: database.db, tokens: database.keys, port: 0, log: () => {}, accessRecheckIntervalMs: 200 });
    try {
      const client = connectClient(sweeping.url, DOCUMENTS.esdc, await database.token(translator));
      clients.push(client);
      await synced(client);
      // Without the trigger's notification: as if it had been lost.
      await database.pg.exec(`
        alter table public.memberships disable trigger memberships_notify_access;
        delete from public.memberships where user_id = '${translator.id}';
        alter table public.memberships enable trigger memberships_notify_access;`);
      assert.equal(await closedWithin(client.closed, 10_000), 4403);
    } finally {
      await sweeping.stop();
    }
  });
});
