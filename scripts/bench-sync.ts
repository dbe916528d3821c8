// Sync benchmark: jd-kit's sync server against @y/websocket-server 0.1.1 (the last release on
// yjs 13) and Hocuspocus 4, same workload, each server in its own process, clients in this one.
// Prints figures; there is no pass/fail on speed.
//   npx tsx scripts/bench-sync.ts [--rooms 100] [--clients 5] [--rate 5] [--seconds 10] [--only <server>] [--skip-trace | --trace-only]
// The trace replay (automerge-paper) checks the result against the trace file's own endContent
// (104 852 characters; the issue text's 56 769 does not describe this file).
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import WebSocket, { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { PGlite } from '@electric-sql/pglite';
import { loadKeySet } from '../dev/gateway/keys.js';
import { pgliteAccess } from '../signaling/db/sql-access.js';
import { startSyncServer } from '../signaling/sync-server.js';
import { ORGS, prepareDatabase, tokenFor, USERS } from '../signaling/tests/support/test-database.js';

type Kind = 'jd-kit' | 'y-websocket-server' | 'hocuspocus';
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const docId = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const BIG = 999_999;
const TRACE = 999_998;

// ---------------------------------------------------------------- server side (child process)
async function serve(kind: Kind, dir: string, rooms: number) {
  let port = 0;
  if (kind === 'jd-kit') {
    const pg = new PGlite();
    await prepareDatabase(pg);
    const ids = [...Array.from({ length: rooms }, (_, i) => docId(i)), docId(BIG), docId(TRACE)];
    for (const id of ids) await pg.query('insert into public.job_descriptions (id, organization_id) values ($1, $2)', [id, ORGS.esdc]);
    const server = await startSyncServer({
      database: pgliteAccess(pg),
      tokens: await loadKeySet({ keyFile: join(dir, 'key.json') }),
      port: 0,
      log: () => {},
      unloadDelayMs: 500,
      limits: { messagesPerSecond: 1e9, messageBurst: 1e9, maxQueuedMessages: 1e9 },
    });
    port = server.port;
  } else if (kind === 'y-websocket-server') {
    const { setupWSConnection } = (await import('@y/websocket-server/utils')) as { setupWSConnection: (ws: WebSocket, req: unknown) => void };
    const http = createServer();
    const wss = new WebSocketServer({ server: http });
    wss.on('connection', (ws, req) => setupWSConnection(ws, req));
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
    port = (http.address() as { port: number }).port;
  } else {
    const { Server } = await import('@hocuspocus/server');
    const server = new Server({ port: 0, address: '127.0.0.1', quiet: true, stopOnSignals: false } as never);
    await server.listen();
    port = server.address.port;
  }
  process.on('message', (m: string) => {
    if (m === 'rss') {
      globalThis.gc?.();
      process.send!({ rss: process.memoryUsage().rss });
    }
  });
  process.send!({ ready: port });
}

// ---------------------------------------------------------------- client side
interface Server { kind: Kind; child: ChildProcess; url: string; rss(): Promise<number>; stop(): void }
async function startServer(kind: Kind, dir: string, rooms: number): Promise<Server> {
  const child = fork(import.meta.filename, ['--serve', kind, dir, String(rooms)], { execArgv: ['--import', 'tsx', '--expose-gc'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve) => child.on('message', (m: { ready?: number }) => m.ready && resolve(m.ready)));
  return {
    kind,
    child,
    url: `ws://127.0.0.1:${port}`,
    rss: () => new Promise((resolve) => {
      const on = (m: { rss?: number }) => { if (m.rss) { child.off('message', on); resolve(m.rss); } };
      child.on('message', on);
      child.send('rss');
    }),
    stop: () => child.kill('SIGKILL'),
  };
}

interface Client { doc: Y.Doc; synced(): Promise<void>; destroy(): void }
function connect(server: Server, room: number, token: string): Client {
  const doc = new Y.Doc();
  if (server.kind === 'hocuspocus') {
    const websocketProvider = new HocuspocusProviderWebsocket({ url: server.url, WebSocketPolyfill: WebSocket } as never);
    const provider = new HocuspocusProvider({ websocketProvider, name: `room-${room}`, document: doc } as never);
    // With a websocketProvider passed in, the provider does not attach itself.
    provider.attach();
    return {
      doc,
      synced: () => new Promise((r) => (provider.isSynced ? r() : provider.on('synced', () => r()))),
      destroy: () => { provider.destroy(); websocketProvider.destroy(); },
    };
  }
  const name = server.kind === 'jd-kit' ? docId(room) : `room-${room}`;
  const provider = new WebsocketProvider(server.url, name, doc, {
    params: server.kind === 'jd-kit' ? { token } : {},
    WebSocketPolyfill: WebSocket as never,
    disableBc: true,
  });
  return {
    doc,
    synced: () => new Promise((r) => (provider.synced ? r() : provider.once('sync', () => r()))),
    destroy: () => provider.destroy(),
  };
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(2);

async function steadyLoad(server: Server, token: string, rooms: number, perRoom: number, rate: number, seconds: number) {
  // The first scrape collects start-up garbage; the baseline is the settled second one.
  await server.rss();
  await sleep(1000);
  const rssBefore = await server.rss();
  const clients: Client[][] = [];
  for (let r = 0; r < rooms; r++) clients.push(Array.from({ length: perRoom }, () => connect(server, r, token)));
  await Promise.all(clients.flat().map((c) => c.synced()));
  await sleep(500);
  const rssLoaded = await server.rss();
  const latencies: number[] = [];
  for (const c of clients.flat()) {
    c.doc.getMap('sent').observe((event) => {
      const now = performance.now();
      if (event.transaction.local) return;
      for (const key of event.keysChanged) latencies.push(now - (c.doc.getMap('sent').get(key) as number));
    });
  }
  let sent = 0;
  const started = performance.now();
  const timers = clients.flat().map((c, i) =>
    setTimeout(() => {
      const t = setInterval(() => {
        c.doc.transact(() => {
          c.doc.getText('body').insert(0, 'x');
          c.doc.getMap('sent').set(String(c.doc.clientID), performance.now());
        });
        sent += 1;
      }, 1000 / rate);
      timers[i] = t;
    }, Math.random() * (1000 / rate)),
  );
  await sleep(seconds * 1000);
  for (const t of timers) clearInterval(t);
  const elapsed = (performance.now() - started) / 1000;
  await sleep(1500);
  const delivered = latencies.length;
  for (const c of clients.flat()) c.destroy();
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    sentPerSecond: sent / elapsed,
    deliveredPerSecond: delivered / elapsed,
    expectedDeliveries: sent * (perRoom - 1),
    delivered,
    rssPerDocument: (rssLoaded - rssBefore) / rooms,
  };
}

function megabyteDoc(): Uint8Array {
  const doc = new Y.Doc();
  const line = 'Provides strategic advice on classification and staffing to senior management. ';
  while (Y.encodeStateAsUpdate(doc).length < 1024 * 1024) doc.getText('body').insert(doc.getText('body').length, line.repeat(500));
  return Y.encodeStateAsUpdate(doc);
}

async function firstSyncOfLargeDocument(server: Server, token: string, state: Uint8Array) {
  const seed = connect(server, BIG, token);
  await seed.synced();
  Y.applyUpdate(seed.doc, state);
  const length = seed.doc.getText('body').length;
  // Wait until the server holds it: a watcher receives it completely.
  const watcher = connect(server, BIG, token);
  await watcher.synced();
  while (watcher.doc.getText('body').length !== length) await sleep(20);
  const started = performance.now();
  const reader = connect(server, BIG, token);
  await reader.synced();
  while (reader.doc.getText('body').length !== length) await sleep(1);
  const warm = performance.now() - started;
  reader.destroy();
  let cold = NaN;
  if (server.kind === 'jd-kit') {
    seed.destroy();
    watcher.destroy();
    await sleep(1500); // past the unload delay: the next client loads from Postgres
    const t0 = performance.now();
    const coldReader = connect(server, BIG, token);
    await coldReader.synced();
    while (coldReader.doc.getText('body').length !== length) await sleep(1);
    cold = performance.now() - t0;
    coldReader.destroy();
  } else {
    seed.destroy();
    watcher.destroy();
  }
  return { warm, cold };
}

const TRACE_FILE = '/work/shared/data/editing-traces/automerge-paper.json.gz';

async function replayTrace(server: Server, token: string) {
  const trace = JSON.parse(gunzipSync(await readFile(TRACE_FILE)).toString()) as {
    endContent: string;
    txns: { patches: [number, number, string][] }[];
  };
  const writer = connect(server, TRACE, token);
  await writer.synced();
  const text = writer.doc.getText('body');
  const started = performance.now();
  let edits = 0;
  for (const txn of trace.txns) {
    writer.doc.transact(() => {
      for (const [pos, del, ins] of txn.patches) {
        if (del > 0) text.delete(pos, del);
        if (ins) text.insert(pos, ins);
        edits += 1;
      }
    });
    if (edits % 2000 === 0) await sleep(0); // let the socket drain, as a typing user would
  }
  const localMs = performance.now() - started;
  const localText = text.toString();
  // A second client has everything once its state vector is the writer's (whatever the text says).
  const reader = connect(server, TRACE, token);
  await reader.synced();
  const target = Y.encodeStateVector(writer.doc);
  const deadline = performance.now() + 600_000;
  while (!equalBytes(Y.encodeStateVector(reader.doc), target)) {
    if (performance.now() > deadline) throw new Error('the second client did not receive the whole trace within 10 minutes');
    await sleep(50);
  }
  const throughServerMs = performance.now() - started;
  const relayedText = reader.doc.getText('body').toString();
  const encoded = Y.encodeStateAsUpdate(writer.doc).length;
  // Cold: unload, then a fresh client gets the document from Postgres.
  writer.destroy();
  reader.destroy();
  await sleep(2500);
  const cold = connect(server, TRACE, token);
  await cold.synced();
  const coldText = cold.doc.getText('body').toString();
  cold.destroy();
  return {
    edits,
    localMs,
    throughServerMs,
    expectedLength: trace.endContent.length,
    localLength: localText.length,
    relayedLength: relayedText.length,
    coldLength: coldText.length,
    localOk: localText === trace.endContent,
    relayedOk: relayedText === trace.endContent,
    coldOk: coldText === trace.endContent,
    encoded,
  };
}

function equalBytes(a: Uint8Array, b: Uint8Array) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

async function main() {
  if (process.argv[2] === '--serve') return serve(process.argv[3] as Kind, process.argv[4]!, Number(process.argv[5]));
  const rooms = arg('rooms', 100);
  const perRoom = arg('clients', 5);
  const rate = arg('rate', 5);
  const seconds = arg('seconds', 10);
  const dir = await mkdtemp(join(tmpdir(), 'jd-bench-'));
  const keys = await loadKeySet({ keyFile: join(dir, 'key.json') });
  const token = await tokenFor(keys, USERS.editor, 24 * 3600);
  const only = process.argv.indexOf('--only');
  const allKinds: Kind[] = ['jd-kit', 'y-websocket-server', 'hocuspocus'];
  const kinds = process.argv.includes('--trace-only') ? [] : only > 0 ? [process.argv[only + 1] as Kind] : allKinds;
  if (kinds.some((k) => !allKinds.includes(k))) throw new Error(`--only takes one of ${allKinds.join(', ')}`);
  const big = megabyteDoc();
  if (kinds.length > 0) {
    console.log(`workload: ${rooms} rooms x ${perRoom} clients, each sending ${rate} small updates/s for ${seconds} s; 1 MB document = ${big.length} bytes`);
    console.log('server             | fan-out p50 ms | p99 ms | updates/s sent | deliveries/s (of expected) | RSS/doc MB | 1 MB first sync ms (warm / cold from Postgres)');
  }
  for (const kind of kinds) {
    const server = await startServer(kind, dir, rooms);
    try {
      const load = await steadyLoad(server, token, rooms, perRoom, rate, seconds);
      const large = await firstSyncOfLargeDocument(server, token, big);
      console.log(
        `${kind.padEnd(18)} | ${load.p50.toFixed(1).padStart(14)} | ${load.p99.toFixed(1).padStart(6)} | ${load.sentPerSecond.toFixed(0).padStart(14)} | ${load.deliveredPerSecond.toFixed(0).padStart(12)} (${((100 * load.delivered) / load.expectedDeliveries).toFixed(1)}%) | ${mb(load.rssPerDocument).padStart(10)} | ${large.warm.toFixed(0)} / ${Number.isNaN(large.cold) ? 'n/a' : large.cold.toFixed(0)}`,
      );
    } finally {
      server.stop();
    }
  }
  if (!process.argv.includes('--skip-trace')) {
    const server = await startServer('jd-kit', dir, 1);
    try {
      const r = await replayTrace(server, token);
      const verdict = (ok: boolean) => (ok ? 'matches' : 'DIFFERS');
      console.log(
        `trace automerge-paper through jd-kit: ${r.edits} edits, applied locally in ${(r.localMs / 1000).toFixed(2)} s, ` +
          `complete at a second client (persisted, relayed) after ${(r.throughServerMs / 1000).toFixed(2)} s; encoded size ${r.encoded} bytes`,
      );
      console.log(
        `  the file's endContent: ${r.expectedLength} chars; writer ${r.localLength} chars (${verdict(r.localOk)}), ` +
          `second client ${r.relayedLength} chars (${verdict(r.relayedOk)}), reloaded from Postgres ${r.coldLength} chars (${verdict(r.coldOk)})`,
      );
    } finally {
      server.stop();
    }
  }
  await rm(dir, { recursive: true, force: true });
  process.exit(0);
}

await main();
