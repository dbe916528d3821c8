// One AiProvider over an ordered chain of providers (the organization's order, the offline
// provider last): per-attempt timeout (the first token included, then each next event), retries
// with exponential backoff and jitter on 429/5xx only (honouring Retry-After), fallback to the
// next provider on any other failure, a circuit breaker per provider, and one AttemptRecord per
// provider call (the function writes one ai_requests row each). A stream that has already
// yielded text is never restarted elsewhere: the writer would see two answers spliced; it fails.
import type { AiProvider, AssistRequest, Prompt, ProviderEvent } from '../assist-types.ts';
import type { CircuitBreakerRegistry } from './circuit-breaker.ts';
import { ProviderFailure, abortedCall } from './failure.ts';

export interface AttemptRecord {
  provider: string;
  model: string;
  /** 'fallback': failed, and the next provider of the chain is tried. */
  outcome: 'success' | 'error' | 'timeout' | 'fallback' | 'cancelled';
  tokensIn: number;
  tokensOut: number;
  latencyMs: number;
  error: string | null;
  status: number | null;
}

export interface ResilienceOptions {
  /** Longest wait for the first event of an attempt, and then for each next one (ms). */
  timeoutMs: number;
  /** Further attempts on the same provider after a 429 or 5xx. */
  maxRetries: number;
  breaker: CircuitBreakerRegistry;
  /** Waits between retries; aborting `signal` ends the wait early (with a rejection). */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  now?: () => number;
  /** 0 ≤ x < 1, for the jitter (Math.random). */
  random?: () => number;
  /** A Retry-After longer than this (ms, default 20 s) is not waited for: the next provider is tried. */
  maxRetryAfterMs?: number;
  onAttempt?(attempt: AttemptRecord): void;
}

/** First retry after about 0.5 s, doubling up to 8 s. */
export const BACKOFF_BASE_MS = 500;
export const BACKOFF_MAX_MS = 8_000;

/** Exponential backoff with equal jitter: half the step fixed, half random. */
export function backoffMs(retry: number, random: () => number): number {
  const step = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** retry);
  return step / 2 + (step / 2) * random();
}

const defaultSleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });

type AttemptResult =
  | { ok: true; end: Extract<ProviderEvent, { type: 'end' }> }
  | { ok: false; failure: ProviderFailure; yieldedText: boolean };

const TIMED_OUT = Symbol('timed out');

/** `promise`, or TIMED_OUT after `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const asFailure = (provider: string, error: unknown) =>
  error instanceof ProviderFailure
    ? error
    : new ProviderFailure(provider, 'other', `${provider}: ${error instanceof Error ? error.message : String(error)}`);

/**
 * One call to `provider`: its deltas pass through; the result says how it ended. The provider
 * gets its own signal, aborted on the caller's abort and on timeout (which closes its request).
 */
async function* attempt(provider: AiProvider, request: AssistRequest, prompt: Prompt, signal: AbortSignal, timeoutMs: number): AsyncGenerator<ProviderEvent, AttemptResult> {
  const controller = new AbortController();
  const forwardAbort = () => controller.abort(signal.reason);
  signal.addEventListener('abort', forwardAbort, { once: true });
  let yieldedText = false;
  const iterator = provider.generate(request, prompt, controller.signal)[Symbol.asyncIterator]();
  try {
    for (;;) {
      const next = await within(iterator.next(), timeoutMs);
      if (next === TIMED_OUT) {
        controller.abort();
        const wait = yieldedText ? 'next part of the answer' : 'first token';
        return { ok: false, yieldedText, failure: new ProviderFailure(provider.name, 'timeout', `${provider.name}: no ${wait} within ${timeoutMs} ms`) };
      }
      if (next.done) {
        return { ok: false, yieldedText, failure: new ProviderFailure(provider.name, 'malformed', `${provider.name}: the answer ended without its final event`) };
      }
      const event = next.value;
      if (event.type === 'end') return { ok: true, end: event };
      if (event.text) {
        yieldedText = true;
        yield event;
      }
    }
  } catch (error) {
    const failure = signal.aborted ? abortedCall(provider.name) : asFailure(provider.name, error);
    return { ok: false, yieldedText, failure };
  } finally {
    signal.removeEventListener('abort', forwardAbort);
    // Ends the provider's generator (and so its HTTP request) without waiting on it.
    controller.abort();
    void iterator.return?.(undefined).catch(() => undefined);
  }
}

