// Hands a request to a function listening on a loopback port and gives back its response with
// the body streamed through as it arrives. node:http rather than fetch: fetch would decompress
// bodies behind our back and offers no way to pass bytes through untouched.
import { request as httpRequest, type Agent, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';

/** Headers about one hop's connection, which a proxy must not pass on (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
]);

/** Statuses whose responses have no body by definition; a Response with one would throw. */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

function requestHeaders(request: Request, bodyLength: number | null): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  for (const [key, value] of request.headers) {
    if (HOP_BY_HOP.has(key) || key === 'host' || key === 'content-length') continue;
    headers[key] = value;
  }
  // Deno.serve compresses when asked to, and compressing an event stream buffers it.
  headers['accept-encoding'] = 'identity';
  if (bodyLength !== null) headers['content-length'] = bodyLength;
  return headers;
}

function responseHeaders(incoming: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = incoming.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const key = raw[i]!;
    if (!HOP_BY_HOP.has(key.toLowerCase())) headers.append(key, raw[i + 1]!);
  }
  return headers;
}

function toResponse(incoming: IncomingMessage, method: string): Response {
  const status = incoming.statusCode ?? 502;
  const init = { status, statusText: incoming.statusMessage ?? '', headers: responseHeaders(incoming) };
  if (method === 'HEAD' || NULL_BODY_STATUSES.has(status)) {
    incoming.resume();
    return new Response(null, init);
  }
  // Node's and the DOM's ReadableStream types differ only on paper.
  return new Response(Readable.toWeb(incoming) as unknown as ReadableStream<Uint8Array>, init);
}

/**
 * Sends `request` (its path and query as they are) to 127.0.0.1:`port`. Resolves when the
 * response headers arrive; rejects when the connection fails before that.
 */
export async function proxyRequest(request: Request, port: number, agent: Agent): Promise<Response> {
  const url = new URL(request.url);
  // The body is streamed (chunked) as it arrives: function bodies may be whole files.
  const declaredLength = request.headers.get('content-length');
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: request.method,
        path: url.pathname + url.search,
        headers: requestHeaders(request, request.body && declaredLength !== null ? Number(declaredLength) : null),
        agent,
      },
      (incoming) => resolve(toResponse(incoming, request.method)),
    );
    outgoing.on('error', reject);
    // A caller that gives up (client disconnected) should not keep the function working.
    request.signal.addEventListener('abort', () => outgoing.destroy(), { once: true });
    if (!request.body) {
      outgoing.end();
      return;
    }
    // Node's and the DOM's ReadableStream types differ only on paper.
    const body = Readable.fromWeb(request.body as unknown as import('node:stream/web').ReadableStream<Uint8Array>);
    body.on('error', (error) => outgoing.destroy(error));
    body.pipe(outgoing);
  });
}
