// INTERFACE (implemented by the database helper). Keep signatures stable: the gateway codes against them.
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

/**
 * PGlite is a single connection: every unit of work runs one at a time so one request's
 * role and claims never leak into another's.
 */
export declare class SerialDatabase {
  constructor(pg: PGlite);
  readonly pg: PGlite;
  /** One transaction as the request's role with PostgREST's settings; rolls back when `work` throws. */
  runAs<T>(scope: RequestScope, work: (tx: Transaction) => Promise<T>): Promise<T>;
  /** One transaction as the database owner (postgres, bypasses RLS), serialized with `runAs`. */
  runAsOwner<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
}
