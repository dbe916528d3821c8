// Issue #20, finding 1: a deeply nested JSON argument froze the whole stack. The gateway now caps
// JSON nesting and width, and the database layer turns any stack exhaustion inside Postgres into
// a clean 54001 error after which the next request — including one that raises an error — still
// returns and /health still answers. Everything goes through the real gateway and supabase-js.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import ws from 'ws';
import { MAX_JSON_DEPTH, MAX_JSON_ITEMS } from '../gateway/rest/json-limits.js';
import type { RunningStack } from '../stack.js';
import { startTestStack } from './stack-fixture.js';

// A wedged database never answers; without a deadline the test would hang instead of failing.
const REQUEST_DEADLINE_MS = 20_000;

let stack: RunningStack;
let anon: SupabaseClient;
let service: SupabaseClient;

function clientWithDeadline(key: string): SupabaseClient {
  return createClient(stack.apiUrl, key, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: ws as unknown as typeof WebSocket },
    global: { fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(REQUEST_DEADLINE_MS) }) },
  });
}

before(async () => {
  stack = await startTestStack();
  anon = clientWithDeadline(stack.anonKey);
  service = clientWithDeadline(stack.serviceRoleKey);
  // Recursion that exhausts the stack inside Postgres, created by the owner (as a migration would).
  await stack.database.runAsOwner((tx) =>
    tx.exec(`
      create function public.recurse_sql(n integer) returns integer
      language sql as $$ select case when n = 0 then 0 else public.recurse_sql(n - 1) + 1 end $$;
      create function public.recurse_plpgsql(n integer) returns integer
      language plpgsql as $$ begin if n = 0 then return 0; end if; return public.recurse_plpgsql(n - 1) + 1; end $$;
      create function public.nested_json(levels integer) returns json
      language sql volatile as $$ select (repeat('[', levels) || repeat(']', levels))::json $$;
      revoke execute on function public.recurse_sql(integer), public.recurse_plpgsql(integer),
        public.nested_json(integer) from public, anon, authenticated;
    `),
  );
});
after(async () => {
  await stack?.stop();
});

/** The stack still serves: an erroring request returns its own error, /health is 200, a call works. */
async function stillServes() {
  const failing = await anon.rpc('fail_loudly', { reason: 'probe' });
  assert.equal(failing.error?.code, 'P0001', JSON.stringify(failing));
  assert.equal(failing.error?.message, 'refused: probe');
  const health = await fetch(`${stack.apiUrl}/health`, { signal: AbortSignal.timeout(REQUEST_DEADLINE_MS) });
  assert.equal(health.status, 200, await health.text());
  const { data, error } = await anon.rpc('add_numbers', { a: 2, b: 3 });
  assert.equal(error, null);
  assert.equal(data, 5);
}

function nestedArray(levels: number): unknown {
  let value: unknown = [];
  for (let level = 1; level < levels; level += 1) value = [value];
  return value;
}

test('a JSON argument nested 7 000 levels deep gets 400 PGRST102 and the stack keeps serving', { timeout: 60_000 }, async () => {
  // Raw fetch: supabase-js's own JSON.stringify overflows on a value this deep (the attack
  // was raw HTTP too). About 14 KB with the anon key, as reported.
  const response = await fetch(`${stack.apiUrl}/rest/v1/rpc/add_numbers`, {
    method: 'POST',
    headers: { apikey: stack.anonKey, authorization: `Bearer ${stack.anonKey}`, 'content-type': 'application/json' },
    body: `{"a": ${'['.repeat(7000)}${']'.repeat(7000)}, "b": 1}`,
    signal: AbortSignal.timeout(REQUEST_DEADLINE_MS),
  });
  const text = await response.text();
  assert.equal(response.status, 400, text);
  const body = JSON.parse(text) as { code: string; message: string; details: string | null; hint: string | null };
  assert.equal(body.code, 'PGRST102');
  assert.match(body.message, new RegExp(`deeper than ${MAX_JSON_DEPTH} levels`));
  assert.ok('details' in body && 'hint' in body, text);
  await stillServes();
});

test('JSON nested exactly to the limit, and brackets inside strings, are accepted', { timeout: 60_000 }, async () => {
  // Reaches Postgres, which rejects the array as an integer: the depth check let it through.
  const atLimit = await anon.rpc('add_numbers', { a: nestedArray(MAX_JSON_DEPTH - 1), b: 1 });
  assert.equal(atLimit.error?.code, '22P02', JSON.stringify(atLimit.error));
  const inString = await anon.rpc('fail_loudly', { reason: '['.repeat(5000) });
  assert.equal(inString.error?.code, 'P0001', JSON.stringify(inString.error));
  await stillServes();
});

test('a JSON array wider than the limit gets 400 PGRST102 naming the limit', { timeout: 60_000 }, async () => {
  const wide = Array.from({ length: MAX_JSON_ITEMS + 1 }, () => 0);
  const { error, status } = await anon.rpc('add_numbers', { a: wide, b: 1 });
  assert.equal(status, 400, JSON.stringify(error));
  assert.equal(error?.code, 'PGRST102');
  assert.match(error?.message ?? '', new RegExp(`more than ${MAX_JSON_ITEMS} items`));
  await stillServes();
});

test('recursion past the engine stack inside Postgres (SQL function) gives 54001 and the stack recovers', { timeout: 60_000 }, async () => {
  const { error, status } = await service.rpc('recurse_sql', { n: 100_000 });
  assert.equal(status, 500, JSON.stringify(error));
  assert.equal(error?.code, '54001');
  assert.equal(error?.message, 'stack depth limit exceeded');
  await stillServes();
  // The database is whole, not just answering: a transaction that writes still commits.
  const ping = await anon.rpc('record_ping');
  assert.equal(ping.error, null);
});

test('a JSON value nested past the engine stack, built inside Postgres at run time, gives 54001 and the stack recovers', { timeout: 60_000 }, async () => {
  const { error } = await service.rpc('nested_json', { levels: 100_000 });
  assert.equal(error?.code, '54001', JSON.stringify(error));
  await stillServes();
});

test('deep PL/pgSQL recursion stops at max_stack_depth with 54001, and the stack keeps serving', { timeout: 60_000 }, async () => {
  const { error } = await service.rpc('recurse_plpgsql', { n: 100_000 });
  assert.equal(error?.code, '54001', JSON.stringify(error));
  assert.match(error?.hint ?? '', /max_stack_depth/);
  await stillServes();
  const { data } = await service.rpc('recurse_plpgsql', { n: 50 });
  assert.equal(data, 50);
});
