// Shared by the AI panel's browser tests (ai-assist.test.ts, ai-panel.visual.test.ts): a scripted
// stand-in for the `ai-assist` function inside the page, speaking its wire format.
import type { AssistStreamEvent } from '../../domain/ai/assist-types.js';

export type Done = Extract<AssistStreamEvent, { type: 'done' }>;
export const DONE: Done = {
  type: 'done',
  provider: 'openai-compatible',
  model: 'fake-chat-1',
  sources: [{ kind: 'rule', id: 'inclusive.generic-pronoun', description: 'Gender-neutral wording' }],
  request_id: null,
  tokens_in: 42,
  tokens_out: 12,
  cost: 0.0012,
  glossary_flags: [{ kind: 'approved-term-missing', term_id: '1', expected: 'employees', found: null }],
};

export interface Script {
  /** The pieces of text, streamed one `delta` each. */
  pieces: string[];
  done?: Done;
  /** Wait for `release()` before the first piece (a slow first token). */
  hold?: boolean;
  /** Answer this HTTP status with `{ error }` instead of a stream. */
  refuse?: { status: number; error: string };
  /** The request fails as when the server cannot be reached. */
  unreachable?: boolean;
}

/**
 * Answers the page's requests to `/functions/v1/ai-assist` with a scripted SSE stream, and says
 * what was asked and whether the request was aborted. Every other request goes to the stack.
 */
export function aiResponder() {
  const realFetch = window.fetch;
  const seen: { body: Record<string, unknown>; accept: string | null; aborted: boolean }[] = [];
  let script: Script = { pieces: [] };
  let release: () => void = () => undefined;
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.endsWith('/functions/v1/ai-assist')) return realFetch(input, init);
    const record = { body: JSON.parse(String(init?.body)) as Record<string, unknown>, accept: new Headers(init?.headers).get('accept'), aborted: false };
    seen.push(record);
    const { pieces, done = DONE, hold = false, refuse, unreachable } = script;
    if (unreachable) throw new TypeError('Failed to fetch');
    if (refuse) return new Response(JSON.stringify({ error: refuse.error }), { status: refuse.status, headers: { 'content-type': 'application/json' } });
    const held = hold ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
    const encoder = new TextEncoder();
    let stopped = false;
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        init?.signal?.addEventListener('abort', () => {
          record.aborted = true;
          stopped = true;
          controller.error(new DOMException('aborted', 'AbortError'));
        });
        await held;
        for (const text of pieces) {
          if (stopped) return;
          controller.enqueue(encoder.encode(`data: ${JSON.stringify({ type: 'delta', text })}\n\n`));
        }
        if (stopped) return;
        controller.enqueue(encoder.encode(`data: ${JSON.stringify(done)}\n\n`));
        controller.close();
      },
    });
    return new Response(stream, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  };
  return {
    seen,
    next(next: Script) {
      script = next;
    },
    release: () => release(),
    restore() {
      window.fetch = realFetch;
    },
  };
}

