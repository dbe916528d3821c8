// /functions/v1/<name>[/<path>]: Supabase's edge functions relay. It checks the caller's JWT
// when the function has verify_jwt (the default) and hands everything else to the function.
// CORS preflights, the apikey and the body limit are the gateway's middleware's business.
import { Hono, type Context } from 'hono';
import type { GatewayEnv } from '../context.js';
import type { KeySet } from '../keys.js';
import { functionNotFound, invalidJwt, missingAuthorization } from './error-responses.js';
import type { FunctionsRunner } from './runner.js';

export interface FunctionsRoutesDeps {
  runner: FunctionsRunner;
  keys: Pick<KeySet, 'verify'>;
}

/** Null when the caller may go on, else the 401 hosted Supabase answers with. */
async function jwtRejection(authorization: string | undefined, keys: FunctionsRoutesDeps['keys']) {
  if (!authorization) return missingAuthorization();
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
  if (!token) return invalidJwt();
  try {
    await keys.verify(token);
    return null;
  } catch {
    return invalidJwt();
  }
}

/**
 * The request the function receives: its path starts at `/<name>` (as on hosted Supabase,
 * where functions route on `/<name>/...`), taken raw from the URL so encoded characters stay
 * encoded; query, method, headers and body are the caller's.
 */
async function requestForFunction(c: Context<GatewayEnv>): Promise<Request> {
  const url = new URL(c.req.url);
  // routePath is the matched pattern with the mount prefix, e.g. /functions/v1/:name/*.
  const nameSegment = c.req.routePath.split('/').indexOf(':name');
  url.pathname = '/' + url.pathname.split('/').slice(nameSegment).join('/');
  const hasBody = c.req.method !== 'GET' && c.req.method !== 'HEAD';
  return new Request(url, {
    method: c.req.method,
    headers: c.req.raw.headers,
    body: hasBody ? await c.req.raw.arrayBuffer() : null,
    signal: c.req.raw.signal,
  });
}

export function functionsRoutes({ runner, keys }: FunctionsRoutesDeps): Hono<GatewayEnv> {
  const app = new Hono<GatewayEnv>();
  // `/:name/*` matches `/:name` too.
  app.all('/:name/*', async (c) => {
    const name = c.req.param('name');
    // An unknown function is a 404 whatever the credentials, as on hosted Supabase.
    if (!runner.exists(name)) return functionNotFound();
    // OPTIONS carries no credentials (a preflight the gateway did not answer reaches the function).
    if (c.req.method !== 'OPTIONS' && runner.verifyJwt(name)) {
      const rejection = await jwtRejection(c.req.header('authorization'), keys);
      if (rejection) return rejection;
    }
    return runner.invoke(name, await requestForFunction(c));
  });
  return app;
}
