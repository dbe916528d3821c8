// The PostgREST-compatible routes mounted at `/rest/v1`: tables and views, and `/rpc/<fn>`.
// The gateway's middleware has already handled CORS, the body limit, the API key and the JWT,
// and put the verified caller in `c.var.caller`.
import { Hono, type Context } from 'hono';
import type { DatabaseNotifications } from '../../db/notifications.js';
import type { SerialDatabase } from '../../db/serial-database.js';
import { silentLogger, type Logger } from '../../../signaling/ops/logger.js';
import type { GatewayEnv } from '../context.js';
import { isDatabaseError, restErrorFromDatabase } from './database-errors.js';
import { callFunction } from './function-call.js';
import { errorResponse, RestError, rootEndpointDisabled, unsupportedMethod } from './rest-error.js';
import { readRestRequest, type RestRequest } from './rest-request.js';
import { RoutineCache } from './routine-cache.js';
import { readTable } from './table-read.js';
import { deleteFromTable, insertIntoTable, updateTable } from './table-write.js';

export interface RestRoutesDeps {
  readonly database: SerialDatabase;
  /** Schemas reachable through `Accept-Profile`/`Content-Profile`; the first is the default. */
  readonly exposedSchemas?: readonly string[];
  /** Where server errors (500s) are logged. Default: nowhere. */
  readonly log?: Logger;
  /**
   * NOTIFY from the database, for `NOTIFY pgrst, 'reload schema'`. Without it the functions'
   * descriptions are read from the catalogs on every call instead of being cached.
   */
  readonly notifications?: DatabaseNotifications;
}

type Handler = (database: SerialDatabase, request: RestRequest, name: string) => Promise<Response>;

export function restRoutes(deps: RestRoutesDeps): Hono<GatewayEnv> {
  const exposedSchemas = deps.exposedSchemas ?? ['public'];
  const log = deps.log ?? silentLogger;
  const app = new Hono<GatewayEnv>();
  const routines = new RoutineCache();
  if (deps.notifications) {
    routines.followReloads(deps.notifications).catch((error: unknown) => {
      log.error({ error }, 'could not listen for schema reloads; function descriptions are read on every call');
    });
  }
  const callCachedFunction: Handler = (database, request, name) => callFunction(database, request, name, routines);

  const serve =
    (handler: Handler, kind: 'table' | 'function') =>
    async (c: Context<GatewayEnv>): Promise<Response> => {
      const name = c.req.param(kind === 'table' ? 'table' : 'fn') ?? '';
      try {
        const request = await readRestRequest(c, {
          exposedSchemas,
          pathForSettings: kind === 'table' ? `/${name}` : `/rpc/${name}`,
          isFunctionCall: kind === 'function',
        });
        return await handler(deps.database, request, name);
      } catch (error) {
        return errorResponse(toRestError(error, c, log));
      }
    };

  const refuse = (error: RestError) => () => errorResponse(error);

  // PostgREST serves an OpenAPI description here; this gateway does not.
  app.get('/', refuse(rootEndpointDisabled()));

  // HEAD is dispatched to GET routes by Hono; the handlers leave the body out for HEAD.
  app.get('/rpc/:fn', serve(callCachedFunction, 'function'));
  app.post('/rpc/:fn', serve(callCachedFunction, 'function'));
  app.on(['PUT', 'PATCH', 'DELETE'], '/rpc/:fn', (c) =>
    errorResponse(
      new RestError(405, {
        code: 'PGRST101',
        message: `Cannot use the ${c.req.method} method on RPC`,
        details: null,
        hint: null,
      }),
    ),
  );

  app.get('/:table', serve(readTable, 'table'));
  app.post('/:table', serve(insertIntoTable, 'table'));
  app.patch('/:table', serve(updateTable, 'table'));
  app.delete('/:table', serve(deleteFromTable, 'table'));
  app.on(['PUT'], '/:table', (c) => errorResponse(unsupportedMethod(c.req.method)));

  return app;
}

/** Request errors pass through; Postgres errors map to PostgREST's; anything else is a 500 and is logged. */
function toRestError(error: unknown, c: Context<GatewayEnv>, log: Logger): RestError {
  if (error instanceof RestError) return logIfServerError(error, c, log);
  if (isDatabaseError(error)) return logIfServerError(restErrorFromDatabase(error, c.get('caller').role), c, log);
  log.error({ method: c.req.method, path: c.req.path, error }, 'unexpected error in a REST request');
  return new RestError(500, {
    code: 'PGRSTX00',
    message: error instanceof Error ? error.message : String(error),
    details: null,
    hint: null,
  });
}

function logIfServerError(error: RestError, c: Context<GatewayEnv>, log: Logger): RestError {
  if (error.status >= 500) log.error({ method: c.req.method, path: c.req.path, status: error.status, code: error.body.code, message: error.body.message }, 'REST request failed');
  return error;
}
