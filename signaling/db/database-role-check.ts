// The servers decide access as the user's API role, as PostgREST does (`set_config('role', …)`
// in sql-access.ts), so DATABASE_URL's role must be allowed to act as anon, authenticated and
// service_role. Hosted Supabase's `postgres` is (it is not a superuser, but a member of those
// roles). A role that is not would start, answer /healthz, and close every client with 1011
// "access check failed" forever: checked once at start instead, naming the grant.
import type { ApiRole, SyncDatabase } from './sql-access.js';

const API_ROLES: readonly ApiRole[] = ['anon', 'authenticated', 'service_role'];

/** Resolves when the database role can act as every API role; otherwise throws naming the role, what failed and the grant. */
export async function checkDatabaseRole(database: SyncDatabase): Promise<void> {
  const who = await database.asService(async (tx) => String((await tx.query('select current_user as who')).rows[0]?.['who']));
  const refused: string[] = [];
  for (const role of API_ROLES) {
    try {
      await database.asUser(role, { role }, (tx) => tx.query('select 1'));
    } catch (error) {
      refused.push(`${role} (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  if (refused.length === 0) return;
  const quoted = `"${who.replaceAll('"', '""')}"`;
  throw new Error(
    `DATABASE_URL's role ${quoted} cannot act as ${refused.join(', ')}: the sync and signaling servers check access as the user's role. ` +
      `Connect as the project's postgres role, or grant: grant anon, authenticated, service_role to ${quoted};`,
  );
}
