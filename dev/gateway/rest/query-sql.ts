// Renders parsed select lists, filters, logic trees and orderings as SQL over one source
// (a table, a CTE holding mutation results, or a function call's rows). Every value becomes
// a bound parameter; every name a quoted identifier.
import type { FieldRef, Filter, LogicTree, Operation, OrderTerm, SelectItem } from './query-ast.js';
import { aggregatesNotAllowed, notEmbedded, RestError } from './rest-error.js';
import type { ColumnInfo } from './schema-introspection.js';
import { arrayLiteral, quoteIdent, type SqlParameters } from './sql-text.js';

/** Where the rows come from and how their columns are qualified. */
export interface RowSource {
  /** Qualifier for column references: `"public"."todos"`, `pgrst_source`, `pgrst_call`. */
  readonly qualifier: string;
  /** Known columns with their types; used to decide how full-text search applies. */
  readonly columns: readonly ColumnInfo[];
}

export function columnSql(field: FieldRef, source: RowSource, params: SqlParameters): string {
  let sql = `${source.qualifier}.${quoteIdent(field.name)}`;
  for (const step of field.jsonPath) {
    const operand =
      step.operand.kind === 'key'
        ? `${params.add(step.operand.key)}::text`
        : // Digits with a sign, validated by the grammar; parenthesised so `->-1` lexes as `-> (-1)`.
          `(${Number(step.operand.index)})`;
    sql += ` ${step.arrow} ${operand}`;
  }
  return sql;
}

const multiWordTypes = new Set([
  'double precision',
  'character varying',
  'bit varying',
  'timestamp with time zone',
  'timestamp without time zone',
  'time with time zone',
  'time without time zone',
]);

/**
 * A cast target is written into SQL as a type name, so it must be one: a single bare word, or
 * one of SQL's multi-word type names. (The grammar allows spaces, which would otherwise let
 * `::text or x` become an expression.)
 */
export function castSql(typeName: string): string {
  const normalized = typeName.trim().replace(/\s+/g, ' ');
  if (/^[A-Za-z_][A-Za-z0-9_$]*$/.test(normalized) || multiWordTypes.has(normalized.toLowerCase())) {
    return normalized;
  }
  throw new RestError(400, {
    code: 'PGRST100',
    message: `"${typeName}" is not a type name that can be used in a cast`,
    details: null,
    hint: 'Use a single type name such as text, integer or jsonb.',
  });
}

/** The key PostgREST gives a selected field: its alias, else the last JSON key, else the column. */
function outputName(field: FieldRef, alias: string | null): string {
  if (alias !== null) return alias;
  const lastKey = [...field.jsonPath].reverse().find((step) => step.operand.kind === 'key');
  return lastKey?.operand.kind === 'key' ? lastKey.operand.key : field.name;
}

export function selectListSql(items: readonly SelectItem[], source: RowSource, params: SqlParameters): string {
  return items
    .map((item) => {
      // Callers reject embedding before building SQL (see rejectEmbedding).
      if (item.kind === 'relation') throw notEmbedded(item.relation);
      if (item.aggregate !== null) throw aggregatesNotAllowed();
      if (item.field.name === '*' && item.field.jsonPath.length === 0) return `${source.qualifier}.*`;
      const value = columnSql(item.field, source, params);
      const cast = item.cast === null ? value : `CAST(${value} AS ${castSql(item.cast)})`;
      return `${cast} AS ${quoteIdent(outputName(item.field, item.alias))}`;
    })
    .join(', ');
}

const simpleOperators = {
  neq: '<>',
  cs: '@>',
  cd: '<@',
  ov: '&&',
  sl: '<<',
  sr: '>>',
  nxr: '&<',
  nxl: '&>',
  adj: '-|-',
} as const;

const quantifiableOperators = {
  eq: '=',
  gt: '>',
  gte: '>=',
  lt: '<',
  lte: '<=',
  like: 'LIKE',
  ilike: 'ILIKE',
  match: '~',
  imatch: '~*',
} as const;

