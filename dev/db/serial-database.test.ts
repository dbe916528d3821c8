import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PGlite } from '@electric-sql/pglite';
import { openDatabase } from './open-database.js';
import { SerialDatabase, type RequestScope } from './serial-database.js';

const ANA = '6f1f7a5e-1c8e-4d3f-9a3b-2d4c5e6f7a8b';
const BOB = '0b8a6c1d-2e3f-4a5b-8c7d-9e0f1a2b3c4d';

function scope(role: RequestScope['role'], sub?: string): RequestScope {
  return {
    role,
    claims: sub ? { sub, role, email: `${sub.slice(0, 4)}@example.gc.ca` } : { role },
    method: 'POST',
    path: '/rest/v1/rpc/whoami',
    headers: { 'x-client-info': 'test', prefer: 'return=representation' },
  };
}

/** What the session looks like between requests: owner role, no request settings left. */
async function sessionState(pg: PGlite) {
  const { rows } = await pg.query<{ user: string; role: string; claims: string | null; uid: string | null }>(
    `select current_user as user, current_setting('role') as role,
            nullif(current_setting('request.jwt.claims', true), '') as claims, auth.uid()::text as uid`,
  );
  return rows[0];
}

const CLEAN = { user: 'postgres', role: 'none', claims: null, uid: null };

