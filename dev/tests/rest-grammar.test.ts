// Issue #20, finding 6 (REST grammar part): query parameters PostgREST's grammar would not accept
// get a 400 PGRST100 naming what was wrong, instead of being half-read or reaching Postgres.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { RunningStack } from '../stack.js';
import { clientFor, startTestStack } from './stack-fixture.js';

let stack: RunningStack;
let anon: SupabaseClient;
before(async () => {
  stack = await startTestStack();
  anon = clientFor(stack);
});
after(async () => {
  await stack?.stop();
});

async function getThings(query: string) {
  const response = await fetch(`${stack.apiUrl}/rest/v1/things?${query}`, {
    headers: { apikey: stack.anonKey, authorization: `Bearer ${stack.anonKey}` },
  });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as { code?: string; message?: string } };
}

test('text after the select list (select=id)))garbage) is a 400, not read as id', async () => {
  const { data, error, status } = await anon.from('things').select('id)))garbage');
  assert.equal(status, 400, JSON.stringify({ data, error }));
  assert.equal(error?.code, 'PGRST100');
  assert.match(error?.message ?? '', /failed to parse select parameter \(id\)\)\)garbage\)/);
  const fine = await anon.from('things').select('id').order('id').limit(1);
  assert.deepEqual(fine.data, [{ id: 1 }]);
});

test('a 400-digit limit or offset is a 400 naming the parameter, not "column infinity does not exist"', async () => {
  const limit = await getThings(`select=id&limit=${'9'.repeat(400)}`);
  assert.equal(limit.status, 400, limit.text);
  assert.equal(limit.body.code, 'PGRST100');
  assert.equal(limit.body.message, 'limit is out of range');
  const offset = await getThings(`select=id&offset=${'9'.repeat(400)}`);
  assert.equal(offset.status, 400, offset.text);
  assert.equal(offset.body.message, 'offset is out of range');
  const fine = await getThings('select=id&limit=2&offset=1&order=id');
  assert.deepEqual(fine.body, [{ id: 2 }, { id: 3 }]);
});

test('3 000 select columns is a 400 naming the limit, not a 500', async () => {
  const columns = Array.from({ length: 3000 }, () => 'id').join(',');
  const { error, status } = await anon.from('things').select(columns);
  assert.equal(status, 400, JSON.stringify(error));
  assert.equal(error?.code, 'PGRST100');
  assert.equal(error?.message, 'select lists 3000 items');
  assert.match(error?.details ?? '', /at most \d+ columns/);
});
