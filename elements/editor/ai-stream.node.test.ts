// The editor's ai-assist client against a real HTTP server: SSE events split anywhere across
// network chunks are read whole; the request carries the token and asks for a stream; an HTTP
// refusal's `{ error }` comes back as it is; aborting closes the connection (the server sees it).
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { streamAssist, takeEvents } from './ai-stream.js';

const DONE = { type: 'done', provider: 'offline', model: 'jd-offline-1', sources: [], request_id: 7, tokens_in: 0, tokens_out: 0, cost: 0, glossary_flags: [] };

let handle: (request: IncomingMessage, response: ServerResponse) => void = () => undefined;
const server = createServer((request, response) => handle(request, response));
let functionsUrl = '';
before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  functionsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/functions/v1`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const run = (signal = new AbortController().signal, deltas: string[] = []) =>
  streamAssist({ functionsUrl, accessToken: 'token-1', body: { task: 'improve', text: 'Some text.' }, signal, onDelta: (piece) => deltas.push(piece) });

describe('ai-stream', () => {
  it('takeEvents keeps an event still arriving for the next chunk', () => {
    assert.deepEqual(takeEvents('data: {"a":1}\n\ndata: {"b"'), { data: ['{"a":1}'], rest: 'data: {"b"' });
    assert.deepEqual(takeEvents('data: {"a":1}\r\n\r\n: comment\n\n'), { data: ['{"a":1}'], rest: '' });
  });

  it('reads deltas and the done event, whatever the chunking, and sends the token and Accept', async () => {
    let seen: { url?: string; authorization?: string; accept?: string; body?: string } = {};
    handle = (request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        seen = { url: request.url, authorization: request.headers.authorization, accept: request.headers.accept, body };
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        const whole = [{ type: 'delta', text: 'Hello ' }, { type: 'delta', text: 'world.' }, DONE].map((e) => `data: ${JSON.stringify(e)}\n\n`).join('');
        // Cut in 7-byte pieces: events and even JSON split across chunks.
        for (let i = 0; i < whole.length; i += 7) response.write(whole.slice(i, i + 7));
        response.end();
      });
    };
    const deltas: string[] = [];
    const outcome = await run(undefined, deltas);
    assert.equal(outcome.kind, 'done');
    assert.ok(outcome.kind === 'done');
    assert.equal(outcome.text, 'Hello world.');
    assert.equal(outcome.done.request_id, 7);
    assert.deepEqual(deltas, ['Hello ', 'world.']);
    assert.equal(seen.url, '/functions/v1/ai-assist');
    assert.equal(seen.authorization, 'Bearer token-1');
    assert.equal(seen.accept, 'text/event-stream');
    assert.deepEqual(JSON.parse(seen.body!), { task: 'improve', text: 'Some text.' });
  });

  it('keeps a compliance review\'s items and notice from the done event (<jd-compliance>\'s AI review)', async () => {
    const item = { kind: 'group-fit', section: null, lang: null, message: 'Not assessed offline.', advisory: true };
    handle = (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.end(`data: ${JSON.stringify({ ...DONE, notice: 'Budget used up.', review: [item] })}\n\n`);
    };
    const outcome = await run();
    assert.ok(outcome.kind === 'done');
    assert.deepEqual(outcome.done.review, [item]);
    assert.equal(outcome.done.notice, 'Budget used up.');
  });

  it('gives the function’s `{ error }` as it is, and an error event’s message', async () => {
    handle = (_request, response) => {
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: 'invalid request: text is empty' }));
    };
    assert.deepEqual(await run(), { kind: 'error', code: 'http-400', status: 400, message: 'invalid request: text is empty' });
    handle = (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.end(`data: ${JSON.stringify({ type: 'error', code: 'provider', message: 'every provider failed' })}\n\n`);
    };
    assert.deepEqual(await run(), { kind: 'error', code: 'provider', status: 200, message: 'every provider failed' });
  });

  it('a stream that ends without its done event is incomplete; a line that is not an event is malformed', async () => {
    handle = (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.end(`data: ${JSON.stringify({ type: 'delta', text: 'Hal' })}\n\n`);
    };
    const incomplete = await run();
    assert.ok(incomplete.kind === 'error' && incomplete.code === 'incomplete');
    handle = (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.end('data: not json\n\n');
    };
    const malformed = await run();
    assert.ok(malformed.kind === 'error' && malformed.code === 'malformed');
  });

  it('aborting closes the connection: the server sees its request gone, the outcome is cancelled', async () => {
    let closed: () => void = () => undefined;
    const serverSawClose = new Promise<void>((resolve) => (closed = resolve));
    handle = (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(`data: ${JSON.stringify({ type: 'delta', text: 'Slow' })}\n\n`);
      response.on('close', () => closed());
    };
    const abort = new AbortController();
    // Cancelled once the first piece has arrived; the rest never comes.
    const outcome = streamAssist({ functionsUrl, accessToken: 't', body: { task: 'improve', text: 'x' }, signal: abort.signal, onDelta: () => abort.abort() });
    assert.deepEqual(await outcome, { kind: 'cancelled', text: 'Slow' });
    await serverSawClose;
  });

  it('an unreachable server is a network error (said by the panel in the interface language)', async () => {
    const outcome = await streamAssist({ functionsUrl: 'http://127.0.0.1:1/functions/v1', accessToken: 't', body: { task: 'improve', text: 'x' }, signal: new AbortController().signal, onDelta: () => undefined });
    assert.deepEqual(outcome, { kind: 'error', code: 'network', status: null, message: null });
  });
});
