// The Web Test Runner server command `jd-stack-sync`: a browser test stops and restarts a sync
// server for real (issue #6: closing the network, editing, restoring it merges both sides).
// web-test-runner.config.mjs runs the server half; the browser half is `ownSyncServer()` in
// elements/core/test-helpers.ts. No runtime imports, so the browser can import the names too.
//
// Why each test file gets a sync server of its own instead of stopping the stack's: Web Test
// Runner runs test files at the same time (concurrency defaults to half the CPU cores), and
// they all share the stack's sync server. Stopping it would drop every other file's clients
// mid-test, and a reference count or a lock would only trade that for waiting on, or being
// stopped by, whoever holds it. So 'open' starts a dedicated instance (same database, keys and
// options, own port) for the calling test session (one file in one browser), and 'stop' and
// 'start' act on that instance only. Nothing another file uses can be stopped, whatever runs in
// parallel. Without Redis, instances do not relay to each other live, so the test should use a
// document no other test opens through the shared server.
import type { RunningStack, SyncServerControl } from './stack-types.js';

export const SYNC_COMMAND = 'jd-stack-sync';

/**
 * The server command `jd-stack-sync-metrics`: the Prometheus text of a sync server's /metrics
 * (the stack's or a session's own instance), which the page cannot fetch itself (another origin,
 * no CORS). Tests wait on its counters instead of sleeping.
 */
export const SYNC_METRICS_COMMAND = 'jd-stack-sync-metrics';
export interface SyncMetricsPayload {
  /** ws:// URL of the sync server, as the test connects to it. */
  url: string;
}

/** `jd_sync_errors_total{kind="<kind>"}` in a /metrics text (0 when it was never counted). */
export function syncErrorCount(metrics: string, kind: string): number {
  const line = metrics.split('\n').find((l) => l.startsWith(`jd_sync_errors_total{kind="${kind}"} `));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

/**
 * open: start this session's own instance (a previous one of the session is stopped first);
 * stop / start: stop it (graceful, clients closed with 1012) or start it again on the same port;
 * close: stop it and forget it (the stack's stop() also stops instances left open).
 */
export type SyncCommandAction = 'open' | 'stop' | 'start' | 'close';
export interface SyncCommandPayload {
  action: SyncCommandAction;
}
export interface SyncCommandResult {
  /** ws:// URL of the session's instance, the same for its whole life. */
  url: string;
  running: boolean;
}

const ACTIONS: readonly string[] = ['open', 'stop', 'start', 'close'] satisfies readonly SyncCommandAction[];

/** The server half: one instance per test session id. */
export function syncCommand(stack: Pick<RunningStack, 'startSyncInstance' | 'syncUrl'>) {
  const instances = new Map<string, SyncServerControl>();
  const result = (instance: SyncServerControl): SyncCommandResult => ({ url: instance.url, running: instance.running });

  return {
    async execute(sessionId: string, payload: unknown): Promise<SyncCommandResult> {
      const action = (payload as Partial<SyncCommandPayload> | undefined)?.action;
      if (typeof action !== 'string' || !ACTIONS.includes(action)) {
        throw new Error(`${SYNC_COMMAND}: payload must be { action: ${ACTIONS.map((a) => `'${a}'`).join(' | ')} }, got ${JSON.stringify(payload)}`);
      }
      const existing = instances.get(sessionId);
      if (action === 'open') {
        instances.delete(sessionId);
        await existing?.stop();
        const instance = await stack.startSyncInstance();
        instances.set(sessionId, instance);
        return result(instance);
      }
      if (!existing) throw new Error(`${SYNC_COMMAND}: '${action}' before 'open' in this test session`);
      if (action === 'stop') await existing.stop();
      else if (action === 'start') await existing.start();
      else {
        instances.delete(sessionId);
        await existing.stop();
      }
      return result(existing);
    },
    /** /metrics of the stack's sync server or of a session's instance (no other address is fetched). */
    async metrics(payload: unknown): Promise<string> {
      const url = (payload as Partial<SyncMetricsPayload> | undefined)?.url;
      const known = [stack.syncUrl, ...[...instances.values()].map((instance) => instance.url)];
      if (typeof url !== 'string' || !known.includes(url)) {
        throw new Error(`${SYNC_METRICS_COMMAND}: payload must be { url } of the stack's sync server or a session's instance, got ${JSON.stringify(payload)}`);
      }
      const response = await fetch(`${url.replace(/^ws/, 'http')}/metrics`);
      if (!response.ok) throw new Error(`${SYNC_METRICS_COMMAND}: ${url}/metrics answered ${response.status}`);
      return response.text();
    },
    /** Stops every session's instance. */
    async closeAll(): Promise<void> {
      const open = [...instances.values()];
      instances.clear();
      await Promise.all(open.map((instance) => instance.stop()));
    },
  };
}
