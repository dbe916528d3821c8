// The outer statement every read, write and function call ends with: it pages the rows,
// optionally counts the whole filtered set, and lets Postgres build the JSON body, so the
// text sent is exactly Postgres's JSON (big integers and numerics keep their precision).
import type { Transaction } from '../../db/serial-database.js';
import { bindAsText, quoteIdent, type SqlParameters } from './sql-text.js';

/**
 * - `rows`: a JSON array of row objects; `row`: the first row object or `null`.
 * - `values` / `value`: the same for a single-column result (functions returning scalars).
 */
export type BodyShape =
  | { readonly kind: 'rows' | 'row'; readonly stripNulls: boolean }
  | { readonly kind: 'values' | 'value'; readonly column: string };

export interface ResultStatement {
  /** Optional `WITH …` prefix (mutations and function calls materialise their rows there). */
  readonly with: string;
  /** The paged row query whose rows become the body. */
  readonly rowsSql: string;
  /** A query counting the full filtered set, when a count was requested. */
  readonly countSql: string | null;
  readonly shape: BodyShape;
}

export interface StatementResult {
  /** The full count when requested, otherwise null. */
  readonly total: number | null;
  /** Rows in this page. */
  readonly pageTotal: number;
  /** The JSON body text. */
  readonly body: string;
}

function bodyExpression(shape: BodyShape): string {
  switch (shape.kind) {
    case 'rows': {
      const rows = 'pg_catalog.json_agg(_postgrest_t)';
      return `coalesce(${shape.stripNulls ? `pg_catalog.json_strip_nulls(${rows})` : rows}, '[]')`;
    }
    case 'row': {
      const row = '(pg_catalog.json_agg(_postgrest_t) -> 0)';
      return `coalesce(${shape.stripNulls ? `pg_catalog.json_strip_nulls(${row})` : row}, 'null')`;
    }
    case 'values':
      return `coalesce(pg_catalog.json_agg(_postgrest_t.${quoteIdent(shape.column)}), '[]')`;
    case 'value':
      return `coalesce(pg_catalog.json_agg(_postgrest_t.${quoteIdent(shape.column)}) -> 0, 'null')`;
  }
}

export function resultStatementSql(statement: ResultStatement): string {
  const total = statement.countSql === null ? 'NULL::bigint' : `(${statement.countSql})`;
  return (
    `${statement.with}SELECT ${total} AS pgrst_total, pg_catalog.count(*) AS pgrst_page_total, ` +
    `${bodyExpression(statement.shape)}::text AS pgrst_body ` +
    `FROM (${statement.rowsSql}) _postgrest_t`
  );
}

export async function runResultStatement(
  tx: Transaction,
  statement: ResultStatement,
  params: SqlParameters,
): Promise<StatementResult> {
  const result = await tx.query<{ pgrst_total: number | bigint | null; pgrst_page_total: number | bigint; pgrst_body: string }>(
    resultStatementSql(statement),
    params.values,
    bindAsText,
  );
  const row = result.rows[0];
  if (row === undefined) throw new Error('the result statement returned no row');
  return {
    total: row.pgrst_total === null ? null : Number(row.pgrst_total),
    pageTotal: Number(row.pgrst_page_total),
    body: row.pgrst_body,
  };
}
