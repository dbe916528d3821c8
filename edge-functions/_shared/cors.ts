// The CORS headers an edge function answers with, so a browser page on another origin (a host
// HR portal embedding the widgets) can call it. Hosted Supabase hands preflights to the
// function itself, so every function answers OPTIONS with these and adds them to its responses.
// Runtime-neutral: web-standard Request/Response/Headers only.

/**
 * Everything supabase-js may send to a function: its own headers, `x-region` for
 * `invoke({ region })`, `x-retry-count` on retries and the trace headers with tracePropagation.
 */
export const CORS_ALLOWED_HEADERS = [
  'authorization',
  'apikey',
  'x-client-info',
  'content-type',
  'x-region',
  'x-retry-count',
  'traceparent',
  'tracestate',
  'baggage',
].join(', ');

export const corsHeaders: Readonly<Record<string, string>> = Object.freeze({
  // The widgets never send credentials (cookies), so any origin may call.
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': CORS_ALLOWED_HEADERS,
  'Access-Control-Max-Age': '86400',
});

/** The answer to a CORS preflight, or null when `request` is not one. */
export function preflightResponse(request: Request): Response | null {
  if (request.method !== 'OPTIONS') return null;
  return new Response(null, { status: 204, headers: corsHeaders });
}

/** `response` with the CORS headers added (a new Response; the body is passed on, not read). */
export function withCors(response: Response): Response {
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(corsHeaders)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
