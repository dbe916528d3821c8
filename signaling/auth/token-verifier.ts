// Access tokens: verified with whatever the deployment has (the local stack's KeySet, the
// project's JWKS, or the legacy HS256 secret), then reduced to what the servers need.
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, decodeProtectedHeader, type JWTPayload } from 'jose';
import type { ApiRole } from '../db/sql-access.js';

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

export async function verifyUser(verifier: TokenVerifier, token: string | null): Promise<VerifiedUser> {
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
  return {
    role: role as ApiRole,
    userId: typeof payload.sub === 'string' && payload.sub !== '' ? payload.sub : null,
    expiresAt: typeof payload.exp === 'number' ? payload.exp * 1000 : Infinity,
    claims: payload as Record<string, unknown>,
  };
}

export const isExpired = (user: VerifiedUser, now = Date.now()) => now >= user.expiresAt;

/**
 * For a standalone server against hosted Supabase: asymmetric user tokens through the project's
 * JWKS (`${supabaseUrl}/auth/v1/.well-known/jwks.json`, cached and refreshed by jose), HS256
 * through the legacy JWT secret when one is configured.
 */
export function createSupabaseTokenVerifier(options: { supabaseUrl?: string; jwtSecret?: string }): TokenVerifier {
  const jwks = options.supabaseUrl
    ? createRemoteJWKSet(new URL('/auth/v1/.well-known/jwks.json', options.supabaseUrl))
    : null;
  const secret = options.jwtSecret ? new TextEncoder().encode(options.jwtSecret) : null;
  if (!jwks && !secret) throw new Error('token verification needs SUPABASE_URL (JWKS) or SUPABASE_JWT_SECRET');
  return {
    async verify(token) {
      const { alg } = decodeProtectedHeader(token);
      // The algorithm decides the key, and each key accepts only its algorithm: no alg confusion.
      if (alg === 'HS256') {
        if (!secret) throw new Error('HS256 tokens need SUPABASE_JWT_SECRET');
        return (await jwtVerify(token, secret, { algorithms: ['HS256'] })).payload;
      }
      if (!jwks) throw new Error(`${String(alg)} tokens need SUPABASE_URL for the JWKS`);
      return (await jwtVerify(token, jwks, { algorithms: ['ES256', 'RS256', 'EdDSA'] })).payload;
    },
  };
}
