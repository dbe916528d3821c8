// How the servers reach Postgres, whichever Postgres it is: the local stack's in-process PGlite
// (SerialDatabase), a bare PGlite (tests), or a `postgres` client on DATABASE_URL (hosted
// Supabase). Everything else is written once against `SyncDatabase`.
import type { PGlite, Transaction } from '@electric-sql/pglite';
import postgres from 'postgres';
import type { SerialDatabase } from '../../dev/db/serial-database.js';
import { PGliteStatements } from './pglite-statements.js';

export interface SqlResult {
  rows: Record<string, unknown>[];
}
export interface SqlTransaction {
  query(sql: string, params?: unknown[]): Promise<SqlResult>;
}

export type ApiRole = 'anon' | 'authenticated' | 'service_role';

export interface SyncDatabase {
  /** One transaction as the token's role with `request.jwt.claims` set, as PostgREST runs a request: RLS applies. */
  asUser<T>(role: ApiRole, claims: Record<string, unknown>, work: (tx: SqlTransaction) => Promise<T>): Promise<T>;
  /** One transaction as the service (database owner, bypasses RLS): persistence. */
  asService<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T>;
  /**
   * LISTEN on `channel`: `onNotify` gets each notification's payload; resolves once listening,
   * with the function that stops. Absent when the connection cannot receive notifications.
   */
  listen?(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  /**
   * True when it runs one transaction at a time (PGlite: one connection, transactions queued):
   * nothing can run between a transaction's statements, so the per-document advisory locks that
   * order concurrent writers on PostgreSQL can be left out.
   */
  serialTransactions?: boolean;
  /**
   * One statement as the service, in a transaction of its own (a single statement is atomic by
   * itself). Where present it is cheaper than `asService` with one query (PGlite: see
   * PGliteStatements); callers fall back to that where it is absent. Never from inside the work
   * of `asUser`/`asService`: on PGlite it waits for the transaction that work is part of.
   */
  serviceStatement?(sql: string, params?: unknown[]): Promise<SqlResult>;
}

/** The local stack's serialized PGlite. */
export function serialDatabaseAccess(database: SerialDatabase): SyncDatabase {
  const statements = new PGliteStatements(database.pg);
  return {
    asUser: (role, claims, work) =>
      database.runAs({ role, claims, method: 'GET', path: '/sync', headers: {} }, (tx) => work(tx as SqlTransaction)),
    asService: (work) => database.runAsOwner((tx) => work(tx as SqlTransaction)),
    listen: (channel, onNotify) => database.pg.listen(channel, onNotify),
    serialTransactions: true,
    serviceStatement: (sql, params) => statements.run(sql, params),
  };
}

async function setRequestSettings(tx: SqlTransaction, role: ApiRole, claims: Record<string, unknown>) {
  // set_config(..., true) is `set local`: it ends with the transaction, so one user's role and
  // claims can never leak into the next piece of work on the same connection.
  await tx.query(
    `select set_config('role', $1, true), set_config('request.jwt.claims', $2, true), set_config('request.jwt.claim.sub', $3, true)`,
    [role, JSON.stringify(claims), typeof claims['sub'] === 'string' ? claims['sub'] : ''],
  );
}

/** A bare PGlite (tests and single-process hosts without the gateway). PGlite queues transactions itself. */
export function pgliteAccess(pg: PGlite): SyncDatabase {
  const statements = new PGliteStatements(pg);
  const wrap = (tx: Transaction): SqlTransaction => ({
    query: (sql, params) => tx.query<Record<string, unknown>>(sql, params),
  });
  return {
    asUser: (role, claims, work) =>
      pg.transaction(async (tx) => {
        await setRequestSettings(wrap(tx), role, claims);
        return work(wrap(tx));
      }),
    asService: (work) => pg.transaction((tx) => work(wrap(tx))),
    listen: (channel, onNotify) => pg.listen(channel, onNotify),
    serialTransactions: true,
    serviceStatement: (sql, params) => statements.run(sql, params),
  };
}

/**
 * JSON parameters as PGlite takes them, which is what the SQL here is written for: a string is
 * JSON text already, anything else is serialized. postgres.js's own json/jsonb serializer
 * stringifies every value, so `$1::jsonb` bound to '[…]' would store a JSON string, not the array.
 */
const jsonAsPGlite = {
  to: 3802,
  from: [114, 3802],
  serialize: (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value)),
  parse: (text: string): unknown => JSON.parse(text),
};

/**
 * The `postgres` client for postgresAccess (e.g. on Supabase's DATABASE_URL as the `postgres`
 * role): parameters bound as PGlite binds them, no prepared statements (Supabase's pooler in
 * transaction mode does not support them), notices dropped.
 */
export function connectPostgres(url: string, options: { max?: number } = {}): postgres.Sql {
  return postgres(url, { max: options.max ?? 10, prepare: false, onnotice: () => {}, types: { jsonAsPGlite } });
}

/** A `postgres` (porsager) client: one made by connectPostgres, or one whose queries pass no strings for json parameters. */
export function postgresAccess(sql: postgres.Sql): SyncDatabase {
  const wrap = (tx: postgres.TransactionSql): SqlTransaction => ({
    query: async (text, params = []) => ({
      rows: (await tx.unsafe(text, params.map(toPostgresParam) as postgres.ParameterOrJSON<never>[])) as unknown as Record<string, unknown>[],
    }),
  });
  return {
    asUser: (role, claims, work) =>
      sql.begin(async (tx) => {
        await setRequestSettings(wrap(tx), role, claims);
        return work(wrap(tx));
      }) as Promise<Awaited<ReturnType<typeof work>>>,
    asService: (work) => sql.begin((tx) => work(wrap(tx))) as Promise<Awaited<ReturnType<typeof work>>>,
    // postgres.js keeps a dedicated connection for LISTEN and re-listens after reconnecting.
    // (Supabase's pooler in transaction mode does not pass notifications: use the direct
    // connection, or rely on the periodic re-validation alone.)
    listen: async (channel, onNotify) => {
      const { unlisten } = await sql.listen(channel, onNotify);
      return unlisten;
    },
  };
}

/** postgres.js serializes Buffers as bytea; a plain Uint8Array must become one first. */
function toPostgresParam(value: unknown): unknown {
  if (value instanceof Uint8Array && !Buffer.isBuffer(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  return value;
}

/** int8 arrives as number (PGlite), string or bigint (postgres.js): one place that makes it a number. */
export function toNumber(value: unknown): number {
  const n = typeof value === 'bigint' ? Number(value) : Number(value as string | number);
  if (!Number.isFinite(n)) throw new Error(`expected a number from the database, got ${String(value)}`);
  return n;
}

export function toBytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  throw new Error(`expected bytea from the database, got ${typeof value}`);
}
