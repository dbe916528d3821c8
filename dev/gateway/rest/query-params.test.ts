// The query-string grammar, checked against what supabase-js sends and against the parse
// errors PostgREST documents (its doctests in src/PostgREST/ApiRequest/QueryParams.hs).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { filterExpression, logicTree } from './filter-grammar.js';
import { orderList } from './order-grammar.js';
import { runParser } from './parser-combinators.js';
import type { Filter, LogicTree, OpExpr } from './query-ast.js';
import { formDecode, parseQueryString, readRequestQuery, type RequestQuery } from './query-params.js';
import { RestError } from './rest-error.js';
import { selectList } from './select-grammar.js';

function read(query: string, forFunctionRead = false): RequestQuery {
  return readRequestQuery(parseQueryString(query), forFunctionRead);
}

function expression(value: string): OpExpr {
  const outcome = runParser(filterExpression, 'test', value);
  assert.ok(outcome.ok, `expected ${value} to parse`);
  return outcome.value;
}

/** The PGRST100 error a query string produces. */
function parseError(query: string): { message: string; details: string | null } {
  try {
    read(query);
  } catch (error) {
    assert.ok(error instanceof RestError);
    assert.equal(error.body.code, 'PGRST100');
    assert.equal(error.status, 400);
    return { message: error.body.message, details: error.body.details };
  }
  assert.fail(`expected ${query} to fail`);
}

describe('query string decoding', () => {
  test('uses form semantics: + is a space, %2B a plus', () => {
    assert.deepEqual(parseQueryString('?a=x+y%2Bz&b'), [
      { key: 'a', value: 'x y+z' },
      { key: 'b', value: null },
    ]);
  });

  test('keeps malformed escapes instead of failing', () => {
    assert.equal(formDecode('100%+sure%zz%C3%A9'), '100% sure%zzé');
  });

  test('a bare key without = is not a filter', () => {
    assert.deepEqual(read('flag').filters, []);
  });
});

describe('filter operators', () => {
  test('every comparison operator', () => {
    for (const operator of ['eq', 'gt', 'gte', 'lt', 'lte', 'like', 'ilike', 'match', 'imatch'] as const) {
      assert.deepEqual(expression(`${operator}.a.b`), {
        negated: false,
        operation: { kind: 'quantifiable', operator, quantifier: null, value: 'a.b' },
      });
    }
    for (const operator of ['neq', 'cs', 'cd', 'ov', 'sl', 'sr', 'nxr', 'nxl', 'adj'] as const) {
      assert.deepEqual(expression(`${operator}.{1,2}`), {
        negated: false,
        operation: { kind: 'simple', operator, value: '{1,2}' },
      });
    }
  });

  test('is, isdistinct, quantifiers, full-text search and not', () => {
    assert.deepEqual(expression('is.NULL').operation, { kind: 'is', value: 'null' });
    assert.deepEqual(expression('is.not_null').operation, { kind: 'is', value: 'not_null' });
    assert.deepEqual(expression('isdistinct.5').operation, { kind: 'isdistinct', value: '5' });
    assert.deepEqual(expression('like(any).{a*,b*}').operation, {
      kind: 'quantifiable',
      operator: 'like',
      quantifier: 'any',
      value: '{a*,b*}',
    });
    assert.deepEqual(expression('wfts(english).cat & dog').operation, {
      kind: 'fts',
      operator: 'wfts',
      config: 'english',
      value: 'cat & dog',
    });
    assert.deepEqual(expression('not.eq.2'), {
      negated: true,
      operation: { kind: 'quantifiable', operator: 'eq', quantifier: null, value: '2' },
    });
  });

  test('in() honours the quoting supabase-js applies to , ( and )', () => {
    const { filters } = read('e=in.(p,%22q,r%22,%22has(paren)%22,3,%22esc\\%22aped%22)');
    assert.deepEqual(filters[0]?.expr.operation, {
      kind: 'in',
      values: ['p', 'q,r', 'has(paren)', '3', 'esc"aped'],
    });
  });

  test('the value of a top-level filter runs to the end, dots and commas included', () => {
    assert.deepEqual(expression('eq.a,b.c(d)').operation, {
      kind: 'quantifiable',
      operator: 'eq',
      quantifier: null,
      value: 'a,b.c(d)',
    });
  });

  test('a filter key may carry a JSON path', () => {
    const filter = read('meta->owner->>name=eq.ann').filters[0] as Filter;
    assert.deepEqual(filter.field, {
      name: 'meta',
      jsonPath: [
        { arrow: '->', operand: { kind: 'key', key: 'owner' } },
        { arrow: '->>', operand: { kind: 'key', key: 'name' } },
      ],
    });
  });
});

