// The gateway's CORS keeps what a function exposes itself (a download's file name) beside
// Kong's list, and leaves other responses with Kong's list alone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Hono } from 'hono';
import type { GatewayEnv } from './context.js';
import { EXPOSED_HEADERS, gatewayCors } from './cors.js';

const app = new Hono<GatewayEnv>();
app.use('*', gatewayCors());
app.get('/functions/v1/export', (c) => {
  // What functions/routes.ts records from the function's response.
  c.set('functionExposedHeaders', 'content-disposition, x-skipped-reasons');
  return new Response('file', { headers: { 'access-control-expose-headers': 'content-disposition, x-skipped-reasons' } });
});
app.get('/rest/v1/things', (c) => c.json([]));

const exposed = (response: Response) =>
  (response.headers.get('access-control-expose-headers') ?? '').split(',').map((name) => name.trim().toLowerCase());

test("a function's own exposed headers stay exposed, with the gateway's", async () => {
  const names = exposed(await app.request('/functions/v1/export', { headers: { origin: 'https://portal.example' } }));
  assert.ok(names.includes('content-disposition'), names.join(','));
  assert.ok(names.includes('x-skipped-reasons'), names.join(','));
  for (const name of EXPOSED_HEADERS) assert.ok(names.includes(name.toLowerCase()), name);
});

test("other routes expose Kong's list only", async () => {
  const names = exposed(await app.request('/rest/v1/things', { headers: { origin: 'https://portal.example' } }));
  assert.deepEqual(names, EXPOSED_HEADERS.map((name) => name.toLowerCase()));
});

test('a preflight is still answered by the gateway', async () => {
  const response = await app.request('/functions/v1/export', {
    method: 'OPTIONS',
    headers: { origin: 'https://portal.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, apikey' },
  });
  assert.equal(response.status, 204);
  assert.equal(response.headers.get('access-control-allow-origin'), '*');
  assert.match(response.headers.get('access-control-allow-headers') ?? '', /authorization/);
});
