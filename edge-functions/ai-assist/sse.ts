// Server-Sent Events of `ai-assist`: one `data: {json}` line per AssistStreamEvent. Each event is
// enqueued as soon as it exists (no batching), so a delta leaves the function the moment the
// provider produced it; the gateway and Deno pass the chunks through unbuffered.
import type { AssistStreamEvent } from '../../domain/ai/assist-types.ts';
import { corsHeaders } from '../_shared/cors.ts';

const encoder = new TextEncoder();

export function sseFrame(event: AssistStreamEvent): Uint8Array {
  return encoder.encode(`data: ${JSON.stringify(event)}\n\n`);
}

/**
 * A streamed response of `events`. When the client goes away (the body is cancelled), `onCancel`
 * runs, so the caller can abort the provider call it is reading from.
 */
export function sseResponse(events: AsyncIterable<AssistStreamEvent>, onCancel: () => void): Response {
  const iterator = events[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(sseFrame(next.value));
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      onCancel();
      // Let the generator run its own clean-up (it records the cancellation).
      await iterator.return?.();
    },
  }, { highWaterMark: 0 });
  return new Response(body, {
    status: 200,
    headers: {
      ...corsHeaders,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    },
  });
}
