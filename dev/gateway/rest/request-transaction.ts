// Runs a request's database work as one transaction with the caller's role and PostgREST's
// request settings, honouring `Prefer: tx=rollback` (the work runs, its effects are undone).
import type { SerialDatabase, Transaction } from '../../db/serial-database.js';
import type { RestRequest } from './rest-request.js';

/**
 * Like PostgREST, GET and HEAD run read-only, so a GET cannot change data even through a
 * volatile function. (Switching to read-only is allowed at any point of a transaction.)
 */
export async function makeReadOnly(tx: Transaction): Promise<void> {
  await tx.query('SET TRANSACTION READ ONLY');
}

export interface RequestTransactionOptions {
  /** Read-only from the start even for a POST (a function call known not to be volatile). */
  readonly readOnly?: boolean;
}

export async function runRequestTransaction<T>(
  database: SerialDatabase,
  request: RestRequest,
  work: (tx: Transaction) => Promise<T>,
  options: RequestTransactionOptions = {},
): Promise<T> {
  // Read-only is set by the statement that applies the request's settings: no extra round trip.
  const readOnly = request.method === 'GET' || request.method === 'HEAD' || options.readOnly === true;
  return database.runAs(
    request.scope,
    async (tx) => {
      const result = await work(tx);
      if (request.preferences.tx === 'rollback') await tx.rollback();
      return result;
    },
    { readOnly },
  );
}
