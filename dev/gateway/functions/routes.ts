// /functions/v1/<name>[/<path>]: Supabase's edge functions relay. It checks the caller's JWT
// when the function has verify_jwt (the default) and hands everything else to the function.
// CORS preflights, the apikey and the body limit are the gateway's middleware's business.
import { Hono, type Context } from 'hono';
import type { GatewayEnv } from '../context.js';
import type { KeySet } from '../keys.js';
import { functionNotFound, invalidJwt, missingAuthorization } from './error-responses.js';
import type { FunctionsRunner } from './runner.js';

/**
 * Bodies sent to functions are streamed, not held, so their limit is a file's size, not a JSON
 * request's: 256 MiB (tm-import reads TMX files chunk by chunk).
 */
export const MAX_FUNCTION_BODY_BYTES = 256 * 1024 * 1024;

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
function requestForFunction(c: Context<GatewayEnv>): Request {
  const url = new URL(c.req.url);
  // routePath is the matched pattern with the mount prefix, e.g. /functions/v1/:name/*.
  const nameSegment = c.req.routePath.split('/').indexOf(':name');
  url.pathname = '/' + url.pathname.split('/').slice(nameSegment).join('/');
  const hasBody = c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.req.raw.body !== null;
  return new Request(url, {
    method: c.req.method,
    headers: c.req.raw.headers,
    // Streamed through as it arrives (a 100 MB TMX import must not sit in the gateway's memory).
    body: hasBody ? limitedStream(c.req.raw.body!, MAX_FUNCTION_BODY_BYTES) : null,
    signal: c.req.raw.signal,
    duplex: 'half',
  } as RequestInit & { duplex: 'half' });
}

/** `body`, failing once more than `limit` bytes have passed (a chunked body has no length to check first). */
function limitedStream(body: ReadableStream<Uint8Array>, limit: number): ReadableStream<Uint8Array> {
  let size = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.length;
        if (size > limit) controller.error(new Error(`request body larger than ${limit} bytes`));
        else controller.enqueue(chunk);
      },
    }),
  );
}

function bodyTooLarge(): Response {
  return Response.json(
    { code: 'PGRST413', message: `Request body is larger than the limit of ${MAX_FUNCTION_BODY_BYTES} bytes for functions`, details: null, hint: null },
    { status: 413, headers: { Connection: 'close' } },
  );
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
    const declaredLength = Number(c.req.header('content-length') ?? 0);
    if (declaredLength > MAX_FUNCTION_BODY_BYTES) return bodyTooLarge();
    const response = await runner.invoke(name, requestForFunction(c));
    const exposed = response.headers.get('access-control-expose-headers');
    if (exposed) c.set('functionExposedHeaders', exposed);
    return response;
  });
  return app;
}
