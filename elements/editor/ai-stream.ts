// The editor's client of the `ai-assist` Edge Function (issue 16 item 4): POSTs the task with the
// session's access token and `Accept: text/event-stream`, and reads the Server-Sent Events as they
// arrive (domain/ai/assist-types.ts AssistStreamEvent, one JSON object per `data:` line). Aborting
// the signal aborts the fetch, which closes the connection; the function sees its request aborted
// and aborts the provider call, so a cancelled suggestion stops costing tokens.
// zod's tree-shakeable API: the classic one (`import { z } from 'zod'`) bundles its whole API
// into every page that loads the kit (npm run size).
import * as z from 'zod/mini';
import type { AssistBody, AssistStreamEvent } from '../../domain/ai/assist-types.js';

export type AssistDone = Extract<AssistStreamEvent, { type: 'done' }>;

/** How a request ended. `network` and `incomplete` carry no message: the panel says them in the interface language. */
export type AssistOutcome =
  | { kind: 'done'; text: string; done: AssistDone }
  | { kind: 'cancelled'; text: string }
  /** `message`: the function's own words (its `{ error }` or its error event), shown as they are. */
  | { kind: 'error'; code: string; status: number | null; message: string | null };

export interface AssistStreamOptions {
  /** `<supabase-url>/functions/v1`. */
  functionsUrl: string;
  accessToken: string;
  body: AssistBody;
  signal: AbortSignal;
  /** Each piece of text as it arrives. */
  onDelta: (text: string, soFar: string) => void;
}

const source = z.union([
  z.object({ kind: z.literal('tm'), id: z.string(), source: z.string(), target: z.string(), score: z.number() }),
  z.object({ kind: z.literal('glossary'), id: z.string(), source: z.string(), target: z.string(), status: z.enum(['approved', 'forbidden', 'pending']) }),
  z.object({ kind: z.literal('rule'), id: z.string(), description: z.string() }),
  z.object({ kind: z.literal('untranslated'), text: z.string() }),
]);

const streamEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('delta'), text: z.string() }),
  z.object({
    type: z.literal('done'),
    provider: z.string(),
    model: z.string(),
    sources: z.array(source),
    request_id: z.nullable(z.number()),
    tokens_in: z.number(),
    tokens_out: z.number(),
    cost: z.number(),
    glossary_flags: z.array(
      z.object({
        kind: z.enum(['forbidden-term-used', 'approved-term-missing']),
        term_id: z.string(),
        expected: z.nullable(z.string()),
        found: z.nullable(z.string()),
      }),
    ),
    notice: z.optional(z.string()),
    /** compliance-review (<jd-compliance>'s AI review): the items, every one advisory. */
    review: z.optional(
      z.array(
        z.object({
          kind: z.enum(['equivalence', 'group-fit', 'rewrite']),
          section: z.nullable(z.string()),
          lang: z.nullable(z.enum(['en', 'fr'])),
          finding_rule: z.optional(z.string()),
          text: z.optional(z.string()),
          message: z.string(),
          suggestion: z.optional(z.string()),
          advisory: z.literal(true),
        }),
      ),
    ),
  }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string() }),
]);

/** The `data:` payloads of complete events in `buffer`, and what is left of an event still arriving. */
export function takeEvents(buffer: string): { data: string[]; rest: string } {
  const blocks = buffer.replace(/\r\n?/g, '\n').split('\n\n');
  const rest = blocks.pop() ?? '';
  const data = blocks
    .map((block) =>
      block
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''))
        .join('\n'),
    )
    .filter((payload) => payload !== '');
  return { data, rest };
}

/** What the function answered instead of a stream: its `{ error }` (or `{ message }`) as it is. */
async function refusal(response: Response): Promise<AssistOutcome> {
  const text = await response.text().catch(() => '');
  let message: string | null = null;
  try {
    const body = JSON.parse(text) as { error?: unknown; message?: unknown; code?: unknown };
    message = typeof body.error === 'string' ? body.error : typeof body.message === 'string' ? body.message : null;
  } catch {
    message = null;
  }
  return { kind: 'error', code: `http-${response.status}`, status: response.status, message: message ?? (text.trim().slice(0, 300) || null) };
}

/** Runs one task through `ai-assist`, streaming; never throws. */
export async function streamAssist(options: AssistStreamOptions): Promise<AssistOutcome> {
  let text = '';
  const cancelled = (): AssistOutcome => ({ kind: 'cancelled', text });
  let response: Response;
  try {
    response = await fetch(`${options.functionsUrl.replace(/\/+$/, '')}/ai-assist`, {
      method: 'POST',
      headers: { authorization: `Bearer ${options.accessToken}`, 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch {
    return options.signal.aborted ? cancelled() : { kind: 'error', code: 'network', status: null, message: null };
  }
  if (!response.ok || !response.body) return refusal(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      const { data, rest } = takeEvents(buffer + value);
      buffer = rest;
      for (const payload of data) {
        let parsed: ReturnType<typeof streamEvent.safeParse>;
        try {
          parsed = streamEvent.safeParse(JSON.parse(payload));
        } catch {
          parsed = streamEvent.safeParse(null);
        }
        if (!parsed.success) return { kind: 'error', code: 'malformed', status: response.status, message: null };
        const event = parsed.data;
        if (event.type === 'delta') {
          text += event.text;
          options.onDelta(event.text, text);
        } else if (event.type === 'done') return { kind: 'done', text, done: event };
        else return { kind: 'error', code: event.code, status: response.status, message: event.message };
      }
    }
  } catch {
    return options.signal.aborted ? cancelled() : { kind: 'error', code: 'network', status: null, message: null };
  } finally {
    // Done or refused: the connection is closed rather than left to the function.
    void reader.cancel().catch(() => undefined);
  }
  return options.signal.aborted ? cancelled() : { kind: 'error', code: 'incomplete', status: response.status, message: null };
}