describe('SerialDatabase', () => {
  let pg: PGlite;
  let db: SerialDatabase;

  before(async () => {
    ({ pg } = await openDatabase({ dataDir: 'memory' }));
    db = new SerialDatabase(pg);
    await db.runAsOwner((tx) =>
      tx.exec(`
        create table public.notes (owner uuid not null, body text not null);
        alter table public.notes enable row level security;
        create policy notes_own on public.notes using (owner = auth.uid());
        insert into public.notes values ('${ANA}', 'ana''s note'), ('${BOB}', 'bob''s note');
      `),
    );
  });

  after(() => pg.close());

  it('runs the work with the role and the settings PostgREST sets', async () => {
    const row = await db.runAs(scope('authenticated', ANA), async (tx) => {
      const { rows } = await tx.query<Record<string, string>>(
        `select current_user as user, auth.uid()::text as uid, auth.role() as role, auth.email() as email,
                current_setting('request.method') as method, current_setting('request.path') as path,
                current_setting('request.headers')::jsonb ->> 'prefer' as prefer`,
      );
      return rows[0];
    });
    assert.deepEqual(row, {
      user: 'authenticated',
      uid: ANA,
      role: 'authenticated',
      email: '6f1f@example.gc.ca',
      method: 'POST',
      path: '/rest/v1/rpc/whoami',
      prefer: 'return=representation',
    });
    assert.deepEqual(await sessionState(pg), CLEAN);
  });

  it('applies row level security to authenticated and anon, not to service_role or the owner', async () => {
    const bodies = (rows: { body: string }[]) => rows.map((row) => row.body).sort();
    const read = (tx: Parameters<Parameters<SerialDatabase['runAsOwner']>[0]>[0]) =>
      tx.query<{ body: string }>('select body from public.notes').then((result) => bodies(result.rows));

    assert.deepEqual(await db.runAs(scope('authenticated', ANA), read), ["ana's note"]);
    assert.deepEqual(await db.runAs(scope('authenticated', BOB), read), ["bob's note"]);
    assert.deepEqual(await db.runAs(scope('anon'), read), []);
    assert.deepEqual(await db.runAs(scope('service_role'), read), ["ana's note", "bob's note"]);
    assert.deepEqual(await db.runAsOwner(read), ["ana's note", "bob's note"]);
  });

  it('runs the work read-only when asked, in the statement that applies the settings, and read-write otherwise', async () => {
    const readOnly = await db.runAs(
      scope('authenticated', ANA),
      async (tx) => {
        const { rows } = await tx.query<{ read_only: string; uid: string }>(
          `select current_setting('transaction_read_only') as read_only, auth.uid()::text as uid`,
        );
        await assert.rejects(tx.query(`insert into public.notes values ('${ANA}', 'not written')`), /read-only transaction/);
        return rows[0];
      },
      { readOnly: true },
    );
    assert.deepEqual(readOnly, { read_only: 'on', uid: ANA });
    const writable = await db.runAs(scope('authenticated', ANA), async (tx) => {
      const { rows } = await tx.query<{ read_only: string }>(`select current_setting('transaction_read_only') as read_only`);
      return rows[0]?.read_only;
    });
    assert.equal(writable, 'off', 'read-only does not outlive its transaction');
    assert.deepEqual(await sessionState(pg), CLEAN);
  });

  it('keeps 50 concurrent requests apart: each sees only its own role and claims', async () => {
    const requests = Array.from({ length: 50 }, (_, i) => {
      const sub = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      const role = i % 5 === 0 ? 'service_role' : 'authenticated';
      return db.runAs(scope(role, sub), async (tx) => {
        const first = await tx.query<{ uid: string; user: string }>('select auth.uid()::text as uid, current_user as user');
        // Yield to the event loop mid-transaction, where other requests are queued to run.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
        const second = await tx.query<{ uid: string; user: string }>('select auth.uid()::text as uid, current_user as user');
        return { expected: { uid: sub, user: role }, seen: [first.rows[0], second.rows[0]] };
      });
    });
    for (const { expected, seen } of await Promise.all(requests)) {
      assert.deepEqual(seen, [expected, expected]);
    }
    assert.deepEqual(await sessionState(pg), CLEAN);
  });

  it('rolls back and rethrows when the work throws, leaving nothing behind', async () => {
    const failure = new Error('handler failed');
    await assert.rejects(
      db.runAs(scope('service_role', ANA), async (tx) => {
        await tx.query(`insert into public.notes values ('${ANA}', 'written then thrown')`);
        throw failure;
      }),
      (error) => error === failure,
    );
    assert.deepEqual(await sessionState(pg), CLEAN);
    const { rows } = await pg.query(`select 1 from public.notes where body = 'written then thrown'`);
    assert.equal(rows.length, 0);
  });

  it('rolls back on a SQL error inside the work', async () => {
    await assert.rejects(
      db.runAs(scope('authenticated', ANA), (tx) => tx.query('select * from public.no_such_table')),
      /no_such_table/,
    );
    assert.deepEqual(await sessionState(pg), CLEAN);
  });

  it("supports tx.rollback() from the work (PostgREST's Prefer: tx=rollback)", async () => {
    const result = await db.runAs(scope('service_role', BOB), async (tx) => {
      await tx.query(`insert into public.notes values ('${BOB}', 'rolled back on purpose')`);
      const inside = await tx.query('select 1 from public.notes where body = $1', ['rolled back on purpose']);
      await tx.rollback();
      return inside.rows.length;
    });
    assert.equal(result, 1, 'the write was visible inside the transaction');
    const { rows } = await pg.query('select 1 from public.notes where body = $1', ['rolled back on purpose']);
    assert.equal(rows.length, 0, 'and gone after it');
    assert.deepEqual(await sessionState(pg), CLEAN);
  });

  it('commits the work of a successful request', async () => {
    await db.runAs(scope('service_role', BOB), (tx) =>
      tx.query(`insert into public.notes values ('${BOB}', 'committed')`),
    );
    const { rows } = await pg.query(`select 1 from public.notes where body = 'committed'`);
    assert.equal(rows.length, 1);
  });

  it('runs runAsOwner as postgres with no request settings', async () => {
    const row = await db.runAsOwner(async (tx) => {
      const { rows } = await tx.query<{ user: string; claims: string | null }>(
        `select current_user as user, nullif(current_setting('request.jwt.claims', true), '') as claims`,
      );
      return rows[0];
    });
    assert.deepEqual(row, { user: 'postgres', claims: null });
  });

  it('refuses a nested call (it would wait forever for the connection it holds)', async () => {
    const outcome = await db.runAsOwner(async () => {
      await assert.rejects(db.runAs(scope('anon'), async () => 'ran'), /inside another one/);
      await assert.rejects(db.runAsOwner(async () => 'ran'), /inside another one/);
      return 'outer finished';
    });
    assert.equal(outcome, 'outer finished');
    assert.equal(await db.runAsOwner(async () => 'later calls work'), 'later calls work');

    // Started inside a work but run after it: not nested, so allowed.
    let later: Promise<string> | undefined;
    await db.runAsOwner(async () => {
      later = new Promise<void>((resolve) => setTimeout(resolve, 10)).then(() => db.runAsOwner(async () => 'deferred'));
    });
    assert.equal(await later, 'deferred');
  });

  it('refuses a role that is not one of the API roles', async () => {
    const bad = { ...scope('anon'), role: 'postgres' } as unknown as RequestScope;
    await assert.rejects(db.runAs(bad, async () => 'ran'), /unknown role/);
  });
});
