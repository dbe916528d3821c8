import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PGlite } from '@electric-sql/pglite';
import { openDatabase } from './open-database.js';
import { startPostgresWire, type PostgresWire } from './postgres-wire.js';
import { SerialDatabase, type RequestScope } from './serial-database.js';
import { openPsqlSession, psql } from './testing/psql.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function scope(i: number): RequestScope {
  const sub = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  return {
    role: 'authenticated',
    claims: { sub, role: 'authenticated' },
    method: 'GET',
    path: '/rest/v1/notes',
    headers: {},
  };
}

// What a wire client sees of the session: it must never be a request's role or claims.
const PROBE = `select current_user, current_setting('role'), coalesce(current_setting('request.jwt.claims', true), '')`;

describe('postgres wire server', () => {
  let pg: PGlite;
  let db: SerialDatabase;
  let wire: PostgresWire;
  const logged: string[] = [];

  before(async () => {
    ({ pg } = await openDatabase({ dataDir: 'memory' }));
    db = new SerialDatabase(pg);
    wire = await startPostgresWire(pg, { port: 0, idleOwnerTimeoutMs: 1500, log: (line) => logged.push(line) });
  });
  after(async () => {
    await wire.stop();
    await pg.close();
  });

  it('serves psql at the URL it returns', async () => {
    assert.match(wire.url, new RegExp(`^postgresql://postgres:postgres@127\\.0\\.0\\.1:${wire.port}/postgres$`));
    assert.equal(await psql(wire.url, 'select 1'), '1\n');
  });

  it('answers psql while runAs traffic is going on, never inside a request', async () => {
    let stop = false;
    let requests = 0;
    // Requests that keep their transaction open across event-loop turns, back to back.
    const traffic = (async () => {
      for (let i = 0; !stop; i++) {
        const seen = await db.runAs(scope(i), async (tx) => {
          await sleep(5);
          const { rows } = await tx.query<{ uid: string; user: string }>(
            'select auth.uid()::text as uid, current_user as user',
          );
          return rows[0];
        });
        assert.deepEqual(seen, { uid: scope(i).claims.sub, user: 'authenticated' });
        requests++;
      }
    })();
    const answers = await Promise.all(Array.from({ length: 6 }, () => psql(wire.url, PROBE)));
    stop = true;
    await traffic;
    assert.ok(requests > 0, 'requests ran meanwhile');
    for (const answer of answers) assert.equal(answer, 'postgres|none|\n');
  });

  it('keeps a psql transaction whole: requests wait until it ends', async () => {
    const session = openPsqlSession(wire.url);
    await session.run(
      'begin; create table public.wire_tx (id int); insert into public.wire_tx values (1); set local role anon;',
    );
    let answered = false;
    const request = db.runAsOwner(async (tx) => {
      answered = true;
      const { rows } = await tx.query<{ user: string; n: number }>(
        `select current_user as user, (select count(*)::int from public.wire_tx) as n`,
      );
      return rows[0];
    });
    await sleep(200);
    assert.equal(answered, false, 'the request waits while psql holds a transaction');
    assert.equal(await session.run('select current_user;'), 'anon\n', 'psql keeps its own transaction state');
    await session.run('commit;');
    assert.deepEqual(await request, { user: 'postgres', n: 1 });
    session.close();
    await session.exited;
  });

  it("resets what a departed client set at session level, so it can't leak into requests", async () => {
    await psql(
      wire.url,
      'set role anon',
      `set search_path = pg_catalog`,
      `select set_config('request.jwt.claims', '{"sub":"leaked"}', false)`,
      'prepare probe as select 1',
    );
    const { rows } = await pg.query<{ user: string; search_path: string; claims: string }>(
      `select current_user as user, current_setting('search_path') as search_path,
              current_setting('request.jwt.claims', true) as claims`,
    );
    assert.deepEqual(rows[0], { user: 'postgres', search_path: '"$user", public, extensions', claims: '' });
    // A second client may prepare the same name (pgx, used by the Supabase CLI, reuses names).
    assert.equal(await psql(wire.url, 'prepare probe as select 2', 'execute probe'), '2\n');
    assert.deepEqual(logged.filter((line) => line.includes('failed')), []);
  });

  it('rolls back an abandoned transaction and disconnects a client that holds the session idle', async () => {
    const session = openPsqlSession(wire.url);
    await session.run('begin; create table public.abandoned (id int);');
    const startedAt = Date.now();
    const found = await db.runAsOwner(async (tx) => {
      const { rows } = await tx.query<{ found: boolean }>(`select to_regclass('public.abandoned') is not null as found`);
      return rows[0]!.found;
    });
    assert.ok(Date.now() - startedAt >= 1000, 'the request waited for the idle timeout');
    assert.equal(found, false, "the idle client's transaction was rolled back");
    assert.ok(logged.some((line) => line.includes('idle too long')));
    session.close();
    await session.exited;
  });

  it('lets two psql clients run transactions at the same time without mixing them', async () => {
    await psql(wire.url, 'create table public.pair (who text, n int)');
    const client = (who: string) =>
      psql(
        wire.url,
        'begin',
        ...Array.from({ length: 5 }, (_, n) => `insert into public.pair values ('${who}', ${n})`),
        `select count(*) from public.pair where who <> '${who}'`,
        'commit',
      );
    const [a, b] = await Promise.all([client('a'), client('b')]);
    // Inside its transaction each client sees either none or all of the other's rows, never some.
    for (const out of [a, b]) assert.match(out, /^(0|5)\n$/);
    assert.equal((await psql(wire.url, 'select count(*) from public.pair')).trim(), '10');
  });
});
