// Test support: the auth routes mounted at /auth/v1 in a bare hono app (no gateway middleware),
// on a real PGlite database with the platform files applied, served on a free port.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { openDatabase } from '../../db/open-database.js';
import { SerialDatabase } from '../../db/serial-database.js';
import type { GatewayEnv } from '../context.js';
import { loadKeySet, type KeySet } from '../keys.js';
import { authRoutes, type AuthSettings } from './routes.js';

export interface AuthTestServer {
  url: string;
  keys: KeySet;
  pg: PGlite;
  settings: AuthSettings;
  close(): Promise<void>;
}

export async function startAuthTestServer(overrides: Partial<AuthSettings> = {}): Promise<AuthTestServer> {
  const { pg } = await openDatabase({ dataDir: 'memory' });
  const database = new SerialDatabase(pg);
  const keys = await loadKeySet({ keyFile: null });

  // The issuer names the server's own URL, known only once it listens: requests are handed
  // to the app through this variable once it is built.
  let handle: (request: Request, env: unknown) => Response | Promise<Response> = () => new Response('starting', { status: 503 });
  // env carries Node's request, from which the routes read the client's address.
  const server = serve({ fetch: (request, env) => handle(request, env), port: 0, hostname: '127.0.0.1' });
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const settings: AuthSettings = {
    issuer: `${url}/auth/v1`,
    jwtExpirySeconds: 3600,
    anonymousSignIns: true,
    signups: true,
    minimumPasswordLength: 6,
    ...overrides,
  };
  const app = new Hono<GatewayEnv>().route('/auth/v1', authRoutes({ database, keys, settings }));
  handle = app.fetch;

  return {
    url,
    keys,
    pg,
    settings,
    close: async () => {
      server.close();
      await pg.close();
    },
  };
}