const tsQueryFunctions = {
  fts: 'to_tsquery',
  plfts: 'plainto_tsquery',
  phfts: 'phraseto_tsquery',
  wfts: 'websearch_to_tsquery',
} as const;

function isTsVector(field: FieldRef, source: RowSource): boolean {
  if (field.jsonPath.length > 0) return false;
  return source.columns.find((column) => column.name === field.name)?.type === 'tsvector';
}

function operationSql(field: FieldRef, operation: Operation, source: RowSource, params: SqlParameters): string {
  const column = columnSql(field, source, params);
  switch (operation.kind) {
    case 'simple':
      return `${column} ${simpleOperators[operation.operator]} ${params.add(operation.value)}`;
    case 'quantifiable': {
      const operator = quantifiableOperators[operation.operator];
      // PostgREST accepts `*` as the LIKE wildcard because `%` is awkward in URLs.
      const isLike = operation.operator === 'like' || operation.operator === 'ilike';
      const value = isLike ? operation.value.replaceAll('*', '%') : operation.value;
      if (operation.quantifier === null) return `${column} ${operator} ${params.add(value)}`;
      return `${column} ${operator} ${operation.quantifier.toUpperCase()}(${params.add(value)})`;
    }
    case 'in': {
      // `in.()` arrives as one empty element and means "no values".
      const values = operation.values.length === 1 && operation.values[0] === '' ? [] : operation.values;
      return `${column} = ANY(${params.add(arrayLiteral(values))})`;
    }
    case 'is': {
      const tests = { null: 'IS NULL', not_null: 'IS NOT NULL', true: 'IS TRUE', false: 'IS FALSE', unknown: 'IS UNKNOWN' };
      return `${column} ${tests[operation.value]}`;
    }
    case 'isdistinct':
      return `${column} IS DISTINCT FROM ${params.add(operation.value)}`;
    case 'fts': {
      const config = operation.config === null ? '' : `${params.add(operation.config)}::regconfig, `;
      const document = isTsVector(field, source) ? column : `to_tsvector(${config}${column})`;
      return `${document} @@ ${tsQueryFunctions[operation.operator]}(${config}${params.add(operation.value)})`;
    }
  }
}

export function filterSql(filter: Filter, source: RowSource, params: SqlParameters): string {
  const condition = operationSql(filter.field, filter.expr.operation, source, params);
  return filter.expr.negated ? `NOT (${condition})` : condition;
}

export function logicTreeSql(tree: LogicTree, source: RowSource, params: SqlParameters): string {
  if (tree.kind === 'filter') return filterSql(tree.filter, source, params);
  const joiner = tree.operator === 'and' ? ' AND ' : ' OR ';
  const group = `(${tree.children.map((child) => logicTreeSql(child, source, params)).join(joiner)})`;
  return tree.negated ? `NOT ${group}` : group;
}

/** ` WHERE …` for the filters and logic trees (all AND-ed), or `''`. */
export function whereSql(
  filters: readonly Filter[],
  logic: readonly LogicTree[],
  source: RowSource,
  params: SqlParameters,
): string {
  const conditions = [
    ...filters.map((filter) => filterSql(filter, source, params)),
    ...logic.map((tree) => logicTreeSql(tree, source, params)),
  ];
  return conditions.length === 0 ? '' : ` WHERE ${conditions.map((c) => `(${c})`).join(' AND ')}`;
}

export function orderSql(terms: readonly OrderTerm[], source: RowSource, params: SqlParameters): string {
  if (terms.length === 0) return '';
  const rendered = terms.map((term) => {
    if (term.kind === 'relation') throw notEmbedded(term.relation);
    const direction = term.direction === null ? '' : ` ${term.direction.toUpperCase()}`;
    const nulls = term.nulls === null ? '' : ` NULLS ${term.nulls.toUpperCase()}`;
    return `${columnSql(term.field, source, params)}${direction}${nulls}`;
  });
  return ` ORDER BY ${rendered.join(', ')}`;
}

export function limitOffsetSql(limit: number | null, offset: number | null): string {
  return `${limit === null ? '' : ` LIMIT ${limit}`}${offset === null ? '' : ` OFFSET ${offset}`}`;
}
