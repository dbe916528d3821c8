// POST (insert/upsert), PATCH (update) and DELETE on a table or view.
//
// Bodies reach SQL as the JSON text the client sent, unpacked with json_to_recordset /
// json_to_record and the columns' declared types, so Postgres converts every value (JSON
// arrays to arrays, objects to json/jsonb, strings through the type's input function, numbers
// with all their digits) exactly as PostgREST has it do.
import type { SerialDatabase } from '../../db/serial-database.js';
import { locationHeader, nothingWritten, runMutation, type ReturnPreference } from './mutation-result.js';
import { appliedPreferences, checkMaxAffected, txPreference, type Preferences } from './preferences.js';
import { rejectEmbedding, type RequestQuery } from './query-params.js';
import { limitOffsetSql, orderSql, whereSql, type RowSource } from './query-sql.js';
import { requireRelation } from './relation-lookup.js';
import { columnNotFound, invalidBody, RestError, unsupportedFeature } from './rest-error.js';
import { isJsonObject, parseJsonBody, type RestRequest } from './rest-request.js';
import { jsonResponse, writeContentRange } from './rest-response.js';
import { runRequestTransaction } from './request-transaction.js';
import type { RelationInfo } from './schema-introspection.js';
import { qualifiedName, quoteIdent, SqlParameters } from './sql-text.js';

function checkColumnsExist(relation: RelationInfo, columns: readonly string[]): void {
  for (const column of columns) {
    if (!relation.columns.some((known) => known.name === column)) throw columnNotFound(relation.name, column);
  }
}

/** `"a" integer, "b" text[]` — the record definition that unpacks JSON into typed columns. */
function columnDefinitions(relation: RelationInfo, columns: readonly string[]): string {
  return columns
    .map((column) => `${quoteIdent(column)} ${relation.columns.find((known) => known.name === column)?.type ?? 'text'}`)
    .join(', ');
}

/** Without `columns`, PostgREST takes the keys of the body and insists every object has the same ones. */
function payloadColumns(rows: readonly Record<string, unknown>[], query: RequestQuery): string[] {
  if (query.columns !== null) return [...query.columns];
  const first = Object.keys(rows[0] ?? {});
  const sameKeys = rows.every((row) => {
    const keys = Object.keys(row);
    return keys.length === first.length && keys.every((key) => first.includes(key));
  });
  if (!sameKeys) throw invalidBody('All object keys must match');
  return first;
}

function conflictClause(preferences: Preferences, query: RequestQuery, relation: RelationInfo, columns: readonly string[]): string {
  if (preferences.resolution === null) return '';
  const target = query.onConflict ?? relation.primaryKey;
  const targetSql = target.length === 0 ? '' : ` (${target.map(quoteIdent).join(', ')})`;
  if (preferences.resolution === 'ignore-duplicates' || columns.length === 0) return ` ON CONFLICT${targetSql} DO NOTHING`;
  const updates = columns.map((column) => `${quoteIdent(column)} = EXCLUDED.${quoteIdent(column)}`);
  return ` ON CONFLICT${targetSql} DO UPDATE SET ${updates.join(', ')}`;
}

/**
 * @param rowsJson the body as a JSON array text (an object body wrapped in `[…]`).
 * @param rows the same rows parsed, to see which keys each one has.
 */
function insertSql(
  table: string,
  relation: RelationInfo,
  rowsJson: string,
  rows: readonly Record<string, unknown>[],
  columns: readonly string[],
  preferences: Preferences,
  query: RequestQuery,
  params: SqlParameters,
): string {
  const conflict = conflictClause(preferences, query, relation, columns);
  const columnList = columns.map(quoteIdent).join(', ');
  if (columns.length === 0) {
    // `{}`: one row of defaults per object.
    return `INSERT INTO ${table} SELECT FROM pg_catalog.json_array_elements(${params.add(rowsJson)}::json)${conflict}`;
  }
  if (preferences.missing === 'default') {
    // A key absent from an object takes the column's DEFAULT (not NULL): VALUES is the one
    // place SQL lets DEFAULT stand for a single cell. The body is bound once, as jsonb so
    // that picking row i is cheap.
    const body = params.add(rowsJson);
    const tuples = rows.map((row, index) => {
      const cells = columns.map((column) =>
        Object.hasOwn(row, column)
          ? `(SELECT pgrst_body.${quoteIdent(column)} FROM pg_catalog.jsonb_to_record(${body}::jsonb -> ${index}) ` +
            `AS pgrst_body(${columnDefinitions(relation, [column])}))`
          : 'DEFAULT',
      );
      return `(${cells.join(', ')})`;
    });
    return `INSERT INTO ${table} (${columnList}) VALUES ${tuples.join(', ')}${conflict}`;
  }
  const body = params.add(rowsJson);
  const selected = columns.map((column) => `pgrst_body.${quoteIdent(column)}`).join(', ');
  return (
    `INSERT INTO ${table} (${columnList}) SELECT ${selected} ` +
    `FROM pg_catalog.json_to_recordset(${body}::json) AS pgrst_body(${columnDefinitions(relation, columns)})${conflict}`
  );
}

function returnPreference(preferences: Preferences): ReturnPreference {
  return preferences.return ?? 'minimal';
}