describe('logic trees', () => {
  test('or/and nest, with negation at any level', () => {
    const [tree] = read('or=(a.eq.1,and(b.gt.2,not.or(c.is.null,d.in.(x,y))))').logic;
    const leaf = (name: string, operation: OpExpr['operation']): LogicTree => ({
      kind: 'filter',
      filter: { field: { name, jsonPath: [] }, expr: { negated: false, operation } },
    });
    assert.deepEqual(tree, {
      kind: 'group',
      negated: false,
      operator: 'or',
      children: [
        leaf('a', { kind: 'quantifiable', operator: 'eq', quantifier: null, value: '1' }),
        {
          kind: 'group',
          negated: false,
          operator: 'and',
          children: [
            leaf('b', { kind: 'quantifiable', operator: 'gt', quantifier: null, value: '2' }),
            {
              kind: 'group',
              negated: true,
              operator: 'or',
              children: [leaf('c', { kind: 'is', value: 'null' }), leaf('d', { kind: 'in', values: ['x', 'y'] })],
            },
          ],
        },
      ],
    });
  });

  test('not.and at the top, quoted values and array literals inside', () => {
    const [tree] = read('not.and=(title.eq.%22a,b%22,tags.cs.{x,y})').logic;
    assert.equal(tree?.kind === 'group' && tree.negated, true);
    const children = tree?.kind === 'group' ? tree.children : [];
    assert.deepEqual(
      children.map((child) => (child.kind === 'filter' ? child.filter.expr.operation : null)),
      [
        { kind: 'quantifiable', operator: 'eq', quantifier: null, value: 'a,b' },
        { kind: 'simple', operator: 'cs', value: '{x,y}' },
      ],
    );
  });

  test('a logic value stops at , or )', () => {
    const outcome = runParser(logicTree, 'test', 'or(a.eq.x y,b.eq.z)');
    assert.ok(outcome.ok);
  });
});

describe('select', () => {
  test('columns, aliases, casts, JSON paths and star', () => {
    const outcome = runParser(selectList, 'test', '*,ident:id::text,data->a->>b,"weird col",x->0');
    assert.ok(outcome.ok);
    assert.deepEqual(
      outcome.value.map((item) => (item.kind === 'field' ? [item.field.name, item.alias, item.cast, item.field.jsonPath.length] : null)),
      [
        ['*', null, null, 0],
        ['id', 'ident', 'text', 0],
        ['data', null, null, 2],
        ['weird col', null, null, 0],
        ['x', null, null, 1],
      ],
    );
  });

  test('relations, hints, spreads and count() are recognised', () => {
    const outcome = runParser(selectList, 'test', 'author:authors!fk!inner(name),...extra(id),count()');
    assert.ok(outcome.ok);
    const [relation, spread, count] = outcome.value;
    assert.deepEqual(relation && { ...relation, children: undefined }, {
      kind: 'relation',
      relation: 'authors',
      alias: 'author',
      hint: 'fk',
      joinType: 'inner',
      spread: false,
      children: undefined,
    });
    assert.equal(spread?.kind === 'relation' && spread.spread, true);
    assert.equal(count?.kind === 'field' && count.aggregate, 'count');
  });

  test('select defaults to * and an empty select selects nothing', () => {
    assert.equal(read('').select.length, 1);
    assert.equal(read('select=').select.length, 0);
  });
});

