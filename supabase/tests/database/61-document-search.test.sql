-- Create and find (issue 17 item 4): search_documents ranks both languages' sections and the
-- identification fields, highlights a snippet with private-use markers (never HTML), filters by
-- status, classification and author, pages, and never shows another department's documents;
-- waiting_for_me lists open reviews and submissions sent back; create_job_description makes a
-- blank draft or clones a document of the same department.
begin;
select plan(35);

grant usage on schema tests to anon, authenticated, service_role;
grant execute on all functions in schema tests to anon, authenticated, service_role;
create table tests.ids (name text primary key, id uuid);
grant all on tests.ids to anon, authenticated, service_role;

-- A second ESDC document that mentions the phrase's words once, and a body with markup.
insert into public.job_descriptions (id, organization_id, title_en, title_fr, classification, status, created_by) values
  ('e5dc0000-0000-4000-a000-00000000d0f1', 'e5dc0000-0000-4000-a000-000000000001', 'Clerk', 'Commis', 'CR-04', 'draft',
   'e5dc0000-0000-4000-a000-000000000105');
insert into public.document_sections (document_id, lang, section_id, kind, position, heading, body) values
  ('e5dc0000-0000-4000-a000-00000000d0f1', 'fr', 'skill', 'skill', 0, 'Compétences',
   'Classe les dossiers des projets. Les factures sont financés. <script>alert(1)</script> avancement'),
  ('e5dc0000-0000-4000-a000-00000000d0f1', 'en', 'skill', 'skill', 0, 'Skill', 'Files <img src=x onerror=alert(1)> records.');

-- search_documents ---------------------------------------------------------------------------------

select tests.login('editor');
select is(
  (select id from public.search_documents('surveille l''avancement des projets financés') limit 1),
  'e5dc0000-0000-4000-a000-00000000d001'::uuid,
  'a phrase of a seeded French section finds its document first');
select is(
  (select snippet_lang || '/' || snippet_section_id from public.search_documents('surveille l''avancement des projets financés') limit 1),
  'fr/key-activities', 'the snippet comes from the French section that holds the phrase');
select ok(
  (select snippet like '%' || chr(57344) || 'Surveille' || chr(57345) || '%' || chr(57344) || 'projets' || chr(57345) || '%'
     from public.search_documents('surveille l''avancement des projets financés') limit 1),
  'the snippet marks the matched words between U+E000 and U+E001');
select ok(
  (select r1.rank > r2.rank
     from (select rank from public.search_documents('projets financés avancement') where id = 'e5dc0000-0000-4000-a000-00000000d001') r1,
          (select rank from public.search_documents('projets financés avancement') where id = 'e5dc0000-0000-4000-a000-00000000d0f1') r2),
  'the document with more and closer matches ranks above one that mentions the words once');
select is(
  (select array_agg(id order by rank desc) from public.search_documents('projets financés avancement')),
  array['e5dc0000-0000-4000-a000-00000000d001', 'e5dc0000-0000-4000-a000-00000000d0f1']::uuid[],
  'results come in rank order');
select is(
  (select snippet from public.search_documents('files records') where id = 'e5dc0000-0000-4000-a000-00000000d0f1'),
  chr(57344) || 'Files' || chr(57345) || ' <img src=x onerror=alert(1)> ' || chr(57344) || 'records' || chr(57345),
  'the snippet is plain text with only the markers added: markup in a body stays text for the element to render as text');
select is(
  (select id from public.search_documents('monitors the progress of funded projects') limit 1),
  'e5dc0000-0000-4000-a000-00000000d001'::uuid, 'an English phrase finds its document (english configuration)');
select is(
  (select snippet_lang from public.search_documents('monitors the progress of funded projects') limit 1),
  'en', 'with an English snippet');
select is(
  (select id from public.search_documents('PM-04')), 'e5dc0000-0000-4000-a000-00000000d001'::uuid,
  'the classification is searched (identification fields)');
select is(
  (select id from public.search_documents('subventions contributions') order by rank desc limit 1),
  'e5dc0000-0000-4000-a000-00000000d001'::uuid, 'the French title is searched');
select is(
  (select total_count from public.search_documents('projets', max_results => 1) limit 1), 2::bigint,
  'total_count counts every match, not only the page');
select is(
  (select id from public.search_documents('projets', max_results => 1, skip => 1)),
  'e5dc0000-0000-4000-a000-00000000d0f1'::uuid, 'skip pages through the ranked results');

-- Filters
select is_empty($$select * from public.search_documents('projets', status_filter => 'approved')$$, 'status filter');
select is(
  (select array_agg(id) from public.search_documents('projets', classification_filter => 'PM')),
  array['e5dc0000-0000-4000-a000-00000000d001']::uuid[], 'classification group filter');
select is(
  (select array_agg(id) from public.search_documents('projets', classification_filter => 'CR-04')),
  array['e5dc0000-0000-4000-a000-00000000d0f1']::uuid[], 'classification group and level filter');
