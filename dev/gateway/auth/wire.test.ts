// The auth routes on the wire: status codes, headers and bodies that supabase-js does not
// surface directly but that GoTrue-compatibility depends on (contract §2).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SignJWT, decodeJwt } from 'jose';
import { startAuthTestServer, type AuthTestServer } from './test-server.js';

interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, unknown>;
}

let emailCounter = 0;
const uniqueEmail = () => `wire${++emailCounter}.${Date.now()}@example.com`;

/** A request as supabase-js sends it: apikey, JSON content type with charset, API version. */
async function call(server: AuthTestServer, method: string, path: string, options: { body?: string | object; bearer?: string } = {}): Promise<Reply> {
  const headers: Record<string, string> = {
    apikey: server.keys.anonKey,
    authorization: `Bearer ${options.bearer ?? server.keys.anonKey}`,
    'x-supabase-api-version': '2024-01-01',
  };
  if (method !== 'GET') headers['content-type'] = 'application/json;charset=UTF-8';
  const body = typeof options.body === 'string' ? options.body : options.body === undefined ? undefined : JSON.stringify(options.body);
  const response = await fetch(`${server.url}/auth/v1${path}`, { method, headers, body });
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // 204 and non-JSON bodies keep json empty; tests that expect JSON assert on it.
  }
  return { status: response.status, headers: response.headers, text, json };
}

function assertAuthError(reply: Reply, status: number, code: string, message?: string | RegExp) {
  assert.equal(reply.status, status, reply.text);
  assert.equal(reply.headers.get('x-supabase-api-version'), '2024-01-01');
  assert.equal(reply.json['code'], code);
  assert.equal(reply.json['error_code'], code);
  assert.equal(typeof reply.json['message'], 'string');
  assert.equal(reply.json['msg'], reply.json['message']);
  if (typeof message === 'string') assert.equal(reply.json['message'], message);
  else if (message) assert.match(String(reply.json['message']), message);
}

async function signUp(server: AuthTestServer, email = uniqueEmail(), password = 'secret123') {
  const reply = await call(server, 'POST', '/signup', { body: { email, password, data: {}, gotrue_meta_security: {}, code_challenge: null, code_challenge_method: null } });
  assert.equal(reply.status, 200, reply.text);
  return { email, password, session: reply.json as { access_token: string; refresh_token: string; user: { id: string } } };
}

async function signIn(server: AuthTestServer, email: string, password: string) {
  const reply = await call(server, 'POST', '/token?grant_type=password', { body: { email, password, gotrue_meta_security: {} } });
  assert.equal(reply.status, 200, reply.text);
  return reply.json as { access_token: string; refresh_token: string };
}

