// A local stand-in for the Anthropic Messages API, for tests that drive the real
// @anthropic-ai/sdk without the network. POST /v1/messages, streamed (`stream: true`: the named
// SSE events message_start, content_block_start, ping, content_block_delta (text_delta) …,
// content_block_stop, message_delta (stop_reason, output usage), message_stop) and not (one
// `message` object). Errors come as the API writes them: { type: 'error', error: { type, message } }.
// Unscripted, it answers with the prompt echoed back (system, then the user messages);
// scriptMessages() sets the next answers (chunks, delays, errors, a malformed or cut stream).
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

export interface FakeAnthropic {
  /** Base URL for the SDK's baseURL / ANTHROPIC_BASE_URL (no /v1: the SDK adds it). */
  readonly baseUrl: string;
  /** POST /v1/messages requests received, in order (credential: x-api-key, else authorization). */
  readonly requests: ModelRequestLog[];
  /** The next requests answer these replies, in order (then the echo again). */
  scriptMessages(replies: ScriptedReply[]): void;
  close(): Promise<void>;
}

interface MessagesBody {
  model?: string;
  system?: string | { type: 'text'; text: string }[];
  messages?: { role: string; content: string | { type: string; text?: string }[] }[];
  stream?: boolean;
}

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  429: 'rate_limit_error',
  529: 'overloaded_error',
};

const textOf = (content: string | { type: string; text?: string }[] | undefined) =>
  typeof content === 'string' ? content : (content ?? []).map((block) => block.text ?? '').join('');

async function answerMessages(request: IncomingMessage, response: ServerResponse, script: ReturnType<typeof replyScript>, log: ModelRequestLog[]) {
  const body = (await readJsonBody(request)) as MessagesBody & Record<string, unknown>;
  const reply: ScriptedReply = script.next() ?? {};
  // The API takes the key as x-api-key; recent SDKs send it as a bearer token.
  const apiKeyHeader = request.headers['x-api-key'];
  const credential = typeof apiKeyHeader === 'string' ? apiKeyHeader : (request.headers.authorization ?? null);
  const entry = logRequest(response, body, credential, reply.status ?? 200);
  log.push(entry);
  const headers: Record<string, string> = { 'request-id': `req_fake${log.length}` };
  if (reply.status) {
    if (reply.retryAfterSeconds !== undefined) headers['retry-after'] = String(reply.retryAfterSeconds);
    sendJson(response, reply.status, { type: 'error', error: { type: ERROR_TYPES[reply.status] ?? 'api_error', message: reply.errorMessage ?? `scripted ${reply.status}` } }, headers);
    return;
  }
  const prompt = [textOf(body.system), ...(body.messages ?? []).map((message) => textOf(message.content))].filter(Boolean).join('\n\n');
  const text = reply.text ?? reply.chunks?.join('') ?? prompt;
  const model = body.model ?? 'fake-claude';
  const id = `msg_fake${log.length}`;
  const inputTokens = countWords(prompt);
  if (!body.stream) {
    entry.firstTokenAt = performance.now();
    sendJson(response, 200, {
      id, type: 'message', role: 'assistant', model,
      content: [{ type: 'text', text }],
      stop_reason: 'end_turn', stop_sequence: null,
      usage: { input_tokens: inputTokens, output_tokens: countWords(text) },
    }, headers);
    return;
  }
  await playStream(response, entry, reply, text, {
    opening: () => {
      writeEvent(response, {
        type: 'message_start',
        message: { id, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: inputTokens, output_tokens: 1 } },
      }, 'message_start');
      writeEvent(response, { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }, 'content_block_start');
      writeEvent(response, { type: 'ping' }, 'ping');
    },
    delta: (piece) => writeEvent(response, { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: piece } }, 'content_block_delta'),
    closing: (output) => {
      writeEvent(response, { type: 'content_block_stop', index: 0 }, 'content_block_stop');
      writeEvent(response, { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: countWords(output) } }, 'message_delta');
      writeEvent(response, { type: 'message_stop' }, 'message_stop');
    },
  });
}

export async function startFakeAnthropic(): Promise<FakeAnthropic> {
  const requests: ModelRequestLog[] = [];
  const script = replyScript();
  const server = createServer((request, response) => {
    const answer = request.method === 'POST' && request.url === '/v1/messages'
      ? answerMessages(request, response, script, requests)
      : Promise.resolve(sendJson(response, 404, { type: 'error', error: { type: 'not_found_error', message: `no route ${request.method} ${request.url}` } }));
    answer.catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, { type: 'error', error: { type: 'api_error', message: String(error) } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    scriptMessages: (replies) => script.add(replies),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}
