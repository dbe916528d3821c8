// The auth routes driven by the unmodified @supabase/supabase-js client, the way the widgets
// and the demo use them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { SignJWT, createRemoteJWKSet, decodeJwt, decodeProtectedHeader, generateKeyPair, jwtVerify } from 'jose';
import ws from 'ws';
import { startAuthTestServer, type AuthTestServer } from './test-server.js';

let server: AuthTestServer;
let emailCounter = 0;
const uniqueEmail = () => `person${++emailCounter}.${Date.now()}@example.com`;

function newClient(): SupabaseClient {
  return createClient(server.url, server.keys.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: ws as never },
  });
}

async function signedUp(client = newClient(), data: Record<string, unknown> = {}) {
  const email = uniqueEmail();
  const { data: result, error } = await client.auth.signUp({ email, password: 'secret123', options: { data } });
  assert.equal(error, null);
  assert.ok(result.session, 'auto-confirmed sign-up returns a session');
  return { client, email, session: result.session, user: result.user! };
}

describe('auth routes with supabase-js', () => {
  before(async () => {
    // No reuse grace: a replayed refresh token is refused at once.
    server = await startAuthTestServer({ refreshTokenReuseIntervalSeconds: 0 });
  });
  after(async () => {
    await server.close();
  });

  it('signUp returns a session and an auto-confirmed user, with the email lower-cased', async () => {
    const client = newClient();
    const email = uniqueEmail();
    const { data, error } = await client.auth.signUp({
      email: `  ${email.toUpperCase()}`,
      password: 'secret123',
      options: { data: { display_name: 'Ada' } },
    });
    assert.equal(error, null);
    const { session, user } = data;
    assert.ok(session && user);
    assert.equal(session.token_type, 'bearer');
    assert.equal(session.expires_in, 3600);
    assert.ok(Math.abs(session.expires_at! - (Math.floor(Date.now() / 1000) + 3600)) <= 5);
    assert.equal(user.email, email);
    assert.equal(user.aud, 'authenticated');
    assert.equal(user.role, 'authenticated');
    assert.equal(user.is_anonymous, false);
    assert.ok(user.email_confirmed_at);
    assert.deepEqual(user.app_metadata, { provider: 'email', providers: ['email'] });
    assert.equal(user.user_metadata['display_name'], 'Ada');
    assert.equal(user.user_metadata['email'], email);
    assert.equal(user.user_metadata['sub'], user.id);
    assert.equal(user.identities?.length, 1);
    assert.equal(user.identities?.[0]?.provider, 'email');
    assert.equal(user.identities?.[0]?.user_id, user.id);
    assert.equal((await client.auth.getSession()).data.session?.access_token, session.access_token);
  });

  it('refuses a second sign-up with the same email as user_already_exists, whatever the case', async () => {
    const { email } = await signedUp();
    const { data, error } = await newClient().auth.signUp({ email: email.toUpperCase(), password: 'another123' });
    assert.equal(data.session, null);
    assert.equal(error?.name, 'AuthApiError');
    assert.equal(error?.status, 422);
    assert.equal(error?.code, 'user_already_exists');
    assert.equal(error?.message, 'User already registered');
  });

  it('refuses a short password as AuthWeakPasswordError with reasons', async () => {
    const { error } = await newClient().auth.signUp({ email: uniqueEmail(), password: '12345' });
    assert.equal(error?.name, 'AuthWeakPasswordError');
    assert.equal(error?.status, 422);
    assert.equal(error?.code, 'weak_password');
    assert.deepEqual((error as { reasons?: string[] }).reasons, ['length']);
    assert.equal(error?.message, 'Password should be at least 6 characters.');
  });

  it('signs in with the right password and refuses a wrong one or an unknown email alike', async () => {
    const { email, user } = await signedUp();
    const client = newClient();
    const ok = await client.auth.signInWithPassword({ email: email.toUpperCase(), password: 'secret123' });
    assert.equal(ok.error, null);
    assert.equal(ok.data.user?.id, user.id);
    assert.ok(ok.data.session?.refresh_token);

    const wrong = await newClient().auth.signInWithPassword({ email, password: 'wrong-password' });
    assert.equal(wrong.data.session, null);
    assert.equal(wrong.error?.name, 'AuthApiError');
    assert.equal(wrong.error?.status, 400);
    assert.equal(wrong.error?.code, 'invalid_credentials');

    const unknown = await newClient().auth.signInWithPassword({ email: uniqueEmail(), password: 'secret123' });
    assert.equal(unknown.error?.code, 'invalid_credentials');
    assert.equal(unknown.error?.message, wrong.error?.message);
  });

  it('signs in anonymously as an authenticated, anonymous user', async () => {
    const client = newClient();
    const { data, error } = await client.auth.signInAnonymously({ options: { data: { theme: 'dark' } } });
    assert.equal(error, null);
    assert.ok(data.session && data.user);
    assert.equal(data.user.is_anonymous, true);
    assert.equal(data.user.email, '');
    assert.deepEqual(data.user.app_metadata, {});
    assert.deepEqual(data.user.identities, []);
    assert.equal(data.user.user_metadata['theme'], 'dark');
    const claims = decodeJwt(data.session.access_token);
    assert.equal(claims['is_anonymous'], true);
    assert.equal(claims['role'], 'authenticated');
    assert.deepEqual((claims['amr'] as { method: string }[]).map((entry) => entry.method), ['anonymous']);
  });

  it('issues access tokens with exactly GoTrue claims, in GoTrue order', async () => {
    const { session, user, email } = await signedUp(newClient(), { plan: 'pro' });
    const header = decodeProtectedHeader(session.access_token);
    assert.equal(header.alg, 'ES256');
    assert.ok(header.kid);

    const claims = decodeJwt(session.access_token);
    assert.deepEqual(Object.keys(claims), [
      'iss', 'sub', 'aud', 'exp', 'iat', 'email', 'phone', 'app_metadata', 'user_metadata', 'role', 'aal', 'amr', 'session_id', 'is_anonymous',
    ]);
    assert.equal(claims.iss, server.settings.issuer);
    assert.equal(claims.sub, user.id);
    assert.equal(claims.aud, 'authenticated', 'aud is a string, not an array');
    assert.equal(claims.exp! - claims.iat!, 3600);
    assert.equal(claims.exp, session.expires_at);
    assert.equal(claims['email'], email);
    assert.equal(claims['phone'], '');
    assert.deepEqual(claims['app_metadata'], { provider: 'email', providers: ['email'] });
    assert.equal((claims['user_metadata'] as Record<string, unknown>)['plan'], 'pro');
    assert.equal(claims['role'], 'authenticated');
    assert.equal(claims['aal'], 'aal1');
    const amr = claims['amr'] as { method: string; timestamp: number }[];
    assert.equal(amr.length, 1);
    assert.equal(amr[0]?.method, 'password');
    assert.ok(Math.abs(amr[0]!.timestamp - claims.iat!) <= 2);
    assert.match(String(claims['session_id']), /^[0-9a-f-]{36}$/);
    assert.equal(claims['is_anonymous'], false);
  });

  it('publishes a JWKS that verifies access tokens, and getClaims() verifies with it', async () => {
    const { client, session, user } = await signedUp();
    const jwks = createRemoteJWKSet(new URL(`${server.url}/auth/v1/.well-known/jwks.json`));
    const { payload } = await jwtVerify(session.access_token, jwks, { issuer: server.settings.issuer, audience: 'authenticated' });
    assert.equal(payload.sub, user.id);

    const { data, error } = await client.auth.getClaims();
    assert.equal(error, null);
    assert.equal(data?.claims.sub, user.id);
  });

  it('rotates refresh tokens and refuses a replayed one as refresh_token_already_used', async () => {
    const { client, session } = await signedUp();
    const refreshed = await client.auth.refreshSession();
    assert.equal(refreshed.error, null);
    const next = refreshed.data.session!;
    assert.notEqual(next.refresh_token, session.refresh_token);
    assert.notEqual(next.access_token, session.access_token);
    assert.equal(decodeJwt(next.access_token)['session_id'], decodeJwt(session.access_token)['session_id'], 'same session');
    assert.equal(refreshed.data.user?.id, session.user.id);

    const replay = await newClient().auth.refreshSession({ refresh_token: session.refresh_token });
    assert.equal(replay.data.session, null);
    assert.equal(replay.error?.name, 'AuthApiError');
    assert.equal(replay.error?.status, 400);
    assert.equal(replay.error?.code, 'refresh_token_already_used');

    // The replay revoked the whole chain: the legitimate holder must sign in again too.
    const afterReplay = await newClient().auth.refreshSession({ refresh_token: next.refresh_token });
    assert.equal(afterReplay.error?.code, 'refresh_token_already_used');
  });

  it('refuses an unknown refresh token as refresh_token_not_found', async () => {
    const { error } = await newClient().auth.refreshSession({ refresh_token: 'no-such-token' });
    assert.equal(error?.status, 400);
    assert.equal(error?.code, 'refresh_token_not_found');
  });

  it('getUser returns the signed-in user, and updateUser changes data, password and email', async () => {
    const { client, email, user } = await signedUp(newClient(), { keep: 'yes', drop: 'me' });
    const current = await client.auth.getUser();
    assert.equal(current.error, null);
    assert.equal(current.data.user?.id, user.id);
    assert.equal(current.data.user?.email, email);

    const updated = await client.auth.updateUser({ data: { drop: null, added: 42 } });
    assert.equal(updated.error, null);
    assert.equal(updated.data.user?.user_metadata['keep'], 'yes');
    assert.equal(updated.data.user?.user_metadata['added'], 42);
    assert.equal('drop' in (updated.data.user?.user_metadata ?? {}), false, 'a null value removes the key');

    const newEmail = uniqueEmail();
    const withPassword = await client.auth.updateUser({ password: 'brand-new-secret', email: newEmail.toUpperCase() });
    assert.equal(withPassword.error, null);
    assert.equal(withPassword.data.user?.email, newEmail);

    assert.equal((await newClient().auth.signInWithPassword({ email, password: 'secret123' })).error?.code, 'invalid_credentials');
    const relogin = await newClient().auth.signInWithPassword({ email: newEmail, password: 'brand-new-secret' });
    assert.equal(relogin.error, null);
    assert.equal(relogin.data.user?.id, user.id);

    const same = await client.auth.updateUser({ password: 'brand-new-secret' });
    assert.equal(same.error?.code, 'same_password');
  });

  it('signOut ends the session: its access token then fails with session_not_found', async () => {
    const { client, session } = await signedUp();
    assert.equal((await client.auth.signOut()).error, null);
    assert.equal((await client.auth.getSession()).data.session, null);

    const { data, error } = await newClient().auth.getUser(session.access_token);
    assert.equal(data.user, null);
    assert.equal(error?.name, 'AuthSessionMissingError');

    const refresh = await newClient().auth.refreshSession({ refresh_token: session.refresh_token });
    assert.equal(refresh.error?.code, 'refresh_token_not_found');
  });

  it('refuses a token signed by another key as 403 bad_jwt', async () => {
    const { session } = await signedUp();
    const claims = decodeJwt(session.access_token);
    const { kid } = decodeProtectedHeader(session.access_token);
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: kid!, typ: 'JWT' }).sign(privateKey);

    const { data, error } = await newClient().auth.getUser(forged);
    assert.equal(data.user, null);
    assert.equal(error?.status, 403);
    assert.equal(error?.code, 'bad_jwt');
  });

  it('refuses an expired token as 403 bad_jwt', async () => {
    const { session } = await signedUp();
    const claims = decodeJwt(session.access_token);
    const expired = await server.keys.signAccessToken({ ...claims, iat: claims.iat! - 7200, exp: claims.iat! - 3600 });

    const { error } = await newClient().auth.getUser(expired);
    assert.equal(error?.status, 403);
    assert.equal(error?.code, 'bad_jwt');
    assert.match(error?.message ?? '', /expired/);
  });
});
