// The y-webrtc signaling protocol through the access-controlled signaling server, spoken by
// ws clients the way y-webrtc's SignalingConn does (JSON subscribe/publish/ping).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { startSignalingServer, type RunningSignalingServer } from '../signaling-server.js';
import { silentLogger } from '../ops/logger.js';
import { sleep, waitFor } from './support/clients.js';
import { DOCUMENTS, startTestDatabase, USERS, type TestDatabase, type TestUser } from './support/test-database.js';

interface SignalingClient {
  ws: WebSocket;
  received: Record<string, unknown>[];
  closed: Promise<number>;
  send(message: unknown): void;
}

function open(url: string): Promise<SignalingClient> {
  const ws = new WebSocket(url);
  const received: Record<string, unknown>[] = [];
  ws.on('message', (data) => received.push(JSON.parse(data.toString()) as Record<string, unknown>));
  ws.on('error', () => {});
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  return new Promise((resolve) => ws.on('open', () => resolve({ ws, received, closed, send: (m) => ws.send(JSON.stringify(m)) })));
}

describe('signaling server', () => {
  let database: TestDatabase;
  let server: RunningSignalingServer;
  const sockets: SignalingClient[] = [];
  const join = async (user: TestUser | null, token?: string) => {
    const t = token ?? (user ? await database.token(user) : '');
    const c = await open(`${server.url}/?token=${t}`);
    sockets.push(c);
    return c;
  };

  before(async () => {
    database = await startTestDatabase();
    server = await startSignalingServer({ database: database.db, tokens: database.keys, port: 0, log: silentLogger, maxTopicsPerConnection: 3, maxMessageBytes: 4096 });
  });
  after(async () => {
    for (const s of sockets) s.ws.terminate();
    await server.stop();
    await database.close();
  });

  it('refuses connections without a valid token with 4401', async () => {
    assert.equal(await (await join(null)).closed, 4401);
    assert.equal(await (await join(null, 'not.a.token')).closed, 4401);
    assert.equal(await (await join(USERS.editor, await database.token(USERS.editor, -5))).closed, 4401);
  });

  it('relays signals between members of a document room and answers ping', async () => {
    const a = await join(USERS.editor);
    const b = await join(USERS.viewer);
    a.send({ type: 'subscribe', topics: [DOCUMENTS.esdc] });
    b.send({ type: 'subscribe', topics: [DOCUMENTS.esdc] });
    b.send({ type: 'ping' });
    await waitFor(() => b.received.some((m) => m['type'] === 'pong'), 'pong');
    a.send({ type: 'publish', topic: DOCUMENTS.esdc, data: { type: 'announce', from: 'peer-a' } });
    await waitFor(() => b.received.some((m) => m['type'] === 'publish'), 'the signal at b');
    const signal = b.received.find((m) => m['type'] === 'publish')!;
    assert.deepEqual(signal['data'], { type: 'announce', from: 'peer-a' });
    assert.equal(signal['clients'], 2);
  });

  it("keeps a user out of another organization's document room: no subscription, no injection", async () => {
    const member = await join(USERS.tcEditor);
    member.send({ type: 'subscribe', topics: [DOCUMENTS.tc] });
    const outsider = await join(USERS.editor);
    outsider.send({ type: 'subscribe', topics: [DOCUMENTS.tc, '99999999-9999-4999-8999-999999999999'] });
    await waitFor(() => outsider.received.filter((m) => m['type'] === 'refused').length === 2, 'the refusals');
    assert.deepEqual(
      outsider.received.filter((m) => m['type'] === 'refused').map((m) => m['code']),
      [4403, 4404],
    );
    outsider.send({ type: 'publish', topic: DOCUMENTS.tc, data: { type: 'announce', from: 'intruder' } });
    member.send({ type: 'publish', topic: DOCUMENTS.tc, data: { type: 'announce', from: 'member' } });
    await waitFor(() => member.received.some((m) => m['type'] === 'publish'), "the member's own signal back");
    await sleep(100);
    assert.ok(!member.received.some((m) => (m['data'] as { from?: string })?.from === 'intruder'), 'the outsider could not inject');
    assert.ok(!outsider.received.some((m) => m['type'] === 'publish'), 'the outsider hears nothing');
  });

  it('caps topics and message size per connection', async () => {
    const { rows } = await database.pg.query<{ id: string }>(
      `insert into public.job_descriptions (organization_id, title_en) select j.organization_id, 'extra' from public.job_descriptions j, generate_series(1, 3) where j.id = $1 returning id`,
      [DOCUMENTS.esdc],
    );
    const c = await join(USERS.editor);
    c.send({ type: 'subscribe', topics: [DOCUMENTS.esdc, ...rows.map((r) => r.id)] });
    await waitFor(() => c.received.some((m) => m['type'] === 'refused'), 'the refusal');
    await sleep(50);
    assert.deepEqual(
      c.received.filter((m) => m['type'] === 'refused').map((m) => [m['topic'], m['reason']]),
      [[rows[2]!.id, 'too many topics']],
    );
    const big = await join(USERS.editor);
    big.send({ type: 'publish', topic: DOCUMENTS.esdc, data: 'x'.repeat(10_000) });
    assert.equal(await big.closed, 1009);
  });

  it('drops a connection whose token expired on its next message', async () => {
    const c = await join(USERS.editor, await database.token(USERS.editor, 1));
    c.send({ type: 'subscribe', topics: [DOCUMENTS.esdc] });
    await sleep(1100);
    c.send({ type: 'ping' });
    assert.equal(await c.closed, 4401);
  });
});
