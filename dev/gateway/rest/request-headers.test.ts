// Prefer and Accept headers as supabase-js sends them, and PostgREST's answers to bad ones.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { negotiateFormat } from './media-type.js';
import { checkMaxAffected, checkStrictPreferences, parsePreferences } from './preferences.js';
import { RestError } from './rest-error.js';

describe('Prefer', () => {
  test('comma-separated with or without spaces', () => {
    const spaced = parsePreferences('count=exact, missing=default, return=representation');
    assert.equal(spaced.count, 'exact');
    assert.equal(spaced.missing, 'default');
    assert.equal(spaced.return, 'representation');
    const tight = parsePreferences('count=exact,return=minimal');
    assert.equal(tight.count, 'exact');
    assert.equal(tight.return, 'minimal');
  });

  test('resolution, tx, handling and max-affected', () => {
    const preferences = parsePreferences('resolution=merge-duplicates, tx=rollback, handling=strict, max-affected=3');
    assert.equal(preferences.resolution, 'merge-duplicates');
    assert.equal(preferences.tx, 'rollback');
    assert.equal(preferences.maxAffected, 3);
    assert.throws(() => checkMaxAffected(preferences, 4), (error) => error instanceof RestError && error.body.code === 'PGRST124');
    checkMaxAffected(preferences, 3);
  });

  test('unknown preferences are ignored unless handling=strict', () => {
    const lenient = parsePreferences('return=everything, timezone=UTC');
    assert.deepEqual(lenient.invalid, ['return=everything', 'timezone=UTC']);
    checkStrictPreferences(lenient);
    assert.throws(
      () => checkStrictPreferences(parsePreferences('handling=strict, nope')),
      (error) => error instanceof RestError && error.body.details === 'Invalid preferences: nope',
    );
  });
});

describe('Accept', () => {
  test('the default and JSON are arrays', () => {
    assert.deepEqual(negotiateFormat(undefined), { shape: 'array', stripNulls: false });
    assert.deepEqual(negotiateFormat('*/*'), { shape: 'array', stripNulls: false });
    assert.deepEqual(negotiateFormat('application/json'), { shape: 'array', stripNulls: false });
  });

  test('.single() asks for an object; nulls=stripped is honoured', () => {
    assert.deepEqual(negotiateFormat('application/vnd.pgrst.object+json'), { shape: 'object', stripNulls: false });
    assert.deepEqual(negotiateFormat('application/vnd.pgrst.array+json;nulls=stripped'), { shape: 'array', stripNulls: true });
  });

  test('formats this gateway does not produce are 406 PGRST107', () => {
    assert.throws(
      () => negotiateFormat('text/csv'),
      (error) =>
        error instanceof RestError &&
        error.status === 406 &&
        error.body.message === 'None of these media types are available: text/csv',
    );
  });
});
