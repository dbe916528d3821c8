// Test helpers: talk to the wire server with the real psql client (the `pg` package is not a
// dependency), exactly as a developer would.
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

// -X: ignore ~/.psqlrc; -q: no command tags; -A -t: bare values, one row per line.
const PSQL_FLAGS = ['-X', '-q', '-A', '-t'];

/** Runs one `-c` per statement (each its own simple query) and returns stdout. */
export async function psql(url: string, ...statements: string[]): Promise<string> {
  // ON_ERROR_STOP: a failing statement fails the call instead of printing and going on.
  const args = [url, ...PSQL_FLAGS, '-v', 'ON_ERROR_STOP=1', ...statements.flatMap((sql) => ['-c', sql])];
  const { stdout } = await execFileAsync('/usr/bin/psql', args, { timeout: 30_000 });
  return stdout;
}

export interface PsqlSession {
  /** Sends SQL and resolves with what psql printed for it. */
  run(sql: string): Promise<string>;
  /** Resolves when psql exits, with everything it wrote to stderr. */
  readonly exited: Promise<string>;
  close(): void;
}

/** An interactive psql kept open, so a session can hold a transaction between commands. */
export function openPsqlSession(url: string): PsqlSession {
  const child = spawn('/usr/bin/psql', [url, ...PSQL_FLAGS], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let waiting: { marker: string; resolve: (text: string) => void } | undefined;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (waiting && stdout.includes(waiting.marker + '\n')) {
      const [before = '', after = ''] = stdout.split(waiting.marker + '\n');
      stdout = after;
      const { resolve } = waiting;
      waiting = undefined;
      resolve(before);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<string>((resolve) => child.on('close', () => resolve(stderr)));
  let counter = 0;
  return {
    run(sql) {
      const marker = `__psql_done_${++counter}__`;
      return new Promise((resolve) => {
        waiting = { marker, resolve };
        child.stdin.write(`${sql}\n\\echo ${marker}\n`);
      });
    },
    exited,
    close() {
      child.stdin.end();
    },
  };
}
