// The gateway remembers each called function's description (dev/gateway/rest/routine-cache.ts),
// as PostgREST's schema cache does: on the real stack with supabase-js, an rpc costs two
// statements in its transaction, and a function created, replaced or dropped after the gateway
// started is still called as it now is: through PostgREST's reload signal (NOTIFY pgrst, sent by
// the platform's event triggers after DDL, from in-process code or a wire client), or by reading
// the catalogs again when the cached description does not fit.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import postgres from 'postgres';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { RunningStack } from '../stack.js';
import { clientFor, startTestStack } from './stack-fixture.js';

let stack: RunningStack;
let client: SupabaseClient;
let wire: postgres.Sql;

before(async () => {
  stack = await startTestStack();
  client = clientFor(stack);
  wire = postgres(stack.dbUrl, { max: 1, onnotice: () => {} });
});
after(async () => {
  await wire?.end();
  await stack?.stop();
});

/** The statements each transaction of `work` runs (BEGIN and COMMIT are not statements of the work). */
async function statementsOf(pg: PGlite, work: () => Promise<unknown>): Promise<string[][]> {
  const transactions: string[][] = [];
  const original = pg.transaction.bind(pg);
  const counting = <T>(callback: (tx: Transaction) => Promise<T>) =>
    original((tx) => {
      const statements: string[] = [];
      transactions.push(statements);
      const spied = new Proxy(tx, {
        get(target, property, receiver) {
          const value: unknown = Reflect.get(target, property, receiver);
          if ((property === 'query' || property === 'exec') && typeof value === 'function') {
            return (sql: string, ...rest: unknown[]) => {
              statements.push(sql.replace(/\s+/g, ' ').trim());
              return (value as (...args: unknown[]) => unknown).call(target, sql, ...rest);
            };
          }
          return value;
        },
      });
      return callback(spied);
    });
  pg.transaction = counting as PGlite['transaction'];
  try {
    await work();
  } finally {
    pg.transaction = original as PGlite['transaction'];
  }
  return transactions;
}

async function call(name: string, args: Record<string, unknown> = {}, options: { get?: boolean } = {}) {
  const { data, error, status } = await client.rpc(name, args, options);
  return { data: data as unknown, code: error?.code ?? null, status };
}

/** Runs DDL through a wire client (as psql or the Supabase CLI would), optionally with event triggers off. */
async function wireDdl(sql: string, { eventTriggers = true } = {}) {
  await wire.begin(async (tx) => {
    // Postgres 17+: a superuser can switch event triggers off for the transaction.
    if (!eventTriggers) await tx.unsafe('set local event_triggers = off');
    await tx.unsafe(sql);
  });
}

/** `public.<name>()`: answers whether its transaction is read-only; created stable or volatile. */
function readOnlyProbe(name: string, volatility: 'stable' | 'volatile', grant = true): string {
  const create = `create or replace function public.${name}() returns text language sql ${volatility}
                    as $$ select current_setting('transaction_read_only') $$;`;
  return grant ? `${create} grant execute on function public.${name}() to anon;` : create;
}