/** The provider that answers with the first of `chain` able to, as described above. */
export function createResilientProvider(chain: readonly AiProvider[], options: ResilienceOptions): AiProvider {
  const first = chain[0];
  if (!first) throw new RangeError('createResilientProvider needs at least one provider');
  if (!(options.timeoutMs > 0)) throw new RangeError(`timeoutMs must be more than 0 (got ${options.timeoutMs})`);
  if (!Number.isInteger(options.maxRetries) || options.maxRetries < 0) throw new RangeError(`maxRetries must be an integer, 0 or more (got ${options.maxRetries})`);
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? (() => performance.now());
  const random = options.random ?? Math.random;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 20_000;
  const { breaker } = options;

  return {
    name: chain.map((provider) => provider.name).join('>'),
    model: first.model,
    async *generate(request: AssistRequest, prompt: Prompt, signal: AbortSignal): AsyncGenerator<ProviderEvent> {
      const failures: ProviderFailure[] = [];
      // The attempt under way, if the consumer stops reading (return()) in the middle of it.
      let inFlight: { provider: AiProvider; started: number } | null = null;
      try {
        for (const [index, provider] of chain.entries()) {
          const hasNext = index < chain.length - 1;
          for (let retry = 0; ; retry++) {
            if (signal.aborted) throw abortedCall(provider.name);
            if (!breaker.allow(provider.name)) {
              failures.push(new ProviderFailure(provider.name, 'circuit-open', `${provider.name}: skipped, it failed ${breaker.failureThreshold} times in a row (circuit open for ${breaker.coolDownMs / 1000} s)`));
              break;
            }
            const started = now();
            inFlight = { provider, started };
            const result = yield* attempt(provider, request, prompt, signal, options.timeoutMs);
            inFlight = null;
            const latencyMs = Math.max(0, Math.round(now() - started));
            if (result.ok) {
              breaker.recordSuccess(provider.name);
              const { model, tokensIn, tokensOut } = result.end;
              options.onAttempt?.({ provider: provider.name, model, outcome: 'success', tokensIn, tokensOut, latencyMs, error: null, status: null });
              yield { ...result.end, provider: provider.name };
              return;
            }
            const { failure, yieldedText } = result;
            const record = (outcome: AttemptRecord['outcome']) =>
              options.onAttempt?.({ provider: provider.name, model: provider.model, outcome, tokensIn: 0, tokensOut: 0, latencyMs, error: failure.message, status: failure.status });
            if (failure.kind === 'aborted') {
              breaker.release(provider.name);
              record('cancelled');
              throw failure;
            }
            breaker.recordFailure(provider.name);
            const waitMs = failure.retryAfterMs ?? backoffMs(retry, random);
            const retrying = !yieldedText && failure.retryable && retry < options.maxRetries && waitMs <= maxRetryAfterMs;
            const fallingBack = !yieldedText && !retrying && hasNext;
            record(failure.kind === 'timeout' ? 'timeout' : fallingBack ? 'fallback' : 'error');
            if (yieldedText) throw failure;
            if (!retrying) {
              failures.push(failure);
              break;
            }
            try {
              await sleep(waitMs, signal);
            } catch {
              throw abortedCall(provider.name);
            }
          }
        }
        throw allFailed(failures);
      } finally {
        if (inFlight) {
          // The consumer stopped reading: the attempt's request is closed (attempt()'s finally);
          // no verdict on the provider, so a half-open circuit's trial is freed.
          const { provider, started } = inFlight;
          breaker.release(provider.name);
          options.onAttempt?.({
            provider: provider.name, model: provider.model, outcome: 'cancelled', tokensIn: 0, tokensOut: 0,
            latencyMs: Math.max(0, Math.round(now() - started)), error: 'the caller stopped reading the answer', status: null,
          });
        }
      }
    },
  };
}

/** The error when no provider answered: the last failure's kind, every provider's reason. */
function allFailed(failures: readonly ProviderFailure[]): ProviderFailure {
  const last = failures[failures.length - 1]!;
  if (failures.length === 1) return last;
  return new ProviderFailure(last.provider, last.kind, `no provider answered: ${failures.map((failure) => failure.message).join('; ')}`, last.status, last.retryAfterMs);
}
