// The keys of the local stack: the HS256 secret behind the legacy anon/service_role API keys
// (byte-for-byte the ones `supabase start` prints), and an ES256 key pair that signs user
// access tokens and is published as JWKS so supabase-js `getClaims()` can verify locally.
import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  SignJWT,
  decodeProtectedHeader,
  errors as joseErrors,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from 'jose';
import { apiKeyClaimsProblem } from '../../signaling/auth/api-key-claims.js';
import { cachingVerifier } from './verified-token-cache.js';

/** Supabase's well-known local development secret, used by `supabase start` too. */
export const LOCAL_JWT_SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';

/** The expiry Supabase's local stack puts in its demo API keys (2032-11-11). */
const DEMO_KEY_EXPIRY = 1983812996;

export type JwtFailure = 'expired' | 'invalid';

/** Why a token was refused; the message reads like golang-jwt's so GoTrue-style errors can embed it. */
export class JwtVerificationError extends Error {
  readonly reason: JwtFailure;
  constructor(reason: JwtFailure, message: string) {
    super(message);
    this.name = 'JwtVerificationError';
    this.reason = reason;
  }
}

export interface KeySet {
  /** HS256 secret: signs the legacy anon/service_role API keys, and verifies them. */
  readonly jwtSecret: string;
  /** `{"iss":"supabase-demo","role":"anon","exp":1983812996}` signed HS256 with jwtSecret. */
  readonly anonKey: string;
  readonly serviceRoleKey: string;
  /** Signs a user access token (asymmetric, with a `kid` header, published in jwks()). */
  signAccessToken(claims: JWTPayload): Promise<string>;
  /**
   * Verifies an access token or API key: ES256 user tokens with our kid, and HS256 tokens only
   * as API keys (role anon or service_role, no sub), since the HS256 secret is public on the
   * local stack. Throws JwtVerificationError. A token that passed is remembered until it expires
   * (verified-token-cache.ts), so the signature of a token sent again is not checked again.
   */
  verify(token: string): Promise<JWTPayload>;
  /** Public keys as served at /auth/v1/.well-known/jwks.json. */
  jwks(): { keys: Record<string, unknown>[] };
}

/** What the key file holds: one private EC P-256 JWK, with its kid. */
interface StoredSigningKey extends JWK {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  d: string;
  kid: string;
}

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: { kty: 'EC'; crv: 'P-256'; x: string; y: string };
}

/** keyFile: where the signing key pair persists across restarts; null keeps it in memory. */
export async function loadKeySet(options: { jwtSecret?: string; keyFile: string | null }): Promise<KeySet> {
  const jwtSecret = options.jwtSecret ?? LOCAL_JWT_SECRET;
  const hmacKey = new TextEncoder().encode(jwtSecret);
  const stored = options.keyFile === null ? await generateSigningKey() : await readOrCreateKeyFile(options.keyFile);
  const signing = await importSigningKey(stored);

  const [anonKey, serviceRoleKey] = await Promise.all(
    (['anon', 'service_role'] as const).map((role) =>
      // Header and payload field order matter: they make the output identical to Supabase's demo keys.
      new SignJWT({ iss: 'supabase-demo', role, exp: DEMO_KEY_EXPIRY })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .sign(hmacKey),
    ),
  ) as [string, string];

  return {
    jwtSecret,
    anonKey,
    serviceRoleKey,
    signAccessToken: (claims) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: signing.kid, typ: 'JWT' }).sign(signing.privateKey),
    verify: cachingVerifier((token) => verifyToken(token, hmacKey, signing)),
    jwks: () => ({
      keys: [{ ...signing.publicJwk, kid: signing.kid, alg: 'ES256', use: 'sig', key_ops: ['verify'] }],
    }),
  };
}

async function verifyToken(token: string, hmacKey: Uint8Array, signing: SigningKey): Promise<JWTPayload> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    throw new JwtVerificationError('invalid', 'token is malformed: could not decode the header');
  }
  try {
    // The algorithm is pinned per key so a token cannot pick how it is checked (alg confusion, `none`).
    if (header.alg === 'ES256') {
      if (header.kid !== signing.kid) {
        throw new JwtVerificationError('invalid', `token is unverifiable: no key with kid "${String(header.kid)}"`);
      }
      return (await jwtVerify(token, signing.publicKey, { algorithms: ['ES256'] })).payload;
    }
    if (header.alg === 'HS256') {
      const { payload } = await jwtVerify(token, hmacKey, { algorithms: ['HS256'] });
      const problem = apiKeyClaimsProblem(payload);
      if (problem) throw new JwtVerificationError('invalid', `token is unverifiable: ${problem}`);
      return payload;
    }
    throw new JwtVerificationError('invalid', `token is unverifiable: signing method ${String(header.alg)} is invalid`);
  } catch (error) {
    throw toVerificationError(error);
  }
}

function toVerificationError(error: unknown): JwtVerificationError {
  if (error instanceof JwtVerificationError) return error;
  if (error instanceof joseErrors.JWTExpired) {
    return new JwtVerificationError('expired', 'token has invalid claims: token is expired');
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) {
    return new JwtVerificationError('invalid', 'token signature is invalid: signature is invalid');
  }
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    return new JwtVerificationError('invalid', `token has invalid claims: ${error.message}`);
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new JwtVerificationError('invalid', `token is malformed: ${detail}`);
}

async function generateSigningKey(): Promise<StoredSigningKey> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  const { kty, crv, x, y, d } = jwk;
  if (kty !== 'EC' || crv !== 'P-256' || !x || !y || !d) throw new Error('generated key is not an EC P-256 private key');
  // The kid is stored with the key, so tokens and cached JWKS stay valid across restarts.
  return { kty: 'EC', crv: 'P-256', x, y, d, kid: randomUUID() };
}

async function readOrCreateKeyFile(keyFile: string): Promise<StoredSigningKey> {
  const existing = await readKeyFile(keyFile);
  if (existing) return existing;

  const created = await generateSigningKey();
  await mkdir(dirname(keyFile), { recursive: true });
  // Written to a private temporary file, then hard-linked into place: link() fails if another
  // process created the key first, so two stacks starting together agree on one key.
  const temporary = `${keyFile}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(temporary, `${JSON.stringify(created, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(temporary, keyFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const winner = await readKeyFile(keyFile);
    if (!winner) throw new Error(`key file ${keyFile} vanished while it was being created`);
    return winner;
  } finally {
    await unlink(temporary);
  }
  return created;
}

async function readKeyFile(keyFile: string): Promise<StoredSigningKey | null> {
  let text: string;
  try {
    text = await readFile(keyFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let parsed: Partial<StoredSigningKey>;
  try {
    parsed = JSON.parse(text) as Partial<StoredSigningKey>;
  } catch {
    throw new Error(`key file ${keyFile} is not JSON; delete it to generate a new signing key`);
  }
  const { kty, crv, x, y, d, kid } = parsed;
  if (kty !== 'EC' || crv !== 'P-256' || !x || !y || !d || !kid) {
    throw new Error(`key file ${keyFile} does not hold an EC P-256 private JWK with a kid; delete it to generate a new one`);
  }
  return { kty, crv, x, y, d, kid };
}

async function importSigningKey(stored: StoredSigningKey): Promise<SigningKey> {
  const { kty, crv, x, y, kid } = stored;
  const publicJwk = { kty, crv, x, y };
  const [privateKey, publicKey] = await Promise.all([
    importJWK(stored, 'ES256') as Promise<CryptoKey>,
    importJWK(publicJwk, 'ES256') as Promise<CryptoKey>,
  ]);
  return { kid, privateKey, publicKey, publicJwk };
}
