// Tokens whose signature has already been checked, by token string, until they expire.
//
// Why: every REST request verifies two JWTs (the apikey and the bearer token), each an HMAC or
// ECDSA check through WebCrypto on libuv's thread pool; a client sends the same two tokens
// request after request, so the check is done once per token instead.
//
// What keeps it safe:
//  * only tokens that passed the full verification are stored, keyed by the exact token string
//    (a token differing by one byte is a miss and is verified);
//  * a stored token is answered only while its `exp` is in the future, compared as jose compares
//    it (whole seconds, no tolerance); from that second on it is dropped and the caller verifies
//    it again, so an expired token gets the same refusal as without the cache;
//  * tokens without a numeric `exp` are never stored (nothing says when to stop trusting them);
//  * the stored claims are frozen, so one request cannot change what the next one reads;
//  * at most `maxEntries` tokens, the least recently used dropped first, so a client sending
//    many valid tokens cannot grow the gateway's memory without bound.
// The signing keys never change while the gateway runs, so a token valid once stays valid until
// it expires (PostgREST, like this gateway, does not consult sessions for a JWT).
import type { JWTPayload } from 'jose';

export const DEFAULT_VERIFIED_TOKENS = 1000;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export class VerifiedTokenCache {
  private readonly entries = new Map<string, { payload: JWTPayload; exp: number }>();

  constructor(
    private readonly maxEntries = DEFAULT_VERIFIED_TOKENS,
    /** Milliseconds since the epoch (tests pass a clock they move). */
    private readonly now: () => number = Date.now,
  ) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new Error(`VerifiedTokenCache: maxEntries must be a positive whole number (got ${String(maxEntries)})`);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** The claims of a verified token that has not expired yet, else undefined. */
  get(token: string): JWTPayload | undefined {
    const entry = this.entries.get(token);
    if (entry === undefined) return undefined;
    this.entries.delete(token);
    // jose refuses a token once `exp <= now` in whole seconds.
    if (entry.exp <= Math.floor(this.now() / 1000)) return undefined;
    this.entries.set(token, entry); // most recently used last
    return entry.payload;
  }

  /** Remembers a token that has just passed verification; returns its (frozen) claims. */
  remember(token: string, payload: JWTPayload): JWTPayload {
    const frozen = deepFreeze(payload);
    if (typeof payload.exp !== 'number' || !Number.isFinite(payload.exp)) return frozen;
    this.entries.delete(token);
    this.entries.set(token, { payload: frozen, exp: payload.exp });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
    return frozen;
  }
}

/** `verify` with the cache in front: a hit skips the signature check, a miss verifies and remembers. */
export function cachingVerifier(
  verify: (token: string) => Promise<JWTPayload>,
  cache = new VerifiedTokenCache(),
): (token: string) => Promise<JWTPayload> {
  return async (token) => cache.get(token) ?? cache.remember(token, await verify(token));
}
