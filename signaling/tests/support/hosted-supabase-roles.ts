// The roles of a hosted Supabase project on a throwaway PostgreSQL server: the bootstrap
// superuser is `supabase_admin` (start the server with `startPostgres({ superuser: 'supabase_admin' })`),
// and `postgres`, the role a project's owner and its migrations get, is NOT a superuser.
// "Supabase provides the default postgres role ... Superuser access is not given"
// (https://supabase.com/docs/guides/database/postgres/roles-superuser); supabase/postgres's
// "demote postgres user" migration leaves it NOSUPERUSER CREATEDB CREATEROLE LOGIN REPLICATION
// BYPASSRLS with ALL on the database and on the `extensions` schema. Extensions, the `auth`
// schema and its tables are the platform's (created by supabase_admin, here: dev/db/platform/).
import type { SchemaRoles } from '../../../dev/tests/support/supabase-schema.js';

export const HOSTED_SUPERUSER = 'supabase_admin';
export const HOSTED_OWNER = 'postgres';

/** Run before the platform files, which grant to `postgres` and set its default privileges. */
function createOwnerRole(password: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(password)) throw new Error('the postgres role password must be URL-safe base64 (letters, digits, - and _)');
  return `create role ${HOSTED_OWNER} login password '${password}' nosuperuser createdb createrole replication bypassrls;`;
}

/** Run after the platform files: what hosted Supabase grants `postgres` on the platform's objects. */
const OWNER_GRANTS = `
grant all on database postgres to ${HOSTED_OWNER};
grant all on schema extensions to ${HOSTED_OWNER};
grant all on all tables in schema extensions to ${HOSTED_OWNER};
grant all on all sequences in schema extensions to ${HOSTED_OWNER};
grant all on all routines in schema extensions to ${HOSTED_OWNER};
-- PostgreSQL 15+: public belongs to pg_database_owner (here supabase_admin) and PUBLIC may not create in it.
grant all on schema public to ${HOSTED_OWNER};
-- postgres may act as the API roles (SET ROLE authenticated, as PostgREST does for a request).
grant anon, authenticated, service_role to ${HOSTED_OWNER};
-- Reading and writing auth's rows (SQL editor, seeds) and referencing auth.users in foreign keys
-- and triggers; the schema itself stays the platform's (no CREATE on it).
grant usage on schema auth to ${HOSTED_OWNER};
grant all on all tables in schema auth to ${HOSTED_OWNER};
grant all on all sequences in schema auth to ${HOSTED_OWNER};
grant execute on all routines in schema auth to ${HOSTED_OWNER};
`;

/** For applySupabaseSchema: platform as supabase_admin, migrations and seed as the non-superuser `postgres`. */
export function hostedSupabaseRoles(ownerPassword: string): SchemaRoles {
  return { beforePlatform: createOwnerRole(ownerPassword), afterPlatform: OWNER_GRANTS, migrationsRole: HOSTED_OWNER };
}

/** The server's URL, logged in as another role (its password). */
export function urlAs(serverUrl: string, role: string, password: string): string {
  const url = new URL(serverUrl);
  url.username = role;
  url.password = password;
  return url.toString();
}
