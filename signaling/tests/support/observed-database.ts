// Wraps a SyncDatabase so a test can hold, slow down or fail chosen statements (matched by
// SQL text), and see which ones ran. Everything else passes through unchanged.
import type { SqlTransaction, SyncDatabase } from '../../db/sql-access.js';

export type Interceptor = (sql: string) => Promise<void> | void;

export interface ObservedDatabase extends SyncDatabase {
  statements: string[];
  /** Runs before every statement; may await (hold) or throw (fail). Replaced, not stacked. */
  intercept(interceptor: Interceptor | null): void;
}

export function observe(inner: SyncDatabase): ObservedDatabase {
  let interceptor: Interceptor | null = null;
  const statements: string[] = [];
  const wrap = (tx: SqlTransaction): SqlTransaction => ({
    async query(sql, params) {
      statements.push(sql);
      if (interceptor) await interceptor(sql);
      return tx.query(sql, params);
    },
  });
  return {
    statements,
    intercept(next) {
      interceptor = next;
    },
    asUser: (role, claims, work) => inner.asUser(role, claims, (tx) => work(wrap(tx))),
    asService: (work) => inner.asService((tx) => work(wrap(tx))),
    ...(inner.listen ? { listen: inner.listen } : {}),
    ...(inner.serialTransactions ? { serialTransactions: true } : {}),
  };
}

/** A gate that holds callers until opened. */
export function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}
