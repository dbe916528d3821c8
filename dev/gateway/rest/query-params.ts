// Splits a request's query string into what PostgREST reads from it: `select`, filters,
// `and`/`or` trees, `order`, `limit`/`offset`, `columns`, `on_conflict`, and — for GET/HEAD
// calls of a function — the function's arguments.
//
// supabase-js builds queries with URLSearchParams, so values are form-encoded: `+` is a space
// and a literal `+` arrives as `%2B`. Decoding must therefore use form semantics.
import { columnList, treePath } from './field-grammar.js';
import { filterExpression, logicKey, logicTree } from './filter-grammar.js';
import { orderList } from './order-grammar.js';
import { endOfInput, left, runParser, type Parser } from './parser-combinators.js';
import type { EmbedPath, Filter, LogicTree, OrderTerm, SelectItem } from './query-ast.js';
import { invalidRange, notEmbedded, queryParamError, unsupportedFeature } from './rest-error.js';
import { selectList } from './select-grammar.js';

export interface QueryParameter {
  readonly key: string;
  /** `null` for a bare `key` with no `=`, which PostgREST ignores except for lookups. */
  readonly value: string | null;
}

/** Parameters that hold something about an embedded resource (`rel.limit=2`, `rel.col=eq.1`). */
export interface EmbeddedParameter {
  readonly embedPath: EmbedPath;
  readonly key: string;
}

export interface RequestQuery {
  /** Defaults to `*`. */
  readonly select: readonly SelectItem[];
  readonly filters: readonly Filter[];
  /** Each `and=(…)` / `or=(…)` at the root, already a group node. */
  readonly logic: readonly LogicTree[];
  readonly order: readonly OrderTerm[];
  readonly limit: number | null;
  readonly offset: number | null;
  readonly columns: readonly string[] | null;
  readonly onConflict: readonly string[] | null;
  /** GET/HEAD function calls: parameters whose value is not a filter, in request order. */
  readonly rpcArguments: readonly (readonly [string, string])[];
  /** Parameters addressed to embedded resources, which the caller must reject or honour. */
  readonly embedded: readonly EmbeddedParameter[];
}

const reservedKeys = new Set(['select', 'columns', 'on_conflict']);
const reservedLastSegments = new Set(['order', 'limit', 'offset', 'and', 'or']);

/** Splits `a=1&b&c=x+y` into ordered pairs, decoding like `application/x-www-form-urlencoded`. */
export function parseQueryString(rawQuery: string): QueryParameter[] {
  const query = rawQuery.startsWith('?') ? rawQuery.slice(1) : rawQuery;
  if (query === '') return [];
  return query
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const equals = part.indexOf('=');
      if (equals < 0) return { key: formDecode(part), value: null };
      return { key: formDecode(part.slice(0, equals)), value: formDecode(part.slice(equals + 1)) };
    });
}

/** `+` is a space; `%xx` sequences are UTF-8 bytes; malformed escapes are kept literally. */
export function formDecode(text: string): string {
  const withSpaces = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(withSpaces);
  } catch {
    const bytes: number[] = [];
    const encoder = new TextEncoder();
    for (let i = 0; i < withSpaces.length; i++) {
      const hex = withSpaces.slice(i + 1, i + 3);
      if (withSpaces[i] === '%' && /^[0-9a-fA-F]{2}$/.test(hex)) {
        bytes.push(parseInt(hex, 16));
        i += 2;
      } else {
        const codePoint = withSpaces.codePointAt(i) ?? 0;
        const ch = String.fromCodePoint(codePoint);
        bytes.push(...encoder.encode(ch));
        i += ch.length - 1;
      }
    }
    return new TextDecoder().decode(new Uint8Array(bytes));
  }
}

function lastSegment(key: string): string {
  const parts = key.split('.');
  return parts[parts.length - 1] ?? key;
}

function parseOrThrow<T>(parser: Parser<T>, sourceName: string, input: string): T {
  const outcome = runParser(parser, sourceName, input);
  if (!outcome.ok) throw queryParamError(outcome.failure);
  return outcome.value;
}

/** Most items a `select` may list; Postgres refuses more than 1664 result columns with a 500. */
export const MAX_SELECT_ITEMS = 1000;

/**
 * Haskell's `readMaybe :: Maybe Integer`: an optionally negative integer; anything else is ignored.
 * An integer too large to be exact as a number is refused, naming the parameter (it would reach
 * SQL as `Infinity`).
 */
function readInteger(text: string, parameter: string): number | null {
  if (!/^\s*-?\d+\s*$/.test(text)) return null;
  const value = Number(text.trim());
  if (!Number.isSafeInteger(value)) {
    throw queryParamError({
      message: `${parameter} is out of range`,
      details: `${parameter} must be an integer between ${-Number.MAX_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}`,
    });
  }
  return value;
}

