// Acceptance 2a: SIGKILL the server while three clients type. Every update a client saw
// acknowledged is in the document the restarted server loads, and all clients converge.
//
// How acknowledgement is observed with the stock client: the server relays an update only after
// it is committed to doc_updates, so an update is acknowledged once any *other* client has it.
// A fourth, read-write but idle client watches; the acknowledged clock of each typist is the
// highest clock of that typist seen by any other client when the server dies.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import * as Y from 'yjs';
import { loadKeySet } from '../../dev/gateway/keys.js';
import { connectClient, sleep, synced, waitFor, type TestClient } from './support/clients.js';
import { freePort, startChild, type Child } from './support/child-process.js';
import { DOCUMENTS, tokenFor, USERS } from './support/test-database.js';

const host = join(import.meta.dirname, 'support', 'sync-host.ts');
const stateVector = (doc: Y.Doc) => Y.decodeStateVector(Y.encodeStateVector(doc));

describe('sync server: SIGKILL while clients type', () => {
  let dataDir = '';
  let child: Child | null = null;
  const clients: TestClient[] = [];
  after(async () => {
    for (const c of clients) c.destroy();
    child?.process.kill('SIGKILL');
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('loses no acknowledged update and converges after restart', async (t) => {
    dataDir = await mkdtemp(join(tmpdir(), 'jd-sync-crash-'));
    const port = await freePort();
    child = await startChild(host, [dataDir, String(port)]);
    const keys = await loadKeySet({ keyFile: join(dataDir, 'jwt-signing-key.json') });
    const url = `ws://127.0.0.1:${port}`;
    const users = [USERS.editor, USERS.translator, USERS.editor, USERS.translator];
    for (const user of users) clients.push(connectClient(url, DOCUMENTS.esdc, await tokenFor(keys, user)));
    await Promise.all(clients.map(synced));
    const typists = clients.slice(0, 3);

    let typing = true;
    const typed = typists.map(async (client, n) => {
      let i = 0;
      while (typing) {
        const text = client.doc.getText('body');
        // At either end, so no marker is split by another client's insert.
        text.insert(Math.random() < 0.5 ? 0 : text.length, `[${n}:${i++}]`);
        await sleep(3);
      }
      return i;
    });
    await sleep(1500);
    child.process.kill('SIGKILL');
    await child.exited;
    typing = false;
    const counts = await Promise.all(typed);
    // Stop the clients from reconnecting on their own until the stored state has been checked.
    for (const c of clients) c.provider.disconnect();

    const acknowledged = typists.map((typist) => {
      const id = typist.doc.clientID;
      return Math.max(...clients.filter((c) => c !== typist).map((c) => stateVector(c.doc).get(id) ?? 0));
    });
    assert.ok(acknowledged.every((clock) => clock > 0), 'each typist had updates acknowledged before the kill');

    child = await startChild(host, [dataDir, String(port)]);
    const verifier = connectClient(url, DOCUMENTS.esdc, await tokenFor(keys, USERS.viewer));
    clients.push(verifier);
    await synced(verifier);
    const stored = stateVector(verifier.doc);
    t.diagnostic(`edits typed ${counts.join('/')}, acknowledged clocks ${acknowledged.join('/')}, stored clocks ${typists.map((c) => stored.get(c.doc.clientID) ?? 0).join('/')}`);
    typists.forEach((typist, n) => {
      const storedClock = stored.get(typist.doc.clientID) ?? 0;
      assert.ok(storedClock >= acknowledged[n]!, `typist ${n}: stored clock ${storedClock} >= acknowledged ${acknowledged[n]}`);
    });

    for (const c of clients.slice(0, 4)) c.provider.connect();
    const expected = () => typists[0]!.doc.getText('body').toString();
    await waitFor(
      () => clients.every((c) => c.doc.getText('body').toString() === expected()),
      'all clients (and the verifier) to converge',
      30_000,
    );
    const finalText = expected();
    typists.forEach((_, n) => {
      for (let i = 0; i < counts[n]!; i++) assert.ok(finalText.includes(`[${n}:${i}]`), `edit [${n}:${i}] is in the final document`);
    });
  });
});
