// Acceptance 2c: two sync-server processes behind "a load balancer" (here: clients choose),
// one Postgres (the test's PGlite, shared over IPC) and Redis. Clients on different instances
// converge; one instance is SIGKILLed and its clients reconnect to the other with nothing lost.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import * as Y from 'yjs';
import { loadKeySet } from '../../dev/gateway/keys.js';
import { connectClient, sleep, synced, waitFor, type TestClient } from './support/clients.js';
import { startChild, type Child } from './support/child-process.js';
import { serveDatabase } from './support/ipc-database.js';
import { startRedis } from './support/redis-server.js';
import { DOCUMENTS, startTestDatabase, tokenFor, USERS, type TestDatabase, type TestUser } from './support/test-database.js';

const host = join(import.meta.dirname, 'support', 'instance-host.ts');
const stateVector = (doc: Y.Doc) => Y.decodeStateVector(Y.encodeStateVector(doc));
const body = (c: TestClient) => c.doc.getText('body').toString();

describe('sync server: two instances with Redis', () => {
  let database: TestDatabase | null = null;
  let redis: Awaited<ReturnType<typeof startRedis>> | null = null;
  let dir = '';
  const instances: Child[] = [];
  const clients: TestClient[] = [];
  after(async () => {
    for (const c of clients) c.destroy();
    for (const i of instances) i.process.kill('SIGKILL');
    await redis?.stop();
    await database?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('converges across instances, and loses nothing when one instance is killed', async (t) => {
    dir = await mkdtemp(join(tmpdir(), 'jd-scale-'));
    const keyFile = join(dir, 'key.json');
    const keys = await loadKeySet({ keyFile });
    const db = await startTestDatabase();
    database = db;
    redis = await startRedis();
    for (let i = 0; i < 2; i++) {
      instances.push(await startChild(host, [keyFile], { REDIS_URL: redis.url }, (child) => serveDatabase(child, db.db)));
    }
    const [urlA, urlB] = instances.map((i) => `ws://127.0.0.1:${i.port}`) as [string, string];
    const connect = async (url: string, user: TestUser = USERS.editor) => {
      const c = connectClient(url, DOCUMENTS.esdc, await tokenFor(keys, user));
      clients.push(c);
      await synced(c);
      return c;
    };
    const a1 = await connect(urlA);
    const b1 = await connect(urlB, USERS.translator);
    const b2 = await connect(urlB);

    a1.doc.getText('body').insert(0, '<a> ');
    b1.doc.getText('body').insert(0, '<b> ');
    await waitFor(() => [a1, b1, b2].every((c) => body(c).length === 8 && body(c) === body(a1)), 'convergence across instances');
    b1.provider.awareness.setLocalStateField('user', { name: 'on-B' });
    await waitFor(() => [...a1.provider.awareness.getStates().values()].some((s) => (s['user'] as { name?: string } | undefined)?.name === 'on-B'), 'awareness across instances');

    // b1 types on B; B is killed mid-stream.
    let typing = true;
    let typed = 0;
    const typingDone = (async () => {
      while (typing) {
        b1.doc.getText('body').insert(b1.doc.getText('body').length, `[b${typed++}]`);
        await sleep(3);
      }
    })();
    await sleep(800);
    instances[1]!.process.kill('SIGKILL');
    await instances[1]!.exited;
    typing = false;
    await typingDone;
    for (const c of [b1, b2]) c.provider.disconnect();
    // Acknowledged = seen by another client (B relays only what it has committed).
    const acknowledged = Math.max(stateVector(b2.doc).get(b1.doc.clientID) ?? 0, stateVector(a1.doc).get(b1.doc.clientID) ?? 0);
    assert.ok(acknowledged > 0);

    // A client arriving at A before B's clients come back sees everything B acknowledged.
    const fresh = await connect(urlA, USERS.viewer);
    const freshClock = stateVector(fresh.doc).get(b1.doc.clientID) ?? 0;
    t.diagnostic(`typed ${typed} edits on B; acknowledged clock ${acknowledged}; at A after the kill ${freshClock}`);
    assert.ok(freshClock >= acknowledged, `A serves ${freshClock} >= acknowledged ${acknowledged}`);

    // The load balancer sends B's clients to A.
    for (const c of [b1, b2]) {
      c.provider.serverUrl = urlA;
      c.provider.connect();
    }
    await waitFor(() => clients.every((c) => body(c) === body(b1)), 'everyone converging on A', 30_000);
    for (let i = 0; i < typed; i++) assert.ok(body(a1).includes(`[b${i}]`), `[b${i}] survived`);
  });
});
