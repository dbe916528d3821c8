// GoTrue's error responses. supabase-js reads `code` only when the response carries the API
// version header (contract §2.5), so every auth response sets it, and the body carries both
// the 2024-01-01 shape (`code`, `message`) and the legacy one (`error_code`, `msg`).
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export const API_VERSION_HEADER = 'X-Supabase-Api-Version';
export const API_VERSION = '2024-01-01';

/** A refusal the client should see as-is (status, GoTrue error code, message). */
export class AuthFailure extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    /** Extra top-level body fields, e.g. `weak_password: { reasons }`. */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AuthFailure';
  }
}

export function authFailureResponse(c: Context, failure: AuthFailure): Response {
  c.header(API_VERSION_HEADER, API_VERSION);
  return c.json(
    { code: failure.code, error_code: failure.code, message: failure.message, msg: failure.message, ...failure.extra },
    failure.status,
  );
}

export const invalidCredentials = () => new AuthFailure(400, 'invalid_credentials', 'Invalid login credentials');
export const validationFailed = (message: string) => new AuthFailure(400, 'validation_failed', message);
