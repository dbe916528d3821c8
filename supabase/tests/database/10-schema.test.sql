-- Schema shape: the contract other components code against, RLS on every table, one policy per
-- operation with indexed filter columns, functions' security settings, and the validation of
-- job description identification fields.
begin;
select plan(53);

-- Contract -----------------------------------------------------------------------------------------

select columns_are('public', 'job_descriptions', array[
  'id', 'organization_id', 'title_en', 'title_fr', 'classification', 'classification_group', 'position_number',
  'noc_code', 'language_profile', 'status', 'created_by', 'created_at', 'updated_at'
], 'job_descriptions has the contract columns (plus the generated classification_group)');
select col_default_is('public', 'job_descriptions', 'created_by', 'auth.uid()', 'job_descriptions.created_by defaults to auth.uid()');
select col_default_is('public', 'job_descriptions', 'status', 'draft', 'a job description starts as draft');
select columns_are('public', 'doc_updates', array['id', 'document_id', 'seq', 'update', 'created_by', 'created_at'],
  'doc_updates has the contract columns');
select col_type_is('public', 'doc_updates', 'update', 'bytea', 'doc_updates.update is bytea');
select col_is_unique('public', 'doc_updates', array['document_id', 'seq'], 'doc_updates is unique per (document_id, seq)');
select columns_are('public', 'doc_snapshots', array['document_id', 'state', 'state_vector', 'last_seq', 'updated_at'],
  'doc_snapshots has the contract columns');
select col_is_pk('public', 'doc_snapshots', 'document_id', 'one snapshot per document');
select columns_are('public', 'document_sections',
  array['document_id', 'lang', 'section_id', 'kind', 'position', 'heading', 'body', 'updated_at'],
  'document_sections has the contract columns');
select col_is_pk('public', 'document_sections', array['document_id', 'lang', 'section_id'], 'document_sections key');
select function_returns('public', 'can_open_document', array['uuid'], 'text', 'can_open_document(doc uuid) returns text');
select lives_ok('select * from public.list_documents()', 'list_documents() takes no arguments');
select is(
  (select array_agg(a.attname::text order by a.attname)
     from pg_proc p cross join lateral unnest(p.proargnames) as a (attname)
    where p.oid = 'public.can_open_document(uuid)'::regprocedure),
  array['doc'], 'can_open_document''s argument is named doc (PostgREST calls it by name)');
select fk_ok('public', 'doc_updates', 'document_id', 'public', 'job_descriptions', 'id', 'doc_updates references job_descriptions');
select is(
  (select confdeltype::text from pg_constraint where conrelid = 'public.doc_updates'::regclass and contype = 'f'),
  'c', 'doc_updates rows go with their document (on delete cascade)');

-- RLS everywhere, one policy per operation, indexed filter columns ---------------------------------

select is_empty(
  $$select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relrowsecurity$$,
  'every public table has row level security enabled');
select is_empty(
  $$select tablename || ' ' || cmd from pg_policies where schemaname = 'public'
     group by tablename, cmd having count(*) > 1$$,
  'at most one policy per table and operation');
select is_empty(
  $$select tablename || ' ' || cmd from pg_policies where schemaname = 'public' and cmd = 'ALL'$$,
  'no FOR ALL policies: one per operation');
select is_empty(
  $$select policyname from pg_policies
     where schemaname = 'public' and not (roles <@ array['authenticated'::name]
           or (tablename = 'classification_groups' and roles <@ array['anon'::name, 'authenticated'::name]))$$,
  'policies apply to authenticated only (anon reads nothing but reference data)');
select is_empty(
  $$select policyname from pg_policies
     where schemaname = 'public' and coalesce(qual, '') || coalesce(with_check, '') ~ 'auth\.uid\(\)'
       and coalesce(qual, '') || coalesce(with_check, '') !~ '\(\s*SELECT auth\.uid\(\)'$$,
  'policies read auth.uid() as (select auth.uid()), evaluated once per statement');