/** The whole `select` value must parse: text after the last item (`id)))x`) is an error. */
const completeSelectList: Parser<SelectItem[]> = left(selectList, endOfInput());

function countSelectItems(items: readonly SelectItem[]): number {
  return items.reduce((total, item) => total + 1 + (item.kind === 'relation' ? countSelectItems(item.children) : 0), 0);
}

/**
 * Parses every parameter. `forFunctionRead` (GET/HEAD on `/rpc/…`) lets parameters whose value
 * is not an operator expression through as function arguments, as PostgREST does.
 */
export function readRequestQuery(parameters: readonly QueryParameter[], forFunctionRead: boolean): RequestQuery {
  const lookup = (key: string): string | null => parameters.find((p) => p.key === key)?.value ?? null;
  const present = parameters.filter((p): p is { key: string; value: string } => p.value !== null);

  const selectText = lookup('select');
  const select = parseOrThrow(completeSelectList, `failed to parse select parameter (${selectText ?? '*'})`, selectText ?? '*');
  const selectItems = countSelectItems(select);
  if (selectItems > MAX_SELECT_ITEMS) {
    throw queryParamError({
      message: `select lists ${selectItems} items`,
      details: `A select may list at most ${MAX_SELECT_ITEMS} columns`,
    });
  }
  const columnsText = lookup('columns');
  const columns =
    columnsText === null ? null : parseOrThrow(columnList, `failed to parse columns parameter (${columnsText})`, columnsText);
  const onConflictText = lookup('on_conflict');
  const onConflict =
    onConflictText === null
      ? null
      : parseOrThrow(columnList, `failed to parse on_conflict parameter (${onConflictText})`, onConflictText);

  const embedded: EmbeddedParameter[] = [];
  const filters: Filter[] = [];
  const logic: LogicTree[] = [];
  const rpcArguments: (readonly [string, string])[] = [];
  let order: OrderTerm[] = [];
  let limit: number | null = null;
  let offset: number | null = null;

  for (const { key, value } of present) {
    if (reservedKeys.has(key)) continue;
    const segment = lastSegment(key);
    if (segment === 'and' || segment === 'or') {
      const parsedKey = parseOrThrow(logicKey, `failed to parse logic path (${key})`, key);
      // The operator is glued to the value so one grammar handles `or=(…)` and nested `or(…)`.
      const tree = parseOrThrow(logicTree, `failed to parse logic tree (${value})`, `${parsedKey.operator}${value}`);
      if (parsedKey.embedPath.length > 0) embedded.push({ embedPath: parsedKey.embedPath, key });
      else logic.push(tree);
      continue;
    }
    if (reservedLastSegments.has(segment)) {
      const path = parseOrThrow(treePath, `failed to parse tree path (${key})`, key).embedPath;
      if (path.length > 0) {
        embedded.push({ embedPath: path, key });
        continue;
      }
      if (segment === 'order') order = parseOrThrow(orderList, `failed to parse order (${value})`, value);
      if (segment === 'limit') limit = readInteger(value, 'limit');
      if (segment === 'offset') offset = readInteger(value, 'offset');
      continue;
    }
    const path = parseOrThrow(treePath, `failed to parse tree path (${key})`, key);
    const expression = runParser(filterExpression, `failed to parse filter (${value})`, value);
    if (!expression.ok) {
      // A function argument is anything that is not an operator expression at all; a value
      // that starts like one (`not.`, `in.`) but then breaks is still a syntax error.
      if (forFunctionRead && !expression.consumed) {
        rpcArguments.push([key, value]);
        continue;
      }
      throw queryParamError(expression.failure);
    }
    if (path.embedPath.length > 0) embedded.push({ embedPath: path.embedPath, key });
    else filters.push({ field: path.field, expr: expression.value });
  }

  if (limit !== null && limit < 0) throw invalidRange('Limit should be greater than or equal to zero.');
  return { select, filters, logic, order, limit, offset, columns, onConflict, rpcArguments, embedded };
}

/**
 * Resource embedding (`select=…,rel(…)`, `rel.col=eq.1`, `rel.order=…`) is not implemented:
 * say so plainly rather than answer with rows that silently lack what was asked for.
 */
export function rejectEmbedding(query: RequestQuery): void {
  const relation = query.select.find((item) => item.kind === 'relation');
  if (relation?.kind === 'relation') {
    throw unsupportedFeature(
      `Embedding related resources ('${relation.spread ? '...' : ''}${relation.relation}')`,
      'Select columns of this table only, or call a database function (rpc) that returns the joined rows.',
    );
  }
  const embedded = query.embedded[0];
  if (embedded !== undefined) throw notEmbedded(embedded.embedPath[0] ?? embedded.key);
}
