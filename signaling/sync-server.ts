// The y-websocket sync server: standard protocol (so the stock y-websocket client works
// unmodified), access decided by Postgres as the user, every update durable before it is
// relayed, documents unloaded when idle, optional Redis fan-out between instances.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { WebSocketServer } from 'ws';
import type { SyncDatabase } from './db/sql-access.js';
import type { TokenVerifier } from './auth/token-verifier.js';
import { loggerFrom, type Logger } from './ops/logger.js';
import { closeServer, listen, parseRoomUrl } from './ops/http-server.js';
import type { DocumentBus } from './scale/document-bus.js';
import { createRedisBus } from './scale/redis-bus.js';
import { UpdateWriter, type UpdateWriterLimits } from './db/update-writer.js';
import { OneAtATime } from './sync/one-at-a-time.js';
import { ClientConnection, type ConnectionLimits } from './sync/client-connection.js';
import { CloseCode } from './sync/close-codes.js';
import { DocumentRoom, type RoomSettings } from './sync/document-room.js';
import { RoomRegistry } from './sync/room-registry.js';
import { defaultRoomHooks } from './sync/default-hooks.js';
import type { RoomHookFactory } from './sync/room-hook.js';
import { createSyncMetrics, type SyncMetrics } from './sync/sync-metrics.js';
import { AccessWatch } from './sync/access-watch.js';
import { systemClock, type Clock } from './sync/token-expiry.js';
import { defaultHarvestSettings, HarvestWorker, type HarvestSettings } from './tm/harvest-worker.js';

export interface SyncServerOptions {
  database: SyncDatabase;
  tokens: TokenVerifier;
  host?: string;
  /** 0 = any free port. Default 1234. */
  port?: number;
  /** Fan-out between instances; without it (and without `bus`) the server runs single-instance. */
  redisUrl?: string | null;
  /** A ready-made bus instead of redisUrl (tests). */
  bus?: DocumentBus;
  /** Structured logger, or a line writer (each line one JSON object). Default: JSON lines to stdout. */
  log?: Logger | ((line: string) => void);
  limits?: Partial<ConnectionLimits>;
  room?: Partial<RoomSettings>;
  /** Hooks every room runs after the built-in ones (defaultRoomHooks: seeding, projections, compaction). */
  roomHooks?: readonly RoomHookFactory[];
  /** Bounds of one group-commit transaction of doc_updates. */
  persistence?: Partial<UpdateWriterLimits>;
  /** How long a document stays loaded after its last client leaves. */
  unloadDelayMs?: number;
  loadKeepaliveMs?: number;
  /** WebSocket ping interval; a client that misses one pong is dropped. */
  pingIntervalMs?: number;
  /**
   * Every connection's access is decided again this often (default 60 s), besides at once when
   * Postgres announces a membership change: the safety net for missed notifications.
   */
  accessRecheckIntervalMs?: number;
  /** Time for token expiry and the unload delay (tests move it instead of waiting). Default: the system's. */
  clock?: Clock;
  /** The worker that writes approved documents' sentence pairs to the translation memory; false: none. */
  tmHarvest?: Partial<HarvestSettings> | false;
}

export interface RunningSyncServer {
  url: string;
  port: number;
  metrics: SyncMetrics;
  /** Documents in memory right now. */
  loadedDocuments(): number;
  /** Graceful: refuses new clients, closes the others with 1012, persists what they sent, unloads. */
  stop(): Promise<void>;
}

export const defaultLimits: ConnectionLimits = {
  maxMessageBytes: 16 * 1024 * 1024,
  maxDocumentBytes: 64 * 1024 * 1024,
  messagesPerSecond: 200,
  messageBurst: 1000,
  maxQueuedMessages: 2000,
  maxUpdatesInFlight: 1024,
  maxBufferedBytes: 32 * 1024 * 1024,
  // A user's name, colour and cursor take well under 1 KB.
  maxAwarenessStateBytes: 16 * 1024,
};

export const defaultRoomSettings: RoomSettings = {
  maxBatchUpdates: 1000,
  compactAfterUpdates: 500,
  compactAfterBytes: 2 * 1024 * 1024,
  compactTailRatio: 1,
  projectionDelayMs: 2000,
  projectionMaxWaitMs: 10000,
  catchUpDelayMs: 250,
};

export const defaultPersistenceLimits: UpdateWriterLimits = {
  maxRows: 2000,
  maxBytes: 16 * 1024 * 1024,
};

