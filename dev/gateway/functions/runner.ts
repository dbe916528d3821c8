// Runs the project's edge functions like Supabase's edge runtime: one Deno process per
// function, started on its first call and kept warm, restarted after it dies.
import { Agent } from 'node:http';
import { dirname } from 'node:path';
import { bootError, functionNotFound, runnerStopped, workerError } from './error-responses.js';
import { loadFunctionCatalog, type FunctionDefinition } from './function-catalog.js';
import { FunctionBootError, projectRootOf, startFunctionProcess, type FunctionProcess } from './function-process.js';
import { proxyRequest } from './proxy-request.js';
import { loggerFrom, type Logger } from '../../../signaling/ops/logger.js';

export interface FunctionsRunnerOptions {
  /** Folder with one sub-folder per function (`<name>/index.ts`), e.g. edge-functions/. */
  functionsDir: string;
  /** supabase/config.toml: `[functions.<name>]` entrypoint, verify_jwt, enabled. */
  configFile: string;
  /**
   * What functions see in Deno.env (SUPABASE_URL, SUPABASE_ANON_KEY, ...). Read each time a
   * process starts, so the caller may fill in values (the gateway's URL) after creating the runner.
   */
  env: Record<string, string>;
  /** A logger, or a line writer (one JSON object a line). Default: JSON lines to stdout. */
  log?: Logger | ((line: string) => void);
  /** How long a function may take to listen before its call fails with BOOT_ERROR. Default 30 s. */
  startupTimeoutMs?: number;
}

export interface FunctionsRunner {
  /**
   * Runs `request` through the function `name`. The request's path and query are passed on as
   * they are (Supabase functions see `/<name>/...`); the response body streams through.
   * Failures come back as Supabase's error responses, never as exceptions.
   */
  invoke(name: string, request: Request): Promise<Response>;
  /** Whether calls must carry a valid JWT (config.toml `verify_jwt`, default true). */
  verifyJwt(name: string): boolean;
  exists(name: string): boolean;
  /** Stops every function process and waits until each is gone. */
  stop(): Promise<void>;
}

/**
 * Host variables Deno itself needs: where its cache lives, and the proxy settings its fetch
 * honours. Everything else of the gateway's environment stays out of the functions.
 */
const PASSED_THROUGH_ENV = [
  'HOME',
  'DENO_DIR',
  'XDG_CACHE_HOME',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
];

/** A first start transpiles the function and its imports; generous, for slow CI machines. */
const DEFAULT_STARTUP_TIMEOUT_MS = 30_000;

function processEnvironment(env: Record<string, string>): Record<string, string> {
  const passed: Record<string, string> = {};
  for (const key of PASSED_THROUGH_ENV) {
    const value = process.env[key];
    if (value !== undefined) passed[key] = value;
  }
  // No colour codes in the log lines we capture.
  return { ...passed, NO_COLOR: '1', ...env };
}

export function createFunctionsRunner(options: FunctionsRunnerOptions): FunctionsRunner {
  const log = loggerFrom(options.log, { server: 'functions' });
  const catalog = loadFunctionCatalog(options);
  const startupTimeoutMs = options.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS;
  // No keep-alive: a pooled socket the worker has just closed would fail the next request.
  const agent = new Agent({ keepAlive: false });
  const processes = new Map<string, FunctionProcess>();
  let stopped = false;

  function processFor(definition: FunctionDefinition): FunctionProcess {
    const running = processes.get(definition.name);
    if (running && !running.hasExited) return running;

    const started = startFunctionProcess({
      name: definition.name,
      entrypoint: definition.entrypoint,
      env: processEnvironment(options.env),
      readableRoot: projectRootOf(dirname(definition.entrypoint)),
      startupTimeoutMs,
      log,
    });
    processes.set(definition.name, started);
    // Forget it once it is gone, so the next call starts a fresh one.
    void started.exited.then(() => {
      if (processes.get(definition.name) === started) processes.delete(definition.name);
    });
    return started;
  }

  return {
    exists: (name) => catalog.find(name) !== null,
    verifyJwt: (name) => catalog.find(name)?.verifyJwt ?? true,

    async invoke(name, request) {
      const definition = catalog.find(name);
      if (!definition) return functionNotFound();
      if (stopped) return runnerStopped();

      const worker = processFor(definition);
      let port: number;
      try {
        port = await worker.listening;
      } catch (error) {
        const reason = error instanceof FunctionBootError ? error.message : String(error);
        log.error({ function: name, reason }, 'function failed to start');
        return bootError(reason);
      }
      try {
        return await proxyRequest(request, port, agent);
      } catch (error) {
        // The caller gave up (disconnected): nobody reads the answer and the worker is fine.
        if (request.signal.aborted) return workerError();
        // The connection broke before any answer: the worker crashed or is crashing. Make sure
        // it is gone, so the next call starts a fresh one instead of finding it half dead.
        log.error({ function: name, error }, 'function call failed');
        await worker.stop();
        return workerError();
      }
    },

    async stop() {
      stopped = true;
      await Promise.all([...processes.values()].map((worker) => worker.stop()));
      processes.clear();
      agent.destroy();
    },
  };
}
