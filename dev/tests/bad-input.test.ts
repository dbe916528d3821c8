// Acceptance: bad input gets a clear error with PostgREST's code and status, and the stack
// keeps serving afterwards.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SignJWT } from 'jose';
import type { RunningStack } from '../stack.js';
import { clientFor, signedInUser, startTestStack } from './stack-fixture.js';

let stack: RunningStack;
before(async () => {
  stack = await startTestStack();
});
after(async () => {
  await stack?.stop();
});

function post(path: string, body: string, token = stack.anonKey) {
  return fetch(`${stack.apiUrl}${path}`, {
    method: 'POST',
    headers: { apikey: stack.anonKey, authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body,
  });
}

async function expectError(response: Response, status: number, code?: string) {
  const text = await response.text();
  assert.equal(response.status, status, `expected ${status}, got ${response.status}: ${text}`);
  const body = JSON.parse(text);
  if (code) assert.equal(body.code, code, text);
  assert.ok(typeof body.message === 'string' && body.message.length > 0, `a message explains the error: ${text}`);
  return body;
}

async function stillServes() {
  const health = await fetch(`${stack.apiUrl}/health`);
  assert.equal(health.status, 200);
  const { data } = await clientFor(stack).rpc('add_numbers', { a: 1, b: 1 });
  assert.equal(data, 2);
}

test('malformed JSON gives 400 PGRST102', async () => {
  await expectError(await post('/rest/v1/rpc/add_numbers', '{"a": 1,'), 400, 'PGRST102');
  await stillServes();
});

test('an unknown function gives 404 PGRST202', async () => {
  const body = await expectError(await post('/rest/v1/rpc/no_such_function', '{}'), 404, 'PGRST202');
  assert.match(body.message, /no_such_function/);
  await stillServes();
});

test('wrong argument names give 404 PGRST202 naming the arguments', async () => {
  const body = await expectError(await post('/rest/v1/rpc/add_numbers', '{"x":1,"y":2}'), 404, 'PGRST202');
  assert.match(body.message, /add_numbers\(x, y\)/);
  await stillServes();
});

test('a forged JWT gives 401', async () => {
  const forged = await new SignJWT({ role: 'service_role' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode('not-the-secret-not-the-secret-not-the-secret'));
  await expectError(await post('/rest/v1/rpc/add_numbers', '{"a":1,"b":2}', forged), 401, 'PGRST301');
  await stillServes();
});

test('an expired JWT gives 401 PGRST303', async () => {
  const { session } = await signedInUser(stack);
  // A user token signed with the stack's own key, but already expired.
  const now = Math.floor(Date.now() / 1000);
  const expired = await stack.signAccessToken({ role: 'authenticated', sub: session.user.id, iat: now - 7200, exp: now - 3600 });
  await expectError(await post('/rest/v1/rpc/add_numbers', '{"a":1,"b":2}', expired), 401, 'PGRST303');
  await stillServes();
});

test('a body over 1 MiB gives 413', async () => {
  const big = JSON.stringify({ a: 1, b: 2, padding: 'x'.repeat(1024 * 1024 + 10) });
  await expectError(await post('/rest/v1/rpc/add_numbers', big), 413);
  await stillServes();
});

test('a missing API key gives 401 with Supabase\'s message', async () => {
  const response = await fetch(`${stack.apiUrl}/rest/v1/things`);
  assert.equal(response.status, 401);
  assert.equal((await response.json()).message, 'No API key found in request');
  await stillServes();
});

test('CORS preflight is answered without a key and echoes the requested headers', async () => {
  const response = await fetch(`${stack.apiUrl}/rest/v1/rpc/add_numbers`, {
    method: 'OPTIONS',
    headers: {
      origin: 'http://portal.example',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'apikey, authorization, x-client-info, content-type, prefer',
    },
  });
  assert.ok(response.status === 204 || response.status === 200);
  assert.equal(response.headers.get('access-control-allow-origin'), '*');
  assert.match(response.headers.get('access-control-allow-headers') ?? '', /prefer/);
});
