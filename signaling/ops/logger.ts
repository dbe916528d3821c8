// Structured logs: one JSON object per line, so log collectors can index fields without parsing prose.
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  log(level: LogLevel, msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

/** `write` receives each line; default stdout. `fields` are added to every line (e.g. the server name). */
export function createLogger(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`), fields: LogFields = {}): Logger {
  return {
    log(level, msg, extra = {}) {
      const entry = { time: new Date().toISOString(), level, msg, ...fields, ...extra };
      write(JSON.stringify(entry, (_key, value: unknown) => (value instanceof Error ? { name: value.name, message: value.message } : value)));
    },
    child(more) {
      return createLogger(write, { ...fields, ...more });
    },
  };
}

export const silentLogger: Logger = { log() {}, child: () => silentLogger };
