// GET/HEAD on a table or view: select, filter, order and page its rows.
import type { SerialDatabase } from '../../db/serial-database.js';
import { appliedPreferences, txPreference } from './preferences.js';
import { rejectEmbedding } from './query-params.js';
import { limitOffsetSql, orderSql, selectListSql, whereSql } from './query-sql.js';
import { requireRelation } from './relation-lookup.js';
import { singularityError } from './rest-error.js';
import type { RestRequest } from './rest-request.js';
import { jsonResponse, readContentRange, readStatus } from './rest-response.js';
import { runRequestTransaction } from './request-transaction.js';
import { runResultStatement } from './result-statement.js';
import { qualifiedName, SqlParameters } from './sql-text.js';

export async function readTable(database: SerialDatabase, request: RestRequest, tableName: string): Promise<Response> {
  const { query, format, preferences } = request;
  rejectEmbedding(query);
  const counted = preferences.count !== null;
  const result = await runRequestTransaction(database, request, async (tx) => {
    const relation = await requireRelation(tx, request.schema, tableName);
    const table = qualifiedName(request.schema, tableName);
    const source = { qualifier: table, columns: relation.columns };
    const params = new SqlParameters();
    const select = selectListSql(query.select, source, params);
    const where = whereSql(query.filters, query.logic, source, params);
    const order = orderSql(query.order, source, params);
    const outcome = await runResultStatement(
      tx,
      {
        with: '',
        rowsSql: `SELECT ${select} FROM ${table}${where}${order}${limitOffsetSql(query.limit, query.offset)}`,
        countSql: counted ? `SELECT pg_catalog.count(*) FROM ${table}${where}` : null,
        shape: { kind: format.shape === 'object' ? 'row' : 'rows', stripNulls: format.stripNulls },
      },
      params,
    );
    if (format.shape === 'object' && outcome.pageTotal !== 1) throw singularityError(outcome.pageTotal);
    return outcome;
  });
  const offset = query.offset ?? 0;
  const status = readStatus(offset, result.pageTotal, result.total);
  const headers = {
    'Content-Range': readContentRange(offset, result.pageTotal, result.total),
    ...appliedPreferences([counted ? `count=${preferences.count}` : null, txPreference(preferences)]),
  };
  return jsonResponse(status, request.method === 'HEAD' ? null : result.body, format, headers);
}
