-- What a hosted Supabase project already has before the first migration runs, recreated for
-- PGlite. Every statement is idempotent: the loader runs this file on every open.
-- Must be accepted by PostgreSQL 17 (hosted) and 18 (PGlite). Auth tables live in 10-auth.sql.

-- Schemas ---------------------------------------------------------------------------------------

create schema if not exists extensions;
create schema if not exists auth;
create schema if not exists supabase_migrations;

-- Extensions: Supabase installs them into `extensions`, and migrations refer to `vector`,
-- `gin_trgm_ops`, `similarity()` unqualified because that schema is on the search_path.
create extension if not exists vector with schema extensions;
create extension if not exists pg_trgm with schema extensions;

-- Same search_path as a hosted project. The database default takes effect for sessions opened
-- later (the next PGlite open, wire clients after a session reset); the SET covers this one.
do $$
begin
  execute format('alter database %I set search_path = "$user", public, extensions', current_database());
end
$$;
set search_path = "$user", public, extensions;

-- Roles -----------------------------------------------------------------------------------------
-- CREATE ROLE has no IF NOT EXISTS; ALTER ROLE afterwards also repairs attributes on old data.

do $$
declare
  api_role text;
begin
  foreach api_role in array array['anon', 'authenticated', 'service_role', 'authenticator', 'supabase_auth_admin']
  loop
    if not exists (select from pg_catalog.pg_roles where rolname = api_role) then
      execute format('create role %I', api_role);
    end if;
  end loop;
end
$$;

alter role anon nologin noinherit nobypassrls;
alter role authenticated nologin noinherit nobypassrls;
-- Developers mint service_role JWTs to skip RLS: that is what BYPASSRLS is for.
alter role service_role nologin noinherit bypassrls;
-- PostgREST logs in as authenticator and SET ROLEs to the request's role.
alter role authenticator login noinherit;
-- GoTrue's role on hosted projects; owns nothing here but keeps dumps and grants from failing.
alter role supabase_auth_admin login noinherit createrole noreplication;
alter role supabase_auth_admin set search_path = auth;

grant anon, authenticated, service_role to authenticator;

-- Grants ----------------------------------------------------------------------------------------

grant usage on schema public to postgres, anon, authenticated, service_role;
grant usage on schema extensions to postgres, anon, authenticated, service_role;
-- RLS policies call auth.uid() as the request role, so the API roles need the schema.
grant usage on schema auth to anon, authenticated, service_role;
grant all privileges on schema auth to supabase_auth_admin;

-- Tables, functions and sequences that migrations create (as postgres) are reachable by the API
-- roles; RLS policies then decide which rows.
alter default privileges for role postgres in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges for role postgres in schema public grant all on functions to anon, authenticated, service_role;
alter default privileges for role postgres in schema public grant all on sequences to anon, authenticated, service_role;

-- Claims helpers, with Supabase's own bodies: the legacy per-claim settings first, then the
-- `request.jwt.claims` JSON that PostgREST sets. `nullif(…, '')` matters because a setting set
-- with is_local = true reads back as '' (not NULL) after its transaction ends.

create or replace function auth.uid() returns uuid
  language sql stable
as $$
  select
  coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid
$$;

create or replace function auth.role() returns text
  language sql stable
as $$
  select
  coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  )::text
$$;

create or replace function auth.email() returns text
  language sql stable
as $$
  select
  coalesce(
    nullif(current_setting('request.jwt.claim.email', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')
  )::text
$$;

create or replace function auth.jwt() returns jsonb
  language sql stable
as $$
  select
    coalesce(
        nullif(current_setting('request.jwt.claim', true), ''),
        nullif(current_setting('request.jwt.claims', true), '')
    )::jsonb
$$;

comment on function auth.uid() is 'Deprecated. Use auth.jwt() -> ''sub'' instead.';
comment on function auth.role() is 'Deprecated. Use auth.jwt() -> ''role'' instead.';
comment on function auth.email() is 'Deprecated. Use auth.jwt() -> ''email'' instead.';

-- Migration history -----------------------------------------------------------------------------
-- The table the Supabase CLI writes (`supabase db push`, `supabase migration repair`), so the CLI
-- and dev/db/migrations.ts agree on what is applied.

create table if not exists supabase_migrations.schema_migrations (version text not null primary key);
alter table supabase_migrations.schema_migrations add column if not exists statements text[];
alter table supabase_migrations.schema_migrations add column if not exists name text;
