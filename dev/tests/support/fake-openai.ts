// A local stand-in for an OpenAI-compatible embeddings server, for tests that drive the real
// openai SDK (inside the real `embed` function) without the network. It speaks the wire format
// of POST /v1/embeddings: { input, model, encoding_format: 'float' } in,
// { object: 'list', data: [{ object: 'embedding', embedding, index }], model, usage } out.
//
// Vectors are a hashed bag of words: every lower-cased word adds 1 to one of 1536 dimensions
// (FNV-1a), then the vector is scaled to length 1. Sentences sharing most words are close in
// cosine distance, unrelated ones far apart: enough to test ranking deterministically.
// It counts requests and inputs, and can answer the next requests with an error (429 with
// Retry-After, 500, ...) a set number of times.
//
// It also speaks POST /v1/chat/completions, streamed (`stream: true`: chat.completion.chunk
// events, the usage chunk when `stream_options.include_usage`, then `data: [DONE]`) and not.
// Unscripted, it answers with the prompt echoed back (system, then user, messages); scriptChat()
// sets the next answers (chunks, delays, errors, a malformed or cut stream; fake-sse.ts).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  countWords,
  logRequest,
  playStream,
  readJsonBody,
  replyScript,
  sendJson,
  writeEvent,
  type ModelRequestLog,
  type ScriptedReply,
} from './fake-sse.ts';

export const FAKE_DIMENSIONS = 1536;

function fnv1a(word: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(word)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

const words = (text: string) => text.toLowerCase().normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? [];

/** The fake's embedding of `text`: a unit-length hashed bag of words. */
export function bagOfWordsVector(text: string, dimensions = FAKE_DIMENSIONS): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const word of words(text)) vector[fnv1a(word) % dimensions]! += 1;
  const length = Math.hypot(...vector) || 1;
  return vector.map((value) => value / length);
}

export interface ScriptedFailure {
  status: number;
  /** Sent as `Retry-After` (seconds). */
  retryAfterSeconds?: number;
}

export interface FakeOpenAI {
  /** Base URL for the SDK's baseURL / OPENAI_BASE_URL (ends in /v1). */
  readonly baseUrl: string;
  /** POST /v1/embeddings requests received, failed ones included. */
  readonly requests: { inputs: number; model: string; at: number; status: number; authorization: string | null }[];
  /** The next `times` requests answer `failure` (then normal answers again). */
  failNext(failure: ScriptedFailure, times: number): void;
  /** Answer with vectors of this size instead of 1536 (a wrongly configured model). */
  dimensions: number;
  /** POST /v1/chat/completions requests received, in order. */
  readonly chatRequests: ModelRequestLog[];
  /** The next chat completions answer these replies, in order (then the echo again). */
  scriptChat(replies: ScriptedReply[]): void;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

interface ChatBody {
  model?: string;
  messages?: { role: string; content: string }[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
}

/** POST /v1/chat/completions: the scripted reply, or the prompt echoed, streamed or in one piece. */
async function answerChat(request: IncomingMessage, response: ServerResponse, script: ReturnType<typeof replyScript>, log: ModelRequestLog[]) {
  const body = (await readJsonBody(request)) as ChatBody & Record<string, unknown>;
  const reply = script.next() ?? {};
  const entry = logRequest(response, body, request.headers.authorization ?? null, reply.status ?? 200);
  log.push(entry);
  if (reply.status) {
    const headers: Record<string, string> = reply.retryAfterSeconds === undefined ? {} : { 'retry-after': String(reply.retryAfterSeconds) };
    sendJson(response, reply.status, { error: { message: reply.errorMessage ?? `scripted ${reply.status}`, type: reply.status === 401 ? 'invalid_request_error' : 'server_error', param: null, code: null } }, headers);
    return;
  }
  const prompt = (body.messages ?? []).map((message) => message.content).join('\n\n');
  const text = reply.text ?? reply.chunks?.join('') ?? prompt;
  const model = body.model ?? 'fake-model';
  const id = `chatcmpl-fake${log.length}`;
  const created = Math.floor(Date.now() / 1000);
  const usage = (output: string) => ({ prompt_tokens: countWords(prompt), completion_tokens: countWords(output), total_tokens: countWords(prompt) + countWords(output) });
  if (!body.stream) {
    entry.firstTokenAt = performance.now();
    sendJson(response, 200, {
      id, object: 'chat.completion', created, model,
      choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, logprobs: null, finish_reason: 'stop' }],
      usage: usage(text),
    });
    return;
  }
  const withUsage = body.stream_options?.include_usage === true;
  const chunk = (delta: Record<string, unknown>, finish: string | null) => ({
    id, object: 'chat.completion.chunk', created, model, system_fingerprint: 'fp_fake',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    ...(withUsage ? { usage: null } : {}),
  });
  await playStream(response, entry, reply, text, {
    opening: () => writeEvent(response, chunk({ role: 'assistant', content: '', refusal: null }, null)),
    delta: (piece) => writeEvent(response, chunk({ content: piece }, null)),
    closing: (output) => {
      writeEvent(response, chunk({}, 'stop'));
      if (withUsage) writeEvent(response, { id, object: 'chat.completion.chunk', created, model, system_fingerprint: 'fp_fake', choices: [], usage: usage(output) });
      writeEvent(response, '[DONE]');
    },
  });
}

export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const failures: ScriptedFailure[] = [];
  const requests: FakeOpenAI['requests'] = [];
  const chatRequests: ModelRequestLog[] = [];
  const chatScript = replyScript();
  const fake = { dimensions: FAKE_DIMENSIONS };

  const server = createServer((request, response) => {
    void (async () => {
      if (request.method === 'POST' && request.url === '/v1/chat/completions') {
        await answerChat(request, response, chatScript, chatRequests);
        return;
      }
      if (request.method !== 'POST' || request.url !== '/v1/embeddings') {
        send(response, 404, { error: { message: `no route ${request.method} ${request.url}`, type: 'invalid_request_error' } });
        return;
      }
      const body = JSON.parse(await readBody(request)) as { input: string | string[]; model: string; encoding_format?: string };
      const inputs = Array.isArray(body.input) ? body.input : [body.input];
      const failure = failures.shift();
      requests.push({
        inputs: inputs.length,
        model: body.model,
        at: Date.now(),
        status: failure?.status ?? 200,
        authorization: request.headers.authorization ?? null,
      });
      if (failure) {
        const headers: Record<string, string> = failure.retryAfterSeconds === undefined ? {} : { 'retry-after': String(failure.retryAfterSeconds) };
        send(response, failure.status, { error: { message: `scripted ${failure.status}`, type: 'server_error' } }, headers);
        return;
      }
      if (body.encoding_format !== 'float') {
        send(response, 400, { error: { message: `this fake speaks encoding_format "float" only (got ${body.encoding_format})`, type: 'invalid_request_error' } });
        return;
      }
      send(response, 200, {
        object: 'list',
        data: inputs.map((input, index) => ({ object: 'embedding', index, embedding: bagOfWordsVector(input, fake.dimensions) })),
        model: body.model,
        usage: { prompt_tokens: inputs.reduce((sum, input) => sum + words(input).length, 0), total_tokens: inputs.reduce((sum, input) => sum + words(input).length, 0) },
      });
    })().catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, { error: { message: String(error) } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    failNext(failure, times) {
      for (let i = 0; i < times; i++) failures.push(failure);
    },
    get dimensions() {
      return fake.dimensions;
    },
    set dimensions(value: number) {
      fake.dimensions = value;
    },
    chatRequests,
    scriptChat: (replies) => chatScript.add(replies),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}
