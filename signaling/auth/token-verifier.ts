// Access tokens: verified with whatever the deployment has (the local stack's KeySet, the
// project's JWKS, or the legacy HS256 secret), then reduced to what the servers need. HS256
// tokens are API keys only (api-key-claims.ts) unless the operator says otherwise.
import { readFileSync } from 'node:fs';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeProtectedHeader,
  errors as joseErrors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTPayload,
} from 'jose';
import type { ApiRole } from '../db/sql-access.js';
import { apiKeyClaimsProblem } from './api-key-claims.js';

/** Anything that verifies a JWT and returns its payload, throwing when it does not verify (KeySet fits). */
export interface TokenVerifier {
  verify(token: string): Promise<JWTPayload>;
}

export interface VerifiedUser {
  role: ApiRole;
  /** auth.users id (`sub`); null for API keys. */
  userId: string | null;
  /** Expiry in epoch milliseconds (Infinity without `exp`). */
  expiresAt: number;
  claims: Record<string, unknown>;
}

const ROLES: readonly ApiRole[] = ['anon', 'authenticated', 'service_role'];

export class TokenRejected extends Error {
  constructor(readonly reason: 'missing' | 'invalid' | 'expired', message: string) {
    super(message);
    this.name = 'TokenRejected';
  }
}

/**
 * `now` (epoch ms) is the servers' clock: a token it says has expired is refused even when the
 * verifier's own check (jose, against the system time) let it through.
 */
export async function verifyUser(verifier: TokenVerifier, token: string | null, now: number = Date.now()): Promise<VerifiedUser> {
  if (!token) throw new TokenRejected('missing', 'no access token');
  let payload: JWTPayload;
  try {
    payload = await verifier.verify(token);
  } catch (error) {
    const expired = (error as { reason?: string }).reason === 'expired' || error instanceof joseErrors.JWTExpired;
    throw new TokenRejected(expired ? 'expired' : 'invalid', error instanceof Error ? error.message : String(error));
  }
  const role = payload['role'];
  if (typeof role !== 'string' || !ROLES.includes(role as ApiRole)) throw new TokenRejected('invalid', `token role ${String(role)} is not an API role`);
  const user: VerifiedUser = {
    role: role as ApiRole,
    userId: typeof payload.sub === 'string' && payload.sub !== '' ? payload.sub : null,
    expiresAt: typeof payload.exp === 'number' ? payload.exp * 1000 : Infinity,
    claims: payload as Record<string, unknown>,
  };
  if (isExpired(user, now)) throw new TokenRejected('expired', '"exp" claim timestamp check failed');
  return user;
}

export const isExpired = (user: VerifiedUser, now = Date.now()) => now >= user.expiresAt;

export interface SupabaseTokenOptions {
  /** The project's URL: user tokens are checked against `${supabaseUrl}/auth/v1/.well-known/jwks.json`. */
  supabaseUrl?: string;
  /** Where the project's JWKS is served, when not under supabaseUrl (SUPABASE_JWKS_URL). */
  jwksUrl?: string;
  /** The project's JWKS itself, for a host that cannot reach the project (SUPABASE_JWKS_FILE). */
  jwks?: JSONWebKeySet;
  /** The legacy JWT secret (SUPABASE_JWT_SECRET): verifies the HS256 anon/service_role API keys. */
  jwtSecret?: string;
  /**
   * The project still signs user access tokens with the legacy secret (SUPABASE_HS256_USER_TOKENS):
   * HS256 tokens are then honoured for users too. Off by default, because whoever holds the
   * secret can then act as any user.
   */
  hs256UserTokens?: boolean;
}

/**
 * For a standalone server against hosted Supabase: asymmetric user tokens through the project's
 * JWKS (fetched from the project and cached and refreshed by jose, or given as a file), HS256
 * through the legacy JWT secret, as API keys only unless the operator says the project still
 * signs user tokens with it.
 */
export function createSupabaseTokenVerifier(options: SupabaseTokenOptions): TokenVerifier {
  const jwksAddress = options.jwksUrl || (options.supabaseUrl ? new URL('/auth/v1/.well-known/jwks.json', options.supabaseUrl).href : null);
  const jwks = options.jwks ? createLocalJWKSet(options.jwks) : jwksAddress ? createRemoteJWKSet(new URL(jwksAddress)) : null;
  const secret = options.jwtSecret ? new TextEncoder().encode(options.jwtSecret) : null;
  const hs256UserTokens = options.hs256UserTokens ?? false;
  if (hs256UserTokens && !secret) throw new Error('SUPABASE_HS256_USER_TOKENS needs SUPABASE_JWT_SECRET, the secret that signs them');
  if (!jwks && !hs256UserTokens) {
    throw new Error(
      secret
        ? 'SUPABASE_JWT_SECRET alone verifies only the anon/service_role API keys: set SUPABASE_URL (or SUPABASE_JWKS_URL / SUPABASE_JWKS_FILE) for user tokens, or SUPABASE_HS256_USER_TOKENS=true if the project still signs user tokens with its legacy secret'
        : 'token verification needs SUPABASE_URL (or SUPABASE_JWKS_URL / SUPABASE_JWKS_FILE) for user tokens, and SUPABASE_JWT_SECRET for the legacy API keys',
    );
  }
  return {
    async verify(token) {
      const { alg } = decodeProtectedHeader(token);
      // The algorithm decides the key, and each key accepts only its algorithm: no alg confusion.
      if (alg === 'HS256') {
        if (!secret) throw new Error('HS256 tokens need SUPABASE_JWT_SECRET');
        const { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'] });
        const problem = hs256UserTokens ? null : apiKeyClaimsProblem(payload);
        if (problem) throw new Error(`${problem} (set SUPABASE_HS256_USER_TOKENS=true if the project still signs user tokens with its legacy secret)`);
        return payload;
      }
      if (!jwks) throw new Error(`${String(alg)} tokens need the project's JWKS (SUPABASE_URL, SUPABASE_JWKS_URL or SUPABASE_JWKS_FILE)`);
      return (await jwtVerify(token, jwks, { algorithms: ['ES256', 'RS256', 'EdDSA'] })).payload;
    },
  };
}

/** The verifier's options from the operator's environment (see signaling/main.ts). */
export function supabaseTokenOptionsFromEnv(env: NodeJS.ProcessEnv): SupabaseTokenOptions {
  const jwksFile = env['SUPABASE_JWKS_FILE'];
  return {
    supabaseUrl: env['SUPABASE_URL'] || undefined,
    jwksUrl: env['SUPABASE_JWKS_URL'] || undefined,
    jwks: jwksFile ? readJwksFile(jwksFile) : undefined,
    jwtSecret: env['SUPABASE_JWT_SECRET'] || undefined,
    hs256UserTokens: booleanSetting(env, 'SUPABASE_HS256_USER_TOKENS'),
  };
}

function booleanSetting(env: NodeJS.ProcessEnv, name: string): boolean {
  const value = env[name];
  if (value === undefined || value === '' || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1') return true;
  throw new Error(`${name} must be true or false, got "${value}"`);
}

function readJwksFile(file: string): JSONWebKeySet {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`SUPABASE_JWKS_FILE ${file} could not be read as JSON: ${(error as Error).message}`);
  }
  const keys = (parsed as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.length === 0) throw new Error(`SUPABASE_JWKS_FILE ${file} is not a JWKS: it needs a non-empty "keys" array`);
  return parsed as JSONWebKeySet;
}
