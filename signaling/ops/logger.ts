// Structured logs with pino: one JSON object per line, so log collectors can index fields without
// parsing prose. The level is written as its name ("error", not 50) and the time as ISO 8601,
// which is what the log readers of this project (web-test-runner.config.mjs keeps the stack's
// error lines) and people reading a line expect. Fields named `error` go through pino's error
// serializer (type, message, stack, code).
import { pino, type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const options: pino.LoggerOptions = {
  // No pid and hostname on every line: the servers name themselves (`server`), the platform
  // labels the host, and fields of our own called pid (a function's process) stay unambiguous.
  base: null,
  formatters: { level: (label) => ({ level: label }) },
  timestamp: pino.stdTimeFunctions.isoTime,
  serializers: { error: pino.stdSerializers.err },
};

/**
 * A logger whose lines go to `write` (one JSON object per call, without the newline), or to
 * stdout. `fields` are added to every line (e.g. the server's name).
 */
export function createLogger(write?: (line: string) => void, fields: Record<string, unknown> = {}): Logger {
  const destination = write ? { write: (chunk: string) => write(chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk) } : pino.destination({ dest: 1, sync: true });
  return pino(options, destination).child(fields);
}

/** Writes nothing (tests). */
export const silentLogger: Logger = pino({ ...options, level: 'silent' });

/**
 * The logger a server was given: a logger as it is, or a line writer (a test's `() => {}`,
 * the stack's own) wrapped, with `fields` on every line.
 */
export function loggerFrom(given: Logger | ((line: string) => void) | undefined, fields: Record<string, unknown>): Logger {
  if (typeof given === 'function') return createLogger(given, fields);
  return given ? given.child(fields) : createLogger(undefined, fields);
}