-- A filter column of a policy must lead some index of its table.
select is_empty(
  $$with policy_columns as (
      select distinct p.tablename, col.attname
        from pg_policies p
        join pg_attribute col on col.attrelid = format('public.%I', p.tablename)::regclass and col.attnum > 0
       where p.schemaname = 'public'
         and col.attname in ('id', 'organization_id', 'document_id', 'user_id', 'author_id')
         and coalesce(p.qual, '') || ' ' || coalesce(p.with_check, '') ~ ('\m' || col.attname || '\M')
    )
    select pc.tablename || '.' || pc.attname from policy_columns pc
     where not exists (
       select 1 from pg_index i
         join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
        where i.indrelid = format('public.%I', pc.tablename)::regclass and a.attname = pc.attname)$$,
  'every column a policy filters on leads an index');
select policies_are('public', 'audit_log', array['audit_log_select'], 'audit_log has a select policy and nothing else');
select policies_are('public', 'doc_updates', array['doc_updates_select'],
  'doc_updates: members read; only the sync server (service role) appends, nobody updates or deletes through RLS');

-- Functions ----------------------------------------------------------------------------------------

select is_empty(
  $$select p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname = 'public' and p.prosecdef$$,
  'every public function (RPC) is SECURITY INVOKER: RLS applies');
select is_empty(
  $$select n.nspname || '.' || p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname in ('public', 'private') and p.prokind = 'f'
       and not exists (select 1 from unnest(coalesce(p.proconfig, '{}')) c where c = 'search_path=""')$$,
  'every jd-kit function pins search_path to empty');
select is_empty(
  $$select p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname = 'public' and has_function_privilege('anon', p.oid, 'execute')
       and p.proname not in ('can_open_document', 'list_documents')$$,
  'anon may call no RPC but can_open_document and list_documents');
select is_empty(
  $$select p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname = 'private' and p.prosecdef and has_function_privilege('anon', p.oid, 'execute')$$,
  'anon cannot execute any SECURITY DEFINER helper');
select set_eq(
  $$select p.proname::text from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname = 'private' and has_function_privilege('anon', p.oid, 'execute')$$,
  array['check_lang', 'check_not_null', 'check_range', 'check_text', 'require'],
  'anon can run the argument checks of schema private and nothing else there');
select ok(has_function_privilege('authenticated', 'private.my_org_ids(text[])', 'execute'),
  'authenticated can run the policy helpers');

-- Grants outside RLS ---------------------------------------------------------------------------------

select is_empty(
  $$select c.relname || ' ' || pr.p from pg_class c join pg_namespace n on n.oid = c.relnamespace
     cross join unnest(array['TRUNCATE', 'TRIGGER', 'REFERENCES']) pr (p)
     where n.nspname = 'public' and c.relkind = 'r'
       and (has_table_privilege('authenticated', c.oid, pr.p) or has_table_privilege('anon', c.oid, pr.p))$$,
  'no API role may TRUNCATE (which ignores RLS), create triggers or references on jd-kit tables');
select ok(not has_table_privilege('anon', 'public.job_descriptions', 'select'), 'anon cannot read job descriptions at all');
select ok(has_table_privilege('anon', 'public.classification_groups', 'select'), 'anon reads the classification groups');
select ok(not has_table_privilege('authenticated', 'public.classification_groups', 'insert, update, delete')
          and not has_table_privilege('anon', 'public.classification_groups', 'insert, update, delete'),
  'nobody changes the reference data through the API');
select ok(not has_column_privilege('authenticated', 'public.memberships', 'user_id', 'update'),
  'a membership''s user cannot be rewritten (only its role)');
select ok(not has_column_privilege('authenticated', 'public.job_descriptions', 'organization_id', 'update'),
  'a job description cannot be moved to another organization');

-- Classification and identification fields -----------------------------------------------------------

select is((select count(*)::int from public.classification_groups), 183,
  'classification groups: one per key of the reference file (HR/RH becomes RH, as HR is Historical Research)');
select results_eq(
  $$select name_en from public.classification_groups where code in ('AS', 'CT-FIN', 'RH') order by code$$,
  array['Administrative Services', 'Comptrollership - Financial Management', 'Human Resources'],
  'group names come from the reference file');

create temp table classification_probe as
select c.code, c.expect
  from (values ('AS-02', 'ok'), ('CT-FIN-04', 'ok'), ('AO-CAI-02', 'ok'), ('EX-05', 'ok'), ('RH-03', 'ok'), ('PM-19', 'ok'),
               ('AS-2', '23514'), ('as-02', '23514'), ('AS-20', '23514'), ('AS02', '23514'), ('AS-02 ', '23514'),
               ('ZZ-01', '23503'), ('CT-XYZ-02', '23503')) c (code, expect);

