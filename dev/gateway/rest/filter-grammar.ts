// Filter values (`eq.1`, `not.in.(a,"b,c")`, `fts(english).cat`, `like(any).{a*,b*}`),
// the `and=(…)` / `or=(…)` logic trees, and their keys (`not.or`, `rel.or`).
import { delimiter, field, fieldName, identifier, lexeme, quotedValue } from './field-grammar.js';
import {
  alt,
  anyChar,
  attempt,
  between,
  bind,
  char,
  label,
  lazy,
  left,
  literal,
  literalIgnoringCase,
  many,
  map,
  noneOf,
  notFollowedBy,
  optional,
  type Parser,
  pure,
  right,
  sepBy1,
} from './parser-combinators.js';
import type {
  EmbedPath,
  Filter,
  FtsOperator,
  IsValue,
  LogicTree,
  OpExpr,
  Operation,
  QuantifiableOperator,
  SimpleOperator,
} from './query-ast.js';

const joinChars = (chars: string[]): string => chars.join('');

function keyword<T extends string>(word: T): Parser<T> {
  return map(literal(word), () => word);
}

const simpleOperator: Parser<SimpleOperator> = label(
  alt(...(['neq', 'cs', 'cd', 'ov', 'sl', 'sr', 'nxr', 'nxl', 'adj'] as const).map((op) => attempt(keyword(op)))),
  'unknown single value operator',
);

// Longer names first where one is a prefix of another (`gte` before `gt`).
const quantifiableOperator: Parser<QuantifiableOperator> = label(
  alt(
    ...(['eq', 'gte', 'gt', 'lte', 'lt', 'like', 'ilike', 'match', 'imatch'] as const).map((op) =>
      attempt(keyword(op)),
    ),
  ),
  'unknown single value operator',
);

const ftsOperator: Parser<FtsOperator> = alt(
  ...(['fts', 'plfts', 'phfts', 'wfts'] as const).map((op) => attempt(keyword(op))),
);

const isValue: Parser<IsValue> = label(
  alt(
    ...(['null', 'not_null', 'true', 'false', 'unknown'] as const).map((value) =>
      attempt(map(literalIgnoringCase(value), () => value)),
    ),
  ),
  'isVal: (null, not_null, true, false, unknown)',
);

/** A list element: a quoted value that ends the element, or anything up to `,` or `)`. */
const listElement: Parser<string> = alt(
  attempt(left(quotedValue, notFollowedBy(noneOf(',)')))),
  map(many(noneOf(',)')), joinChars),
);

/** `(a,"b,c",d)` */
const listValue: Parser<string[]> = right(
  lexeme(char('(')),
  left(sepBy1(listElement, char(',')), lexeme(char(')'))),
);

/** Top-level filter values run to the end of the parameter. */
export const singleValue: Parser<string> = map(many(anyChar), joinChars);

/** Inside `and`/`or`, a value ends at `,` or `)` unless quoted or a `{…}` array literal. */
const logicSingleValue: Parser<string> = alt(
  attempt(left(quotedValue, notFollowedBy(noneOf(',)')))),
  attempt(map(between(char('{'), char('}'), many(noneOf('{}'))), (body) => `{${joinChars(body)}}`)),
  map(many(noneOf(',)')), joinChars),
);

function operation(value: Parser<string>): Parser<Operation> {
  const inList = right(attempt(right(literal('in'), delimiter)), map(listValue, (values): Operation => ({ kind: 'in', values })));
  const isCheck = right(attempt(right(literal('is'), delimiter)), map(isValue, (v): Operation => ({ kind: 'is', value: v })));
  const isDistinct = right(
    attempt(right(literal('isdistinct'), delimiter)),
    map(value, (v): Operation => ({ kind: 'isdistinct', value: v })),
  );
  const fullText = bind(ftsOperator, (operator) =>
    bind(optional(attempt(between(char('('), char(')'), identifier))), (config) =>
      right(delimiter, map(value, (v): Operation => ({ kind: 'fts', operator, config, value: v }))),
    ),
  );
  const simple = bind(simpleOperator, (operator) =>
    right(delimiter, map(value, (v): Operation => ({ kind: 'simple', operator, value: v }))),
  );
  const quantifier = between(
    char('('),
    char(')'),
    alt(attempt(keyword('any')), keyword('all')),
  );
  const quantified = bind(quantifiableOperator, (operator) =>
    bind(optional(attempt(quantifier)), (quant) =>
      right(
        delimiter,
        map(value, (v): Operation => ({ kind: 'quantifiable', operator, quantifier: quant, value: v })),
      ),
    ),
  );
  return label(
    alt(inList, isCheck, isDistinct, attempt(fullText), attempt(simple), attempt(quantified)),
    'operator (eq, gt, ...)',
  );
}

function opExpr(value: Parser<string>): Parser<OpExpr> {
  const negation = alt(attempt(map(right(literal('not'), delimiter), () => true)), pure(false));
  const op = operation(value);
  return bind(negation, (negated) => map(op, (parsed): OpExpr => ({ negated, operation: parsed })));
}

/** The value of a top-level filter parameter: `[not.]operator.value`. */
export const filterExpression: Parser<OpExpr> = opExpr(singleValue);

const logicFilter: Parser<Filter> = bind(left(field, delimiter), (ref) =>
  map(opExpr(logicSingleValue), (expr): Filter => ({ field: ref, expr })),
);

const logicNegation: Parser<boolean> = label(
  alt(attempt(map(right(literal('not'), delimiter), () => true)), pure(false)),
  'negation operator (not)',
);

const logicOperator: Parser<'and' | 'or'> = label(
  alt(attempt(keyword('and')), keyword('or')),
  'logic operator (and, or)',
);

/**
 * `and(a.eq.1,or(b.is.null,not.and(c.gt.2,c.lt.5)))` — PostgREST parses the key's operator
 * glued to the value (`or` + `(…)`), so a single grammar covers the top level and nesting.
 */
export const logicTree: Parser<LogicTree> = lazy(() =>
  alt<LogicTree>(
    attempt(map(logicFilter, (filter): LogicTree => ({ kind: 'filter', filter }))),
    bind(logicNegation, (negated) =>
      bind(logicOperator, (operator) =>
        map(
          right(lexeme(char('(')), left(sepBy1(logicTree, lexeme(char(','))), lexeme(char(')')))),
          (children): LogicTree => ({ kind: 'group', negated, operator, children }),
        ),
      ),
    ),
  ),
);

/** The key of a logic parameter: `or`, `not.and`, `rel.or`, `rel.not.or`. */
export const logicKey: Parser<{ embedPath: EmbedPath; operator: string }> = map(
  sepBy1(fieldName, delimiter),
  (names) => {
    const last = names[names.length - 1] ?? '';
    const negated = names.includes('not');
    return {
      embedPath: names.slice(0, -1).filter((name) => name !== 'not'),
      operator: negated ? `not.${last}` : last,
    };
  },
);
