import assert from 'node:assert/strict';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { SignJWT, UnsecuredJWT, createLocalJWKSet, decodeProtectedHeader, generateKeyPair, jwtVerify } from 'jose';
import { JwtVerificationError, LOCAL_JWT_SECRET, loadKeySet } from './keys.js';

// The keys `supabase start` prints; tools and docs hard-code them.
const WELL_KNOWN_ANON_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';
const WELL_KNOWN_SERVICE_ROLE_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU';

const now = () => Math.floor(Date.now() / 1000);

async function verifyFailure(promise: Promise<unknown>): Promise<JwtVerificationError> {
  const error = await promise.then(
    () => assert.fail('the token was accepted'),
    (reason: unknown) => reason,
  );
  assert.ok(error instanceof JwtVerificationError, `expected JwtVerificationError, got ${String(error)}`);
  return error;
}

describe('loadKeySet', () => {
  const folders: string[] = [];
  after(async () => {
    await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
  });

  it('signs the legacy API keys exactly as Supabase local development does', async () => {
    const keys = await loadKeySet({ keyFile: null });
    assert.equal(keys.jwtSecret, LOCAL_JWT_SECRET);
    assert.equal(keys.anonKey, WELL_KNOWN_ANON_KEY);
    assert.equal(keys.serviceRoleKey, WELL_KNOWN_SERVICE_ROLE_KEY);
    assert.deepEqual(await keys.verify(keys.anonKey), { iss: 'supabase-demo', role: 'anon', exp: 1983812996 });
    assert.equal((await keys.verify(keys.serviceRoleKey))['role'], 'service_role');
  });

  it('signs the API keys with a custom secret, and only that secret verifies them', async () => {
    const custom = await loadKeySet({ jwtSecret: 'another-secret-that-is-at-least-32-characters', keyFile: null });
    assert.notEqual(custom.anonKey, WELL_KNOWN_ANON_KEY);
    assert.equal((await custom.verify(custom.anonKey))['role'], 'anon');
    const defaults = await loadKeySet({ keyFile: null });
    assert.equal((await verifyFailure(defaults.verify(custom.anonKey))).reason, 'invalid');
  });

  it('signs access tokens ES256 with a kid that the published JWKS verifies', async () => {
    const keys = await loadKeySet({ keyFile: null });
    const token = await keys.signAccessToken({ sub: 'user-1', role: 'authenticated', exp: now() + 60 });
    const header = decodeProtectedHeader(token);
    assert.equal(header.alg, 'ES256');

    const jwks = keys.jwks();
    assert.equal(jwks.keys.length, 1);
    const [published] = jwks.keys;
    assert.equal(header.kid, published?.['kid']);
    assert.deepEqual(Object.keys(published ?? {}).sort(), ['alg', 'crv', 'key_ops', 'kid', 'kty', 'use', 'x', 'y']);
    assert.equal(published?.['alg'], 'ES256');
    assert.equal(published?.['use'], 'sig');
    assert.deepEqual(published?.['key_ops'], ['verify']);
    assert.equal(published?.['d'], undefined, 'the private part must never be published');

    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks as Parameters<typeof createLocalJWKSet>[0]));
    assert.equal(payload.sub, 'user-1');
    assert.equal((await keys.verify(token)).sub, 'user-1');
  });

  it('accepts HS256 tokens only as the API keys: anon or service_role, naming no user', async () => {
    const keys = await loadKeySet({ keyFile: null });
    const secret = new TextEncoder().encode(LOCAL_JWT_SECRET);
    const mint = (claims: Record<string, unknown>) => new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('5m').sign(secret);
    assert.equal((await keys.verify(await mint({ role: 'service_role' })))['role'], 'service_role');
    assert.equal((await keys.verify(keys.anonKey))['role'], 'anon');

    const asUser = await verifyFailure(keys.verify(await mint({ sub: 'tool', role: 'authenticated' })));
    assert.equal(asUser.reason, 'invalid');
    assert.match(asUser.message, /only accepted as the anon or service_role API key/);
    assert.equal((await verifyFailure(keys.verify(await mint({ sub: 'victim', role: 'anon' })))).reason, 'invalid');
    assert.equal((await verifyFailure(keys.verify(await mint({ sub: 'victim', role: 'service_role' })))).reason, 'invalid');
    assert.equal((await verifyFailure(keys.verify(await mint({ role: 'postgres' })))).reason, 'invalid');
  });

  it('reports expired tokens as expired, for both algorithms', async () => {
    const keys = await loadKeySet({ keyFile: null });
    const expiredEs = await keys.signAccessToken({ sub: 'u', exp: now() - 10 });
    assert.equal((await verifyFailure(keys.verify(expiredEs))).reason, 'expired');
    const expiredHs = await new SignJWT({ role: 'anon' })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime(now() - 10)
      .sign(new TextEncoder().encode(LOCAL_JWT_SECRET));
    const failure = await verifyFailure(keys.verify(expiredHs));
    assert.equal(failure.reason, 'expired');
    assert.match(failure.message, /expired/);
  });

  it('rejects alg none, foreign keys, unknown kids, other algorithms and garbage as invalid', async () => {
    const keys = await loadKeySet({ keyFile: null });
    const unsecured = new UnsecuredJWT({ sub: 'u', role: 'service_role' }).setExpirationTime('5m').encode();
    assert.equal((await verifyFailure(keys.verify(unsecured))).reason, 'invalid');

    const kid = decodeProtectedHeader(await keys.signAccessToken({ sub: 'u' })).kid!;
    const { privateKey: foreignKey } = await generateKeyPair('ES256');
    const forgedWithOurKid = await new SignJWT({ sub: 'u' }).setProtectedHeader({ alg: 'ES256', kid }).setExpirationTime('5m').sign(foreignKey);
    const forged = await verifyFailure(keys.verify(forgedWithOurKid));
    assert.equal(forged.reason, 'invalid');
    assert.match(forged.message, /signature/);

    const otherKid = await new SignJWT({ sub: 'u' }).setProtectedHeader({ alg: 'ES256', kid: 'other' }).setExpirationTime('5m').sign(foreignKey);
    assert.equal((await verifyFailure(keys.verify(otherKid))).reason, 'invalid');

    const hs512 = await new SignJWT({ sub: 'u' })
      .setProtectedHeader({ alg: 'HS512' })
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(LOCAL_JWT_SECRET.repeat(2)));
    assert.equal((await verifyFailure(keys.verify(hs512))).reason, 'invalid');

    const wrongSecret = await new SignJWT({ sub: 'u' }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('x'.repeat(40)));
    assert.equal((await verifyFailure(keys.verify(wrongSecret))).reason, 'invalid');

    assert.equal((await verifyFailure(keys.verify('not-a-jwt'))).reason, 'invalid');
    assert.equal((await verifyFailure(keys.verify('sb_publishable_abc'))).reason, 'invalid');
  });

  it('persists the signing key in a 0600 file so tokens survive a restart', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'jd-keys-'));
    folders.push(folder);
    const keyFile = join(folder, 'nested', 'signing-key.json');

    const first = await loadKeySet({ keyFile });
    const token = await first.signAccessToken({ sub: 'survivor', exp: now() + 60 });
    assert.equal((await stat(keyFile)).mode & 0o777, 0o600);

    const restarted = await loadKeySet({ keyFile });
    assert.deepEqual(restarted.jwks(), first.jwks());
    assert.equal((await restarted.verify(token)).sub, 'survivor');

    const inMemory = await loadKeySet({ keyFile: null });
    assert.notDeepEqual(inMemory.jwks(), first.jwks(), 'an in-memory key set generates its own key');
    assert.equal((await verifyFailure(inMemory.verify(token))).reason, 'invalid');
  });

  it('agrees on one key when several key sets create the file at the same time', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'jd-keys-'));
    folders.push(folder);
    const keyFile = join(folder, 'signing-key.json');
    const sets = await Promise.all(Array.from({ length: 5 }, () => loadKeySet({ keyFile })));
    const kids = new Set(sets.map((set) => set.jwks().keys[0]?.['kid']));
    assert.equal(kids.size, 1);
  });
});
