-- RLS matrix: every table x every operation x every membership role, on rows of the caller's
-- own organization (ESDC) and of another organization (Transport Canada), plus anonymous.
-- Allowed: select sees the rows, insert/update/delete affect exactly one row. Refused: select
-- sees nothing (anon: 42501), insert fails with 42501, update/delete affect no row or fail with
-- 42501. Each operation runs in a subtransaction that is rolled back, so cases are independent.
begin;

grant usage on schema tests to anon, authenticated, service_role;

-- Fixtures (as the owner) -----------------------------------------------------------------------
-- fx: named values per organization side, A = ESDC (own), B = Transport Canada (other).
create table tests.fx (side text, key text, val text, primary key (side, key));
grant select on tests.fx to anon, authenticated, service_role;

insert into tests.fx values
  ('A', 'org', 'e5dc0000-0000-4000-a000-000000000001'), ('B', 'org', '7c000000-0000-4000-a000-000000000002'),
  ('A', 'doc', 'e5dc0000-0000-4000-a000-00000000d001'), ('B', 'doc', '7c000000-0000-4000-a000-00000000d001'),
  ('A', 'editor', 'e5dc0000-0000-4000-a000-000000000102'), ('B', 'editor', '7c000000-0000-4000-a000-000000000102');

-- A user with no membership and no profile, for membership and profile inserts.
insert into auth.users (id, email, aud, role) values ('f0000000-0000-4000-a000-00000000f001', 'fresh@example.test', 'authenticated', 'authenticated');
delete from public.profiles where id = 'f0000000-0000-4000-a000-00000000f001';
insert into tests.fx select s, 'fresh', 'f0000000-0000-4000-a000-00000000f001' from unnest(array['A', 'B']) s;

-- A second document per organization, submitted for review by its editor (pending approval).
with d as (
  insert into public.job_descriptions (organization_id, title_en, classification, created_by)
  select fx.val::uuid, 'Matrix second document', 'AS-02', ed.val::uuid
    from tests.fx fx join tests.fx ed on ed.side = fx.side and ed.key = 'editor'
   where fx.key = 'org'
  returning id, organization_id
)
insert into tests.fx select o.side, 'doc2', d.id::text from d join tests.fx o on o.key = 'org' and o.val = d.organization_id::text;

insert into public.approvals (document_id, requested_by)
select fx.val::uuid, ed.val::uuid from tests.fx fx join tests.fx ed on ed.side = fx.side and ed.key = 'editor' where fx.key = 'doc2';
insert into tests.fx select fx.side, 'approvals', a.id::text
  from tests.fx fx join public.approvals a on a.document_id = fx.val::uuid where fx.key = 'doc2';

insert into public.doc_snapshots (document_id, state, state_vector, last_seq)
select val::uuid, '\x00', '\x00', 0 from tests.fx where key = 'doc';

do $$
declare
  s text;
  org uuid;
  doc uuid;
  editor uuid;
  id_text text;
