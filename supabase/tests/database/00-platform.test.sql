-- What dev/db/platform/00-platform.sql provides, checked the way the migrations and PostgREST use it.
begin;
select plan(26);

-- Roles and their attributes ---------------------------------------------------------------------

select has_role('anon');
select has_role('authenticated');
select has_role('service_role');
select has_role('authenticator');

select results_eq(
  $$select rolname::text collate "default", rolcanlogin, rolinherit, rolbypassrls
      from pg_roles
     where rolname in ('anon', 'authenticated', 'service_role', 'authenticator')
     order by rolname$$,
  $$values ('anon', false, false, false),
           ('authenticated', false, false, false),
           ('authenticator', true, false, false),
           ('service_role', false, false, true)$$,
  'API roles: login, inherit and bypassrls as on hosted Supabase'
);

select is_member_of('anon', array['authenticator'], 'authenticator can become anon');
select is_member_of('authenticated', array['authenticator'], 'authenticator can become authenticated');
select is_member_of('service_role', array['authenticator'], 'authenticator can become service_role');

-- Schemas, extensions, migration history ----------------------------------------------------------

select has_schema('extensions');
select has_schema('auth');
select has_extension('extensions', 'vector', 'pgvector is installed in schema extensions');
select has_extension('extensions', 'pg_trgm', 'pg_trgm is installed in schema extensions');
select is(
  '[1,2,3]'::vector <-> '[1,2,4]'::vector,
  1::float8,
  'the vector type and its operators resolve through the search_path'
);
select is(similarity('translation', 'translation'), 1::real, 'similarity() resolves through the search_path');
select has_table('supabase_migrations', 'schema_migrations', 'the Supabase CLI history table exists');
select col_is_pk('supabase_migrations', 'schema_migrations', 'version', 'history is keyed by version');
select col_type_is('supabase_migrations', 'schema_migrations', 'statements', 'text[]', 'history keeps the statements');

-- Claims helpers, with the settings PostgREST sets per request -------------------------------------

select is(auth.uid(), null, 'auth.uid() is null without claims');

-- Exactly PostgREST's calls (is_local = true); PERFORM keeps their results out of the TAP output.
do $$
begin
  perform set_config('role', 'authenticated', true),
          set_config('request.jwt.claims',
                     '{"sub":"6f1f7a5e-1c8e-4d3f-9a3b-2d4c5e6f7a8b","role":"authenticated","email":"ana@example.gc.ca"}',
                     true);
end
$$;

select is(current_user::text, 'authenticated', 'set_config(''role'', …) switches the role');
select is(auth.uid(), '6f1f7a5e-1c8e-4d3f-9a3b-2d4c5e6f7a8b'::uuid, 'auth.uid() reads sub from request.jwt.claims');
select is(auth.role(), 'authenticated', 'auth.role() reads role from request.jwt.claims');
select is(auth.email(), 'ana@example.gc.ca', 'auth.email() reads email from request.jwt.claims');
select is(auth.jwt() ->> 'sub', '6f1f7a5e-1c8e-4d3f-9a3b-2d4c5e6f7a8b', 'auth.jwt() returns the claims');

reset role;

-- Row level security: enforced for authenticated, bypassed by service_role ---------------------------

create temp table rls_probe (owner uuid not null, body text not null);
alter table rls_probe enable row level security;
create policy rls_probe_own on rls_probe using (owner = auth.uid());
grant select on rls_probe to authenticated, service_role;
insert into rls_probe values
  ('6f1f7a5e-1c8e-4d3f-9a3b-2d4c5e6f7a8b', 'mine'),
  ('0b8a6c1d-2e3f-4a5b-8c7d-9e0f1a2b3c4d', 'someone else''s');

set local role authenticated;
select results_eq(
  'select body from rls_probe order by body',
  array['mine'],
  'authenticated sees only the rows its policy allows'
);

set local role service_role;
select results_eq(
  'select body from rls_probe order by body',
  array['mine', 'someone else''s'],
  'service_role bypasses row level security'
);

reset role;
select is(current_user::text, 'postgres', 'back to the owner role');

select * from finish();
rollback;
