-- The audit log records every change with actor and old/new values; only the organization's
-- admins read it; no role but the database owner can update or delete its rows.
begin;
select plan(28);

grant usage on schema tests to anon, authenticated, service_role;
create table tests.marks (name text primary key, id bigint);
grant all on tests.marks to authenticated, service_role;
-- Audit rows written after the mark `name` (read as the owner).
create function tests.since(name text) returns setof public.audit_log
language sql as $$
  select a.* from public.audit_log a where a.id > (select m.id from tests.marks m where m.name = since.name) order by a.id
$$;
insert into tests.marks select 'start', coalesce(max(id), 0) from public.audit_log;

-- Insert, update, delete by users ------------------------------------------------------------------

select tests.login('editor');
insert into public.job_descriptions (id, organization_id, title_en, title_fr, classification)
values ('e5dc0000-0000-4000-a000-00000000a001', 'e5dc0000-0000-4000-a000-000000000001', 'Audit Officer', 'Agent d''audit', 'AU-03');
update public.job_descriptions set title_en = 'Senior Audit Officer' where id = 'e5dc0000-0000-4000-a000-00000000a001';
update public.job_descriptions set title_en = title_en where id = 'e5dc0000-0000-4000-a000-00000000a001';
reset role;

select results_eq(
  $$select table_name, row_id, action, actor, actor_role, organization_id from tests.since('start')$$,
  $$values ('job_descriptions'::text, 'e5dc0000-0000-4000-a000-00000000a001'::text, 'INSERT'::text,
            'e5dc0000-0000-4000-a000-000000000102'::uuid, 'authenticated'::text, 'e5dc0000-0000-4000-a000-000000000001'::uuid),
           ('job_descriptions', 'e5dc0000-0000-4000-a000-00000000a001', 'UPDATE',
            'e5dc0000-0000-4000-a000-000000000102'::uuid, 'authenticated', 'e5dc0000-0000-4000-a000-000000000001'::uuid)$$,
  'an insert and an update are logged with table, row, action, actor, role and organization; a no-op update is not');
select is(
  (select new_values ->> 'title_en' from tests.since('start') where action = 'INSERT'), 'Audit Officer',
  'INSERT keeps the new values');
select is(
  (select old_values from tests.since('start') where action = 'INSERT'), null,
  'INSERT has no old values');
select results_eq(
  $$select old_values ->> 'title_en', new_values ->> 'title_en', new_values ->> 'classification'
      from tests.since('start') where action = 'UPDATE'$$,
  $$values ('Audit Officer'::text, 'Senior Audit Officer'::text, 'AU-03'::text)$$,
  'UPDATE keeps the old and the new values');

insert into tests.marks select 'delete', max(id) from public.audit_log;
select tests.login('admin');
delete from public.job_descriptions where id = 'e5dc0000-0000-4000-a000-00000000a001';
reset role;
select results_eq(
  $$select action, actor, old_values ->> 'title_en', new_values is null from tests.since('delete')$$,
  $$values ('DELETE'::text, 'e5dc0000-0000-4000-a000-000000000105'::uuid, 'Senior Audit Officer'::text, true)$$,
  'DELETE keeps the old values and who deleted');

-- Rows that go with a document (cascade) are logged under its organization.
insert into tests.marks select 'cascade', max(id) from public.audit_log;
select tests.login('editor');
insert into public.job_descriptions (id, organization_id, title_en) values
  ('e5dc0000-0000-4000-a000-00000000a002', 'e5dc0000-0000-4000-a000-000000000001', 'Short-lived');
do $$ begin perform public.add_comment('e5dc0000-0000-4000-a000-00000000a002', 'A comment that goes with its document'); end $$;
select tests.login('admin');
delete from public.job_descriptions where id = 'e5dc0000-0000-4000-a000-00000000a002';
reset role;
select results_eq(
  $$select table_name, action, organization_id, actor from tests.since('cascade') where action = 'DELETE' order by table_name$$,
  $$values ('comments'::text, 'DELETE'::text, 'e5dc0000-0000-4000-a000-000000000001'::uuid, 'e5dc0000-0000-4000-a000-000000000105'::uuid),
           ('job_descriptions', 'DELETE', 'e5dc0000-0000-4000-a000-000000000001'::uuid, 'e5dc0000-0000-4000-a000-000000000105'::uuid)$$,
  'a cascading delete logs the children too, with the organization and the actor');

-- Every audited table writes rows; the service is recorded as such ------------------------------------

insert into tests.marks select 'service', max(id) from public.audit_log;
select tests.login('service');
insert into public.tm_segments (organization_id, source_lang, target_lang, source_text, target_text, provenance)
values (null, 'en', 'fr', 'Shared sentence for the audit.', 'Phrase partagée pour l''audit.', 'import');
reset role;
select results_eq(
  $$select table_name, actor, actor_role, organization_id from tests.since('service')$$,
  $$values ('tm_segments'::text, null::uuid, 'service_role'::text, null::uuid)$$,
  'a change by the service is logged with role service_role and no user');
