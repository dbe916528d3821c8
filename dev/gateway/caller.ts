// Who is calling: the API key gate (Kong's key-auth in hosted Supabase) and the bearer
// token that PostgREST turns into a role and `request.jwt.claims`.
import type { Context, MiddlewareHandler } from 'hono';
import type { ApiRole } from '../db/serial-database.js';
import type { GatewayEnv, Caller } from './context.js';
import { JwtVerificationError, type KeySet } from './keys.js';

const API_ROLES: readonly ApiRole[] = ['anon', 'authenticated', 'service_role'];

/** Opaque publishable keys are sent as apikey and bearer; they mean anon. */
const isPublishableKey = (key: string) => key.startsWith('sb_publishable_');
const looksLikeJwt = (token: string) => token.split('.').length === 3;

export function readApiKey(c: Context): string | null {
  return c.req.header('apikey') ?? new URL(c.req.url).searchParams.get('apikey');
}

function bearerOf(c: Context): string | null {
  const header = c.req.header('authorization');
  const match = header?.match(/^Bearer\s+(.+)$/i);
  return match?.[1]?.trim() ?? null;
}

/** Kong's answers, word for word, so tools written for Supabase recognise them. */
export function requireApiKey(keys: KeySet): MiddlewareHandler<GatewayEnv> {
  return async (c, next) => {
    const apiKey = readApiKey(c);
    if (!apiKey) {
      return c.json(
        { message: 'No API key found in request', hint: 'No `apikey` request header or url param was found.' },
        401,
      );
    }
    if (!isPublishableKey(apiKey)) {
      try {
        await keys.verify(apiKey);
      } catch {
        return c.json({ message: 'Invalid API key', hint: 'Double check your Supabase `anon` or `service_role` API key.' }, 401);
      }
    }
    return next();
  };
}

function postgrestJwtError(c: Context, error: unknown) {
  const expired = error instanceof JwtVerificationError && error.reason === 'expired';
  c.header('WWW-Authenticate', `Bearer error="invalid_token", error_description="${expired ? 'JWT expired' : 'invalid JWT'}"`);
  return c.json(
    expired
      ? { code: 'PGRST303', message: 'JWT expired', details: null, hint: null }
      : { code: 'PGRST301', message: 'No suitable key or wrong key type', details: null, hint: null },
    401,
  );
}

/**
 * Resolves `c.var.caller` as PostgREST does: the bearer token (or, with none, the apikey)
 * decides the role; a bad or expired JWT is refused before any SQL runs.
 */
export function resolveCaller(keys: KeySet): MiddlewareHandler<GatewayEnv> {
  return async (c, next) => {
    const apiKey = readApiKey(c);
    const token = bearerOf(c) ?? apiKey;
    let caller: Caller = { role: 'anon', claims: { role: 'anon' }, token };
    if (token && looksLikeJwt(token) && !isPublishableKey(token)) {
      let claims: Record<string, unknown>;
      try {
        claims = (await keys.verify(token)) as Record<string, unknown>;
      } catch (error) {
        return postgrestJwtError(c, error);
      }
      const role = claims['role'];
      if (typeof role !== 'string' || !API_ROLES.includes(role as ApiRole)) {
        return c.json(
          { code: 'PGRST301', message: `JWT role "${String(role)}" is not one of ${API_ROLES.join(', ')}`, details: null, hint: null },
          401,
        );
      }
      caller = { role: role as ApiRole, claims, token };
    }
    c.set('caller', caller);
    return next();
  };
}