describe('auth routes on the wire', () => {
  let server: AuthTestServer;
  before(async () => {
    server = await startAuthTestServer();
  });
  after(async () => {
    await server.close();
  });

  it('answers with GoTrue session JSON and the API version header, and never leaks the password hash', async () => {
    const signup = await call(server, 'POST', '/signup', { body: { email: uniqueEmail(), password: 'secret123', data: {} } });
    assert.equal(signup.status, 200);
    assert.equal(signup.headers.get('x-supabase-api-version'), '2024-01-01');
    assert.deepEqual(Object.keys(signup.json), ['access_token', 'token_type', 'expires_in', 'expires_at', 'refresh_token', 'user']);
    const user = signup.json['user'] as Record<string, unknown>;
    for (const field of ['id', 'aud', 'role', 'email', 'phone', 'email_confirmed_at', 'confirmed_at', 'last_sign_in_at', 'app_metadata', 'user_metadata', 'identities', 'created_at', 'updated_at', 'is_anonymous']) {
      assert.ok(field in user, `user.${field}`);
    }
    const identity = (user['identities'] as Record<string, unknown>[])[0]!;
    assert.deepEqual(Object.keys(identity), ['identity_id', 'id', 'user_id', 'identity_data', 'provider', 'last_sign_in_at', 'created_at', 'updated_at', 'email']);

    const session = signup.json as { access_token: string };
    const me = await call(server, 'GET', '/user', { bearer: session.access_token });
    for (const reply of [signup, me]) {
      assert.doesNotMatch(reply.text, /encrypted_password|\$2[aby]\$/);
    }
  });

  it('answers a malformed body with bad_json and a wrong shape with validation_failed', async () => {
    assertAuthError(await call(server, 'POST', '/signup', { body: '{"email": ' }), 400, 'bad_json', 'Could not parse request body as JSON');
    assertAuthError(await call(server, 'POST', '/token?grant_type=password', { body: '' }), 400, 'bad_json');
    assertAuthError(await call(server, 'POST', '/signup', { body: { email: 42, password: 'secret123' } }), 400, 'validation_failed', /email/);
    assertAuthError(await call(server, 'POST', '/signup', { body: { email: uniqueEmail() } }), 400, 'validation_failed', 'Signup requires a valid password');
    assertAuthError(
      await call(server, 'POST', '/signup', { body: { email: 'not an email', password: 'secret123' } }),
      400,
      'validation_failed',
      'Unable to validate email address: invalid format',
    );
    assertAuthError(await call(server, 'POST', '/signup', { body: { email: uniqueEmail(), password: 'x'.repeat(73) } }), 400, 'validation_failed', /72/);
    assertAuthError(await call(server, 'POST', '/signup', { body: { phone: '+15555550100', password: 'secret123' } }), 422, 'phone_provider_disabled');
  });

  it('answers unknown grant types and unknown paths with GoTrue errors', async () => {
    assertAuthError(await call(server, 'POST', '/token?grant_type=pkce', { body: {} }), 400, 'unsupported_grant_type');
    assertAuthError(await call(server, 'POST', '/token', { body: {} }), 400, 'unsupported_grant_type');
    assertAuthError(await call(server, 'GET', '/nowhere'), 404, 'not_found');
    assertAuthError(await call(server, 'DELETE', '/signup'), 404, 'not_found');
  });

  it('requires a user bearer token on /user', async () => {
    const noBearer = await fetch(`${server.url}/auth/v1/user`, { headers: { apikey: server.keys.anonKey } });
    assertAuthError(
      { status: noBearer.status, headers: noBearer.headers, text: '', json: (await noBearer.json()) as Record<string, unknown> },
      401,
      'no_authorization',
      'This endpoint requires a valid Bearer token',
    );
    assertAuthError(await call(server, 'GET', '/user'), 403, 'bad_jwt', 'invalid claim: missing sub claim');
    assertAuthError(await call(server, 'GET', '/user', { bearer: server.keys.serviceRoleKey }), 403, 'bad_jwt', 'invalid claim: missing sub claim');
    assertAuthError(await call(server, 'GET', '/user', { bearer: 'garbage' }), 403, 'bad_jwt', /^invalid JWT: /);
  });

  it('refuses HS256 user tokens minted with the JWT secret: HS256 is for the API keys only', async () => {
    const { session } = await signUp(server);
    const claims = decodeJwt(session.access_token);
    const secret = new TextEncoder().encode(server.keys.jwtSecret);
    const minted = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(secret);
    assertAuthError(await call(server, 'GET', '/user', { bearer: minted }), 403, 'bad_jwt', /only accepted as the anon or service_role API key/);
    const anonWithSub = await new SignJWT({ ...claims, role: 'anon' }).setProtectedHeader({ alg: 'HS256' }).sign(secret);
    assertAuthError(await call(server, 'GET', '/user', { bearer: anonWithSub }), 403, 'bad_jwt', /name no user/);

    const notUuid = await server.keys.signAccessToken({ ...claims, sub: 'not-a-uuid' });
    assertAuthError(await call(server, 'GET', '/user', { bearer: notUuid }), 400, 'bad_jwt', 'invalid claim: sub claim must be a UUID');

    const otherAudience = await server.keys.signAccessToken({ ...claims, aud: 'other' });
    assertAuthError(await call(server, 'GET', '/user', { bearer: otherAudience }), 400, 'validation_failed');
  });

  it('gives back the current refresh token when the previous one is replayed within the reuse interval', async () => {
    const { session } = await signUp(server);
    const first = await call(server, 'POST', '/token?grant_type=refresh_token', { body: { refresh_token: session.refresh_token } });
    assert.equal(first.status, 200, first.text);
    const current = first.json['refresh_token'];
    assert.notEqual(current, session.refresh_token);

    // The client lost the first response and retries with the same token.
    const retry = await call(server, 'POST', '/token?grant_type=refresh_token', { body: { refresh_token: session.refresh_token } });
    assert.equal(retry.status, 200, retry.text);
    assert.equal(retry.json['refresh_token'], current);

    const next = await call(server, 'POST', '/token?grant_type=refresh_token', { body: { refresh_token: current } });
    assert.equal(next.status, 200, next.text);
    assertAuthError(await call(server, 'POST', '/token?grant_type=refresh_token', { body: {} }), 400, 'validation_failed', 'refresh_token required');
  });

  it('logs out the current session, the others, or all of them', async () => {
    const { email, password, session: first } = await signUp(server);
    const second = await signIn(server, email, password);
    const third = await signIn(server, email, password);
    const sessionAlive = async (token: string) => (await call(server, 'GET', '/user', { bearer: token })).status === 200;

    const others = await call(server, 'POST', '/logout?scope=others', { bearer: second.access_token });
    assert.equal(others.status, 204);
    assert.equal(others.text, '');
    assert.deepEqual(
      [await sessionAlive(first.access_token), await sessionAlive(second.access_token), await sessionAlive(third.access_token)],
      [false, true, false],
    );
    assertAuthError(await call(server, 'GET', '/user', { bearer: first.access_token }), 403, 'session_not_found', 'Session from session_id claim in JWT does not exist');

    const fourth = await signIn(server, email, password);
    assert.equal((await call(server, 'POST', '/logout?scope=local', { bearer: second.access_token })).status, 204);
    assert.deepEqual([await sessionAlive(second.access_token), await sessionAlive(fourth.access_token)], [false, true]);

    const fifth = await signIn(server, email, password);
    assert.equal((await call(server, 'POST', '/logout', { bearer: fourth.access_token })).status, 204, 'global by default');
    assert.deepEqual([await sessionAlive(fourth.access_token), await sessionAlive(fifth.access_token)], [false, false]);
    assertAuthError(
      await call(server, 'POST', '/token?grant_type=refresh_token', { body: { refresh_token: fifth.refresh_token } }),
      400,
      'refresh_token_not_found',
    );

    const sixth = await signIn(server, email, password);
    assertAuthError(await call(server, 'POST', '/logout?scope=everything', { bearer: sixth.access_token }), 400, 'validation_failed');
    assertAuthError(await call(server, 'POST', '/logout'), 403, 'bad_jwt');
  });

  it('signs out the other sessions when the password changes', async () => {
    const { email, password, session: first } = await signUp(server);
    const second = await signIn(server, email, password);
    const changed = await call(server, 'PUT', '/user', { bearer: second.access_token, body: { password: 'changed-secret' } });
    assert.equal(changed.status, 200, changed.text);
    assert.equal((await call(server, 'GET', '/user', { bearer: first.access_token })).status, 403);
    assert.equal((await call(server, 'GET', '/user', { bearer: second.access_token })).status, 200);
    assertAuthError(await call(server, 'PUT', '/user', { bearer: second.access_token, body: { password: '123' } }), 422, 'weak_password');
    assert.deepEqual((await call(server, 'PUT', '/user', { bearer: second.access_token, body: { password: '123' } })).json['weak_password'], { reasons: ['length'] });
  });

  it('refuses app_metadata changes and an email that belongs to someone else', async () => {
    const { session } = await signUp(server);
    const { email: takenEmail } = await signUp(server);
    assertAuthError(await call(server, 'PUT', '/user', { bearer: session.access_token, body: { app_metadata: { role: 'admin' } } }), 403, 'not_admin');
    assertAuthError(await call(server, 'PUT', '/user', { bearer: session.access_token, body: { email: takenEmail } }), 422, 'email_exists');
  });

  it('turns an anonymous user into an email user when an email and password are added', async () => {
    const anonymous = await call(server, 'POST', '/signup', { body: { data: {}, gotrue_meta_security: {} } });
    assert.equal(anonymous.status, 200, anonymous.text);
    const token = anonymous.json['access_token'] as string;
    assertAuthError(
      await call(server, 'PUT', '/user', { bearer: token, body: { password: 'secret123' } }),
      422,
      'validation_failed',
      'Updating password of an anonymous user without an email or phone is not allowed',
    );

    const email = uniqueEmail();
    const upgraded = await call(server, 'PUT', '/user', { bearer: token, body: { email, password: 'secret123' } });
    assert.equal(upgraded.status, 200, upgraded.text);
    assert.equal(upgraded.json['is_anonymous'], false);
    assert.equal(upgraded.json['email'], email);
    assert.deepEqual(upgraded.json['app_metadata'], { provider: 'email', providers: ['email'] });
    assert.equal((upgraded.json['identities'] as unknown[]).length, 1);

    const signedIn = await signIn(server, email, 'secret123');
    assert.equal(decodeJwt(signedIn.access_token).sub, (anonymous.json['user'] as { id: string }).id);
  });

  it('serves settings, health and the JWKS', async () => {
    const settings = await call(server, 'GET', '/settings');
    assert.equal(settings.status, 200);
    const external = settings.json['external'] as Record<string, boolean>;
    assert.equal(external['email'], true);
    assert.equal(external['phone'], false);
    assert.equal(external['anonymous_users'], true);
    assert.equal(external['github'], false);
    assert.equal(settings.json['disable_signup'], false);
    assert.equal(settings.json['mailer_autoconfirm'], true);

    const health = await call(server, 'GET', '/health');
    assert.equal(health.status, 200);
    assert.equal(health.json['name'], 'GoTrue');

    const jwks = await call(server, 'GET', '/.well-known/jwks.json');
    assert.deepEqual(jwks.json, server.keys.jwks());
  });
});

