// Everything a REST handler reads from the HTTP request, resolved once: the schema chosen by
// the profile headers, the parsed query string, the Prefer header, the negotiated response
// shape, and the scope the database applies as PostgREST's request settings.
import type { Context } from 'hono';
import type { RequestScope } from '../../db/serial-database.js';
import type { GatewayEnv } from '../context.js';
import { negotiateFormat, type ResponseFormat } from './media-type.js';
import { checkStrictPreferences, parsePreferences, type Preferences } from './preferences.js';
import { parseQueryString, readRequestQuery, type RequestQuery } from './query-params.js';
import { checkJsonLimits } from './json-limits.js';
import { invalidBody, unacceptableSchema } from './rest-error.js';

export type RestMethod = 'GET' | 'HEAD' | 'POST' | 'PATCH' | 'DELETE';

export interface RestRequest {
  readonly method: RestMethod;
  readonly schema: string;
  readonly query: RequestQuery;
  readonly preferences: Preferences;
  readonly format: ResponseFormat;
  readonly scope: RequestScope;
  /** The raw body text ('' when there is none). */
  readonly body: string;
}

/**
 * GET/HEAD choose the schema with `Accept-Profile`, writes with `Content-Profile` (what
 * supabase-js's `db.schema` / `.schema()` send); only exposed schemas may be named.
 */
function chooseSchema(method: RestMethod, headers: Record<string, string>, exposed: readonly string[]): string {
  const header = method === 'GET' || method === 'HEAD' ? headers['accept-profile'] : headers['content-profile'];
  const fallback = exposed[0] ?? 'public';
  if (header === undefined || header.trim() === '') return fallback;
  const schema = header.trim();
  if (!exposed.includes(schema)) throw unacceptableSchema(schema, exposed);
  return schema;
}

function lowerCasedHeaders(c: Context<GatewayEnv>): Record<string, string> {
  const headers: Record<string, string> = {};
  c.req.raw.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  return headers;
}

/**
 * @param pathForSettings the path PostgREST would see (`/todos`, `/rpc/add`), exposed to SQL
 *   as `request.path`; Supabase's gateway strips `/rest/v1` before PostgREST.
 */
export async function readRestRequest(
  c: Context<GatewayEnv>,
  options: { exposedSchemas: readonly string[]; pathForSettings: string; isFunctionCall: boolean },
): Promise<RestRequest> {
  const method = c.req.method.toUpperCase() as RestMethod;
  const headers = lowerCasedHeaders(c);
  const schema = chooseSchema(method, headers, options.exposedSchemas);
  const rawQuery = new URL(c.req.url).search;
  const isRead = method === 'GET' || method === 'HEAD';
  const query = readRequestQuery(parseQueryString(rawQuery), options.isFunctionCall && isRead);
  const preferences = parsePreferences(headers['prefer']);
  checkStrictPreferences(preferences);
  const format = negotiateFormat(headers['accept']);
  const caller = c.get('caller');
  const body = isRead ? '' : await c.req.text();
  return {
    method,
    schema,
    query,
    preferences,
    format,
    body,
    scope: { role: caller.role, claims: caller.claims, method, path: options.pathForSettings, headers },
  };
}

/**
 * Parses a JSON body; empty or malformed bodies are PostgREST's PGRST102, and so are bodies
 * nested deeper or wider than json-limits.ts allows (the text is what Postgres will parse).
 */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') throw invalidBody();
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    throw invalidBody();
  }
  checkJsonLimits(text);
  return value;
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