function writeHeaders(preferences: Preferences, affected: number): Record<string, string> {
  return {
    'Content-Range': writeContentRange(affected, preferences.count !== null),
    ...appliedPreferences([
      preferences.return === null ? null : `return=${preferences.return}`,
      preferences.count === null ? null : `count=${preferences.count}`,
      preferences.resolution === null ? null : `resolution=${preferences.resolution}`,
      preferences.missing === null ? null : `missing=${preferences.missing}`,
      preferences.handling === null ? null : `handling=${preferences.handling}`,
      preferences.maxAffected === null ? null : `max-affected=${preferences.maxAffected}`,
      txPreference(preferences),
    ]),
  };
}

export async function insertIntoTable(database: SerialDatabase, request: RestRequest, tableName: string): Promise<Response> {
  const { query, preferences, format } = request;
  rejectEmbedding(query);
  const payload = parseJsonBody(request.body);
  const rows = Array.isArray(payload) ? payload : [payload];
  if (!rows.every(isJsonObject)) throw invalidBody();
  const columns = payloadColumns(rows, query);
  const returning = returnPreference(preferences);

  const outcome = await runRequestTransaction(database, request, async (tx) => {
    const relation = await requireRelation(tx, request.schema, tableName);
    checkColumnsExist(relation, columns);
    const table = qualifiedName(request.schema, tableName);
    const params = new SqlParameters();
    if (rows.length === 0) return nothingWritten(returning, format);
    const rowsJson = Array.isArray(payload) ? request.body : `[${request.body}]`;
    const sql = insertSql(table, relation, rowsJson, rows, columns, preferences, query, params);
    return runMutation(tx, { sql, params, table, relation }, returning, query, format);
  });

  const headers = {
    ...writeHeaders(preferences, outcome.affected),
    ...(returning === 'headers-only' ? locationHeader(tableName, outcome.firstKey) : {}),
  };
  return jsonResponse(201, outcome.body, format, headers);
}

/**
 * The row filter for PATCH/DELETE. Supabase runs PostgREST with pg-safeupdate, so a write
 * with no filter at all is refused rather than touching every row; `limit`/`offset` pick rows
 * by ctid, which only plain tables have.
 */
function targetRowsSql(table: string, relation: RelationInfo, request: RestRequest, params: SqlParameters): string {
  const { query } = request;
  const source: RowSource = { qualifier: table, columns: relation.columns };
  const where = whereSql(query.filters, query.logic, source, params);
  if (where === '') {
    const verb = request.method === 'PATCH' ? 'UPDATE' : 'DELETE';
    throw new RestError(400, { code: '21000', message: `${verb} requires a WHERE clause`, details: null, hint: null });
  }
  if (query.limit === null && query.offset === null) return where;
  if (relation.kind !== 'r') {
    throw unsupportedFeature('limit/offset on PATCH or DELETE of a view or partitioned table');
  }
  const order = orderSql(query.order, source, params);
  return ` WHERE ctid = ANY(ARRAY(SELECT ctid FROM ${table}${where}${order}${limitOffsetSql(query.limit, query.offset)}))`;
}

export async function updateTable(database: SerialDatabase, request: RestRequest, tableName: string): Promise<Response> {
  const { query, preferences, format } = request;
  rejectEmbedding(query);
  const payload = parseJsonBody(request.body);
  if (!isJsonObject(payload)) throw invalidBody();
  const columns = query.columns === null ? Object.keys(payload) : [...query.columns];
  const returning = returnPreference(preferences);

  const outcome = await runRequestTransaction(database, request, async (tx) => {
    const relation = await requireRelation(tx, request.schema, tableName);
    checkColumnsExist(relation, columns);
    const table = qualifiedName(request.schema, tableName);
    const params = new SqlParameters();
    // An empty object changes nothing; PostgREST answers as if no row matched.
    if (columns.length === 0) return nothingWritten(returning, format);
    const body = params.add(request.body);
    const assignments = columns.map((column) => `${quoteIdent(column)} = pgrst_body.${quoteIdent(column)}`);
    const target = targetRowsSql(table, relation, request, params);
    const sql =
      `UPDATE ${table} SET ${assignments.join(', ')} ` +
      `FROM pg_catalog.json_to_record(${body}::json) AS pgrst_body(${columnDefinitions(relation, columns)})${target}`;
    const written = await runMutation(tx, { sql, params, table, relation }, returning, query, format);
    checkMaxAffected(preferences, written.affected);
    return written;
  });

  const status = returning === 'representation' ? 200 : 204;
  return jsonResponse(status, outcome.body, format, writeHeaders(preferences, outcome.affected));
}

export async function deleteFromTable(database: SerialDatabase, request: RestRequest, tableName: string): Promise<Response> {
  const { query, preferences, format } = request;
  rejectEmbedding(query);
  const returning = returnPreference(preferences);

  const outcome = await runRequestTransaction(database, request, async (tx) => {
    const relation = await requireRelation(tx, request.schema, tableName);
    const table = qualifiedName(request.schema, tableName);
    const params = new SqlParameters();
    const sql = `DELETE FROM ${table}${targetRowsSql(table, relation, request, params)}`;
    const written = await runMutation(tx, { sql, params, table, relation }, returning, query, format);
    checkMaxAffected(preferences, written.affected);
    return written;
  });

  const status = returning === 'representation' ? 200 : 204;
  return jsonResponse(status, outcome.body, format, writeHeaders(preferences, outcome.affected));
}
