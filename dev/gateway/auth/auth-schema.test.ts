// dev/db/platform/10-auth.sql: GoTrue-compatible tables, re-applicable, closed to the API roles.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PGlite } from '@electric-sql/pglite';
import { openDatabase } from '../../db/open-database.js';
import { applyPlatform } from '../../db/platform.js';

const sqlState = (error: unknown) => (error as { code?: string }).code;

async function expectSqlState(promise: Promise<unknown>, state: string) {
  const error = await promise.then(
    () => assert.fail(`expected SQLSTATE ${state}, the statement succeeded`),
    (reason: unknown) => reason,
  );
  assert.equal(sqlState(error), state, String(error));
}

describe('auth schema', () => {
  let pg: PGlite;
  before(async () => {
    ({ pg } = await openDatabase({ dataDir: 'memory' }));
  });
  after(async () => {
    await pg.close();
  });

  it('can be applied again on a database that already has it', async () => {
    await pg.query(`insert into auth.users (id, email, aud, role) values ('00000000-0000-0000-0000-0000000000aa', 'kept@example.com', 'authenticated', 'authenticated')`);
    const applied = await applyPlatform(pg);
    assert.ok(applied.includes('10-auth.sql'));
    assert.ok(applied.indexOf('00-platform.sql') < applied.indexOf('10-auth.sql'));
    const { rows } = await pg.query<{ email: string }>(`select email from auth.users where id = '00000000-0000-0000-0000-0000000000aa'`);
    assert.deepEqual(rows, [{ email: 'kept@example.com' }]);
  });

  it('has GoTrue column names that SQL written for Supabase reads', async () => {
    const { rows } = await pg.query<{ table_name: string; column_name: string }>(
      `select table_name, column_name from information_schema.columns where table_schema = 'auth'`,
    );
    const columns = new Set(rows.map((row) => `${row.table_name}.${row.column_name}`));
    for (const column of [
      'users.id', 'users.instance_id', 'users.aud', 'users.role', 'users.email', 'users.encrypted_password',
      'users.email_confirmed_at', 'users.confirmed_at', 'users.last_sign_in_at', 'users.raw_app_meta_data',
      'users.raw_user_meta_data', 'users.is_anonymous', 'users.is_super_admin', 'users.phone', 'users.banned_until',
      'users.created_at', 'users.updated_at', 'users.deleted_at',
      'identities.id', 'identities.provider_id', 'identities.user_id', 'identities.identity_data', 'identities.provider', 'identities.email',
      'sessions.id', 'sessions.user_id', 'sessions.aal', 'sessions.refreshed_at',
      'refresh_tokens.id', 'refresh_tokens.token', 'refresh_tokens.user_id', 'refresh_tokens.session_id',
      'refresh_tokens.parent', 'refresh_tokens.revoked', 'refresh_tokens.created_at', 'refresh_tokens.updated_at',
    ]) {
      assert.ok(columns.has(column), `auth.${column} exists`);
    }
  });

  it('keeps one account per email, whatever its case, and derives confirmed_at', async () => {
    await pg.query(`insert into auth.users (email, email_confirmed_at) values ('Case@Example.com', '2024-01-02T03:04:05Z')`);
    await expectSqlState(pg.query(`insert into auth.users (email) values ('case@example.com')`), '23505');
    const { rows } = await pg.query<{ confirmed_at: Date }>(`select confirmed_at from auth.users where email = 'Case@Example.com'`);
    assert.equal(rows[0]?.confirmed_at.toISOString(), '2024-01-02T03:04:05.000Z');
    // Anonymous users have no email: any number of them.
    await pg.query(`insert into auth.users (is_anonymous) values (true), (true)`);
  });

  it('deletes a user’s identities, sessions and refresh tokens with the user', async () => {
    const { rows } = await pg.query<{ id: string }>(`insert into auth.users (email) values ('gone@example.com') returning id`);
    const userId = rows[0]!.id;
    await pg.query(`insert into auth.identities (provider_id, user_id, identity_data, provider) values ($1, $2, '{"email":"GONE@example.com"}', 'email')`, [userId, userId]);
    await pg.query(`insert into auth.sessions (id, user_id, aal) values ('00000000-0000-0000-0000-0000000000bb', $1, 'aal1')`, [userId]);
    await pg.query(`insert into auth.refresh_tokens (token, user_id, session_id, revoked) values ('t1', $1, '00000000-0000-0000-0000-0000000000bb', false)`, [userId]);
    const identityEmail = await pg.query<{ email: string }>(`select email from auth.identities where user_id = $1`, [userId]);
    assert.equal(identityEmail.rows[0]?.email, 'gone@example.com', 'identities.email is derived, lower-cased');

    await pg.query(`delete from auth.users where id = $1`, [userId]);
    const left = await pg.query<{ n: number }>(
      `select (select count(*) from auth.identities where user_id = $1)
            + (select count(*) from auth.sessions where user_id = $1)
            + (select count(*) from auth.refresh_tokens where user_id = $2) as n`,
      [userId, userId],
    );
    assert.equal(Number(left.rows[0]?.n), 0);
  });

  for (const role of ['anon', 'authenticated']) {
    it(`is closed to the ${role} role, even after a stray grant once the platform is re-applied`, async () => {
      await pg.exec(`grant select on auth.users, auth.refresh_tokens to ${role}`);
      await applyPlatform(pg);
      for (const table of ['users', 'identities', 'sessions', 'refresh_tokens', 'mfa_amr_claims']) {
        await expectSqlState(
          pg.transaction(async (tx) => {
            await tx.query(`set local role ${role}`);
            await tx.query(`select 1 from auth.${table} limit 1`);
          }),
          '42501',
        );
      }
    });
  }
});