export async function startSyncServer(options: SyncServerOptions): Promise<RunningSyncServer> {
  const host = options.host ?? '127.0.0.1';
  const log = loggerFrom(options.log, { server: 'sync' });
  const limits = { ...defaultLimits, ...options.limits };
  const clock = options.clock ?? systemClock;
  const settings = { ...defaultRoomSettings, ...options.room };
  const connections = new Set<ClientConnection>();
  const bus = options.bus ?? (options.redisUrl ? createRedisBus(options.redisUrl, log) : null);
  let registry: RoomRegistry | null = null;
  const metrics = createSyncMetrics({ connections: () => connections.size, documents: () => registry?.size ?? 0 });
  const writer = new UpdateWriter(
    options.database,
    { ...defaultPersistenceLimits, ...options.persistence },
    {
      committed: ({ seconds, documents }) => {
        metrics.persistSeconds.observe(seconds);
        metrics.persistBatchDocuments.observe(documents);
      },
      retryingSeparately: (error, documents) => {
        metrics.errors.inc({ kind: 'persist-batch' });
        log.warn({ documents, error }, 'a grouped append failed; appending its documents one by one');
      },
    },
  );
  const hooks = [...defaultRoomHooks, ...(options.roomHooks ?? [])];
  const projections = new OneAtATime();
  registry = new RoomRegistry(
    (documentId) => DocumentRoom.load(documentId, { db: options.database, writer, bus, metrics, log, settings, hooks, projections }),
    options.unloadDelayMs ?? 10_000,
    log,
    clock,
  );
  const rooms = registry;
  let stopping = false;
  const access = new AccessWatch(options.database, options.accessRecheckIntervalMs ?? 60_000, log);
  await access.start();
  const harvest = options.tmHarvest === false ? null : new HarvestWorker(options.database, { ...defaultHarvestSettings, ...options.tmHarvest }, log.child({ worker: 'tm-harvest' }));
  await harvest?.start();

  const http = createServer((req, res) => void respond(req, res));
  async function respond(req: IncomingMessage, res: ServerResponse) {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/healthz') {
      // While stopping, answer at once (the load balancer should stop routing here); otherwise
      // the database must answer within the health check's own deadline.
      const database = stopping ? false : await withDeadline(options.database.asService((tx) => tx.query('select 1 as ok')), 2000);
      const healthy = database && !stopping;
      res.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: healthy ? 'ok' : stopping ? 'stopping' : 'degraded', database, connections: connections.size, documents: rooms.size }));
      return;
    }
    if (path === '/metrics') {
      const text = await metrics.registry.metrics();
      res.writeHead(200, { 'content-type': metrics.registry.contentType });
      res.end(text);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('y-websocket sync server: connect with WebSocket to /<document-id>?token=<access token>\n');
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes, perMessageDeflate: false });
  http.on('upgrade', (req, socket, head) => {
    if (stopping) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      // Accepted before checking the token so the refusal can carry a close code the client sees.
      const { room, token } = parseRoomUrl(req.url);
      const connection = new ClientConnection(ws, room, token, {
        db: options.database,
        tokens: options.tokens,
        registry: rooms,
        metrics,
        log,
        limits,
        loadKeepaliveMs: options.loadKeepaliveMs ?? 5000,
        access,
        clock,
      });
      connections.add(connection);
      ws.on('close', () => connections.delete(connection));
    });
  });

  const heartbeat = setInterval(() => {
    for (const connection of connections) {
      if (!connection.alive) connection.terminate();
      else connection.ping();
    }
  }, options.pingIntervalMs ?? 30_000);

  const port = await listen(http, options.port ?? 1234, host);
  const url = `ws://${host}:${port}`;
  log.info({ url, scaleOut: bus ? 'redis' : 'single-instance' }, 'sync server listening');

  return {
    url,
    port,
    metrics,
    loadedDocuments: () => rooms.size,
    async stop() {
      if (stopping) return;
      stopping = true;
      clearInterval(heartbeat);
      // Not awaited yet: UNLISTEN waits for the database, which may be finishing an append that
      // the clients' close below lets complete.
      const unwatching = access.stop();
      const harvesting = harvest?.stop();
      const open = [...connections];
      for (const connection of open) connection.close(CloseCode.serviceRestart, 'server restarting');
      await Promise.all(open.map((c) => c.settled()));
      await rooms.unloadAll();
      await bus?.close();
      await unwatching;
      await harvesting;
      wss.close();
      await closeServer(http);
      log.info('sync server stopped');
    },
  };
}

function withDeadline(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  return Promise.race([work.then(() => true, () => false), deadline]).finally(() => clearTimeout(timer));
}
