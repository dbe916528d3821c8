// SQLSTATE → HTTP status as PostgREST maps it, and the errors functions can raise on purpose.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { restErrorFromDatabase, statusForSqlState } from './database-errors.js';
import { closestMatch } from './fuzzy-match.js';

describe('statusForSqlState', () => {
  const cases: [string, number][] = [
    ['23505', 409],
    ['23503', 409],
    ['23514', 400],
    ['23502', 400],
    ['22P02', 400],
    ['P0001', 400],
    ['42703', 400],
    ['42883', 404],
    ['42P01', 404],
    ['08006', 503],
    ['53100', 503],
    ['53400', 500],
    ['25006', 405],
    ['40001', 500],
    ['XX000', 500],
    ['P0002', 500],
    ['PT402', 402],
    ['PTabc', 500],
  ];
  for (const [code, status] of cases) {
    test(`${code} → ${status}`, () => assert.equal(statusForSqlState(code, 'message', true), status));
  }

  test('insufficient privilege is 401 for anon (with WWW-Authenticate), 403 otherwise', () => {
    const error = { code: '42501', message: 'permission denied for table t' };
    const anon = restErrorFromDatabase(error, 'anon');
    assert.equal(anon.status, 401);
    assert.deepEqual(anon.headers, { 'WWW-Authenticate': 'Bearer' });
    assert.equal(restErrorFromDatabase(error, 'authenticated').status, 403);
  });

  test("detail and hint pass through; absent ones are null", () => {
    assert.deepEqual(restErrorFromDatabase({ code: '23505', message: 'dup', detail: 'Key (id)=(1) already exists.' }, 'anon').body, {
      code: '23505',
      message: 'dup',
      details: 'Key (id)=(1) already exists.',
      hint: null,
    });
  });
});

describe("RAISE SQLSTATE 'PGRST'", () => {
  test('the message and detail JSON choose body, status and headers', () => {
    const error = restErrorFromDatabase(
      {
        code: 'PGRST',
        message: '{"code":"123","message":"Payment Required","details":"Quota exceeded","hint":"Upgrade"}',
        detail: '{"status":402,"headers":{"X-Powered-By":"Nerd"}}',
      },
      'authenticated',
    );
    assert.equal(error.status, 402);
    assert.deepEqual(error.body, { code: '123', message: 'Payment Required', details: 'Quota exceeded', hint: 'Upgrade' });
    assert.deepEqual(error.headers, { 'X-Powered-By': 'Nerd' });
  });

  test('malformed JSON is PGRST121', () => {
    const error = restErrorFromDatabase({ code: 'PGRST', message: 'not json' }, 'anon');
    assert.equal(error.status, 500);
    assert.equal(error.body.code, 'PGRST121');
  });
});

describe('closestMatch', () => {
  test('suggests close names only', () => {
    assert.equal(closestMatch(['todos', 'notes', 'kv'], 'todo', 0.75), 'todos');
    assert.equal(closestMatch(['todos', 'notes'], 'zzz', 0.75), null);
  });
});
