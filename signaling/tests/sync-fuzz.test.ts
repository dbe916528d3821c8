// Acceptance 3: bad input never takes the server down. Thousands of connections send more than
// 10 000 malformed, truncated, oversize and flooding messages while two well-behaved clients
// keep editing; the server stays up, keeps serving them, and their document is exactly right.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { startSyncServer, type RunningSyncServer } from '../sync-server.js';
import { silentLogger } from '../ops/logger.js';
import { awarenessFrame, syncStep1Frame, updateFrame } from '../sync/protocol.js';
import { connectClient, sleep, synced, waitFor, type TestClient } from './support/clients.js';
import { DOCUMENTS, startTestDatabase, USERS, type TestDatabase } from './support/test-database.js';

/** A deterministic PRNG, so a failure can be replayed. */
function prng(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

function sampleUpdates(): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < 20; i++) doc.getText('t').insert(0, `sample ${i} `);
  doc.getMap('m').set('k', { nested: [1, 2, 3] });
  return updates;
}

function badMessage(random: () => number, samples: Uint8Array[]): Uint8Array | string {
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256));
  const frame = (write: (e: encoding.Encoder) => void) => {
    const e = encoding.createEncoder();
    write(e);
    return encoding.toUint8Array(e);
  };
  switch (Math.floor(random() * 10)) {
    case 0: return bytes(1 + Math.floor(random() * 64));
    case 1: { const f = updateFrame(pick(samples)); return f.slice(0, Math.max(1, Math.floor(random() * f.length))); }
    case 2: { const u = pick(samples).slice(); const at = Math.floor(random() * u.length); u[at] = (u[at] ?? 0) ^ 0xff; return updateFrame(u); }
    case 3: return frame((e) => { encoding.writeVarUint(e, 0); encoding.writeVarUint(e, 2); encoding.writeVarUint(e, 2 ** 31); });
    case 4: return frame((e) => { encoding.writeVarUint(e, 0); encoding.writeVarUint(e, 0); encoding.writeVarUint8Array(e, bytes(12)); });
    case 5: return awarenessFrame(frame((e) => { encoding.writeVarUint(e, 1); encoding.writeVarUint(e, 7); encoding.writeVarUint(e, 1); encoding.writeVarString(e, '{not json'); }));
    case 6: return frame((e) => { encoding.writeVarUint(e, 9 + Math.floor(random() * 100)); });
    case 7: return new Uint8Array(0);
    case 8: return '{"type":"subscribe"}';
    default: return frame((e) => { encoding.writeVarUint(e, 0); encoding.writeVarUint(e, 7); });
  }
}

