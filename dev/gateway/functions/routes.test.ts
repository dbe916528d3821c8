// /functions/v1 over a real HTTP server, as the gateway mounts it: JWT checks per function,
// what reaches the function, and streaming all the way to an HTTP client.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { SignJWT, jwtVerify } from 'jose';
import type { GatewayEnv } from '../context.js';
import { functionsRoutes } from './routes.js';
import { fixtureRunner, readEvents } from './test-support.js';

// Stands in for the gateway's KeySet: the routes only need verify(), which throws on a bad token.
const secret = new TextEncoder().encode('a-test-secret-of-at-least-32-characters');
const keys = { verify: async (token: string) => (await jwtVerify(token, secret)).payload };
const signToken = (expiresAt: string | number = '1h', key = secret) =>
  new SignJWT({ role: 'authenticated', sub: 'user-1' })
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime(expiresAt)
    .sign(key);

const { runner } = fixtureRunner();
const app = new Hono<GatewayEnv>().route('/functions/v1', functionsRoutes({ runner, keys }));
const server = createServer(getRequestListener(app.fetch));
let baseUrl: string;

before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/functions/v1`;
});
after(async () => {
  // fetch keeps connections alive, which would keep close() waiting.
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await runner.stop();
});

const call = (path: string, init: RequestInit = {}) => fetch(`${baseUrl}${path}`, init);

describe('verify_jwt = true', () => {
  test('no Authorization header: 401 with Supabase body', async () => {
    const response = await call('/echo', { method: 'POST' });
    assert.equal(response.status, 401);
    assert.deepEqual(await response.json(), {
      code: 'UNAUTHORIZED_NO_AUTH_HEADER',
      message: 'Missing authorization header',
    });
  });

  test('a token that does not verify: 401 Invalid JWT', async () => {
    const tokens = [
      `Bearer ${await signToken('1h', new TextEncoder().encode('another-secret-of-at-least-32-characters'))}`,
      `Bearer ${await signToken(Math.floor(Date.now() / 1000) - 60)}`, // expired
      'Bearer not-a-jwt',
      `Basic ${await signToken()}`,
    ];
    for (const authorization of tokens) {
      const response = await call('/echo', { method: 'POST', headers: { authorization } });
      assert.equal(response.status, 401, authorization);
      assert.deepEqual(await response.json(), { code: 401, message: 'Invalid JWT' });
    }
  });

  test('a valid token: the function gets method, path after the name, query, headers and body', async () => {
    const response = await call('/echo/reports/2026%2F01?lang=fr&draft', {
      method: 'PATCH',
      headers: { authorization: `Bearer ${await signToken()}`, 'content-type': 'application/json', 'x-region': 'us-east-1' },
      body: JSON.stringify({ title: 'Analyste' }),
    });
    assert.equal(response.status, 200);
    const answer = (await response.json()) as Record<string, unknown>;
    assert.equal(answer['method'], 'PATCH');
    assert.equal(answer['path'], '/echo/reports/2026%2F01');
    assert.deepEqual(answer['query'], { lang: 'fr', draft: '' });
    assert.deepEqual(answer['body'], { title: 'Analyste' });
    assert.equal(answer['hasAuthorization'], true);
    assert.equal((answer['headers'] as Record<string, string>)['x-region'], 'us-east-1');
  });

  test('OPTIONS reaches the function without credentials, as a preflight would', async () => {
    const response = await call('/echo', { method: 'OPTIONS' });
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as { method: string }).method, 'OPTIONS');
  });
});

describe('verify_jwt = false', () => {
  test('calls without a token, or with one that does not verify, reach the function', async () => {
    const anonymous = await call('/public-echo', { method: 'POST', body: 'plain text' });
    assert.equal(anonymous.status, 200);
    const answer = (await anonymous.json()) as { body: unknown; hasAuthorization: boolean };
    assert.equal(answer.body, 'plain text');
    assert.equal(answer.hasAuthorization, false);

    const unverified = await call('/public-echo', { headers: { authorization: 'Bearer not-a-jwt' } });
    assert.equal(unverified.status, 200);
    assert.equal(((await unverified.json()) as { hasAuthorization: boolean }).hasAuthorization, true);
  });
});

describe('routing', () => {
  test('an unknown function is a 404 whatever the credentials', async () => {
    for (const path of ['/nope', '/nope/deeper', '/_shared', '/switched-off']) {
      const response = await call(path, { method: 'POST' });
      assert.equal(response.status, 404, path);
      assert.deepEqual(await response.json(), { code: 'NOT_FOUND', message: 'Requested function was not found' });
    }
  });
});

describe('streaming through HTTP', () => {
  test('event-stream chunks reach the client as the function writes them', async () => {
    await (await call('/ticker?n=1')).text(); // start the process, so start-up time is not measured
    const since = performance.now();
    const response = await call('/ticker?n=5');
    const headersAt = performance.now() - since;
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/event-stream');
    const events = await readEvents(response, since);

    assert.deepEqual(events.map((e) => e.data), [0, 1, 2, 3, 4].map((n) => ({ n })));
    // Written 150 ms apart (600 ms first to last); buffering anywhere would bunch them up.
    const spread = events.at(-1)!.at - events[0]!.at;
    assert.ok(spread >= 300, `first and last event arrived ${spread.toFixed(0)} ms apart`);
    assert.ok(headersAt < events.at(-1)!.at, 'headers arrived before the stream ended');
  });
});
