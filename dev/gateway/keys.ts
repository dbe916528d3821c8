// INTERFACE (implemented by the auth helper). Keep signatures stable: the gateway and sync server code against them.
import type { JWTPayload } from 'jose';

/** Supabase's well-known local development secret, used by `supabase start` too. */
export const LOCAL_JWT_SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';

export type JwtFailure = 'expired' | 'invalid';
export declare class JwtVerificationError extends Error {
  readonly reason: JwtFailure;
}

export interface KeySet {
  /** HS256 secret: signs the legacy anon/service_role API keys, and verifies HS256 tokens. */
  readonly jwtSecret: string;
  /** `{"iss":"supabase-demo","role":"anon","exp":1983812996}` signed HS256 with jwtSecret. */
  readonly anonKey: string;
  readonly serviceRoleKey: string;
  /** Signs a user access token (asymmetric, with a `kid` header, published in jwks()). */
  signAccessToken(claims: JWTPayload): Promise<string>;
  /** Verifies an access token or API key (ES256 user tokens, HS256 legacy keys). Throws JwtVerificationError. */
  verify(token: string): Promise<JWTPayload>;
  /** Public keys as served at /auth/v1/.well-known/jwks.json. */
  jwks(): { keys: Record<string, unknown>[] };
}

/** keyFile: where the signing key pair persists across restarts; null keeps it in memory. */
export declare function loadKeySet(options: { jwtSecret?: string; keyFile: string | null }): Promise<KeySet>;
