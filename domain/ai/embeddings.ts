// The embeddings request policy, runtime-neutral: what the `embed` Edge Function (Deno) sends to
// an OpenAI-compatible `/v1/embeddings` endpoint, and how it batches, retries and prices it.
// Pure functions and constants only; the function imports them, tests run them in Node and Deno.

/** OpenAI's text-embedding-3-small, unless JD_EMBEDDING_MODEL names another compatible model. */
export const DEFAULT_EMBEDDING_MODEL = 'text-embedding-3-small';

/** tm_segments.embedding is vector(1536): a model answering with another size is refused. */
export const EMBEDDING_DIMENSIONS = 1536;

/**
 * Inputs per provider request. OpenAI takes up to 2048, but Cohere-style and self-hosted
 * OpenAI-compatible servers often stop at 96; one limit that every server takes.
 */
export const EMBEDDING_BATCH_SIZE = 96;

/** Texts one call of the function may embed (a few batches: the call stays well under a minute). */
export const MAX_TEXTS_PER_CALL = 500;

/** Characters per text: a TM segment is at most 10 000 characters (tm_segments checks). */
export const MAX_TEXT_LENGTH = 10_000;

/**
 * Attempts after the first for a 408/409/429/5xx answer or a lost connection. The openai SDK
 * does the waiting: it honours `retry-after-ms` and `Retry-After` (seconds or a date, under a
 * minute) and otherwise backs off exponentially from 0.5 s to 8 s with jitter.
 */
export const EMBEDDING_MAX_RETRIES = 3;

/** Per attempt (ms): a batch of 96 short texts answers in well under a second. */
export const EMBEDDING_TIMEOUT_MS = 30_000;

/** text-embedding-3-small's list price: US$0.02 per million input tokens. */
export const USD_PER_MILLION_TOKENS = 0.02;

/**
 * The text as the model should see it: whitespace runs (newlines included, which older OpenAI
 * models embedded worse) folded to one space, ends trimmed. Empty after that: null.
 */
export function normalizeEmbeddingInput(text: string): string | null {
  const folded = text.replace(/\s+/gu, ' ').trim();
  return folded === '' ? null : folded;
}

/** `items` in consecutive batches of at most `size`, order kept. */
export function inBatches<T>(items: readonly T[], size = EMBEDDING_BATCH_SIZE): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`batch size must be a positive integer (got ${size})`);
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size) batches.push(items.slice(start, start + size));
  return batches;
}

/** Whether a provider answer with this HTTP status is worth another attempt (the SDK's rule). */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** Estimated cost in US dollars of `tokens` input tokens (ai_requests.estimated_cost). */
export function estimatedCost(tokens: number): number {
  return (tokens * USD_PER_MILLION_TOKENS) / 1_000_000;
}

/** One embedding per input, each of EMBEDDING_DIMENSIONS finite numbers, put back in input order. */
export function orderedEmbeddings(
  data: readonly { index: number; embedding: readonly number[] }[],
  inputs: number,
): number[][] {
  if (data.length !== inputs) throw new Error(`the provider returned ${data.length} embeddings for ${inputs} inputs`);
  const ordered: (number[] | undefined)[] = new Array<number[] | undefined>(inputs);
  for (const item of data) {
    if (!Number.isInteger(item.index) || item.index < 0 || item.index >= inputs || ordered[item.index]) {
      throw new Error(`the provider returned an embedding with a bad or repeated index (${item.index})`);
    }
    if (item.embedding.length !== EMBEDDING_DIMENSIONS) {
      throw new Error(`the model answered with ${item.embedding.length} dimensions; ${EMBEDDING_DIMENSIONS} are needed`);
    }
    if (!item.embedding.every((value) => Number.isFinite(value))) {
      throw new Error(`the provider returned an embedding with a value that is not a finite number`);
    }
    ordered[item.index] = [...item.embedding];
  }
  return ordered as number[][];
}
