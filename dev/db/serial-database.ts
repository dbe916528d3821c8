import { AsyncLocalStorage } from 'node:async_hooks';
import type { PGlite, Transaction } from '@electric-sql/pglite';

/** The roles PostgREST switches to; `service_role` bypasses RLS. */
export type ApiRole = 'anon' | 'authenticated' | 'service_role';

/** What PostgREST puts into the transaction before running a request. */
export interface RequestScope {
  role: ApiRole;
  /** Verified JWT payload (for the anon key: its payload). Exposed as `request.jwt.claims`. */
  claims: Record<string, unknown>;
  method: string;
  path: string;
  /** Lower-cased request headers, exposed as `request.headers`. */
  headers: Record<string, string>;
}

export type { Transaction };

const API_ROLES: ReadonlySet<string> = new Set<ApiRole>(['anon', 'authenticated', 'service_role']);

// The statement PostgREST runs at the start of every request transaction. `is_local = true`
// makes every value vanish at COMMIT or ROLLBACK, which is what keeps requests apart.
const APPLY_REQUEST_SETTINGS = `select
  set_config('role', $1, true),
  set_config('request.jwt.claims', $2, true),
  set_config('request.method', $3, true),
  set_config('request.path', $4, true),
  set_config('request.headers', $5, true)`;

// The same, also making the transaction read-only (what `SET TRANSACTION READ ONLY` does; going
// read-only is allowed at any point of a transaction): one round trip instead of two.
const APPLY_REQUEST_SETTINGS_READ_ONLY = `${APPLY_REQUEST_SETTINGS},
  set_config('transaction_read_only', 'on', true)`;

export interface RunAsOptions {
  /** Run the transaction read-only, as PostgREST does for GET/HEAD and non-volatile functions. */
  readonly readOnly?: boolean;
}

/**
 * PGlite is a single connection: every unit of work runs one at a time so one request's
 * role and claims never leak into another's.
 *
 * The serialization is PGlite's own transaction mutex, held by `pg.transaction()` for the whole
 * callback: other `transaction()`, `query()` and `exec()` calls wait for it, and so do wire
 * clients, because dev/db/wire-session-queue.ts takes the same mutex before letting a socket
 * client touch the session. The mutex is not re-entrant, so a nested `runAs`/`runAsOwner`
 * from inside `work` would wait forever; it is refused with an error instead.
 */
// Marks the async context of a `work` while it runs, to refuse nested calls instead of
// deadlocking. Promises created inside `work` inherit the context, so the flag is switched off
// when `work` settles: a call made later from such a promise is not nested any more.
const insideWork = new AsyncLocalStorage<{ running: boolean }>();

function refuseNested(): Promise<never> | undefined {
  if (!insideWork.getStore()?.running) return undefined;
  return Promise.reject(
    new Error('SerialDatabase: runAs/runAsOwner called inside another one; use the transaction you were given'),
  );
}

async function runMarked<T>(work: (tx: Transaction) => Promise<T>, tx: Transaction): Promise<T> {
  const mark = { running: true };
  try {
    return await insideWork.run(mark, () => work(tx));
  } finally {
    mark.running = false;
  }
}

export class SerialDatabase {
  readonly pg: PGlite;

  constructor(pg: PGlite) {
    this.pg = pg;
  }

  /** One transaction as the request's role with PostgREST's settings; rolls back when `work` throws. */
  runAs<T>(scope: RequestScope, work: (tx: Transaction) => Promise<T>, options: RunAsOptions = {}): Promise<T> {
    // The role name reaches set_config as data, but an unexpected value would still switch the
    // session to it, so refuse anything that is not one of PostgREST's roles.
    if (!API_ROLES.has(scope.role)) {
      return Promise.reject(new Error(`runAs: unknown role ${JSON.stringify(scope.role)}`));
    }
    return refuseNested() ?? this.pg.transaction(async (tx) => {
      await tx.query(options.readOnly ? APPLY_REQUEST_SETTINGS_READ_ONLY : APPLY_REQUEST_SETTINGS, [
        scope.role,
        JSON.stringify(scope.claims),
        scope.method,
        scope.path,
        JSON.stringify(scope.headers),
      ]);
      return runMarked(work, tx);
    });
  }

  /** One transaction as the database owner (postgres, bypasses RLS), serialized with `runAs`. */
  runAsOwner<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return refuseNested() ?? this.pg.transaction((tx) => runMarked(work, tx));
  }
}
