// The `order` parameter: `a.desc.nullsfirst,b,data->x.asc,rel(col).desc`.
import { delimiter, field, fieldName, lexeme } from './field-grammar.js';
import {
  alt,
  attempt,
  between,
  bind,
  char,
  endOfInput,
  literal,
  lookAhead,
  map,
  optional,
  type Parser,
  sepBy1,
} from './parser-combinators.js';
import type { FieldRef, OrderTerm } from './query-ast.js';

const direction: Parser<'asc' | 'desc'> = alt(
  attempt(map(bind(delimiter, () => literal('asc')), () => 'asc' as const)),
  attempt(map(bind(delimiter, () => literal('desc')), () => 'desc' as const)),
);

const nulls: Parser<'first' | 'last'> = alt(
  attempt(map(bind(delimiter, () => literal('nullsfirst')), () => 'first' as const)),
  attempt(map(bind(delimiter, () => literal('nullslast')), () => 'last' as const)),
);

const endOfTerm: Parser<unknown> = alt<unknown>(attempt(lookAhead(char(','))), attempt(endOfInput()));

/** `[.asc|.desc][.nullsfirst|.nullslast]`, then the end of the term. */
const modifiers: Parser<{ direction: 'asc' | 'desc' | null; nulls: 'first' | 'last' | null }> = bind(
  optional(direction),
  (dir) =>
    map(
      alt(
        bind(optional(nulls), (n) => map(endOfTerm, () => n)),
        map(endOfTerm, () => null),
      ),
      (n) => ({ direction: dir, nulls: n }),
    ),
);

const fieldTerm: Parser<OrderTerm> = bind(field, (ref) =>
  map(modifiers, (mods): OrderTerm => ({ kind: 'field', field: ref, ...mods })),
);

const relationTerm: Parser<OrderTerm> = bind(fieldName, (relation) =>
  bind(between(char('('), char(')'), field), (ref: FieldRef) =>
    map(modifiers, (mods): OrderTerm => ({ kind: 'relation', relation, field: ref, ...mods })),
  ),
);

export const orderList: Parser<OrderTerm[]> = sepBy1(lexeme(alt(attempt(relationTerm), fieldTerm)), char(','));
