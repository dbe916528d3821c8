// The gateway's cache of verified tokens (verified-token-cache.ts), alone with a clock the test
// moves, and in front of the real key set (keys.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { JWTPayload } from 'jose';
import { JwtVerificationError, loadKeySet } from './keys.js';
import { cachingVerifier, VerifiedTokenCache } from './verified-token-cache.js';

const SECOND = 1000;

/** A verifier that accepts every token and counts the calls, with a clock the test sets. */
function countingVerifier(payloadOf: (token: string) => JWTPayload) {
  const calls: string[] = [];
  return { calls, verify: async (token: string) => (calls.push(token), payloadOf(token)) };
}

describe('VerifiedTokenCache', () => {
  test('a token sent again is answered from the cache, without verifying it again', async () => {
    const clock = { now: 1_000_000 * SECOND };
    const inner = countingVerifier(() => ({ sub: 'u1', role: 'authenticated', exp: 1_000_000 + 3600 }));
    const verify = cachingVerifier(inner.verify, new VerifiedTokenCache(10, () => clock.now));
    const first = await verify('token-a');
    const second = await verify('token-a');
    assert.equal(inner.calls.length, 1);
    assert.equal(second, first);
    assert.deepEqual(second, { sub: 'u1', role: 'authenticated', exp: 1_000_000 + 3600 });
  });

  test('from the second of its exp on, a cached token is verified again (and so refused as expired)', async () => {
    const clock = { now: 1_000_000 * SECOND };
    const exp = 1_000_000 + 60;
    let expired = false;
    const inner = countingVerifier(() => {
      if (expired) throw new JwtVerificationError('expired', 'token has invalid claims: token is expired');
      return { sub: 'u1', role: 'authenticated', exp };
    });
    const verify = cachingVerifier(inner.verify, new VerifiedTokenCache(10, () => clock.now));
    await verify('token-a');
    clock.now = exp * SECOND - 1; // still valid: jose refuses from exp on
    await verify('token-a');
    assert.equal(inner.calls.length, 1);
    clock.now = exp * SECOND;
    expired = true;
    await assert.rejects(verify('token-a'), (error: unknown) => error instanceof JwtVerificationError && error.reason === 'expired');
    assert.equal(inner.calls.length, 2);
  });

  test('a refused token is not remembered: it is verified (and refused) every time', async () => {
    let calls = 0;
    const verify = cachingVerifier(async () => {
      calls += 1;
      throw new JwtVerificationError('invalid', 'token signature is invalid: signature is invalid');
    });
    await assert.rejects(verify('forged'), JwtVerificationError);
    await assert.rejects(verify('forged'), JwtVerificationError);
    assert.equal(calls, 2);
  });

  test('a token without a numeric exp is never remembered', async () => {
    const inner = countingVerifier(() => ({ role: 'anon' }));
    const verify = cachingVerifier(inner.verify);
    await verify('no-exp');
    await verify('no-exp');
    assert.equal(inner.calls.length, 2);
  });

  test('the claims handed out are frozen, nested objects included, so no request can change the next one\'s', async () => {
    const inner = countingVerifier(() => ({ sub: 'u1', role: 'authenticated', exp: 4_000_000_000, app_metadata: { roles: ['a'] } }));
    const verify = cachingVerifier(inner.verify);
    const claims = (await verify('token-a')) as { role: string; app_metadata: { roles: string[] } };
    assert.throws(() => {
      claims.role = 'service_role';
    }, TypeError);
    assert.throws(() => claims.app_metadata.roles.push('b'), TypeError);
    assert.equal(((await verify('token-a')) as { role: string }).role, 'authenticated');
  });

  test('holds at most maxEntries tokens, dropping the least recently used', async () => {
    const inner = countingVerifier((token) => ({ sub: token, exp: 4_000_000_000 }));
    const cache = new VerifiedTokenCache(2);
    const verify = cachingVerifier(inner.verify, cache);
    await verify('a');
    await verify('b');
    await verify('a'); // a is now the most recently used
    await verify('c'); // drops b
    assert.equal(cache.size, 2);
    await verify('a');
    assert.deepEqual(inner.calls, ['a', 'b', 'c']);
    await verify('b');
    assert.deepEqual(inner.calls, ['a', 'b', 'c', 'b']);
  });

  test('refuses a size that is not a positive whole number, naming it', () => {
    assert.throws(() => new VerifiedTokenCache(0), /maxEntries must be a positive whole number \(got 0\)/);
  });
});

describe('the key set verifies a token once', () => {
  test('a user token and an API key verified twice give the same (cached) claims; a token differing by one byte is still refused', async () => {
    const keys = await loadKeySet({ keyFile: null });
    const token = await keys.signAccessToken({ sub: 'u1', role: 'authenticated', exp: Math.floor(Date.now() / 1000) + 3600 });
    assert.equal(await keys.verify(token), await keys.verify(token));
    assert.equal(await keys.verify(keys.anonKey), await keys.verify(keys.anonKey));

    // One character inside the signature (the last one may only carry padding bits).
    const at = token.length - 10;
    const tampered = token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
    await assert.rejects(keys.verify(tampered), (error: unknown) => error instanceof JwtVerificationError && error.reason === 'invalid');
  });

  test('an expired user token is refused as expired', async () => {
    const keys = await loadKeySet({ keyFile: null });
    const token = await keys.signAccessToken({ sub: 'u1', role: 'authenticated', exp: Math.floor(Date.now() / 1000) - 1 });
    await assert.rejects(keys.verify(token), (error: unknown) => error instanceof JwtVerificationError && error.reason === 'expired');
  });
});
