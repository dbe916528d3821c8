// What the fake model servers (fake-openai.ts, fake-anthropic.ts) share: the script of the next
// answers (text in chunks, delays, an HTTP error, a malformed or cut stream), the log of the
// requests they received, and Server-Sent Events framing as the real APIs write it
// (`event: <name>\n` when named, `data: <json>\n\n`, flushed one event at a time).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';

/** One scripted answer of a fake model server; unscripted requests get the echo of the prompt. */
export interface ScriptedReply {
  /** The whole answer; cut into word chunks unless `chunks` is given. Default: the prompt echoed. */
  text?: string;
  /** The answer as the stream's text deltas, in order. */
  chunks?: string[];
  /** Wait before the first text chunk (after the response headers and the opening event). */
  firstTokenDelayMs?: number;
  /** Wait between text chunks. */
  chunkDelayMs?: number;
  /** Answer this HTTP error status instead of text. */
  status?: number;
  /** With `status`: the Retry-After header (seconds). */
  retryAfterSeconds?: number;
  /** With `status`: the error message in the body (default `scripted <status>`). */
  errorMessage?: string;
  /** After the first text chunk, send a data line that is not JSON. */
  malformed?: boolean;
  /** Cut the connection after this many text chunks (no final events). */
  disconnectAfterChunks?: number;
}

/** A request received by a fake model server. */
export interface ModelRequestLog {
  body: Record<string, unknown>;
  /** The credential header as received (`authorization` for OpenAI, `x-api-key` for Anthropic). */
  credential: string | null;
  /** performance.now() when the request arrived, and when the first text chunk was written. */
  receivedAt: number;
  firstTokenAt: number | null;
  /** The client closed the connection before the answer was complete (an aborted request). */
  aborted: boolean;
  status: number;
}

export const countWords = (text: string) => text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;

/** The answer cut as a model streams it: one chunk per word, with the spaces that follow it. */
export const wordChunks = (text: string) => text.match(/\s*\S+\s*/gu) ?? [];

export async function readJsonBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What a fake needs to play one scripted answer in its API's wire format. */
export interface StreamWriter {
  /** Events before the first text (OpenAI: the role chunk; Anthropic: message_start, content_block_start, ping). */
  opening(): void;
  delta(text: string): void;
  /** Events after the last text (finish reason, usage, end marker). */
  closing(text: string): void;
}

/**
 * Plays `reply` as an SSE stream: headers and opening events at once, then the text chunks with
 * the scripted delays, then the closing events; stops writing when the client has gone.
 */
export async function playStream(response: ServerResponse, log: ModelRequestLog, reply: ScriptedReply, text: string, writer: StreamWriter) {
  response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
  response.flushHeaders();
  writer.opening();
  const chunks = reply.chunks ?? wordChunks(text);
  if (reply.firstTokenDelayMs) await wait(reply.firstTokenDelayMs);
  for (const [index, chunk] of chunks.entries()) {
    if (response.destroyed) return;
    if (index > 0 && reply.chunkDelayMs) await wait(reply.chunkDelayMs);
    if (response.destroyed) return;
    writer.delta(chunk);
    log.firstTokenAt ??= performance.now();
    if (reply.malformed) {
      // Named, so that both SDKs read it (Anthropic's skips unnamed events); not JSON, so both fail.
      response.write('event: content_block_delta\ndata: {"type": "content_block_delta", "delta": {"text": "cut\n\n');
      response.end();
      return;
    }
    if (reply.disconnectAfterChunks !== undefined && index + 1 >= reply.disconnectAfterChunks) {
      // Close the connection mid-body (after what was written): the chunked body never ends.
      response.socket?.end();
      return;
    }
  }
  if (response.destroyed) return;
  writer.closing(chunks.join(''));
  response.end();
}

/** One SSE event as the APIs frame it. */
export function writeEvent(response: ServerResponse, data: unknown, event?: string) {
  response.write(`${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
}

/** A log entry for `request`, marked aborted when the client closes before the answer ends. */
export function logRequest(response: ServerResponse, body: Record<string, unknown>, credential: string | null, status: number): ModelRequestLog {
  const log: ModelRequestLog = { body, credential, receivedAt: performance.now(), firstTokenAt: null, aborted: false, status };
  response.on('close', () => {
    if (!response.writableFinished) log.aborted = true;
  });
  return log;
}

/** The scripted replies, consumed in order; when none is left, `null` (echo the prompt). */
export function replyScript() {
  const replies: ScriptedReply[] = [];
  return {
    add: (next: ScriptedReply[]) => void replies.push(...next),
    next: (): ScriptedReply | null => replies.shift() ?? null,
  };
}

/** Resolves when `condition` holds (e.g. the fake saw the request closed); fails after `timeoutMs`. */
export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await wait(5);
  }
}
