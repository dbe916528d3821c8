// Turns a Postgres error into the response PostgREST would send: the SQLSTATE becomes the
// `code`, PG's message/detail/hint pass through, and the status follows PostgREST's table
// (src/PostgREST/Error.hs, mapSQLtoHTTP), including `RAISE SQLSTATE 'PTxyz'` and the
// `RAISE SQLSTATE 'PGRST'` form that controls the whole response.
import type { ApiRole } from '../../db/serial-database.js';
import { RestError } from './rest-error.js';

/** The fields of a Postgres error that PGlite's `DatabaseError` carries. */
export interface DatabaseErrorFields {
  readonly code: string;
  readonly message: string;
  readonly detail?: string | undefined;
  readonly hint?: string | undefined;
}

export function isDatabaseError(error: unknown): error is DatabaseErrorFields {
  if (!(error instanceof Error)) return false;
  const fields = error as Error & { code?: unknown; severity?: unknown };
  return typeof fields.code === 'string' && typeof fields.severity === 'string';
}

/**
 * The HTTP status for a SQLSTATE. `authenticated` distinguishes 401 (the anon role, which
 * could log in) from 403 for insufficient privilege, as PostgREST does.
 */
export function statusForSqlState(code: string, message: string, authenticated: boolean): number {
  if (code.startsWith('08')) return 503; // connection exception
  if (code.startsWith('09')) return 500; // triggered action exception
  if (code.startsWith('0L') || code.startsWith('0P')) return 403; // invalid grantor / role
  switch (code) {
    case '23503': // foreign_key_violation
    case '23505': // unique_violation
      return 409;
    case '25006': // read_only_sql_transaction
      return 405;
    case '21000': // cardinality_violation; pg-safeupdate's message is the client's fault
      return message.endsWith('requires a WHERE clause') ? 400 : 500;
    case '22023': // a role named in the JWT that does not exist
      return message.startsWith('role') && message.endsWith('does not exist') ? 401 : 400;
    case '53400': // configuration limit exceeded
      return 500;
    case '57P01': // terminating connection due to administrator command
      return 503;
    case 'P0001': // plain RAISE EXCEPTION
      return 400;
    case '42883': // undefined function
      return message.startsWith('function xmlagg(') ? 406 : 404;
    case '42P01': // undefined table
      return 404;
    case '42P17': // infinite recursion (usually in an RLS policy)
      return 500;
    case '42501': // insufficient privilege, including RLS violations on write
      return authenticated ? 403 : 401;
  }
  const serverSideClasses = ['25', '2D', '38', '39', '3B', '40', '54', '55', '57', '58', 'F0', 'HV', 'P0', 'XX'];
  if (serverSideClasses.some((prefix) => code.startsWith(prefix))) return 500;
  if (code.startsWith('28')) return 403; // invalid authorization specification
  if (code.startsWith('53')) return 503; // insufficient resources
  if (code.startsWith('PT')) {
    const status = Number(code.slice(2));
    return Number.isInteger(status) && status >= 200 && status <= 599 ? status : 500;
  }
  // Everything else is, for PostgREST, a problem with the request (22xxx data, 42xxx syntax…).
  return 400;
}

export function restErrorFromDatabase(error: DatabaseErrorFields, role: ApiRole): RestError {
  if (error.code === 'PGRST') return restErrorFromRaisedPgrst(error);
  const status = statusForSqlState(error.code, error.message, role !== 'anon');
  const headers: Record<string, string> = status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {};
  return new RestError(
    status,
    { code: error.code, message: error.message, details: error.detail ?? null, hint: error.hint ?? null },
    headers,
  );
}

/**
 * `RAISE SQLSTATE 'PGRST' USING MESSAGE = '{"code":…,"message":…}', DETAIL = '{"status":…,"headers":{…}}'`
 * lets a function choose the whole error response.
 */
function restErrorFromRaisedPgrst(error: DatabaseErrorFields): RestError {
  const body = parseJsonObject(error.message);
  if (body === null || typeof body.code !== 'string' || typeof body.message !== 'string') {
    return pgrstParseError(
      `Invalid JSON value for MESSAGE: '${error.message}'`,
      "MESSAGE must be a JSON object with obligatory keys: 'code', 'message' and optional keys: 'details', 'hint'.",
    );
  }
  if (error.detail === undefined) {
    return pgrstParseError(
      'DETAIL is missing in the RAISE statement',
      "DETAIL must be a JSON object with obligatory keys: 'status', 'headers' and optional key: 'status_text'.",
    );
  }
  const response = parseJsonObject(error.detail);
  const status = response?.status;
  const headers = response?.headers;
  if (
    response === null ||
    typeof status !== 'number' ||
    !Number.isInteger(status) ||
    status < 200 ||
    status > 599 ||
    typeof headers !== 'object' ||
    headers === null ||
    Array.isArray(headers)
  ) {
    return pgrstParseError(
      `Invalid JSON value for DETAIL: '${error.detail}'`,
      "DETAIL must be a JSON object with obligatory keys: 'status', 'headers' and optional key: 'status_text'.",
    );
  }
  const headerEntries = Object.entries(headers as Record<string, unknown>).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );
  return new RestError(
    status,
    {
      code: body.code,
      message: body.message,
      details: typeof body.details === 'string' ? body.details : null,
      hint: typeof body.hint === 'string' ? body.hint : null,
    },
    Object.fromEntries(headerEntries),
  );
}

function pgrstParseError(details: string, hint: string): RestError {
  return new RestError(500, {
    code: 'PGRST121',
    message: `Could not parse JSON in the "RAISE SQLSTATE 'PGRST'" error`,
    details,
    hint,
  });
}

function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
