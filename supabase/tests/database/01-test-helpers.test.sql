-- Helpers every database test file uses, installed once before them (file names sort after
-- 00-platform and before the rest). Like Supabase's "setup hooks" pattern, this file commits
-- instead of rolling back, so `supabase test db` / pg_prove and our PGlite runner both see the
-- helpers in the files that follow. Only the `tests` schema is created; no product data changes.
begin;

create schema if not exists tests;
grant usage on schema tests to anon, authenticated, service_role;

-- The seeded users by the names the tests use ('stranger' belongs to no organization).
create or replace function tests.uid(who text) returns uuid
language sql immutable as $$
  select (case who
    when 'viewer' then 'e5dc0000-0000-4000-a000-000000000101'
    when 'editor' then 'e5dc0000-0000-4000-a000-000000000102'
    when 'translator' then 'e5dc0000-0000-4000-a000-000000000103'
    when 'reviewer' then 'e5dc0000-0000-4000-a000-000000000104'
    when 'admin' then 'e5dc0000-0000-4000-a000-000000000105'
    when 'tc_editor' then '7c000000-0000-4000-a000-000000000102'
    when 'stranger' then 'f0000000-0000-4000-a000-00000000000f' end)::uuid
$$;

-- Becomes `who` for the rest of the transaction, as PostgREST would for that caller:
-- 'anon', 'service' (service_role) or one of the names above (authenticated with its sub).
-- Returns a TAP comment line so the output says who acted.
create or replace function tests.login(who text) returns text
language plpgsql as $$
begin
  if who = 'anon' then
    perform set_config('role', 'anon', true), set_config('request.jwt.claims', '{"role":"anon"}', true);
  elsif who = 'service' then
    perform set_config('role', 'service_role', true), set_config('request.jwt.claims', '{"role":"service_role"}', true);
  else
    if tests.uid(who) is null then
      raise exception 'tests.login: unknown user %', who;
    end if;
    perform set_config('role', 'authenticated', true),
            set_config('request.jwt.claims', json_build_object('role', 'authenticated', 'sub', tests.uid(who))::text, true);
  end if;
  return '# as ' || who;
end
$$;
grant execute on all functions in schema tests to anon, authenticated, service_role;
commit;

-- The checks run in their own transaction, rolled back: pgTAP keeps its plan in temporary
-- tables that must not outlive this file.
begin;
select plan(2);

select is(tests.uid('editor'), 'e5dc0000-0000-4000-a000-000000000102'::uuid, 'tests.uid names the seeded editor');
select throws_ok($$select tests.login('nobody')$$, 'P0001', 'tests.login: unknown user nobody', 'tests.login refuses unknown names');

select * from finish();
rollback;