begin
  foreach s in array array['A', 'B'] loop
    select val::uuid into org from tests.fx where side = s and key = 'org';
    select val::uuid into doc from tests.fx where side = s and key = 'doc';
    select val::uuid into editor from tests.fx where side = s and key = 'editor';

    insert into public.doc_updates (document_id, seq, update, created_by) values (doc, 500, '\x0102', editor)
      returning id::text into id_text;
    insert into tests.fx values (s, 'doc_updates', id_text);
    insert into public.document_versions (document_id, name, created_by) values (doc, 'Matrix version', editor)
      returning id::text into id_text;
    insert into tests.fx values (s, 'document_versions', id_text);
    insert into public.comments (document_id, body, author_id) values (doc, 'Matrix comment', editor)
      returning id::text into id_text;
    insert into tests.fx values (s, 'comments', id_text);
    insert into public.tm_segments (organization_id, source_lang, target_lang, source_text, target_text, created_by)
      values (org, 'en', 'fr', 'Matrix fixture sentence.', 'Phrase de la matrice.', editor)
      returning id::text into id_text;
    insert into tests.fx values (s, 'tm_segments', id_text);
    insert into public.glossary_terms (organization_id, term_en, term_fr, status, created_by)
      values (org, 'matrix fixture', 'matrice de test', 'approved', editor)
      returning id::text into id_text;
    insert into tests.fx values (s, 'glossary_terms', id_text);
    -- A staged TMX import (tm_import_rows) belongs to the admin who staged it: ESDC's admin here.
    insert into public.tm_import_rows (session_id, organization_id, line, source_lang, target_lang, source_text, target_text, created_by)
      values (gen_random_uuid(), org, 1, 'en', 'fr', 'Matrix staged sentence.', 'Phrase en attente.',
              case s when 'A' then 'e5dc0000-0000-4000-a000-000000000105'::uuid else editor end)
      returning id::text into id_text;
    insert into tests.fx values (s, 'tm_import_rows', id_text);
    insert into public.alignments (organization_id, source_lang, target_lang, source_name, target_name, created_by)
      values (org, 'en', 'fr', 'matrix-en.docx', 'matrix-fr.docx', editor)
      returning id::text into id_text;
    insert into tests.fx values (s, 'alignments', id_text);
    insert into public.alignment_pairs (alignment_id, position, source_text, target_text, score)
      values (id_text::uuid, 0, 'One sentence.', 'Une phrase.', 0.9)
      returning id::text into id_text;
    insert into tests.fx values (s, 'alignment_pairs', id_text);
    insert into public.ai_requests (organization_id, user_id, function, provider, model, tokens_in, tokens_out, outcome)
      values (org, editor, 'ai-assist', 'offline', 'rules', 10, 20, 'success')
      returning id::text into id_text;
    insert into tests.fx values (s, 'ai_requests', id_text);
    insert into public.compliance_findings (document_id, rule_id, severity, message_en, message_fr, created_by)
      values (doc, 'matrix.fixture', 'warning', 'Matrix finding', 'Constat de la matrice', editor)
      returning id::text into id_text;
    insert into tests.fx values (s, 'compliance_findings', id_text);
    insert into public.ai_settings (organization_id, provider_order, monthly_budget_usd) values (org, '{openai,offline}', 10);
    insert into tests.fx values (s, 'ai_settings', org::text);
    -- A mention for ESDC's reviewer (side A) and for TC's editor (side B): only its recipient reads it.
    insert into public.notifications (recipient_id, organization_id, kind, document_id, comment_id, actor_id)
      values (case s when 'A' then 'e5dc0000-0000-4000-a000-000000000104'::uuid else editor end, org, 'mention', doc,
              (select val::uuid from tests.fx where side = s and key = 'comments'), editor)
      returning id::text into id_text;
    insert into tests.fx values (s, 'notifications', id_text);
  end loop;
end
$$;

