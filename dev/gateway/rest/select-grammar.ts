// The `select` parameter: `a,alias:b,c::text,data->x->>y,rel(*),...spread(*),count()`.
import { field, fieldName, identifier, lexeme } from './field-grammar.js';
import {
  alt,
  attempt,
  between,
  bind,
  char,
  endOfInput,
  lazy,
  left,
  literal,
  lookAhead,
  map,
  notFollowedBy,
  optional,
  type Parser,
  right,
  sepBy,
  zero,
} from './parser-combinators.js';
import type { AggregateFunction, FieldRef, SelectItem } from './query-ast.js';

/** `alias:` (but not the `::` of a cast). */
const aliasSeparator: Parser<null> = right(char(':'), notFollowedBy(char(':')));
const optionalAlias: Parser<string | null> = optional(attempt(left(fieldName, aliasSeparator)));
const optionalCast: Parser<string | null> = optional(right(literal('::'), identifier));

/** A select item ends before `)` or `,`, or at the end. */
const endOfItem: Parser<unknown> = alt<unknown>(
  attempt(lookAhead(literal(')'))),
  attempt(lookAhead(literal(','))),
  attempt(endOfInput()),
);

const aggregateFunction: Parser<AggregateFunction> = alt(
  map(literal('sum'), () => 'sum' as const),
  map(literal('avg'), () => 'avg' as const),
  map(literal('count'), () => 'count' as const),
  attempt(map(literal('max'), () => 'max' as const)),
  attempt(map(literal('min'), () => 'min' as const)),
);

type EmbedParam = { kind: 'join'; joinType: 'left' | 'inner' } | { kind: 'hint'; hint: string };

const embedParam: Parser<EmbedParam> = right(
  char('!'),
  alt<EmbedParam>(
    attempt(map(literal('left'), () => ({ kind: 'join', joinType: 'left' }) as const)),
    attempt(map(literal('inner'), () => ({ kind: 'join', joinType: 'inner' }) as const)),
    attempt(map(fieldName, (hint) => ({ kind: 'hint', hint }) as const)),
  ),
);

/** Up to two `!hint` / `!inner` / `!left` modifiers, in any order. */
const embedParams: Parser<{ hint: string | null; joinType: 'left' | 'inner' | null }> = bind(
  optional(embedParam),
  (first) =>
    map(optional(embedParam), (second) => {
      const params = [first, second].filter((p): p is EmbedParam => p !== null);
      const hint = params.find((p) => p.kind === 'hint');
      const join = params.find((p) => p.kind === 'join');
      return {
        hint: hint?.kind === 'hint' ? hint.hint : null,
        joinType: join?.kind === 'join' ? join.joinType : null,
      };
    }),
);

const opensParenthesis: Parser<unknown> = attempt(lookAhead(literal('(')));

interface RelationHead {
  relation: string;
  alias: string | null;
  hint: string | null;
  joinType: 'left' | 'inner' | null;
  spread: boolean;
}

const spreadRelationHead: Parser<RelationHead> = lexeme(
  bind(right(literal('...'), fieldName), (relation) =>
    bind(embedParams, ({ hint, joinType }) =>
      map(opensParenthesis, (): RelationHead => ({ relation, alias: null, hint, joinType, spread: true })),
    ),
  ),
);

const relationHead: Parser<RelationHead> = lexeme(
  bind(optionalAlias, (alias) =>
    bind(fieldName, (relation) =>
      // `count()` is the aggregate, never a relation called "count".
      relation === 'count'
        ? zero<RelationHead>()
        : bind(embedParams, ({ hint, joinType }) =>
            map(opensParenthesis, (): RelationHead => ({ relation, alias, hint, joinType, spread: false })),
          ),
    ),
  ),
);

const star: FieldRef = { name: '*', jsonPath: [] };

const starItem: Parser<SelectItem> = attempt(
  map(left(literal('*'), endOfItem), () => fieldItem(star, null, null, null, null)),
);

const countItem: Parser<SelectItem> = attempt(
  bind(optionalAlias, (alias) =>
    bind(right(literal('count()'), optionalCast), (aggregateCast) =>
      map(endOfItem, () => fieldItem(star, alias, null, 'count', aggregateCast)),
    ),
  ),
);

const plainItem: Parser<SelectItem> = bind(optionalAlias, (alias) =>
  bind(field, (ref) =>
    bind(optionalCast, (cast) =>
      bind(optional(attempt(left(right(char('.'), aggregateFunction), literal('()')))), (aggregate) =>
        bind(optionalCast, (aggregateCast) =>
          map(endOfItem, () => fieldItem(ref, alias, cast, aggregate, aggregateCast)),
        ),
      ),
    ),
  ),
);

const fieldSelect: Parser<SelectItem> = lexeme(alt(starItem, countItem, plainItem));

function fieldItem(
  ref: FieldRef,
  alias: string | null,
  cast: string | null,
  aggregate: AggregateFunction | null,
  aggregateCast: string | null,
): SelectItem {
  return { kind: 'field', field: ref, alias, cast, aggregate, aggregateCast };
}

const children: Parser<SelectItem[]> = lazy(() => between(char('('), char(')'), selectList));

function relationItem(head: Parser<RelationHead>): Parser<SelectItem> {
  return bind(attempt(head), (parsed) =>
    map(children, (items): SelectItem => ({ kind: 'relation', ...parsed, children: items })),
  );
}

const selectTree: Parser<SelectItem> = alt(
  relationItem(spreadRelationHead),
  relationItem(relationHead),
  fieldSelect,
);

/** The whole `select` value; empty selects nothing. */
export const selectList: Parser<SelectItem[]> = sepBy(selectTree, lexeme(char(',')));
