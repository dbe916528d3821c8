// An in-memory (or on-disk) PGlite with the sync schema, two organizations, their users and
// one document each, and a KeySet that signs those users' access tokens like the local stack.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { loadKeySet, type KeySet } from '../../../dev/gateway/keys.js';
import { pgliteAccess, type SyncDatabase } from '../../db/sql-access.js';

export const ORGS = { esdc: '00000000-0000-4000-8000-00000000e5dc', tc: '00000000-0000-4000-8000-00000000007c' };
export const DOCUMENTS = { esdc: '11111111-1111-4111-8111-111111111111', tc: '22222222-2222-4222-8222-222222222222' };
export const USERS = {
  viewer: { id: 'aaaaaaaa-0000-4000-8000-000000000001', email: 'viewer@esdc.example', org: ORGS.esdc, role: 'viewer' },
  editor: { id: 'aaaaaaaa-0000-4000-8000-000000000002', email: 'editor@esdc.example', org: ORGS.esdc, role: 'editor' },
  translator: { id: 'aaaaaaaa-0000-4000-8000-000000000003', email: 'translator@esdc.example', org: ORGS.esdc, role: 'translator' },
  tcEditor: { id: 'bbbbbbbb-0000-4000-8000-000000000001', email: 'editor@tc.example', org: ORGS.tc, role: 'editor' },
} as const;
export type TestUser = (typeof USERS)[keyof typeof USERS];

/** Creates the schema and seed rows if they are not there yet (so an on-disk database can be reopened). */
export async function prepareDatabase(pg: PGlite) {
  await pg.exec(await readFile(join(import.meta.dirname, 'schema.sql'), 'utf8'));
  await pg.query(`insert into public.organizations values ($1, 'ESDC'), ($2, 'Transport Canada') on conflict do nothing`, [ORGS.esdc, ORGS.tc]);
  for (const user of Object.values(USERS)) {
    await pg.query('insert into public.memberships values ($1, $2, $3) on conflict do nothing', [user.id, user.org, user.role]);
  }
  await pg.query(
    `insert into public.job_descriptions (id, organization_id, title_en) values ($1, $2, 'Policy Analyst'), ($3, $4, 'Inspector') on conflict do nothing`,
    [DOCUMENTS.esdc, ORGS.esdc, DOCUMENTS.tc, ORGS.tc],
  );
}

export async function tokenFor(keys: KeySet, user: TestUser, expiresInSeconds = 3600): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return keys.signAccessToken({
    sub: user.id,
    email: user.email,
    role: 'authenticated',
    aud: 'authenticated',
    iat: now,
    exp: now + expiresInSeconds,
  });
}

export interface TestDatabase {
  pg: PGlite;
  db: SyncDatabase;
  keys: KeySet;
  token(user: TestUser, expiresInSeconds?: number): Promise<string>;
  close(): Promise<void>;
}

export async function startTestDatabase(options: { dataDir?: string; keyFile?: string | null } = {}): Promise<TestDatabase> {
  const pg = new PGlite(options.dataDir);
  await prepareDatabase(pg);
  const keys = await loadKeySet({ keyFile: options.keyFile ?? null });
  return {
    pg,
    db: pgliteAccess(pg),
    keys,
    token: (user, expiresIn) => tokenFor(keys, user, expiresIn),
    close: () => pg.close(),
  };
}