describe('auth routes with sign-ups turned off', () => {
  let server: AuthTestServer;
  before(async () => {
    server = await startAuthTestServer({ signups: false, anonymousSignIns: false });
  });
  after(async () => {
    await server.close();
  });

  it('refuses email and anonymous sign-ups and says so in /settings', async () => {
    assertAuthError(await call(server, 'POST', '/signup', { body: { email: uniqueEmail(), password: 'long-enough-secret' } }), 422, 'signup_disabled');
    assertAuthError(await call(server, 'POST', '/signup', { body: { data: {} } }), 422, 'anonymous_provider_disabled');
    const settings = await call(server, 'GET', '/settings');
    assert.equal(settings.json['disable_signup'], true);
    assert.equal((settings.json['external'] as Record<string, boolean>)['anonymous_users'], false);
  });
});

describe('auth routes with a longer minimum password', () => {
  let server: AuthTestServer;
  before(async () => {
    server = await startAuthTestServer({ minimumPasswordLength: 10 });
  });
  after(async () => {
    await server.close();
  });

  it('applies the configured minimum', async () => {
    assertAuthError(
      await call(server, 'POST', '/signup', { body: { email: uniqueEmail(), password: 'nine-char' } }),
      422,
      'weak_password',
      'Password should be at least 10 characters.',
    );
    assert.equal((await call(server, 'POST', '/signup', { body: { email: uniqueEmail(), password: 'ten-chars!' } })).status, 200);
  });
});
