// Rendering parsed queries as SQL: every value a parameter, every name a quoted identifier.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseQueryString, readRequestQuery } from './query-params.js';
import { castSql, orderSql, selectListSql, whereSql, type RowSource } from './query-sql.js';
import { RestError } from './rest-error.js';
import { arrayLiteral, quoteIdent, SqlParameters } from './sql-text.js';

const source: RowSource = {
  qualifier: '"public"."docs"',
  columns: [
    { name: 'title', type: 'text' },
    { name: 'search', type: 'tsvector' },
  ],
};

function where(query: string): { sql: string; values: string[] } {
  const parsed = readRequestQuery(parseQueryString(query), false);
  const params = new SqlParameters();
  return { sql: whereSql(parsed.filters, parsed.logic, source, params), values: params.values };
}

describe('whereSql', () => {
  test('comparison values are bound, never inlined', () => {
    assert.deepEqual(where("title=eq.x'); drop table docs; --"), {
      sql: ' WHERE ("public"."docs"."title" = $1)',
      values: ["x'); drop table docs; --"],
    });
  });

  test('like turns * into %, in() becomes = ANY of a quoted array literal', () => {
    assert.deepEqual(where('title=like.*a_b*&id=in.(1,%22x,y%22)'), {
      sql: ' WHERE ("public"."docs"."title" LIKE $1) AND ("public"."docs"."id" = ANY($2))',
      values: ['%a_b%', '{"1","x,y"}'],
    });
  });

  test('negation, is, quantifiers and logic trees', () => {
    assert.deepEqual(where('a=not.is.null&b=eq(any).{1,2}&or=(c.gt.1,not.and(d.eq.2,e.is.true))'), {
      sql:
        ' WHERE (NOT ("public"."docs"."a" IS NULL)) AND ("public"."docs"."b" = ANY($1)) AND ' +
        '(("public"."docs"."c" > $2 OR NOT ("public"."docs"."d" = $3 AND "public"."docs"."e" IS TRUE)))',
      values: ['{1,2}', '1', '2'],
    });
  });

  test('full-text search uses a tsvector column as is and converts anything else', () => {
    assert.deepEqual(where('search=fts.cat&title=wfts(french).chat'), {
      sql:
        ' WHERE ("public"."docs"."search" @@ to_tsquery($1)) AND ' +
        '(to_tsvector($2::regconfig, "public"."docs"."title") @@ websearch_to_tsquery($2::regconfig, $3))',
      values: ['cat', 'french', 'chat'],
    });
  });

  test('JSON path keys are bound too; indexes are validated digits', () => {
    assert.deepEqual(where('meta->owner->>name=eq.ann&arr->-1=eq.2'), {
      sql:
        ' WHERE ("public"."docs"."meta" -> $1::text ->> $2::text = $3) AND ("public"."docs"."arr" -> (-1) = $4)',
      values: ['owner', 'name', 'ann', '2'],
    });
  });
});

describe('select and order', () => {
  test('aliases and casts; a JSON path is named after its last key', () => {
    // PostgREST escapes quotes inside a quoted name with a backslash.
    const parsed = readRequestQuery(parseQueryString('select=*,n:id::text,meta->>name,"odd \\"name\\""'), false);
    const params = new SqlParameters();
    assert.equal(
      selectListSql(parsed.select, source, params),
      '"public"."docs".*, CAST("public"."docs"."id" AS text) AS "n", "public"."docs"."meta" ->> $1::text AS "name", ' +
        '"public"."docs"."odd ""name""" AS "odd ""name"""',
    );
  });

  test('order terms with direction and nulls', () => {
    const parsed = readRequestQuery(parseQueryString('order=a.desc.nullslast,b'), false);
    assert.equal(
      orderSql(parsed.order, source, new SqlParameters()),
      ' ORDER BY "public"."docs"."a" DESC NULLS LAST, "public"."docs"."b"',
    );
  });

  test('a cast must be a type name, not an expression', () => {
    assert.equal(castSql('double precision'), 'double precision');
    assert.equal(castSql('int4'), 'int4');
    assert.throws(() => castSql('text or current_user is not null'), RestError);
  });
});

describe('sql text helpers', () => {
  test('quoteIdent doubles quotes and refuses NUL', () => {
    assert.equal(quoteIdent('a"b'), '"a""b"');
    assert.throws(() => quoteIdent('a\u0000b'), RestError);
  });

  test('arrayLiteral quotes every element', () => {
    assert.equal(arrayLiteral(['NULL', 'a"b', 'c\\d', '']), '{"NULL","a\\"b","c\\\\d",""}');
  });
});
