// Renders a call of a resolved function with named notation and casts to its declared
// parameter types — `"public"."add"("a" => pgrst_args."a", "b" => pgrst_args."b")` — and
// describes the rows it yields, so the generic paging/filtering applies to its result.
import { inputParameters, takesWholeBody } from './routine-resolution.js';
import type { ColumnInfo, RoutineInfo, RoutineParameter } from './schema-introspection.js';
import { arrayLiteral, qualifiedName, quoteIdent, type SqlParameters } from './sql-text.js';

/** Where the argument values come from. */
export type CallArguments =
  /**
   * POST: the JSON body, as sent — Postgres parses it, so numbers keep digits a JavaScript
   * number would lose; each argument is read from it with its declared type.
   */
  | { readonly kind: 'json'; readonly text: string; readonly names: ReadonlySet<string> }
  /** GET/HEAD: query-string text, cast to the declared types (repeated keys fill a VARIADIC). */
  | { readonly kind: 'text'; readonly pairs: readonly (readonly [string, string])[] };

export interface RoutineCallSql {
  /** FROM items the invocation reads its arguments from (`''` when none). */
  readonly argumentSource: string;
  /** `"schema"."fn"(…)` */
  readonly invocation: string;
}

/** What a function returns, seen as rows. */
export type RoutineResult =
  | { readonly kind: 'void' }
  | { readonly kind: 'rows'; readonly set: boolean; readonly columns: readonly ColumnInfo[] }
  | { readonly kind: 'scalar'; readonly set: boolean; readonly column: ColumnInfo };

export function routineResult(routine: RoutineInfo): RoutineResult {
  if (routine.returnType === 'void') return { kind: 'void' };
  const outputs = routine.parameters.filter((p) => p.mode === 'out' || p.mode === 'inout' || p.mode === 'table');
  const isTable = routine.parameters.some((p) => p.mode === 'table');
  if (routine.returnTypeKind === 'c') return { kind: 'rows', set: routine.returnsSet, columns: routine.compositeColumns };
  if (isTable || (routine.returnType === 'record' && outputs.length > 0)) {
    return { kind: 'rows', set: routine.returnsSet, columns: outputs.map((p) => ({ name: p.name, type: p.type })) };
  }
  // A scalar is named after the function, as `SELECT * FROM fn()` names it.
  const name = outputs.length === 1 && outputs[0] !== undefined ? outputs[0].name : routine.name;
  return { kind: 'scalar', set: routine.returnsSet, column: { name, type: routine.returnType } };
}

function namedArgument(parameter: RoutineParameter, value: string): string {
  const variadic = parameter.mode === 'variadic' ? 'VARIADIC ' : '';
  return `${quoteIdent(parameter.name)} => ${variadic}${value}`;
}

/** The text for one GET argument; a VARIADIC parameter collects every repetition of its key. */
function textArgument(parameter: RoutineParameter, values: readonly string[]): string {
  if (parameter.mode !== 'variadic') return values[values.length - 1] ?? '';
  const only = values[0];
  // supabase-js sends an array argument as one `{x,y}` array literal.
  if (values.length === 1 && only !== undefined && only.trim().startsWith('{')) return only;
  return arrayLiteral(values);
}

export function routineCallSql(routine: RoutineInfo, args: CallArguments, params: SqlParameters): RoutineCallSql {
  const name = qualifiedName(routine.schema, routine.name);
  const inputs = inputParameters(routine);

  if (args.kind === 'json' && takesWholeBody(routine)) {
    const type = inputs[0]?.type === 'jsonb' ? 'jsonb' : 'json';
    return { argumentSource: '', invocation: `${name}(${params.add(args.text)}::${type})` };
  }

  if (args.kind === 'json') {
    const used = inputs.filter((p) => args.names.has(p.name));
    if (used.length === 0) return { argumentSource: '', invocation: `${name}()` };
    const definitions = used.map((p) => `${quoteIdent(p.name)} ${p.type}`).join(', ');
    const body = params.add(args.text);
    return {
      argumentSource: `pg_catalog.json_to_record(${body}::json) AS pgrst_args(${definitions})`,
      invocation: `${name}(${used.map((p) => namedArgument(p, `pgrst_args.${quoteIdent(p.name)}`)).join(', ')})`,
    };
  }

  const rendered = inputs.flatMap((parameter) => {
    const values = args.pairs.filter(([key]) => key === parameter.name).map(([, value]) => value);
    if (values.length === 0) return [];
    return [namedArgument(parameter, `${params.add(textArgument(parameter, values))}::${parameter.type}`)];
  });
  return { argumentSource: '', invocation: `${name}(${rendered.join(', ')})` };
}

/** The function's rows, evaluated exactly once, as the CTE `pgrst_call`. */
export function routineRowsCte(call: RoutineCallSql, result: RoutineResult): string {
  const alias = result.kind === 'scalar' ? `pgrst_fn(${quoteIdent(result.column.name)})` : 'pgrst_fn';
  const from = call.argumentSource === '' ? call.invocation : `${call.argumentSource}, ${call.invocation}`;
  // MATERIALIZED: the count and the page both read the CTE, and a volatile function must run once.
  return `WITH pgrst_call AS MATERIALIZED (SELECT pgrst_fn.* FROM ${from} AS ${alias}) `;
}

export function voidCallSql(call: RoutineCallSql): string {
  const from = call.argumentSource === '' ? call.invocation : `${call.argumentSource}, ${call.invocation}`;
  return `SELECT 1 FROM ${from} AS pgrst_fn`;
}
