// The Supabase-compatible HTTP gateway: one hono app that puts CORS, the body limit and the
// API key gate in front of the auth, REST and functions routes, the way Kong does in front of
// GoTrue, PostgREST and the edge runtime in a hosted project.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { DatabaseNotifications } from '../db/notifications.js';
import type { SerialDatabase } from '../db/serial-database.js';
import type { GatewayEnv } from './context.js';
import type { KeySet } from './keys.js';
import { gatewayCors } from './cors.js';
import { requireApiKey, resolveCaller } from './caller.js';
import { authRoutes, type AuthSettings } from './auth/routes.js';
import { restRoutes } from './rest/routes.js';
import { functionsRoutes } from './functions/routes.js';
import type { FunctionsRunner } from './functions/runner.js';
import { silentLogger, type Logger } from '../../signaling/ops/logger.js';

/** Requests larger than this are refused before they are read into memory. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface GatewayDeps {
  database: SerialDatabase;
  /** NOTIFY from the database (the REST routes' schema cache reloads on `NOTIFY pgrst`). */
  notifications?: DatabaseNotifications;
  keys: KeySet;
  functions: FunctionsRunner;
  auth: AuthSettings;
  /** Readiness of every service of the stack, for /health. */
  health: () => Promise<Record<string, boolean>>;
  /** Unexpected errors, the REST routes' server errors. Default: nowhere. */
  log?: Logger;
}

export function createGateway(deps: GatewayDeps): Hono<GatewayEnv> {
  const app = new Hono<GatewayEnv>();
  const log = deps.log ?? silentLogger;

  app.use('*', gatewayCors());
  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    // The rest of the body is never read, so the connection can't be reused: say so, or the
    // client's next request on it fails.
    onError: (c) => {
      c.header('Connection', 'close');
      return c.json({ code: 'PGRST413', message: `Request body is larger than the limit of ${MAX_BODY_BYTES} bytes`, details: null, hint: null }, 413);
    },
  });
  // Function bodies are streamed to the function under their own, larger limit (functions/routes.ts):
  // a file import (tm-import) reads its body chunk by chunk and must not be held here whole.
  app.use('*', (c, next) => (c.req.path.startsWith('/functions/v1/') ? next() : limitBody(c, next)));

  app.get('/health', async (c) => {
    const services = await deps.health();
    const ready = Object.values(services).every(Boolean);
    return c.json({ status: ready ? 'ok' : 'starting', services }, ready ? 200 : 503);
  });

  // Public key material is public: supabase-js fetches it without an apikey in some paths.
  const auth = authRoutes({ database: deps.database, keys: deps.keys, settings: deps.auth });
  app.get('/auth/v1/.well-known/jwks.json', (c) => c.json(deps.keys.jwks()));
  app.use('/auth/v1/*', requireApiKey(deps.keys));
  app.route('/auth/v1', auth);

  app.use('/rest/v1/*', requireApiKey(deps.keys), resolveCaller(deps.keys));
  app.route('/rest/v1', restRoutes({ database: deps.database, notifications: deps.notifications, log: log.child({ route: 'rest' }) }));

  // Hosted functions do not require an apikey; verify_jwt (per function) guards them.
  app.route('/functions/v1', functionsRoutes({ runner: deps.functions, keys: deps.keys }));

  app.notFound((c) => c.json({ message: 'no Route matched with those values' }, 404));
  app.onError((error, c) => {
    log.error({ method: c.req.method, path: c.req.path, error }, 'gateway error');
    return c.json({ message: 'An unexpected error occurred in the gateway' }, 500);
  });
  return app;
}
