// Runs an INSERT/UPDATE/DELETE and produces what `Prefer: return=…` asks for.
//
// `minimal` runs the bare statement: no RETURNING, so a role allowed to write but not to read
// (an insert-only RLS policy) succeeds, as with PostgREST. `representation` and `headers-only`
// read the written rows back through a CTE.
import type { Transaction } from '../../db/serial-database.js';
import type { ResponseFormat } from './media-type.js';
import type { RequestQuery } from './query-params.js';
import { orderSql, selectListSql } from './query-sql.js';
import { singularityError } from './rest-error.js';
import { runResultStatement } from './result-statement.js';
import type { RelationInfo } from './schema-introspection.js';
import { bindAsText, quoteIdent, type SqlParameters } from './sql-text.js';

export type ReturnPreference = 'minimal' | 'representation' | 'headers-only';

export interface MutationOutcome {
  /** Rows inserted, updated or deleted. */
  readonly affected: number;
  /** JSON body for `representation`, else null. */
  readonly body: string | null;
  /** Primary-key values of the first written row, for `headers-only`'s `Location`. */
  readonly firstKey: Readonly<Record<string, unknown>> | null;
}

export interface Mutation {
  /** The statement without RETURNING. */
  readonly sql: string;
  readonly params: SqlParameters;
  /** The quoted, schema-qualified table the statement writes. */
  readonly table: string;
  readonly relation: RelationInfo;
}

export async function runMutation(
  tx: Transaction,
  mutation: Mutation,
  returning: ReturnPreference,
  query: RequestQuery,
  format: ResponseFormat,
): Promise<MutationOutcome> {
  const outcome = await executeMutation(tx, mutation, returning, query, format);
  // PostgREST checks singularity after writing and undoes the write when it fails.
  if (format.shape === 'object' && outcome.affected !== 1) throw singularityError(outcome.affected);
  return outcome;
}

/** For a write with nothing to write (`[]`, or PATCH `{}`): the answer for zero rows. */
export function nothingWritten(returning: ReturnPreference, format: ResponseFormat): MutationOutcome {
  if (format.shape === 'object') throw singularityError(0);
  return { affected: 0, body: returning === 'representation' ? '[]' : null, firstKey: null };
}

async function executeMutation(
  tx: Transaction,
  mutation: Mutation,
  returning: ReturnPreference,
  query: RequestQuery,
  format: ResponseFormat,
): Promise<MutationOutcome> {
  const { params, relation } = mutation;
  if (returning === 'minimal') {
    const result = await tx.query(mutation.sql, params.values, bindAsText);
    return { affected: result.affectedRows ?? 0, body: null, firstKey: null };
  }
  const written = `WITH pgrst_source AS (${mutation.sql} RETURNING ${mutation.table}.*) `;
  const source = { qualifier: 'pgrst_source', columns: relation.columns };
  if (returning === 'headers-only') {
    const keyColumns = relation.primaryKey.map((name) => `pgrst_source.${quoteIdent(name)}`);
    const outcome = await runResultStatement(
      tx,
      {
        with: written,
        rowsSql: `SELECT ${keyColumns.join(', ')} FROM pgrst_source`,
        countSql: null,
        shape: { kind: 'row', stripNulls: false },
      },
      params,
    );
    const firstKey = relation.primaryKey.length === 0 ? null : (JSON.parse(outcome.body) as Record<string, unknown> | null);
    return { affected: outcome.pageTotal, body: null, firstKey };
  }
  const select = selectListSql(query.select, source, params);
  const order = orderSql(query.order, source, params);
  const outcome = await runResultStatement(
    tx,
    {
      with: written,
      rowsSql: `SELECT ${select} FROM pgrst_source${order}`,
      countSql: null,
      shape: { kind: format.shape === 'object' ? 'row' : 'rows', stripNulls: format.stripNulls },
    },
    params,
  );
  return { affected: outcome.pageTotal, body: outcome.body, firstKey: null };
}

/** `Location: /todos?id=eq.1` for the first written row, as PostgREST sends it. */
export function locationHeader(tableName: string, key: Readonly<Record<string, unknown>> | null): Record<string, string> {
  if (key === null) return {};
  const filters = Object.entries(key).map(
    ([column, value]) =>
      `${encodeURIComponent(column)}=eq.${encodeURIComponent(typeof value === 'string' ? value : JSON.stringify(value))}`,
  );
  return { Location: `/${encodeURIComponent(tableName)}?${filters.join('&')}` };
}
