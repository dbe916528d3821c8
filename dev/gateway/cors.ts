// CORS as Supabase's gateway (Kong's cors plugin with defaults) answers it: preflights are
// answered before any key check, requested headers are echoed, and the headers the client
// must read (counts, auth error codes, relay errors) are exposed.
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { GatewayEnv } from './context.js';

export const EXPOSED_HEADERS = [
  'Content-Range',
  'Range-Unit',
  'Content-Location',
  'Location',
  'Preference-Applied',
  'X-Supabase-Api-Version',
  'x-relay-error',
  'Retry-After',
];

const kongCors = cors({
  origin: '*',
  allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
  // Empty: hono echoes Access-Control-Request-Headers, which is what Kong does.
  allowHeaders: [],
  exposeHeaders: EXPOSED_HEADERS,
  maxAge: 86400,
});

/**
 * Kong's CORS, plus the headers a function exposes itself (a download's Content-Disposition):
 * hosted functions set their own CORS headers, and hono's cors would otherwise replace them with
 * the gateway's list.
 */
export const gatewayCors = (): MiddlewareHandler<GatewayEnv> => async (c, next) => {
  // A preflight is answered by hono's cors itself, with a response of its own.
  const preflight = await kongCors(c, next);
  if (preflight) return preflight;
  const own = c.get('functionExposedHeaders');
  if (!own) return;
  const names = new Set([...EXPOSED_HEADERS, ...own.split(',').map((name) => name.trim()).filter(Boolean)]);
  c.res.headers.set('Access-Control-Expose-Headers', [...names].join(','));
};