-- Membership and profile targets: a colleague at ESDC (viewer, not one of the actors, so that
-- nobody's own profile is the target), TC's editor.
insert into auth.users (id, email, aud, role) values ('e5dc0000-0000-4000-a000-00000000f002', 'colleague@esdc.example', 'authenticated', 'authenticated');
insert into public.memberships (organization_id, user_id, role)
values ('e5dc0000-0000-4000-a000-000000000001', 'e5dc0000-0000-4000-a000-00000000f002', 'viewer');
insert into tests.fx values
  ('A', 'memberships', (select id::text from public.memberships where user_id = 'e5dc0000-0000-4000-a000-00000000f002')),
  ('B', 'memberships', (select id::text from public.memberships where user_id = '7c000000-0000-4000-a000-000000000102')),
  ('A', 'profiles', 'e5dc0000-0000-4000-a000-00000000f002'),
  ('B', 'profiles', '7c000000-0000-4000-a000-000000000102');

-- The operations, with placeholders {org} {doc} {doc2} {fresh} {row} {alignments} ------------------

create table tests.ops (tbl text, op text, sql text, primary key (tbl, op));
insert into tests.ops values
  ('organizations', 'select', 'select count(*) from public.organizations where id = {org}'),
  ('organizations', 'insert', 'insert into public.organizations (slug, name_en, name_fr) values (''matrix-new'', ''New'', ''Nouveau'')'),
  ('organizations', 'update', 'update public.organizations set name_en = name_en || ''!'' where id = {org}'),
  ('organizations', 'delete', 'delete from public.organizations where id = {org}'),

  ('memberships', 'select', 'select count(*) from public.memberships where organization_id = {org}'),
  ('memberships', 'insert', 'insert into public.memberships (organization_id, user_id, role) values ({org}, {fresh}, ''viewer'')'),
  ('memberships', 'update', 'update public.memberships set role = ''reviewer'' where id = {row}'),
  ('memberships', 'delete', 'delete from public.memberships where id = {row}'),

  ('profiles', 'select', 'select count(*) from public.profiles where id = {row}'),
  ('profiles', 'insert', 'insert into public.profiles (id, display_name) values ({fresh}, ''Fresh'')'),
  ('profiles', 'update', 'update public.profiles set display_name = ''Renamed'' where id = {row}'),
  ('profiles', 'delete', 'delete from public.profiles where id = {row}'),

  ('job_descriptions', 'select', 'select count(*) from public.job_descriptions where id = {doc}'),
  ('job_descriptions', 'insert', 'insert into public.job_descriptions (organization_id, title_en, classification) values ({org}, ''Matrix'', ''AS-02'')'),
  ('job_descriptions', 'update', 'update public.job_descriptions set title_en = title_en || ''!'' where id = {doc}'),
  ('job_descriptions', 'delete', 'delete from public.job_descriptions where id = {doc}'),

  ('doc_updates', 'select', 'select count(*) from public.doc_updates where document_id = {doc}'),
  ('doc_updates', 'insert', 'insert into public.doc_updates (document_id, seq, update) values ({doc}, 1000, ''\x01'')'),
  ('doc_updates', 'update', 'update public.doc_updates set update = ''\x02'' where id = {row}'),
  ('doc_updates', 'delete', 'delete from public.doc_updates where id = {row}'),

  ('doc_snapshots', 'select', 'select count(*) from public.doc_snapshots where document_id = {doc}'),
  ('doc_snapshots', 'insert', 'insert into public.doc_snapshots (document_id, state, state_vector, last_seq) values ({doc2}, ''\x00'', ''\x00'', 0)'),
  ('doc_snapshots', 'update', 'update public.doc_snapshots set last_seq = 7 where document_id = {doc}'),
  ('doc_snapshots', 'delete', 'delete from public.doc_snapshots where document_id = {doc}'),

  ('document_sections', 'select', 'select count(*) from public.document_sections where document_id = {doc}'),
  ('document_sections', 'insert', 'insert into public.document_sections (document_id, lang, section_id, kind, position, heading, body) values ({doc}, ''en'', ''matrix'', ''note'', 9, ''H'', ''B'')'),
  ('document_sections', 'update', 'update public.document_sections set body = body || ''!'' where document_id = {doc} and lang = ''en'' and section_id = ''skill'''),
  ('document_sections', 'delete', 'delete from public.document_sections where document_id = {doc} and lang = ''en'' and section_id = ''skill'''),

  ('document_versions', 'select', 'select count(*) from public.document_versions where document_id = {doc}'),
  ('document_versions', 'insert', 'insert into public.document_versions (document_id, name) values ({doc}, ''Matrix'')'),
  ('document_versions', 'update', 'update public.document_versions set name = ''Renamed'' where id = {row}'),
  ('document_versions', 'delete', 'delete from public.document_versions where id = {row}'),

  ('comments', 'select', 'select count(*) from public.comments where document_id = {doc}'),
  ('comments', 'insert', 'insert into public.comments (document_id, body) values ({doc}, ''Matrix'')'),
  ('comments', 'update', 'update public.comments set resolved_at = now(), resolved_by = auth.uid() where id = {row}'),
  ('comments', 'delete', 'delete from public.comments where id = {row}'),

  ('tm_segments', 'select', 'select count(*) from public.tm_segments where organization_id = {org}'),
  ('tm_segments', 'insert', 'insert into public.tm_segments (organization_id, source_lang, target_lang, source_text, target_text) values ({org}, ''en'', ''fr'', ''A new sentence.'', ''Une nouvelle phrase.'')'),
  ('tm_segments', 'update', 'update public.tm_segments set quality = 50 where id = {row}'),
  ('tm_segments', 'delete', 'delete from public.tm_segments where id = {row}'),

  ('glossary_terms', 'select', 'select count(*) from public.glossary_terms where organization_id = {org}'),
  ('glossary_terms', 'insert', 'insert into public.glossary_terms (organization_id, term_en, term_fr, status) values ({org}, ''new term'', ''nouveau terme'', ''approved'')'),
  ('glossary_terms', 'update', 'update public.glossary_terms set notes = ''Matrix'' where id = {row}'),
  ('glossary_terms', 'delete', 'delete from public.glossary_terms where id = {row}'),

  ('tm_import_rows', 'select', 'select count(*) from public.tm_import_rows where organization_id = {org}'),
  ('tm_import_rows', 'insert', 'insert into public.tm_import_rows (session_id, organization_id, line, source_lang, target_lang, source_text, target_text) values (gen_random_uuid(), {org}, 1, ''en'', ''fr'', ''A sentence.'', ''Une phrase.'')'),
  ('tm_import_rows', 'update', 'update public.tm_import_rows set line = 2 where id = {row}'),
  ('tm_import_rows', 'delete', 'delete from public.tm_import_rows where id = {row}'),

  ('alignments', 'select', 'select count(*) from public.alignments where organization_id = {org}'),
  ('alignments', 'insert', 'insert into public.alignments (organization_id, source_lang, target_lang, source_name) values ({org}, ''en'', ''fr'', ''new.docx'')'),
  ('alignments', 'update', 'update public.alignments set status = ''confirmed'' where id = {row}'),
  ('alignments', 'delete', 'delete from public.alignments where id = {row}'),

  ('alignment_pairs', 'select', 'select count(*) from public.alignment_pairs where organization_id = {org}'),
  ('alignment_pairs', 'insert', 'insert into public.alignment_pairs (alignment_id, position, source_text, target_text) values ({alignments}, 99, ''A.'', ''B.'')'),
  ('alignment_pairs', 'update', 'update public.alignment_pairs set score = 0.5 where id = {row}'),
  ('alignment_pairs', 'delete', 'delete from public.alignment_pairs where id = {row}'),

  ('ai_requests', 'select', 'select count(*) from public.ai_requests where organization_id = {org}'),
  ('ai_requests', 'insert', 'insert into public.ai_requests (organization_id, function, provider, outcome) values ({org}, ''ai-assist'', ''offline'', ''success'')'),
  ('ai_requests', 'update', 'update public.ai_requests set tokens_in = 1 where id = {row}'),
  ('ai_requests', 'delete', 'delete from public.ai_requests where id = {row}'),

  ('compliance_findings', 'select', 'select count(*) from public.compliance_findings where document_id = {doc}'),
  ('compliance_findings', 'insert', 'insert into public.compliance_findings (document_id, rule_id, severity, message_en, message_fr) values ({doc}, ''matrix.new'', ''info'', ''M'', ''M'')'),
  ('compliance_findings', 'update', 'update public.compliance_findings set status = ''dismissed'' where id = {row}'),
  ('compliance_findings', 'delete', 'delete from public.compliance_findings where id = {row}'),

  ('approvals', 'select', 'select count(*) from public.approvals where document_id = {doc2}'),
  ('approvals', 'insert', 'insert into public.approvals (document_id) values ({doc})'),
  ('approvals', 'update', 'update public.approvals set decision = ''approved'', comment = ''OK'' where id = {row}'),
  ('approvals', 'delete', 'delete from public.approvals where id = {row}'),

  ('notifications', 'select', 'select count(*) from public.notifications where id = {row}'),
  ('notifications', 'insert', 'insert into public.notifications (recipient_id, organization_id, kind, document_id, approval_id) values (auth.uid(), {org}, ''submission'', {doc2}, {approvals})'),
  ('notifications', 'update', 'update public.notifications set read_at = now() where id = {row}'),
  ('notifications', 'delete', 'delete from public.notifications where id = {row}'),

  ('audit_log', 'select', 'select count(*) from public.audit_log where organization_id = {org}'),
  -- Insert is an upsert: the organization already has its row (one per organization).
  ('ai_settings', 'select', 'select count(*) from public.ai_settings where organization_id = {org}'),
  ('ai_settings', 'insert', 'insert into public.ai_settings (organization_id, monthly_budget_usd) values ({org}, 5) on conflict (organization_id) do update set monthly_budget_usd = 5'),
  ('ai_settings', 'update', 'update public.ai_settings set monthly_budget_usd = 20 where organization_id = {row}'),
  ('ai_settings', 'delete', 'delete from public.ai_settings where organization_id = {row}'),

  ('audit_log', 'insert', 'insert into public.audit_log (organization_id, table_name, action) values ({org}, ''x'', ''INSERT'')'),
  ('audit_log', 'update', 'update public.audit_log set table_name = ''x'' where organization_id = {org}'),
  ('audit_log', 'delete', 'delete from public.audit_log where organization_id = {org}');

-- Who may, on rows of their own organization ('*' = every membership role).
create table tests.allowed (tbl text, op text, roles text[], primary key (tbl, op));
insert into tests.allowed values
  ('organizations', 'select', '{*}'), ('organizations', 'insert', '{}'), ('organizations', 'update', '{admin}'), ('organizations', 'delete', '{}'),
  ('memberships', 'select', '{*}'), ('memberships', 'insert', '{admin}'), ('memberships', 'update', '{admin}'), ('memberships', 'delete', '{admin}'),
  ('profiles', 'select', '{*}'), ('profiles', 'insert', '{}'), ('profiles', 'update', '{}'), ('profiles', 'delete', '{}'),
  ('job_descriptions', 'select', '{*}'), ('job_descriptions', 'insert', '{editor,translator,admin}'),
  ('job_descriptions', 'update', '{editor,translator,admin}'), ('job_descriptions', 'delete', '{admin}'),
  ('doc_updates', 'select', '{*}'), ('doc_updates', 'insert', '{}'), ('doc_updates', 'update', '{}'), ('doc_updates', 'delete', '{}'),
  ('doc_snapshots', 'select', '{*}'), ('doc_snapshots', 'insert', '{}'), ('doc_snapshots', 'update', '{}'), ('doc_snapshots', 'delete', '{}'),
  ('document_sections', 'select', '{*}'), ('document_sections', 'insert', '{}'), ('document_sections', 'update', '{}'), ('document_sections', 'delete', '{}'),
  ('document_versions', 'select', '{*}'), ('document_versions', 'insert', '{editor,translator,admin}'),
  ('document_versions', 'update', '{}'), ('document_versions', 'delete', '{}'),
  ('comments', 'select', '{*}'), ('comments', 'insert', '{editor,translator,reviewer,admin}'),
  ('comments', 'update', '{reviewer,admin}'), ('comments', 'delete', '{editor,admin}'), -- editor: the author
  ('tm_segments', 'select', '{*}'), ('tm_segments', 'insert', '{editor,translator,admin}'),
  ('tm_segments', 'update', '{editor,translator,admin}'), ('tm_segments', 'delete', '{editor,translator,admin}'),
  ('glossary_terms', 'select', '{*}'), ('glossary_terms', 'insert', '{admin}'), ('glossary_terms', 'update', '{admin}'), ('glossary_terms', 'delete', '{admin}'),
  -- Staged imports: only the admin who staged them (here ESDC's admin); nobody changes one.
  ('tm_import_rows', 'select', '{admin}'), ('tm_import_rows', 'insert', '{admin}'), ('tm_import_rows', 'update', '{}'), ('tm_import_rows', 'delete', '{admin}'),
  ('alignments', 'select', '{*}'), ('alignments', 'insert', '{editor,translator,admin}'),
  ('alignments', 'update', '{editor,translator,admin}'), ('alignments', 'delete', '{editor,translator,admin}'),
  ('alignment_pairs', 'select', '{*}'), ('alignment_pairs', 'insert', '{editor,translator,admin}'),
  ('alignment_pairs', 'update', '{editor,translator,admin}'), ('alignment_pairs', 'delete', '{editor,translator,admin}'),
  ('ai_requests', 'select', '{editor,admin}'), -- editor: their own request
  ('ai_requests', 'insert', '{*}'), ('ai_requests', 'update', '{}'), ('ai_requests', 'delete', '{}'),
  ('compliance_findings', 'select', '{*}'), ('compliance_findings', 'insert', '{editor,translator,admin}'),
  ('compliance_findings', 'update', '{editor,translator,reviewer,admin}'), ('compliance_findings', 'delete', '{editor,translator,admin}'),
  ('approvals', 'select', '{*}'), ('approvals', 'insert', '{editor,translator,admin}'),
  ('approvals', 'update', '{reviewer,admin}'), ('approvals', 'delete', '{}'),
  ('ai_settings', 'select', '{*}'), ('ai_settings', 'insert', '{admin}'), ('ai_settings', 'update', '{admin}'), ('ai_settings', 'delete', '{}'),
  -- Notifications: their recipient only (the fixture's is the reviewer); written by triggers alone.
  ('notifications', 'select', '{reviewer}'), ('notifications', 'insert', '{}'), ('notifications', 'update', '{reviewer}'), ('notifications', 'delete', '{}'),
  ('audit_log', 'select', '{admin}'), ('audit_log', 'insert', '{}'), ('audit_log', 'update', '{}'), ('audit_log', 'delete', '{}');

create table tests.actors (actor text primary key, user_id uuid);
insert into tests.actors values
  ('viewer', 'e5dc0000-0000-4000-a000-000000000101'), ('editor', 'e5dc0000-0000-4000-a000-000000000102'),
  ('translator', 'e5dc0000-0000-4000-a000-000000000103'), ('reviewer', 'e5dc0000-0000-4000-a000-000000000104'),
  ('admin', 'e5dc0000-0000-4000-a000-000000000105'), ('anon', null);

-- Cases: each member role on both sides; anon on ESDC's rows.
create table tests.cases as
select a.actor, o.tbl, o.op, s.side,
       case
         when a.actor = 'anon' then 'refused'
         when s.side = 'B' then 'refused'
         when '*' = any (w.roles) or a.actor = any (w.roles) then 'allowed'
         else 'refused'
       end as expected
  from tests.actors a
 cross join tests.ops o
 join tests.allowed w using (tbl, op)
 cross join (values ('A'), ('B')) s (side)
 where a.actor <> 'anon' or s.side = 'A';

-- Every table of the schema is in the matrix (a new table must be added here).
select plan((select count(*)::int from tests.cases) + 2);

select set_eq(
  $$select distinct tbl from tests.ops$$,
  $$select tablename::text from pg_tables where schemaname = 'public' and tablename <> 'classification_groups'$$,
  'the matrix covers every table of the public schema (classification_groups is tested on its own)'
);
select is((select count(*)::int from tests.allowed), (select count(*)::int from tests.ops), 'every operation has an expectation');

-- Runs one case as the actor inside a subtransaction, rolled back whatever happened.
create function tests.run(actor_name text, tbl text, op text, side text) returns text
language plpgsql as $$
declare
  statement text;
  fixture record;
  affected bigint;
  uid uuid;
begin
  select o.sql into statement from tests.ops o where o.tbl = run.tbl and o.op = run.op;
  for fixture in select f.key, f.val from tests.fx f where f.side = run.side loop
    statement := replace(statement, '{' || fixture.key || '}', quote_literal(fixture.val));
  end loop;
  select f.val into fixture from tests.fx f where f.side = run.side and f.key = run.tbl;
  if found then
    statement := replace(statement, '{row}', quote_literal(fixture.val));
  end if;
  if statement ~ '\{[a-z_0-9]+\}' then
    return 'unresolved placeholder: ' || statement;
  end if;
  select a.user_id into uid from tests.actors a where a.actor = actor_name;
  begin
    if actor_name = 'anon' then
      perform set_config('role', 'anon', true), set_config('request.jwt.claims', '{"role":"anon"}', true);
    else
      perform set_config('role', 'authenticated', true),
              set_config('request.jwt.claims', json_build_object('sub', uid, 'role', 'authenticated')::text, true);
    end if;
    if op = 'select' then
      execute statement into affected;
    else
      execute statement;
      get diagnostics affected = row_count;
    end if;
    raise exception using errcode = 'P0999', message = affected::text;
  exception
    when sqlstate 'P0999' then
      return sqlerrm;
    when insufficient_privilege then
      return '42501';
    when others then
      return 'error ' || sqlstate || ': ' || sqlerrm;
  end;
end
$$;

create function tests.matrix() returns setof text
language plpgsql as $$
declare
  c record;
  outcome text;
  passed boolean;
begin
  for c in select * from tests.cases order by tbl, op, side, actor loop
    outcome := tests.run(c.actor, c.tbl, c.op, c.side);
    passed := case
      when c.expected = 'allowed' and c.op = 'select' then outcome ~ '^[0-9]+$' and outcome::bigint > 0
      when c.expected = 'allowed' then outcome = '1'
      when c.actor = 'anon' then outcome = '42501'
      when c.op = 'select' then outcome = '0'
      when c.op = 'insert' then outcome = '42501'
      else outcome in ('0', '42501')
    end;
    return next ok(passed, format('%s %s %s on %s rows: %s (got %s)', c.actor, c.op, c.tbl,
                                  case c.side when 'A' then 'own organization''s' else 'another organization''s' end,
                                  c.expected, outcome));
  end loop;
end
$$;

select * from tests.matrix();

select * from finish();
rollback;
