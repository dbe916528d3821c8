import { createServer, type AddressInfo, type Server } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler, type PGLiteSocketHandlerOptions } from '@electric-sql/pglite-socket';
import type { WireNotification } from './wire-response-tracker.js';
import { buildSessionResetSql, WireSessionQueue } from './wire-session-queue.js';

export interface PostgresWireOptions {
  /** Default 127.0.0.1: PGlite has no authentication, so never listen beyond the machine by default. */
  host?: string;
  /** 0 picks a free port. */
  port: number;
  /** A client holding the session silently this long is disconnected (default 60 s, 0 = never). */
  idleOwnerTimeoutMs?: number;
  log?: (line: string) => void;
  /** Notifications delivered to the session in a wire client's response (see WireSessionQueueOptions). */
  onNotification?: (notification: WireNotification) => void;
}

export interface PostgresWire {
  /** What psql and the Supabase CLI take; user and password are accepted but not checked. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Serves the PGlite database over the Postgres wire protocol for psql, the Supabase CLI and
 * other tools. Uses pglite-socket's connection handler (startup, SSL refusal, message framing)
 * with our own queue instead of PGLiteSocketServer's, so wire clients are serialized with
 * SerialDatabase's transactions (see wire-session-queue.ts for why the stock queue is not).
 */
export async function startPostgresWire(pg: PGlite, options: PostgresWireOptions): Promise<PostgresWire> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => {});
  await pg.waitReady;

  // What the session looks like now (the platform files SET search_path) is what a departed
  // client's session gets reset to.
  const { rows: baseline } = await pg.query<{ name: string; setting: string }>(
    `select name, setting from pg_settings where source = 'session' and name not in ('role', 'session_authorization')`,
  );

  const handlers = new Map<number, PGLiteSocketHandler>();
  const queue = new WireSessionQueue(pg, {
    sessionResetSql: buildSessionResetSql(baseline),
    idleOwnerTimeoutMs: options.idleOwnerTimeoutMs ?? 60_000,
    onIdleOwner: (handlerId) => {
      log(`postgres wire: client #${handlerId} held the database idle too long; disconnecting it`);
      void handlers.get(handlerId)?.detach(true);
    },
    onError: (error) => log(`postgres wire: session cleanup failed: ${(error as Error).message ?? error}`),
    onNotification: options.onNotification,
  });

  const server = createServer((socket) => {
    const handler = new PGLiteSocketHandler({
      // The handler only calls enqueue, clearQueueForHandler and clearTransactionIfNeeded; its
      // declared type is an unexported class with private fields, hence the cast.
      queryQueue: queue as unknown as PGLiteSocketHandlerOptions['queryQueue'],
      closeOnDetach: true,
    });
    handlers.set(handler.handlerId, handler);
    const forget = () => handlers.delete(handler.handlerId);
    handler.addEventListener('close', forget);
    handler.addEventListener('error', forget);
    void handler.attach(socket);
  });

  const port = await listen(server, options.port, host);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `postgresql://postgres:postgres@${urlHost}:${port}/postgres`,
    port,
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Detaching rolls back and resets whatever each client left in the session.
      await Promise.all([...handlers.values()].map((handler) => handler.detach(true)));
      handlers.clear();
      await closed;
    },
  };
}
