// The y-webrtc signaling protocol through the access-controlled signaling server, spoken by
// ws clients the way y-webrtc's SignalingConn does (JSON subscribe/publish/ping).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { decodeJwt } from 'jose';
import { startSignalingServer, type RunningSignalingServer } from '../signaling-server.js';
import { silentLogger } from '../ops/logger.js';
import { closedWithin, sleep, waitFor } from './support/clients.js';
import { DOCUMENTS, ORGS, startTestDatabase, USERS, type TestDatabase, type TestUser } from './support/test-database.js';
import { observe } from './support/observed-database.js';
import { ManualClock } from './support/manual-clock.js';

/** A document id with letters in it, so that its spellings differ. */
const LETTERED = 'c0ffee00-abcd-4ef0-8abc-def012345678';

/** Resolves once everything `client` sent before has been handled (messages are handled in order). */
async function handled(client: SignalingClient) {
  const pongs = client.received.filter((m) => m['type'] === 'pong').length;
  client.send({ type: 'ping' });
  await waitFor(() => client.received.filter((m) => m['type'] === 'pong').length > pongs, 'pong');
}

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
  // Token expiry runs on this clock: the tests move it past `exp` instead of waiting.
  const clock = new ManualClock();
  const join = async (user: TestUser | null, token?: string) => {
    const t = token ?? (user ? await database.token(user) : '');
    const c = await open(`${server.url}/?token=${t}`);
    sockets.push(c);
    return c;
  };

  before(async () => {
    database = await startTestDatabase();
    await database.pg.query(`insert into public.job_descriptions (id, organization_id, title_en) values ($1, $2, 'Lettered')`, [LETTERED, ORGS.esdc]);
    server = await startSignalingServer({ database: database.db, tokens: database.keys, port: 0, log: silentLogger, maxTopicsPerConnection: 3, maxMessageBytes: 4096, clock });
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
    // Another organization's document and one that does not exist look the same.
    assert.deepEqual(
      outsider.received.filter((m) => m['type'] === 'refused').map((m) => [m['code'], m['reason']]),
      [
        [4403, 'no access to this document'],
        [4403, 'no access to this document'],
      ],
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
    const token = await database.token(USERS.editor, clock.lifetime(60));
    const c = await join(USERS.editor, token);
    c.send({ type: 'subscribe', topics: [DOCUMENTS.esdc] });
    await handled(c);
    // Past `exp`, with the expiry timer late (not fired): the next message itself is refused.
    clock.skipTo(decodeJwt(token).exp! * 1000);
    c.send({ type: 'ping' });
    assert.equal(await closedWithin(c.closed, 8_000), 4401);
  });

  it('closes a connection with 4401 when its token expires, although the client sends nothing', async () => {
    const token = await database.token(USERS.editor, clock.lifetime(60));
    const c = await join(USERS.editor, token);
    c.send({ type: 'subscribe', topics: [DOCUMENTS.esdc] });
    await handled(c);
    clock.advanceTo(decodeJwt(token).exp! * 1000);
    assert.equal(await closedWithin(c.closed, 8_000), 4401);
  });

  it('takes a member who loses access out of the topic at once: no signals either way', async () => {
    const losing = await join(USERS.translator);
    const staying = await join(USERS.editor);
    losing.send({ type: 'subscribe', topics: [DOCUMENTS.esdc] });
    staying.send({ type: 'subscribe', topics: [DOCUMENTS.esdc] });
    await Promise.all([handled(losing), handled(staying)]);
    try {
      await database.pg.query('delete from public.memberships where user_id = $1', [USERS.translator.id]);
      await waitFor(() => losing.received.some((m) => m['type'] === 'refused' && m['topic'] === DOCUMENTS.esdc && m['code'] === 4403), 'the topic to be taken away');
      losing.send({ type: 'publish', topic: DOCUMENTS.esdc, data: { from: 'former member' } });
      await handled(losing);
      staying.send({ type: 'publish', topic: DOCUMENTS.esdc, data: { from: 'member' } });
      await waitFor(() => staying.received.some((m) => m['type'] === 'publish'), "the member's own signal back");
      assert.ok(!losing.received.some((m) => m['type'] === 'publish'), 'the former member hears nothing');
      assert.deepEqual(
        staying.received.filter((m) => m['type'] === 'publish').map((m) => m['data']),
        [{ from: 'member' }],
        'nor can it signal',
      );
    } finally {
      await database.pg.query(`insert into public.memberships values ($1, $2, 'translator') on conflict do nothing`, [USERS.translator.id, USERS.translator.org]);
    }
  });

  it('joins every spelling of a document id to one topic, and relays it as each member spelled it', async () => {
    const upper = await join(USERS.editor);
    const lower = await join(USERS.viewer);
    upper.send({ type: 'subscribe', topics: [LETTERED.toUpperCase(), LETTERED] });
    lower.send({ type: 'subscribe', topics: [LETTERED] });
    await Promise.all([handled(upper), handled(lower)]);
    upper.send({ type: 'publish', topic: LETTERED.toUpperCase(), data: { from: 'upper' } });
    await waitFor(() => lower.received.some((m) => m['type'] === 'publish'), 'the signal in the lower-case spelling');
    const [atLower] = lower.received.filter((m) => m['type'] === 'publish');
    assert.equal(atLower!['topic'], LETTERED);
    assert.equal(atLower!['clients'], 2, 'one topic, two members');
    await waitFor(() => upper.received.some((m) => m['type'] === 'publish'), 'the signal back at its sender');
    assert.deepEqual(upper.received.filter((m) => m['type'] === 'publish').map((m) => m['topic']), [LETTERED.toUpperCase()]);
  });

  it('counts refused topics toward the limit and asks Postgres once per refused topic', async () => {
    const observed = observe(database.db);
    const limited = await startSignalingServer({ database: observed, tokens: database.keys, port: 0, log: silentLogger, maxTopicsPerConnection: 3 });
    try {
      const ws = await open(`${limited.url}/?token=${await database.token(USERS.editor)}`);
      sockets.push(ws);
      const unknown = ['99999999-9999-4999-8999-999999999991', '99999999-9999-4999-8999-999999999992'];
      ws.send({ type: 'subscribe', topics: [unknown[0], unknown[0], unknown[0], unknown[0], DOCUMENTS.tc, unknown[1], DOCUMENTS.esdc] });
      await handled(ws);
      assert.deepEqual(
        ws.received.filter((m) => m['type'] === 'refused').map((m) => [m['topic'], m['reason']]),
        [
          ...Array.from({ length: 4 }, () => [unknown[0], 'no access to this document']),
          [DOCUMENTS.tc, 'no access to this document'],
          [unknown[1], 'no access to this document'],
          // Three topics refused: the limit is reached although none was joined.
          [DOCUMENTS.esdc, 'too many topics'],
        ],
      );
      assert.equal(observed.statements.filter((sql) => sql.includes('can_open_document')).length, 3, 'one access check per distinct topic');
      assert.equal(observed.statements.length - observed.statements.filter((sql) => sql.includes('can_open_document') || sql.includes('set_config')).length, 0, 'and nothing else');
    } finally {
      await limited.stop();
    }
  });
});
