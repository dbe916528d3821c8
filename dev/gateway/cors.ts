// CORS as Supabase's gateway (Kong's cors plugin with defaults) answers it: preflights are
// answered before any key check, requested headers are echoed, and the headers the client
// must read (counts, auth error codes, relay errors) are exposed.
import { cors } from 'hono/cors';

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

export const gatewayCors = () =>
  cors({
    origin: '*',
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    // Empty: hono echoes Access-Control-Request-Headers, which is what Kong does.
    allowHeaders: [],
    exposeHeaders: EXPOSED_HEADERS,
    maxAge: 86400,
  });
