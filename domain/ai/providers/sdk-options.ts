// What both SDK clients (openai, @anthropic-ai/sdk) are built with, and how both streams must end.
import { abortedCall, incompleteStream } from './failure.ts';

/** Longest wait for the response headers (ms); the first token's wait is the resilience layer's. */
export const DEFAULT_SDK_TIMEOUT_MS = 30_000;

/**
 * No SDK retries (the resilience layer retries, falls back and keeps the circuit breaker), no SDK
 * logging (failures reach the caller as ProviderFailure; the SDKs' logs would print answer text),
 * the headers timeout, and the injected fetch if any.
 */
export function sdkClientOptions<F>(settings: { fetch?: F | undefined; timeoutMs?: number | undefined }) {
  return {
    maxRetries: 0,
    logLevel: 'off' as const,
    timeout: settings.timeoutMs ?? DEFAULT_SDK_TIMEOUT_MS,
    ...(settings.fetch ? { fetch: settings.fetch } : {}),
  };
}

/**
 * After the SDK's stream has ended: a cancelled one (the SDKs end an aborted stream without an
 * error) or one that stopped before its final event is a failure, not an answer.
 */
export function checkStreamEnd(provider: string, signal: AbortSignal, finished: boolean): void {
  if (signal.aborted) throw abortedCall(provider);
  if (!finished) throw incompleteStream(provider);
}