select is(
  (select array_agg(id) from public.search_documents('projets', author_filter => 'e5dc0000-0000-4000-a000-000000000105')),
  array['e5dc0000-0000-4000-a000-00000000d0f1']::uuid[], 'author filter');
select is(
  (select count(*) from public.search_documents(null, status_filter => 'draft')), 2::bigint,
  'without words: the filtered list of the caller''s department');
select throws_ok($$select * from public.search_documents('x', classification_filter => 'pm 4')$$, '22023', null,
  'a malformed classification filter is refused with a clear error');
select throws_ok($$select * from public.search_documents('x', status_filter => 'done')$$, '22023', null,
  'an unknown status is refused');

-- Another department never appears
select is_empty($$select * from public.search_documents('civil aviation safety inspector')$$,
  'ESDC editor: Transport Canada''s document is never found');
select tests.login('tc_editor');
select is_empty($$select * from public.search_documents('surveille l''avancement des projets financés')$$,
  'TC editor: ESDC''s documents never appear');
select is(
  (select id from public.search_documents('inspecteur aviation civile') limit 1),
  '7c000000-0000-4000-a000-00000000d001'::uuid, 'TC editor finds their own department''s document');
select tests.login('stranger');
select is_empty($$select * from public.search_documents('projets')$$, 'a user of no department finds nothing');
reset role;

-- waiting_for_me ------------------------------------------------------------------------------------

select tests.login('editor');
select lives_ok($$select public.submit_for_review('e5dc0000-0000-4000-a000-00000000d001', 'please review')$$, 'the editor submits');
select is_empty($$select * from public.waiting_for_me() where id = 'e5dc0000-0000-4000-a000-00000000d001'$$,
  'my own submission is not waiting for me');
select tests.login('reviewer');
select results_eq(
  $$select reason, note from public.waiting_for_me() where id = 'e5dc0000-0000-4000-a000-00000000d001'$$,
  $$values ('review'::text, 'please review'::text)$$, 'the reviewer sees the open review');
select lives_ok($$select public.decide_approval('e5dc0000-0000-4000-a000-00000000d001', 'changes_requested', 'add the budget')$$,
  'the reviewer requests changes');
select tests.login('editor');
select results_eq(
  $$select reason, note from public.waiting_for_me() where id = 'e5dc0000-0000-4000-a000-00000000d001'$$,
  $$values ('changes_requested'::text, 'add the budget'::text)$$, 'the author sees the changes requested, with the reason');
select tests.login('tc_editor');
select is_empty($$select * from public.waiting_for_me()$$, 'another department sees none of it');
reset role;

-- create_job_description ------------------------------------------------------------------------------

select tests.login('editor');
insert into tests.ids values ('clone', public.create_job_description('e5dc0000-0000-4000-a000-000000000001', 'clone',
  'e5dc0000-0000-4000-a000-00000000d001', '{"title_en": "Program Officer (copy)"}'));
reset role;
select results_eq(
  $$select jd.title_en, jd.title_fr, jd.classification, jd.status, jd.created_by, jd.position_number,
           (select count(*) from public.document_sections s where s.document_id = jd.id)
      from public.job_descriptions jd where jd.id = (select id from tests.ids where name = 'clone')$$,
  $$values ('Program Officer (copy)'::text, 'Agent de programme, subventions et contributions'::text, 'PM-04'::text, 'draft'::text,
            'e5dc0000-0000-4000-a000-000000000102'::uuid, null::text,
            (select count(*) from public.document_sections s where s.document_id = 'e5dc0000-0000-4000-a000-00000000d001'))$$,
  'a clone is a draft of the caller with the source''s identification (overridden, no position number) and every stored section');

select tests.login('editor');
insert into tests.ids values ('blank', public.create_job_description('e5dc0000-0000-4000-a000-000000000001', 'blank', null,
  '{"title_fr": "Nouvelle description"}'));
select ok(
  (select status = 'draft' and title_fr = 'Nouvelle description' and created_by = tests.uid('editor')
     and not exists (select 1 from public.document_sections s where s.document_id = jd.id)
     from public.job_descriptions jd where id = (select id from tests.ids where name = 'blank')),
  'a blank draft is created with its identification (its text is the TBS template when first opened)');
select throws_ok($$select public.create_job_description('e5dc0000-0000-4000-a000-000000000001', 'clone', '7c000000-0000-4000-a000-00000000d001')$$,
  '42501', null, 'cloning another department''s document is refused as if it did not exist');
select throws_ok($$select public.create_job_description('7c000000-0000-4000-a000-000000000002', 'blank')$$,
  '42501', null, 'creating in another department is refused');
select throws_ok($$select public.create_job_description('e5dc0000-0000-4000-a000-000000000001', 'copy')$$,
  '22023', 'kind must be blank or clone', 'an unknown kind is named');
select tests.login('viewer');
select throws_ok($$select public.create_job_description('e5dc0000-0000-4000-a000-000000000001', 'blank')$$,
  '42501', null, 'a viewer cannot create');
reset role;

select * from finish();
rollback;