select ok(
  (select not (new_values ? 'source_normalized') and not (new_values ? 'source_words') and not (new_values ? 'embedding') and new_values ? 'source_text'
     from tests.since('service')),
  'derived and vector columns are left out of the logged values');

select is_empty(
  $$select t from unnest(array['organizations', 'memberships', 'profiles', 'job_descriptions', 'document_versions',
      'comments', 'tm_segments', 'glossary_terms', 'alignments', 'alignment_pairs', 'ai_requests',
      'compliance_findings', 'approvals']) t
     where not exists (select 1 from pg_trigger g where g.tgrelid = format('public.%I', t)::regclass
                         and g.tgname = 'audit' and g.tgenabled = 'O')$$,
  'every user-written table has the audit trigger');
select is_empty(
  $$select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind = 'r'
       and c.relname not in ('audit_log', 'classification_groups', 'doc_updates', 'doc_snapshots', 'document_sections',
                             'tm_import_rows', 'notifications')
       and not exists (select 1 from pg_trigger g where g.tgrelid = c.oid and g.tgname = 'audit')$$,
  'only the documented exceptions are not audited (append-only Yjs log, its derivatives, reference data, TMX imports being staged: the committed segments are audited, notifications: derived from audited comments and approvals)');

insert into tests.marks select 'versions', max(id) from public.audit_log;
select tests.login('editor');
do $$ begin perform public.save_version('e5dc0000-0000-4000-a000-00000000d001', 'Before review'); end $$;
reset role;
select ok(
  (select new_values ? 'sections' and not (new_values ? 'state') and not (new_values ? 'updates')
     from tests.since('versions') where table_name = 'document_versions'),
  'a saved version is logged without its binary Yjs state');

-- Who reads the audit log ----------------------------------------------------------------------------------

select tests.login('admin');
select ok((select count(*) from public.audit_log) > 0, 'an admin reads the audit log');
select is_empty(
  $$select id from public.audit_log where organization_id is distinct from 'e5dc0000-0000-4000-a000-000000000001'$$,
  'an admin reads their own organization''s rows only (not Transport Canada''s, not shared ones)');
select tests.login('editor');
select is_empty('select id from public.audit_log', 'an editor reads nothing');
select tests.login('reviewer');
select is_empty('select id from public.audit_log', 'a reviewer reads nothing');
select tests.login('tc_editor');
select is_empty('select id from public.audit_log', 'a user of another organization reads nothing');
reset role;
set local role anon;
select throws_ok('select id from public.audit_log', '42501', null, 'anon cannot read the audit log');
reset role;

-- Nobody but the owner changes it -------------------------------------------------------------------------

select tests.login('admin');
select throws_ok('update public.audit_log set actor = null', '42501', null, 'an admin cannot update audit rows');
select throws_ok('delete from public.audit_log', '42501', null, 'an admin cannot delete audit rows');
select throws_ok($$insert into public.audit_log (table_name, action) values ('forged', 'INSERT')$$, '42501', null,
  'an admin cannot write audit rows');
select tests.login('service');
select throws_ok('update public.audit_log set actor = null', '42501', null, 'service_role cannot update audit rows');
select throws_ok('delete from public.audit_log', '42501', null, 'service_role cannot delete audit rows');
select throws_ok('truncate public.audit_log', '42501', null, 'service_role cannot truncate the audit log');
reset role;

-- Even a role explicitly granted UPDATE/DELETE/TRUNCATE (a mistake waiting to happen) is refused by the trigger.
create role jd_audit_probe nologin bypassrls;
grant usage on schema public, extensions to jd_audit_probe;
grant select, update, delete, truncate on public.audit_log to jd_audit_probe;
set local role jd_audit_probe;
select throws_ok('update public.audit_log set actor = null', '42501', 'audit_log rows cannot be updated',
  'a role granted UPDATE still cannot update audit rows');
select throws_ok('delete from public.audit_log', '42501', 'audit_log rows cannot be deleted',
  'a role granted DELETE still cannot delete audit rows');
select throws_ok('truncate public.audit_log', '42501', 'audit_log rows cannot be truncated',
  'a role granted TRUNCATE still cannot truncate');
reset role;

-- The owner can (retention, repairs).
select lives_ok(
  $$update public.audit_log set actor_role = actor_role where id = (select min(id) from public.audit_log)$$,
  'the database owner can update audit rows');
select lives_ok(
  $$delete from public.audit_log where id = (select min(id) from public.audit_log)$$,
  'the database owner can delete audit rows');

select * from finish();
rollback;
