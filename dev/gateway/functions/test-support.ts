// Shared by the functions runner tests: the fixture functions and process checks.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFunctionsRunner, type FunctionsRunner, type FunctionsRunnerOptions } from './runner.js';

export const fixtureFunctionsDir = join(import.meta.dirname, '../../tests/fixtures/functions');

export interface FixtureRunner {
  runner: FunctionsRunner;
  /** Every log line the runner wrote, parsed. */
  logs: Record<string, unknown>[];
  env: Record<string, string>;
}

/** A runner over dev/tests/fixtures/functions and its config.toml, logging into `logs`. */
export function fixtureRunner(options: Partial<FunctionsRunnerOptions> = {}): FixtureRunner {
  const logs: Record<string, unknown>[] = [];
  const env = { SUPABASE_URL: 'http://127.0.0.1:54321', ...options.env };
  const runner = createFunctionsRunner({
    functionsDir: fixtureFunctionsDir,
    configFile: join(fixtureFunctionsDir, 'config.toml'),
    log: (line) => logs.push(JSON.parse(line) as Record<string, unknown>),
    ...options,
    env,
  });
  return { runner, logs, env };
}

/** Whether a process is still running: a zombie (exited, not yet reaped) counts as gone. */
export function isRunning(pid: number): boolean {
  try {
    // Field 3 of /proc/<pid>/stat is the state; the command name before it is in parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** Waits until `pid` is gone; false if it is still running after `timeoutMs`. */
export async function waitUntilGone(pid: number, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isRunning(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/** Reads a text/event-stream body, noting when each event arrived (ms since `since`). */
export async function readEvents(response: Response, since: number): Promise<{ at: number; data: unknown }[]> {
  const events: { at: number; data: unknown }[] = [];
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const at = performance.now() - since;
    buffered += value;
    const complete = buffered.split('\n\n');
    buffered = complete.pop() ?? '';
    for (const event of complete) events.push({ at, data: JSON.parse(event.replace(/^data: /, '')) });
  }
  return events;
}
