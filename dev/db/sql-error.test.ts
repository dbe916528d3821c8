import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeSqlError, lineAndColumn } from './sql-error.js';

describe('describeSqlError', () => {
  it('turns a character position into line and column, counting code points', () => {
    assert.deepEqual(lineAndColumn('select 1;\nselect x;', 18), { line: 2, column: 8 });
    // '𝑥' is one character for Postgres but two UTF-16 units in JavaScript.
    assert.deepEqual(lineAndColumn('select 𝑥, y', 11), { line: 1, column: 11 });
  });

  it('names message, SQLSTATE, place, detail, hint and context', () => {
    const error = Object.assign(new Error('type "intt" does not exist'), {
      code: '42704',
      position: '23',
      hint: 'Check the spelling.',
      where: 'PL/pgSQL function f() line 2\nSQL statement "x"',
    });
    assert.equal(
      describeSqlError(error, 'create table t (\n  id intt\n);'),
      'type "intt" does not exist (SQLSTATE 42704, line 2, column 6); hint: Check the spelling.; ' +
        'context: PL/pgSQL function f() line 2 / SQL statement "x"',
    );
    assert.equal(describeSqlError('plain', ''), 'plain');
  });
});
