// One edge function running in its own Deno process (deno-host.ts), from spawn to exit.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { denoBinary } from './deno-binary.js';
import type { Logger } from '../../../signaling/ops/logger.js';

const HOST_SCRIPT = join(import.meta.dirname, 'deno-host.ts');

/** How long stop() waits after SIGTERM before it sends SIGKILL. */
const STOP_GRACE_MS = 2000;

/** Lines of stderr kept to explain a failed start. */
const STDERR_TAIL_LINES = 20;

/** Starting failed: the message is meant for the caller (it ends up in the 503 body). */
export class FunctionBootError extends Error {}

export interface FunctionProcessOptions {
  name: string;
  entrypoint: string;
  /** The whole environment of the process (nothing is inherited). */
  env: Record<string, string>;
  /** The folder the function may read: its project (code, shared modules, node_modules). */
  readableRoot: string;
  startupTimeoutMs: number;
  log: Logger;
}

export interface FunctionProcess {
  readonly name: string;
  readonly pid: number | undefined;
  /** Resolves with the loopback port once the function listens; rejects with FunctionBootError. */
  readonly listening: Promise<number>;
  /** Resolves when the process has exited (and been reaped) and its output is read. */
  readonly exited: Promise<void>;
  readonly hasExited: boolean;
  /** SIGTERM, then SIGKILL after a grace period; resolves once the process is gone. */
  stop(): Promise<void>;
}

/**
 * Permissions: --allow-net because a function listens on loopback and calls the gateway and AI
 * providers; --allow-env for Deno.env (safe: the process gets only the environment we build);
 * --allow-read of the project only, because the host imports the function at run time and
 * npm packages read their own files. No write, run, ffi or sys.
 * Deno finds the project's package.json from the host script and resolves `npm:` and bare
 * specifiers from its node_modules, so functions run offline with the versions npm installed.
 */
function denoArguments(options: FunctionProcessOptions, readyMarker: string): string[] {
  return [
    'run',
    '--no-prompt',
    '--allow-net',
    '--allow-env',
    `--allow-read=${options.readableRoot}`,
    HOST_SCRIPT,
    readyMarker,
    pathToFileURL(options.entrypoint).href,
  ];
}

export function startFunctionProcess(options: FunctionProcessOptions): FunctionProcess {
  const { name } = options;
  const log = options.log.child({ function: name });

  // A fresh marker per process, so nothing the function prints can pass for it.
  const readyMarker = `jd-function-listening-${randomUUID()}`;
  const child = spawn(denoBinary(), denoArguments(options, readyMarker), {
    cwd: options.readableRoot,
    env: options.env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  // stdin is only held open (see deno-host.ts); writes never happen, but a dead pipe may error.
  child.stdin.on('error', () => {});

  let hasExited = false;
  const stderrTail: string[] = [];
  let settleListening: { resolve(port: number): void; reject(error: Error): void };
  const listening = new Promise<number>((resolve, reject) => {
    settleListening = { resolve, reject };
  });
  // Nobody may be waiting when a warm process crashes later; the rejection is not an error then.
  listening.catch(() => {});

  const startupTimer = setTimeout(() => {
    settleListening.reject(
      new FunctionBootError(`function "${name}" did not start listening within ${options.startupTimeoutMs} ms`),
    );
    child.kill('SIGKILL');
  }, options.startupTimeoutMs);

  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line.startsWith(`${readyMarker} `)) {
      clearTimeout(startupTimer);
      settleListening.resolve(Number(line.slice(readyMarker.length + 1)));
      log.info({ pid: child.pid }, 'function started');
      return;
    }
    log.info({ stream: 'stdout', line }, 'function output');
  });
  createInterface({ input: child.stderr }).on('line', (line) => {
    stderrTail.push(line);
    if (stderrTail.length > STDERR_TAIL_LINES) stderrTail.shift();
    log.info({ stream: 'stderr', line }, 'function output');
  });

  const exited = new Promise<void>((resolve) => {
    child.once('error', (error) => {
      // spawn itself failed (no Deno binary): there will be no 'exit' event.
      hasExited = true;
      clearTimeout(startupTimer);
      settleListening.reject(new FunctionBootError(`could not start Deno for function "${name}": ${error.message}`));
      resolve();
    });
    // 'close' rather than 'exit': it comes after the last stderr line, which may say why.
    child.once('close', (code, signal) => {
      if (hasExited) return;
      hasExited = true;
      clearTimeout(startupTimer);
      const how = signal ? `signal ${signal}` : `code ${code}`;
      // Deno reports an uncaught error as `error: Uncaught ...`, followed by the stack.
      const lastError = stderrTail.findLast((l) => l.startsWith('error: ')) ?? stderrTail.findLast((l) => l.trim());
      settleListening.reject(
        new FunctionBootError(
          `function "${name}" exited with ${how} before it listened${lastError ? `: ${lastError.trim()}` : ''}`,
        ),
      );
      log[code === 0 || signal === 'SIGTERM' ? 'info' : 'error']({ pid: child.pid, code, signal }, 'function exited');
      resolve();
    });
  });

  return {
    name,
    pid: child.pid,
    listening,
    exited,
    get hasExited() {
      return hasExited;
    },
    async stop() {
      if (hasExited) return;
      child.kill('SIGTERM');
      const killTimer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(killTimer);
    },
  };
}

/** The nearest folder above `from` with a package.json: the project a function belongs to. */
export function projectRootOf(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return from;
  }
}
