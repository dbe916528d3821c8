import assert from 'node:assert/strict';
import { corsHeaders, preflightResponse, withCors } from './cors.ts';

Deno.test('a preflight is answered 204 with the CORS headers', () => {
  const response = preflightResponse(
    new Request('http://localhost/tm', {
      method: 'OPTIONS',
      headers: { origin: 'https://portal.example', 'access-control-request-method': 'POST' },
    }),
  );
  assert.ok(response);
  assert.equal(response.status, 204);
  assert.equal(response.headers.get('access-control-allow-origin'), '*');
  assert.match(response.headers.get('access-control-allow-methods') ?? '', /\bPOST\b/);
});

Deno.test('every header supabase-js sends to a function is allowed', () => {
  const allowed = corsHeaders['Access-Control-Allow-Headers']!.split(', ');
  for (const header of ['authorization', 'apikey', 'x-client-info', 'content-type', 'x-region']) {
    assert.ok(allowed.includes(header), header);
  }
});

Deno.test('other methods are not preflights', () => {
  assert.equal(preflightResponse(new Request('http://localhost/tm', { method: 'POST' })), null);
});

Deno.test('withCors keeps status, headers and a streamed body', async () => {
  const original = new Response(new Blob(['data: 1\n\n']).stream(), {
    status: 201,
    headers: { 'content-type': 'text/event-stream' },
  });
  const response = withCors(original);
  assert.equal(response.status, 201);
  assert.equal(response.headers.get('content-type'), 'text/event-stream');
  assert.equal(response.headers.get('access-control-allow-origin'), '*');
  assert.equal(await response.text(), 'data: 1\n\n');
});
