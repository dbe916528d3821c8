// `/rpc/<fn>`: POST with a JSON object of named arguments, or GET/HEAD with arguments in the
// query string. The result is shaped as PostgREST shapes it: a scalar as bare JSON, a single
// composite as an object, a set as an array that the query's filters, order and paging apply
// to, and `void` as 204 with no body.
import type { SerialDatabase, Transaction } from '../../db/serial-database.js';
import { appliedPreferences, txPreference } from './preferences.js';
import { rejectEmbedding } from './query-params.js';
import { limitOffsetSql, orderSql, selectListSql, whereSql, type RowSource } from './query-sql.js';
import { makeReadOnly, runRequestTransaction } from './request-transaction.js';
import { invalidBody, singularityError } from './rest-error.js';
import { isJsonObject, parseJsonBody, type RestRequest } from './rest-request.js';
import { jsonResponse, readContentRange, readStatus } from './rest-response.js';
import { runResultStatement, type BodyShape, type StatementResult } from './result-statement.js';
import {
  routineCallSql,
  routineResult,
  routineRowsCte,
  voidCallSql,
  type CallArguments,
  type RoutineResult,
} from './routine-call-sql.js';
import { mayBeOutdated, type RoutineCache } from './routine-cache.js';
import { resolveRoutine, routineCandidates, takesWholeBody, type RoutineCall } from './routine-resolution.js';
import { findRoutines, listRoutineNames, type RoutineInfo } from './schema-introspection.js';
import { bindAsText, quoteIdent, SqlParameters } from './sql-text.js';

/** supabase-js always sends an object (`{}` for no arguments); an empty body means the same. */
function callBodyText(text: string): string {
  return text.trim() === '' ? '{}' : text;
}

function bodyShape(result: Exclude<RoutineResult, { kind: 'void' }>, wantsObject: boolean, stripNulls: boolean): BodyShape {
  const single = !result.set || wantsObject;
  if (result.kind === 'scalar') return { kind: single ? 'value' : 'values', column: result.column.name };
  return { kind: single ? 'row' : 'rows', stripNulls };
}

/** The call itself and the result statement around it; null for a `void` function. */
async function runRoutine(tx: Transaction, routine: RoutineInfo, request: RestRequest, args: CallArguments): Promise<StatementResult | null> {
  const { query, preferences, format } = request;
  const counted = preferences.count !== null;
  const params = new SqlParameters();
  const call = routineCallSql(routine, args, params);
  const result = routineResult(routine);
  if (result.kind === 'void') {
    await tx.query(voidCallSql(call), params.values, bindAsText);
    return null;
  }
  const columns = result.kind === 'rows' ? result.columns : [result.column];
  const source: RowSource = { qualifier: 'pgrst_call', columns };
  const select =
    result.kind === 'rows' ? selectListSql(query.select, source, params) : `pgrst_call.${quoteIdent(result.column.name)}`;
  const where = whereSql(query.filters, query.logic, source, params);
  const order = orderSql(query.order, source, params);
  const statement = await runResultStatement(
    tx,
    {
      with: routineRowsCte(call, result),
      rowsSql: `SELECT ${select} FROM pgrst_call${where}${order}${limitOffsetSql(query.limit, query.offset)}`,
      countSql: counted ? `SELECT pg_catalog.count(*) FROM pgrst_call${where}` : null,
      shape: bodyShape(result, format.shape === 'object', format.stripNulls),
    },
    params,
  );
  if (format.shape === 'object' && result.set && statement.pageTotal !== 1) {
    throw singularityError(statement.pageTotal);
  }
  return statement;
}

export async function callFunction(
  database: SerialDatabase,
  request: RestRequest,
  functionName: string,
  routines: RoutineCache,
): Promise<Response> {
  const { query, preferences, format, schema } = request;
  rejectEmbedding(query);
  const isPost = request.method === 'POST';
  const bodyText = callBodyText(request.body);
  const body = isPost ? parseJsonBody(bodyText) : null;
  const argumentNames = new Set(
    isPost
      ? (query.columns ?? (isJsonObject(body) ? Object.keys(body) : []))
      : query.rpcArguments.map(([name]) => name),
  );
  const args: CallArguments = isPost
    ? { kind: 'json', text: bodyText, names: argumentNames }
    : { kind: 'text', pairs: query.rpcArguments };
  const counted = preferences.count !== null;

  const call: RoutineCall = { schema, name: functionName, argumentNames, isPost };

  // Runs the call in one request transaction. `known`: the routine as the cache describes it, so
  // the transaction can start read-only; null: read from the catalogs inside the transaction.
  const run = (known: RoutineInfo | null) =>
    runRequestTransaction(
      database,
      request,
      async (tx): Promise<StatementResult | null> => {
        let routine = known;
        if (routine === null) {
          const generation = routines.generation;
          const overloads = await findRoutines(tx, schema, functionName);
          routines.remember(schema, functionName, overloads, generation);
          routine = await resolveRoutine(overloads, call, () => listRoutineNames(tx, schema));
          if (isPost && routine.volatility !== 'v') await makeReadOnly(tx);
        }
        if (isPost && !isJsonObject(body) && !takesWholeBody(routine)) throw invalidBody();
        return runRoutine(tx, routine, request, args);
      },
      // Like PostgREST, only volatile functions called with POST may write.
      { readOnly: known !== null && known.volatility !== 'v' },
    );

  const cached = routineCandidates(routines.get(schema, functionName) ?? [], call);
  let outcome: StatementResult | null;
  if (cached.length === 1 && cached[0] !== undefined) {
    try {
      outcome = await run(cached[0]);
    } catch (error) {
      if (!mayBeOutdated(error)) throw error;
      // The transaction was rolled back: nothing of the first try remains.
      routines.forget(schema, functionName);
      outcome = await run(null);
    }
  } else {
    // Not cached, or the cached overloads do not take this call: the catalogs decide (and a
    // function created since is found).
    outcome = await run(null);
  }

  const applied = appliedPreferences([
    counted ? `count=${preferences.count}` : null,
    preferences.return === 'minimal' ? 'return=minimal' : null,
    txPreference(preferences),
  ]);
  if (outcome === null) return jsonResponse(204, null, format, applied);
  const offset = query.offset ?? 0;
  const headers = { 'Content-Range': readContentRange(offset, outcome.pageTotal, outcome.total), ...applied };
  // `return=minimal` is what supabase-js sends for `{ head: true }` calls it must POST.
  if (preferences.return === 'minimal') return jsonResponse(204, null, format, headers);
  const status = readStatus(offset, outcome.pageTotal, outcome.total);
  return jsonResponse(status, request.method === 'HEAD' ? null : outcome.body, format, headers);
}
