// How a provider call fails, in one shape for every provider: what kind of failure (which decides
// whether to retry, fall back or stop), the HTTP status when there was one, the wait the provider
// asked for (Retry-After), and a message safe to log and to show: never the API key.

export type FailureKind =
  | 'auth'
  | 'rate-limit'
  | 'server'
  | 'timeout'
  | 'malformed'
  | 'disconnected'
  | 'aborted'
  /** The provider's circuit breaker is open: the call was not made. */
  | 'circuit-open'
  | 'other';

export class ProviderFailure extends Error {
  override readonly name = 'ProviderFailure';
  /** Worth another attempt on the same provider (after a wait): 429 and 5xx only. */
  readonly retryable: boolean;

  constructor(
    /** AiProvider.name of the provider that failed. */
    readonly provider: string,
    readonly kind: FailureKind,
    message: string,
    readonly status: number | null = null,
    /** The wait the provider asked for (retry-after-ms or Retry-After), in ms. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.retryable = kind === 'rate-limit' || kind === 'server';
  }
}

/** The classes an SDK (openai, @anthropic-ai/sdk: same names in both) throws, for instanceof. */
export interface SdkErrorClasses {
  APIError: abstract new (...args: never[]) => Error & { status?: number | undefined; headers?: unknown };
  APIUserAbortError: abstract new (...args: never[]) => Error;
  APIConnectionError: abstract new (...args: never[]) => Error;
  APIConnectionTimeoutError: abstract new (...args: never[]) => Error;
}

/** Characters of the provider's own error message kept in a ProviderFailure's message. */
export const MAX_DETAIL_LENGTH = 1000;

const SECRET_LIKE = /\b(?:sk|key|token)-[\w*.-]{6,}/giu;

/** `text` without `secrets` (the API key) nor anything shaped like a key (sk-…, partly masked ones too). */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let safe = text;
  for (const secret of secrets) if (secret.length >= 4) safe = safe.split(secret).join('[redacted]');
  return safe.replace(SECRET_LIKE, '[redacted]');
}

/** The wait a 429/503 asks for: `retry-after-ms`, else `Retry-After` in seconds or as an HTTP date. */
export function retryAfterMs(headers: unknown, now = Date.now()): number | null {
  const get = (name: string): string | null => {
    const candidate = headers as { get?: (key: string) => string | null } | null | undefined;
    return typeof candidate?.get === 'function' ? candidate.get(name) : null;
  };
  const millis = Number.parseFloat(get('retry-after-ms') ?? '');
  if (Number.isFinite(millis) && millis >= 0) return millis;
  const value = get('retry-after');
  if (value === null) return null;
  const seconds = Number(value.trim());
  if (value.trim() !== '' && Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function kindOfStatus(status: number): FailureKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 429) return 'rate-limit';
  if (status >= 500) return 'server';
  return 'other';
}

/**
 * The ProviderFailure for whatever an SDK call or its stream threw. `signal` tells a user's abort
 * (the SDKs end an aborted stream quietly or throw APIUserAbortError) from a failure; `apiKey` is
 * scrubbed from the message.
 */
export function classifySdkError(provider: string, error: unknown, sdk: SdkErrorClasses, signal: AbortSignal, apiKey: string): ProviderFailure {
  if (error instanceof ProviderFailure) return error;
  // Bounded: the message goes to logs and to ai_requests.error (at most 10 000 characters).
  const detail = redactSecrets(error instanceof Error ? error.message : String(error), [apiKey]).slice(0, MAX_DETAIL_LENGTH);
  const fail = (kind: FailureKind, message: string, status: number | null = null, wait: number | null = null) =>
    new ProviderFailure(provider, kind, `${provider}: ${message}`, status, wait);
  if (signal.aborted || error instanceof sdk.APIUserAbortError) return fail('aborted', 'the request was cancelled');
  if (error instanceof sdk.APIConnectionTimeoutError) return fail('timeout', 'no response before the timeout');
  if (error instanceof sdk.APIConnectionError) return fail('disconnected', `could not reach the provider (${detail})`);
  if (error instanceof sdk.APIError) {
    const status = typeof error.status === 'number' ? error.status : null;
    // An error event inside a stream has no status: the provider failed mid-answer (e.g. overloaded).
    if (status === null) return fail('server', `the provider reported an error during the answer (${detail})`);
    const kind = kindOfStatus(status);
    return fail(kind, `answered ${status} (${kind}): ${detail}`, status, kind === 'rate-limit' || kind === 'server' ? retryAfterMs(error.headers) : null);
  }
  if (error instanceof SyntaxError) return fail('malformed', `sent a stream that could not be read (${detail})`);
  // What is left is the transport failing under the stream (e.g. undici's "terminated").
  return fail('disconnected', `the connection closed during the answer (${detail})`);
}

/** The stream ended without its final event: the answer is incomplete. */
export const incompleteStream = (provider: string) =>
  new ProviderFailure(provider, 'disconnected', `${provider}: the stream ended before the answer was complete`);

/** A user's abort of `signal`, as a failure. */
export const abortedCall = (provider: string) => new ProviderFailure(provider, 'aborted', `${provider}: the request was cancelled`);
