// The error bodies hosted Supabase answers /functions/v1 with, word for word, so code written
// against Supabase (and supabase-js's FunctionsHttpError handling) sees the same thing here.

const json = (status: number, body: Record<string, unknown>) => Response.json(body, { status });

export const functionNotFound = () =>
  json(404, { code: 'NOT_FOUND', message: 'Requested function was not found' });

export const missingAuthorization = () =>
  json(401, { code: 'UNAUTHORIZED_NO_AUTH_HEADER', message: 'Missing authorization header' });

export const invalidJwt = () => json(401, { code: 401, message: 'Invalid JWT' });

/** The worker could not start; `reason` says why, so the cause is visible without the logs. */
export const bootError = (reason: string) =>
  json(503, { code: 'BOOT_ERROR', message: `Worker failed to boot: ${reason} (please check logs)` });

/** The worker went away (crashed, exited) before it answered. */
export const workerError = () =>
  json(500, { code: 'WORKER_ERROR', message: 'Function exited due to an error (please check logs)' });

export const runnerStopped = () =>
  json(503, { code: 'BOOT_ERROR', message: 'Worker failed to boot: the functions runner has been stopped' });
