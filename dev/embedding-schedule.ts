// The background half of semantic search on the local stack: every `intervalMs`, while an
// embeddings key is configured, the stack calls the `embed` function's pending mode as the
// service, which embeds the segments whose embedding is still null (added by tm_add_segment,
// imports, the approval harvest, or whose source text changed) and stores them.
//
// Why a timer calling the function rather than a worker with its own SDK: the function already
// holds the provider policy, the usage records and the service-only write; a hosted project
// does the same with pg_cron + pg_net (Supabase's way to schedule a function), so the local
// stack and production run the same code. Calls never overlap; a failed round is logged and the
// next one tries again (the segments are still pending).
import type { Logger } from '../signaling/ops/logger.js';
import { MAX_TEXTS_PER_CALL } from '../domain/ai/embeddings.js';

export interface EmbeddingSchedule {
  /** Runs one round now (after the current one, if any) and resolves when it is done. */
  runNow(): Promise<void>;
  stop(): Promise<void>;
}

/** The function's default round size (MAX_TEXTS_PER_CALL in domain/ai/embeddings.ts). */
function fullRound(body: string): boolean {
  try {
    const { read, failed } = JSON.parse(body) as { read?: unknown; failed?: unknown[] };
    return read === MAX_TEXTS_PER_CALL && failed?.length === 0;
  } catch {
    return false;
  }
}

export function startEmbeddingSchedule(options: {
  functionUrl: () => string;
  serviceRoleKey: string;
  intervalMs: number;
  log: Logger;
}): EmbeddingSchedule {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  async function round(): Promise<void> {
    if (stopped) return;
    try {
      const response = await fetch(options.functionUrl(), {
        method: 'POST',
        headers: {
          apikey: options.serviceRoleKey,
          authorization: `Bearer ${options.serviceRoleKey}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ pending: true }),
      });
      const body = await response.text();
      if (!response.ok) {
        options.log.error({ status: response.status, body }, 'embedding round failed');
        return;
      }
      options.log.info({ result: body }, 'embedding round');
      // A full round without failures means a backlog (an import, a first start): take the next
      // part at once. After a failure, wait for the timer rather than hammer the provider.
      if (fullRound(body)) void runNow();
    } catch (error) {
      options.log.error({ error }, 'embedding round failed');
    }
  }

  const runNow = () => (running = running.then(round));
  const timer = setInterval(() => void runNow(), options.intervalMs);
  timer.unref();

  return {
    runNow,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