describe('the gateway remembers function descriptions', () => {
  test('a known function is called in two statements: the settings (read-only unless volatile) and the call', async () => {
    await stack.pg.exec(readOnlyProbe('cache_read_only', 'stable') + readOnlyProbe('cache_read_write', 'volatile'));
    // The first call of each reads the catalogs; the next ones are served from the cache.
    assert.deepEqual(await call('cache_read_only'), { data: 'on', code: null, status: 200 });
    assert.deepEqual(await call('cache_read_write'), { data: 'off', code: null, status: 200 });

    let answers: unknown[] = [];
    const transactions = await statementsOf(stack.pg, async () => {
      answers = [await call('cache_read_only'), await call('cache_read_write'), await call('cache_read_write', {}, { get: true })];
    });
    assert.deepEqual(answers, [
      { data: 'on', code: null, status: 200 },
      { data: 'off', code: null, status: 200 },
      { data: 'on', code: null, status: 200 }, // GET is read-only, as in PostgREST
    ]);
    assert.equal(transactions.length, 3);
    for (const statements of transactions) {
      assert.equal(statements.length, 2, `one transaction ran ${statements.join(' | ')}`);
      assert.match(statements[0]!, /^select set_config\('role', \$1, true\)/);
      assert.match(statements[1]!, /^WITH pgrst_call AS/);
    }
    // Read-only is folded into the settings statement only when asked for.
    assert.match(transactions[0]![0]!, /transaction_read_only/);
    assert.doesNotMatch(transactions[1]![0]!, /transaction_read_only/);
    assert.match(transactions[2]![0]!, /transaction_read_only/);
  });

  test('a function created after the gateway started is callable at once, in-process or through a wire client', async () => {
    assert.equal((await call('cache_created_later')).code, 'PGRST202');
    await stack.pg.exec(`create function public.cache_created_later() returns int language sql as 'select 1';
                         grant execute on function public.cache_created_later() to anon;`);
    assert.deepEqual(await call('cache_created_later'), { data: 1, code: null, status: 200 });

    // Event triggers off: no notification at all, the miss alone makes the gateway look again.
    assert.equal((await call('cache_created_by_wire')).code, 'PGRST202');
    await wireDdl(`create function public.cache_created_by_wire() returns int language sql as 'select 2';
                   grant execute on function public.cache_created_by_wire() to anon;`, { eventTriggers: false });
    assert.deepEqual(await call('cache_created_by_wire'), { data: 2, code: null, status: 200 });
  });

  test("NOTIFY pgrst, 'reload schema' from a wire client reloads the descriptions, as in PostgREST", async () => {
    await stack.pg.exec(readOnlyProbe('cache_volatility', 'volatile'));
    assert.equal((await call('cache_volatility')).data, 'off');
    // Made stable with no notification: the cached description (volatile) still applies...
    await wireDdl(readOnlyProbe('cache_volatility', 'stable', false), { eventTriggers: false });
    assert.equal((await call('cache_volatility')).data, 'off');
    // ...until PostgREST's reload signal.
    await wire.unsafe(`notify pgrst, 'reload schema'`);
    assert.equal((await call('cache_volatility')).data, 'on');
  });

  test("the platform's event triggers notify after DDL: a wire client's change applies to the next call", async () => {
    await stack.pg.exec(readOnlyProbe('cache_ddl_watch', 'volatile'));
    assert.equal((await call('cache_ddl_watch')).data, 'off');
    await wireDdl(readOnlyProbe('cache_ddl_watch', 'stable', false));
    assert.equal((await call('cache_ddl_watch')).data, 'on');
  });

  test('with no notification, a cached function replaced or dropped is called as it now is, or is a 404', async () => {
    await stack.pg.exec(`create function public.cache_replaced(a int) returns int language sql as 'select a + 1';
                         grant execute on function public.cache_replaced(int) to anon;`);
    assert.deepEqual(await call('cache_replaced', { a: 1 }), { data: 2, code: null, status: 200 });

    // Other parameters: the cached overload does not take the call, so the catalogs are read.
    await wireDdl(`drop function public.cache_replaced(int);
                   create function public.cache_replaced(b int) returns int language sql as 'select b * 10';
                   grant execute on function public.cache_replaced(int) to anon;`, { eventTriggers: false });
    assert.deepEqual(await call('cache_replaced', { b: 2 }), { data: 20, code: null, status: 200 });
    assert.equal((await call('cache_replaced', { a: 1 })).code, 'PGRST202');

    // Dropped: a 404, as for a function that never was.
    await wireDdl('drop function public.cache_replaced(int)', { eventTriggers: false });
    assert.deepEqual(await call('cache_replaced', { b: 3 }), { data: null, code: 'PGRST202', status: 404 });
  });

  test('with no notification, a cached stable function made volatile may write: the read-only refusal is retried from the catalogs', async () => {
    await stack.pg.exec(`create table public.cache_log (n int);
                         grant insert, select on public.cache_log to anon;
                         create function public.cache_writes(n int) returns int language sql stable as 'select n';
                         grant execute on function public.cache_writes(int) to anon;`);
    assert.deepEqual(await call('cache_writes', { n: 1 }), { data: 1, code: null, status: 200 });
    await wireDdl(`create or replace function public.cache_writes(n int) returns int language plpgsql volatile
                     as $$ begin insert into public.cache_log values (n); return n; end $$`, { eventTriggers: false });
    assert.deepEqual(await call('cache_writes', { n: 2 }), { data: 2, code: null, status: 200 });
    const { rows } = await stack.pg.query<{ n: number }>('select n from public.cache_log');
    assert.deepEqual(rows, [{ n: 2 }], 'written once');
  });
});