create function pg_temp.try_classification(code text) returns text
language plpgsql as $$
begin
  insert into public.job_descriptions (organization_id, classification)
  values ('e5dc0000-0000-4000-a000-000000000001', code);
  raise exception using errcode = 'P0999';
exception
  when sqlstate 'P0999' then return 'ok';
  when others then return sqlstate;
end
$$;

select results_eq(
  $$select code, pg_temp.try_classification(code) from classification_probe order by code$$,
  $$select code, expect from classification_probe order by code$$,
  'classification: <group>-<level 00..19> in the format CHECK (23514), group in the reference table (23503)');

select throws_ok(
  $$insert into public.job_descriptions (organization_id, language_profile) values ('e5dc0000-0000-4000-a000-000000000001', 'CBX')$$,
  '23514', null, 'language profile must be three letters of A, B, C, E, P');
select lives_ok(
  $$insert into public.job_descriptions (organization_id, language_profile, noc_code, position_number)
    values ('e5dc0000-0000-4000-a000-000000000001', 'CBC/CBC', '41403', 'ESDC-0001')$$,
  'CBC/CBC, a NOC 2021 code and a position number are accepted');
select throws_ok(
  $$insert into public.job_descriptions (organization_id, noc_code) values ('e5dc0000-0000-4000-a000-000000000001', '4140A')$$,
  '23514', null, 'NOC code must be 4 or 5 digits');
select throws_ok(
  $$insert into public.job_descriptions (organization_id, status) values ('e5dc0000-0000-4000-a000-000000000001', 'published')$$,
  '23514', null, 'status must be draft, in_review, approved or archived');
select is(
  (select classification_group from public.job_descriptions where id = '7c000000-0000-4000-a000-00000000d001'),
  'AO-CAI', 'classification_group is derived from the classification');

-- Normalisation and scoring (the building blocks of tm_search) -------------------------------------

select is(private.normalize_text($$L’équipe « gère » 1,000 dossiers – en 2.5 jours!$$),
  'l'' équipe gère 1 000 dossiers en 2 5 jours', 'normalize_text: case, quotes, apostrophes, punctuation, numbers');
select is(private.normalize_text('Sous-ministre  adjoint'), 'sous-ministre adjoint', 'hyphens inside words stay');
select is(private.word_edit_distance('{a,b,c,d}', '{a,x,c,d,e}'), 2, 'word edit distance: one substitution, one insertion');
select is(private.word_edit_distance('{}', '{a,b}'), 2, 'word edit distance to an empty sentence');
select is(private.fuzzy_score('a b c d', 'A b c d.', 'a b c d', 'A b c d.'), 100, 'identical: 100');
select is(private.fuzzy_score('a b c d', 'A b c d.', 'a b c d', 'a b c d'), 99, 'same words, different case or punctuation: 99');
select is(private.fuzzy_score('a b c d', 'x', 'a b x d', 'y'), 75, 'one word in four differs: 75');
select is(private.fuzzy_score('a b c d', 'x', 'e f g h', 'y'), 0, 'nothing in common: 0');

-- Profiles follow auth users ---------------------------------------------------------------------------

insert into auth.users (id, email, raw_user_meta_data)
values ('f0000000-0000-4000-a000-0000000000aa', 'new.user@example.test', '{"display_name": "Nouvelle Personne", "preferred_language": "fr"}');
select results_eq(
  $$select display_name, preferred_language from public.profiles where id = 'f0000000-0000-4000-a000-0000000000aa'$$,
  $$values ('Nouvelle Personne'::text, 'fr'::text)$$,
  'a new auth user gets a profile from their metadata');
insert into auth.users (id, email) values ('f0000000-0000-4000-a000-0000000000ab', 'plain.user@example.test');
select results_eq(
  $$select display_name, preferred_language from public.profiles where id = 'f0000000-0000-4000-a000-0000000000ab'$$,
  $$values ('plain.user'::text, 'en'::text)$$,
  'without metadata: the email''s local part, English');

select * from finish();
rollback;
