// Overload resolution by argument names, and the PGRST202/PGRST203 answers when it fails.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RestError } from './rest-error.js';
import { routineCallSql, routineResult } from './routine-call-sql.js';
import { resolveRoutine, type RoutineCall } from './routine-resolution.js';
import type { RoutineInfo, RoutineParameter } from './schema-introspection.js';
import { SqlParameters } from './sql-text.js';

function routine(name: string, parameters: RoutineParameter[], defaultCount = 0, extra: Partial<RoutineInfo> = {}): RoutineInfo {
  return {
    schema: 'public',
    name,
    parameters,
    defaultCount,
    returnsSet: false,
    returnType: 'integer',
    returnTypeKind: 'b',
    compositeColumns: [],
    volatility: 'v',
    ...extra,
  };
}

const input = (name: string, type = 'integer'): RoutineParameter => ({ name, type, mode: 'in' });

function call(name: string, argumentNames: string[], isPost = true): RoutineCall {
  return { schema: 'public', name, argumentNames: new Set(argumentNames), isPost };
}

const noNames = async () => [] as string[];

async function rejection(promise: Promise<unknown>): Promise<RestError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof RestError);
    return error;
  }
  assert.fail('expected a rejection');
}

describe('resolveRoutine', () => {
  const byId = routine('find', [input('id')]);
  const byName = routine('find', [input('name', 'text')]);
  const withDefault = routine('page', [input('q', 'text'), input('size')], 1);

  test('picks the overload whose parameter names match the argument names', async () => {
    assert.equal(await resolveRoutine([byId, byName], call('find', ['name']), noNames), byName);
    assert.equal(await resolveRoutine([byId, byName], call('find', ['id']), noNames), byId);
  });

  test('parameters with defaults may be omitted, required ones may not', async () => {
    assert.equal(await resolveRoutine([withDefault], call('page', ['q']), noNames), withDefault);
    assert.equal(await resolveRoutine([withDefault], call('page', ['q', 'size']), noNames), withDefault);
    const error = await rejection(resolveRoutine([withDefault], call('page', ['size']), noNames));
    assert.equal(error.status, 404);
    assert.equal(error.body.message, 'Could not find the function public.page(size) in the schema cache');
    assert.equal(error.body.hint, 'Perhaps you meant to call the function public.page(q, size)');
  });

  test('a single unnamed json parameter takes any POST body, but only as a fallback', async () => {
    const wholeBody = routine('ingest', [{ name: '', type: 'jsonb', mode: 'in' }]);
    const named = routine('ingest', [input('a')]);
    assert.equal(await resolveRoutine([wholeBody], call('ingest', ['x', 'y']), noNames), wholeBody);
    assert.equal(await resolveRoutine([wholeBody, named], call('ingest', ['a']), noNames), named);
    await rejection(resolveRoutine([wholeBody], call('ingest', ['x'], false), noNames));
  });

  test('two matching overloads are ambiguous (300 PGRST203)', async () => {
    const a = routine('dup', [input('x')]);
    const b = routine('dup', [input('x', 'text')]);
    const error = await rejection(resolveRoutine([a, b], call('dup', ['x']), noNames));
    assert.equal(error.status, 300);
    assert.equal(error.body.code, 'PGRST203');
    assert.equal(
      error.body.message,
      'Could not choose the best candidate function between: public.dup(x => integer), public.dup(x => text)',
    );
  });

  test('an unknown name suggests a close one from the schema', async () => {
    const error = await rejection(resolveRoutine([], call('list_todo', []), async () => ['list_todos', 'other']));
    assert.deepEqual(error.body, {
      code: 'PGRST202',
      message: 'Could not find the function public.list_todo without parameters in the schema cache',
      details:
        'Searched for the function public.list_todo without parameters or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.',
      hint: 'Perhaps you meant to call the function public.list_todos',
    });
  });

  test('GET calls do not mention the json fallback', async () => {
    const error = await rejection(resolveRoutine([], call('nope', ['b', 'a'], false), noNames));
    assert.equal(error.body.message, 'Could not find the function public.nope(a, b) in the schema cache');
    assert.equal(
      error.body.details,
      'Searched for the function public.nope with parameters a, b, but no matches were found in the schema cache.',
    );
    assert.equal(error.body.hint, null);
  });
});

describe('routineCallSql', () => {
  test('POST arguments are read from the JSON body with their declared types, in named notation', () => {
    const params = new SqlParameters();
    const add = routine('add', [input('a'), input('b'), { name: 'rest', type: 'text[]', mode: 'variadic' }]);
    const sql = routineCallSql(add, { kind: 'json', text: '{"a":1,"rest":["x"]}', names: new Set(['a', 'rest']) }, params);
    assert.deepEqual(sql, {
      argumentSource: 'pg_catalog.json_to_record($1::json) AS pgrst_args("a" integer, "rest" text[])',
      invocation: '"public"."add"("a" => pgrst_args."a", "rest" => VARIADIC pgrst_args."rest")',
    });
    assert.deepEqual(params.values, ['{"a":1,"rest":["x"]}']);
  });

  test('GET arguments are cast from text; a repeated variadic key collects an array', () => {
    const params = new SqlParameters();
    const search = routine('search', [input('q', 'text'), { name: 'tags', type: 'text[]', mode: 'variadic' }]);
    const sql = routineCallSql(
      search,
      { kind: 'text', pairs: [['q', 'a b'], ['tags', 'x'], ['tags', 'y,z']] },
      params,
    );
    assert.equal(sql.invocation, '"public"."search"("q" => $1::text, "tags" => VARIADIC $2::text[])');
    assert.deepEqual(params.values, ['a b', '{"x","y,z"}']);
  });

  test('result shapes: void, scalar, composite, RETURNS TABLE', () => {
    assert.deepEqual(routineResult(routine('v', [], 0, { returnType: 'void', returnTypeKind: 'p' })), { kind: 'void' });
    assert.deepEqual(routineResult(routine('n', [], 0, { returnsSet: true })), {
      kind: 'scalar',
      set: true,
      column: { name: 'n', type: 'integer' },
    });
    const table = routine('t', [input('n'), { name: 'x', type: 'integer', mode: 'table' }], 0, {
      returnsSet: true,
      returnType: 'record',
      returnTypeKind: 'p',
    });
    assert.deepEqual(routineResult(table), { kind: 'rows', set: true, columns: [{ name: 'x', type: 'integer' }] });
  });
});