describe('sync server: fuzzing', () => {
  let database: TestDatabase;
  let server: RunningSyncServer;
  const good: TestClient[] = [];

  before(async () => {
    database = await startTestDatabase();
    server = await startSyncServer({
      database: database.db,
      tokens: database.keys,
      port: 0,
      log: silentLogger,
      limits: { maxMessageBytes: 256 * 1024, messagesPerSecond: 500, messageBurst: 200 },
    });
  });
  after(async () => {
    for (const c of good) c.destroy();
    await server.stop();
    await database.close();
  });

  it('survives >10 000 bad messages over many connections and keeps well-behaved clients correct', async (t) => {
    for (const user of [USERS.editor, USERS.translator]) good.push(connectClient(server.url, DOCUMENTS.esdc, await database.token(user)));
    await Promise.all(good.map(synced));
    let typing = true;
    let typed = 0;
    const typingDone = (async () => {
      while (typing) {
        const c = good[typed % 2]!;
        c.doc.getText('body').insert(c.doc.getText('body').length, `<${typed++}>`);
        await sleep(5);
      }
    })();

    const random = prng(20251123);
    const samples = sampleUpdates();
    // Attackers: editors of the TC document (valid updates could legitimately change it, so the
    // checked document is a different one), viewers and editors of the checked document sending
    // only undecodable input, and connections with no or bad tokens.
    const tokens = {
      tc: await database.token(USERS.tcEditor),
      viewer: await database.token(USERS.viewer),
      editor: await database.token(USERS.editor),
    };
    const targets = [
      () => `${server.url}/${DOCUMENTS.tc}?token=${tokens.tc}`,
      () => `${server.url}/${DOCUMENTS.esdc}?token=${tokens.viewer}`,
      () => `${server.url}/${DOCUMENTS.esdc}?token=${tokens.editor}`,
      () => `${server.url}/${DOCUMENTS.esdc}`,
      () => `${server.url}/${DOCUMENTS.esdc}?token=garbage`,
    ];
    let sent = 0;
    const closeCodes = new Map<number, number>();
    const attack = async (kind: number, style: 'bad' | 'flood' | 'oversize') => {
      const ws = new WebSocket(targets[kind]!());
      ws.on('error', () => {});
      const closed = new Promise<void>((resolve) => ws.on('close', (code) => {
        closeCodes.set(code, (closeCodes.get(code) ?? 0) + 1);
        resolve();
      }));
      await new Promise<void>((resolve) => { ws.on('open', () => resolve()); ws.on('close', () => resolve()); });
      if (ws.readyState !== ws.OPEN) return closed;
      if (style === 'oversize') { ws.send(new Uint8Array(300 * 1024)); sent += 1; }
      else if (style === 'flood') { const f = syncStep1Frame(new Y.Doc()); for (let i = 0; i < 400; i++) { ws.send(f); sent += 1; } }
      else for (let i = 0; i < 24; i++) {
        const m = badMessage(random, samples);
        // Editors of the checked document never send anything that decodes as an update.
        if (kind === 2 && m instanceof Uint8Array && m[0] === 0 && (m[1] === 1 || m[1] === 2)) continue;
        ws.send(m);
        sent += 1;
      }
      await Promise.race([closed, sleep(300)]);
      ws.terminate();
      return closed;
    };
    const waves = 60;
    for (let wave = 0; wave < waves; wave++) {
      await Promise.all(Array.from({ length: 10 }, (_, i) => attack((wave + i) % targets.length, i === 0 ? 'flood' : i === 1 ? 'oversize' : 'bad')));
    }
    typing = false;
    await typingDone;

    const http = server.url.replace('ws://', 'http://');
    const health = await fetch(`${http}/healthz`);
    assert.equal(health.status, 200);
    const expected = Array.from({ length: typed }, (_, i) => i);
    await waitFor(() => good.every((c) => c.doc.getText('body').toString() === good[0]!.doc.getText('body').toString()), 'the good clients to converge');
    const fresh = connectClient(server.url, DOCUMENTS.esdc, await database.token(USERS.translator));
    good.push(fresh);
    await synced(fresh);
    const text = fresh.doc.getText('body').toString();
    const numbers = [...text.matchAll(/<(\d+)>/g)].map((m) => Number(m[1]));
    assert.deepEqual([...numbers].sort((a, b) => a - b), expected, 'every well-behaved edit is there exactly once');
    assert.equal(text.replace(/<\d+>/g, ''), '', 'and nothing else is in the text');
    // `meta` is the server's: the document's identification fields from its row (document-seed.ts).
    assert.deepEqual([...fresh.doc.share.keys()].sort(), ['body', 'meta'], 'no root type was added by attackers');
    const tcClient = connectClient(server.url, DOCUMENTS.tc, tokens.tc);
    good.push(tcClient);
    await synced(tcClient);

    const metrics = await (await fetch(`${http}/metrics`)).text();
    t.diagnostic(`bad messages sent ${sent}, close codes ${JSON.stringify(Object.fromEntries(closeCodes))}, typed ${typed}`);
    t.diagnostic(metrics.split('\n').filter((l) => l.startsWith('jd_sync_errors_total') || l.startsWith('jd_sync_closes_total')).join('; '));
    assert.ok(sent >= 10_000, `sent ${sent}`);
    for (const code of [4400, 4401, 4429, 1009]) assert.ok((closeCodes.get(code) ?? 0) > 0, `some attackers were closed with ${code}`);
  });
});