describe('order, limit, offset', () => {
  test('direction and nulls per term', () => {
    const outcome = runParser(orderList, 'test', 'a.desc.nullsfirst,b,c.nullslast,data->x.asc');
    assert.ok(outcome.ok);
    assert.deepEqual(
      outcome.value.map((term) => [term.field.name, term.direction, term.nulls]),
      [
        ['a', 'desc', 'first'],
        ['b', null, null],
        ['c', null, 'last'],
        ['data', 'asc', null],
      ],
    );
  });

  test('limit and offset are integers; garbage is ignored; a negative limit is 416', () => {
    const query = read('limit=10&offset=20');
    assert.equal(query.limit, 10);
    assert.equal(query.offset, 20);
    assert.equal(read('limit=ten').limit, null);
    assert.throws(() => read('limit=-1'), (error) => error instanceof RestError && error.status === 416);
  });

  test('columns and on_conflict take quoted names', () => {
    const query = read('columns=%22a%22,%22b%20c%22&on_conflict=id');
    assert.deepEqual(query.columns, ['a', 'b c']);
    assert.deepEqual(query.onConflict, ['id']);
  });
});

describe('function arguments in GET calls', () => {
  test('values that are not operator expressions are arguments', () => {
    const query = read('q=a+b%26c&tags=%7Bx%2Cy%7D&n=5&id=eq.1&order=id.desc', true);
    assert.deepEqual(query.rpcArguments, [
      ['q', 'a b&c'],
      ['tags', '{x,y}'],
      ['n', '5'],
    ]);
    assert.equal(query.filters.length, 1);
  });

  test('a value that starts like an operator but breaks is still an error', () => {
    assert.throws(() => read('q=not.xyz', true), RestError);
    assert.throws(() => read('q=in.xyz', true), RestError);
  });
});

describe('embedded resources', () => {
  test('dotted keys are collected for the caller to refuse', () => {
    assert.deepEqual(
      read('books.title=eq.x&books.order=title&books.limit=2&books.or=(a.eq.1)').embedded.map((p) => p.embedPath),
      [['books'], ['books'], ['books'], ['books']],
    );
  });
});

describe('parse errors read like PostgREST', () => {
  const cases: [string, string, string][] = [
    ['id=foo.1', '"failed to parse filter (foo.1)" (line 1, column 1)', 'unexpected "f" expecting "not" or operator (eq, gt, ...)'],
    ['id=noop.0', '"failed to parse filter (noop.0)" (line 1, column 1)', 'unexpected "o" expecting "not" or operator (eq, gt, ...)'],
    ['id=not.foo', '"failed to parse filter (not.foo)" (line 1, column 5)', 'unexpected "f" expecting operator (eq, gt, ...)'],
    ['or=(id.in.1,2,id.eq.3)', '"failed to parse logic tree ((id.in.1,2,id.eq.3))" (line 1, column 10)', 'unexpected "1" expecting "("'],
    [
      'or=(id.eq.1,not.xor(id.eq.2,id.eq.3))',
      '"failed to parse logic tree ((id.eq.1,not.xor(id.eq.2,id.eq.3)))" (line 1, column 16)',
      'unexpected "x" expecting logic operator (and, or)',
    ],
    [
      'or=()',
      '"failed to parse logic tree (())" (line 1, column 4)',
      'unexpected ")" expecting field name (* or [a..z0..9_$]), negation operator (not) or logic operator (and, or)',
    ],
    ['order=id.ac', '"failed to parse order (id.ac)" (line 1, column 4)', 'unexpected "c" expecting "asc", "desc", "nullsfirst" or "nullslast"'],
    ['order=id.descc', '"failed to parse order (id.descc)" (line 1, column 8)', `unexpected 'c' expecting delimiter (.), "," or end of input`],
    [
      'select=id,clients(name[])',
      '"failed to parse select parameter (id,clients(name[]))" (line 1, column 16)',
      `unexpected '[' expecting letter, digit, "-", "->>", "->", "::", ".", ")", "," or end of input`,
    ],
    [
      'select=data->>-78xy',
      '"failed to parse select parameter (data->>-78xy)" (line 1, column 11)',
      `unexpected 'x' expecting digit, "->", "::", ".", "," or end of input`,
    ],
    ['select=name::', '"failed to parse select parameter (name::)" (line 1, column 7)', 'unexpected end of input expecting letter or digit'],
  ];
  for (const [query, message, details] of cases) {
    test(query, () => {
      assert.deepEqual(parseError(query), { message, details });
    });
  }

  test('the source text is quoted the Haskell way', () => {
    assert.equal(parseError('id=bad."q"é').message, '"failed to parse filter (bad.\\"q\\"\\233)" (line 1, column 1)');
  });
});
