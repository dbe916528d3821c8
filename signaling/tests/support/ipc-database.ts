// Lets server processes share the test's in-process PGlite, the way instances share one
// Postgres: the child forwards each transaction statement by statement over the Node IPC
// channel, and the parent runs them in a real PGlite transaction. If the child dies mid-way the
// transaction is rolled back, as Postgres does when a connection drops. The child must be
// spawned with `serialization: 'advanced'` so bytea values cross as Uint8Array.
import type { ChildProcess } from 'node:child_process';
import type { SqlTransaction, SyncDatabase, ApiRole } from '../../db/sql-access.js';

type Request =
  | { kind: 'begin'; tx: number; role: ApiRole | null; claims: Record<string, unknown> | null }
  | { kind: 'query'; tx: number; id: number; sql: string; params: unknown[] }
  | { kind: 'end'; tx: number; commit: boolean };
type Reply = { kind: 'reply'; id: number; rows?: Record<string, unknown>[]; error?: string } | { kind: 'ended'; tx: number; error?: string };

/** Parent side: serves a child's transactions from `db`. */
export function serveDatabase(child: ChildProcess, db: SyncDatabase) {
  const open = new Map<number, { push(request: Request): void; abort(): void }>();
  child.on('message', (message: Request) => {
    if (message.kind === 'begin') {
      const inbox: Request[] = [];
      let wake: (() => void) | null = null;
      let aborted = false;
      open.set(message.tx, {
        push(request) {
          inbox.push(request);
          wake?.();
        },
        abort() {
          aborted = true;
          wake?.();
        },
      });
      const next = async (): Promise<Request> => {
        while (inbox.length === 0) {
          if (aborted) throw new Error('the client process went away');
          await new Promise<void>((resolve) => (wake = resolve));
          wake = null;
        }
        return inbox.shift()!;
      };
      const work = async (tx: SqlTransaction) => {
        for (;;) {
          const request = await next();
          if (request.kind === 'end') {
            if (!request.commit) throw new Error('rolled back by the client');
            return;
          }
          if (request.kind !== 'query') continue;
          try {
            const { rows } = await tx.query(request.sql, request.params);
            reply({ kind: 'reply', id: request.id, rows });
          } catch (error) {
            reply({ kind: 'reply', id: request.id, error: (error as Error).message });
          }
        }
      };
      const run = message.role ? db.asUser(message.role, message.claims ?? {}, work) : db.asService(work);
      void run.then(
        () => reply({ kind: 'ended', tx: message.tx }),
        (error: unknown) => reply({ kind: 'ended', tx: message.tx, error: (error as Error).message }),
      ).finally(() => open.delete(message.tx));
    } else {
      open.get(message.tx)?.push(message);
    }
  });
  // A killed child can still look connected for a moment; a write to its closed pipe then fails
  // with EPIPE. The callback takes that error (without it Node raises it as an uncaught 'error'),
  // and the 'exit' handler below aborts whatever the child had open.
  const reply = (r: Reply) => {
    if (child.connected) child.send(r, (error) => void error);
  };
  child.on('exit', () => {
    for (const tx of open.values()) tx.abort();
  });
}

/** Child side: a SyncDatabase whose transactions run in the parent. */
export function ipcDatabase(): SyncDatabase {
  let nextTx = 0;
  let nextId = 0;
  const waiting = new Map<number, { resolve(rows: Record<string, unknown>[]): void; reject(e: Error): void }>();
  const ending = new Map<number, { resolve(): void; reject(e: Error): void }>();
  process.on('message', (message: Reply) => {
    if (message.kind === 'reply') {
      const w = waiting.get(message.id);
      waiting.delete(message.id);
      if (message.error !== undefined) w?.reject(new Error(message.error));
      else w?.resolve(message.rows ?? []);
    } else {
      const e = ending.get(message.tx);
      ending.delete(message.tx);
      if (message.error !== undefined) e?.reject(new Error(message.error));
      else e?.resolve();
    }
  });
  const send = (request: Request) => process.send!(request);
  const run = async <T>(role: ApiRole | null, claims: Record<string, unknown> | null, work: (tx: SqlTransaction) => Promise<T>) => {
    const tx = nextTx++;
    send({ kind: 'begin', tx, role, claims });
    const query = (sql: string, params: unknown[] = []) =>
      new Promise<{ rows: Record<string, unknown>[] }>((resolve, reject) => {
        const id = nextId++;
        waiting.set(id, { resolve: (rows) => resolve({ rows }), reject });
        send({ kind: 'query', tx, id, sql, params });
      });
    const ended = new Promise<void>((resolve, reject) => ending.set(tx, { resolve, reject }));
    try {
      const result = await work({ query });
      send({ kind: 'end', tx, commit: true });
      await ended;
      return result;
    } catch (error) {
      send({ kind: 'end', tx, commit: false });
      await ended.catch(() => {});
      throw error;
    }
  };
  return { asUser: (role, claims, work) => run(role, claims, work), asService: (work) => run(null, null, work) };
}

