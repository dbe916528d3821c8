// Acceptance: the unmodified supabase-js works against the gateway (auth, rpc, tables,
// functions), errors have PostgREST/GoTrue codes and statuses, and RLS holds through it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { decodeJwt } from 'jose';
import type { RunningStack } from '../stack.js';
import { clientFor, signedInUser, startTestStack } from './stack-fixture.js';

let stack: RunningStack;
before(async () => {
  stack = await startTestStack();
});
after(async () => {
  await stack?.stop();
});

describe('auth through supabase-js', () => {
  test('signUp, signInWithPassword, refreshSession, getUser, signOut', async () => {
    const client = clientFor(stack);
    const email = `contract-${Date.now()}@example.test`;
    const signUp = await client.auth.signUp({ email, password: 'correct-horse' });
    assert.equal(signUp.error, null);
    assert.ok(signUp.data.session?.access_token, 'autoconfirmed sign-up returns a session');
    assert.equal(signUp.data.user?.email, email);

    const signIn = await client.auth.signInWithPassword({ email, password: 'correct-horse' });
    assert.equal(signIn.error, null);
    const firstRefresh = signIn.data.session!.refresh_token;

    const refreshed = await client.auth.refreshSession();
    assert.equal(refreshed.error, null);
    assert.notEqual(refreshed.data.session!.refresh_token, firstRefresh, 'refresh rotates the token');

    const current = await client.auth.getUser();
    assert.equal(current.data.user?.id, signUp.data.user?.id);

    const signOut = await client.auth.signOut();
    assert.equal(signOut.error, null);
    const afterSignOut = await clientFor(stack).auth.getUser(refreshed.data.session!.access_token);
    assert.ok(afterSignOut.error, 'the signed-out session is gone');
  });

  test('wrong password gives invalid_credentials; duplicate sign-up gives user_already_exists', async () => {
    const { email } = await signedInUser(stack);
    const client = clientFor(stack);
    const wrong = await client.auth.signInWithPassword({ email, password: 'not-the-password' });
    assert.equal(wrong.error?.status, 400);
    assert.equal(wrong.error?.code, 'invalid_credentials');
    const duplicate = await client.auth.signUp({ email, password: 'another-password' });
    assert.equal(duplicate.error?.status, 422);
    assert.equal(duplicate.error?.code, 'user_already_exists');
  });

  test('signInAnonymously gives an anonymous authenticated user', async () => {
    const client = clientFor(stack);
    const { data, error } = await client.auth.signInAnonymously();
    assert.equal(error, null);
    assert.equal(data.user?.is_anonymous, true);
    const claims = decodeJwt(data.session!.access_token);
    assert.equal(claims.role, 'authenticated');
    assert.equal(claims.is_anonymous, true);
  });
});

describe('rpc through supabase-js', () => {
  test('a scalar', async () => {
    const { data, error, status } = await clientFor(stack).rpc('add_numbers', { a: 2, b: 40 });
    assert.equal(error, null);
    assert.equal(status, 200);
    assert.equal(data, 42);
  });

  test('a setof, filtered, ordered and limited on the server', async () => {
    const { data, error } = await clientFor(stack)
      .rpc('list_things', { kind_filter: 'letter' })
      .neq('name', 'beta')
      .order('id', { ascending: false })
      .limit(5);
    assert.equal(error, null);
    assert.deepEqual(
      (data as { name: string }[]).map((row) => row.name),
      ['gamma', 'alpha'],
    );
  });

  test('a void function answers 204 with no data', async () => {
    const { data, error, status } = await clientFor(stack).rpc('record_ping');
    assert.equal(error, null);
    assert.equal(status, 204);
    assert.equal(data, null);
  });

  test('a raising function gives P0001 with its message and hint as 400', async () => {
    const { error, status } = await clientFor(stack).rpc('fail_loudly', { reason: 'bad input' });
    assert.equal(status, 400);
    assert.equal(error?.code, 'P0001');
    assert.equal(error?.message, 'refused: bad input');
    assert.equal(error?.hint, 'Pass a reason the function accepts');
  });
});

describe('tables through supabase-js', () => {
  test('select().eq().order().limit()', async () => {
    const { data, error } = await clientFor(stack).from('things').select('id, name').eq('kind', 'letter').order('name', { ascending: false }).limit(2);
    assert.equal(error, null);
    assert.deepEqual(data, [
      { id: 3, name: 'gamma' },
      { id: 2, name: 'beta' },
    ]);
  });

  test('.single() with one, zero and two rows', async () => {
    const one = await clientFor(stack).from('things').select('name').eq('id', 1).single();
    assert.deepEqual(one.data, { name: 'alpha' });
    const zero = await clientFor(stack).from('things').select('name').eq('id', 99).single();
    assert.equal(zero.status, 406);
    assert.equal(zero.error?.code, 'PGRST116');
    const two = await clientFor(stack).from('things').select('name').eq('kind', 'letter').limit(2).single();
    assert.equal(two.status, 406);
    assert.equal(two.error?.code, 'PGRST116');
    assert.match(two.error?.details ?? '', /2 rows/);
  });
});

describe('functions through supabase-js', () => {
  test('a JSON function receives the body and the caller', async () => {
    const { client } = await signedInUser(stack);
    const { data, error } = await client.functions.invoke('echo', { body: { hello: 'world' } });
    assert.equal(error, null);
    assert.deepEqual(data.body, { hello: 'world' });
    assert.equal(data.method, 'POST');
  });

  test('a streaming function: chunks arrive as they are sent', async () => {
    const { data, error } = await clientFor(stack).functions.invoke('ticker?n=4', { method: 'GET' });
    assert.equal(error, null);
    const response = data as Response;
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    const arrivals: { at: number; text: string }[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      arrivals.push({ at: performance.now(), text: value });
    }
    const events = arrivals.flatMap((a) => a.text.split('\n\n').filter(Boolean).map((e) => ({ at: a.at, e })));
    assert.deepEqual(
      events.map(({ e }) => JSON.parse(e.replace(/^data: /, '')).n),
      [0, 1, 2, 3],
    );
    // Unbuffered: the first event is read long before the last one is written.
    const spread = events.at(-1)!.at - events[0]!.at;
    assert.ok(spread > 200, `events arrived ${spread.toFixed(0)} ms apart: the stream was buffered`);
  });
});

describe('row-level security through the gateway', () => {
  test('owners see only their rows, anon cannot insert, service_role sees all', async () => {
    const alice = await signedInUser(stack);
    const bob = await signedInUser(stack);
    assert.equal((await alice.client.from('notes').insert({ body: 'alice note' })).error, null);
    assert.equal((await bob.client.from('notes').insert({ body: 'bob note' })).error, null);

    const bobSees = await bob.client.from('notes').select('body');
    assert.deepEqual(bobSees.data, [{ body: 'bob note' }]);

    const bobForges = await bob.client.from('notes').insert({ body: 'as alice', owner_id: alice.user.id });
    assert.equal(bobForges.status, 403);
    assert.equal(bobForges.error?.code, '42501');

    const anonInsert = await clientFor(stack).from('notes').insert({ body: 'anonymous' });
    assert.equal(anonInsert.status, 401);
    assert.equal(anonInsert.error?.code, '42501');

    const service = await clientFor(stack, stack.serviceRoleKey).from('notes').select('body').order('body');
    assert.deepEqual(service.data, [{ body: 'alice note' }, { body: 'bob note' }]);
  });
});
