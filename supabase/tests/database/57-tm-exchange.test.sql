-- TMX and TBX import RPCs (issue 13, item 6): tm_import_stage / tm_import_commit (all or
-- nothing: the memory changes only at commit, in one statement) and glossary_import; only admins
-- of the organization; texts checked with the line of the file; duplicates update.
begin;
select plan(20);

-- ESDC = e5dc0000-0000-4000-a000-000000000001, TC = 7c000000-0000-4000-a000-000000000002

-- Refusals --------------------------------------------------------------------------------------
select tests.login('translator');
select throws_ok(
  $$select public.tm_import_stage('e5dc0000-0000-4000-a000-000000000001', gen_random_uuid(), '[]')$$,
  '42501', 'only an admin of organization e5dc0000-0000-4000-a000-000000000001 can import a translation memory',
  'a translator cannot stage an import');
select throws_ok(
  $$select * from public.tm_import_commit('e5dc0000-0000-4000-a000-000000000001', gen_random_uuid())$$,
  '42501', null, 'a translator cannot commit one');
select throws_ok(
  $$select * from public.glossary_import('e5dc0000-0000-4000-a000-000000000001', '[]')$$,
  '42501', 'only an admin of organization e5dc0000-0000-4000-a000-000000000001 can import a glossary',
  'a translator cannot import a glossary');

select tests.login('admin');
select throws_ok(
  $$select public.tm_import_stage('7c000000-0000-4000-a000-000000000002', gen_random_uuid(), '[]')$$,
  '42501', null, 'an admin of ESDC cannot import into TC');
select throws_ok(
  $$select public.tm_import_stage('e5dc0000-0000-4000-a000-000000000001', gen_random_uuid(),
      '[{"line": 12, "source_lang": "en", "target_lang": "fr", "source_text": " ", "target_text": "Un"}]')$$,
  '22023', 'line 12: source_text must not be empty', 'an empty text is refused with its line');
select throws_ok(
  format($$select public.tm_import_stage('e5dc0000-0000-4000-a000-000000000001', gen_random_uuid(),
      '[{"line": 3, "source_lang": "en", "target_lang": "fr", "source_text": "%s", "target_text": "Un"}]')$$, repeat('w ', 201)),
  '22023', 'line 3: source_text must be at most 200 words (got 201)', 'the word limit applies, with the line');
select throws_ok(
  $$select public.tm_import_stage('e5dc0000-0000-4000-a000-000000000001', gen_random_uuid(),
      '[{"line": 4, "source_lang": "en", "target_lang": "de", "source_text": "One", "target_text": "Eins"}]')$$,
  '22023', null, 'only English and French');
select throws_ok(
  $$select public.tm_import_stage('e5dc0000-0000-4000-a000-000000000001', gen_random_uuid(), '{"line": 1}')$$,
  '22023', 'segments must be a JSON array', 'segments must be an array');

-- Staging changes nothing; commit writes everything --------------------------------------------
create temp table import_session as select gen_random_uuid() as id;
grant select on import_session to authenticated;
select is(public.tm_import_stage('e5dc0000-0000-4000-a000-000000000001', (select id from import_session),
  '[{"line": 5, "source_lang": "en", "target_lang": "fr", "source_text": "The  <ph x=\"1\"></ph> clerk files.", "target_text": "Le commis classe.", "props": [{"type": "x-a", "value": "1"}]},
    {"line": 6, "source_lang": "fr", "target_lang": "en", "source_text": "Le chef approuve.", "target_text": "The chief approves."},
    {"line": 7, "source_lang": "fr", "target_lang": "en", "source_text": "Le chef approuve.", "target_text": "The chief approves."}]'),
  3, 'a batch is staged');
select is_empty($$select 1 from public.tm_segments where source_text in ('Le chef approuve.', 'The  <ph x="1"></ph> clerk files.')$$,
  'staging does not touch the memory');
select is((select count(*)::int from public.tm_import_rows), 3, 'the admin sees their staged rows');

select tests.login('tc_editor');
select is((select count(*)::int from public.tm_import_rows), 0, 'nobody else sees them');

select tests.login('admin');
select results_eq($$select * from public.tm_import_commit('e5dc0000-0000-4000-a000-000000000001', (select id from import_session))$$,
  $$values (2, 1)$$, 'commit: two new pairs, the repeated one counts as updated');
select results_eq(
  $$select source_text, usage_count, provenance, tmx_props from public.tm_segments
     where organization_id = 'e5dc0000-0000-4000-a000-000000000001' and provenance = 'import' order by source_text$$,
  $$values ('Le chef approuve.'::text, 1, 'import'::text, null::jsonb),
           ('The  <ph x="1"></ph> clerk files.', 0, 'import', '[{"type": "x-a", "value": "1"}]'::jsonb)$$,
  'the pairs are in the memory as they were sent (whitespace, inline markup, props), the repeat counted as a use');
select is((select count(*)::int from public.tm_import_rows), 0, 'commit empties the stage');

-- The same pair again only updates.
select tests.login('admin');
select public.tm_import_stage('e5dc0000-0000-4000-a000-000000000001', (select id from import_session),
  '[{"line": 1, "source_lang": "fr", "target_lang": "en", "source_text": "Le chef approuve.", "target_text": "The chief approves."}]');
select results_eq($$select * from public.tm_import_commit('e5dc0000-0000-4000-a000-000000000001', (select id from import_session))$$,
  $$values (0, 1)$$, 'a pair already in the memory counts as updated');
select is((select usage_count from public.tm_segments where source_text = 'Le chef approuve.' and organization_id = 'e5dc0000-0000-4000-a000-000000000001'),
  2, 'and adds to its usage');

-- Glossary ------------------------------------------------------------------------------------------
select results_eq(
  $$select * from public.glossary_import('e5dc0000-0000-4000-a000-000000000001',
     '[{"line": 4, "term_en": "staffing plan", "term_fr": "plan de dotation", "status": "approved", "domain": "HR"},
       {"line": 9, "term_en": "staffing plan", "term_fr": "plan d''effectifs", "status": "forbidden"}]')$$,
  $$values (2, 0)$$, 'glossary_import adds approved and forbidden terms');
select results_eq(
  $$select term_fr, status, source from public.glossary_terms where term_en = 'staffing plan' order by term_fr$$,
  $$values ('plan d''effectifs'::text, 'forbidden'::text, 'TBX import'::text), ('plan de dotation', 'approved', 'TBX import')$$,
  'with their status and where they came from');
select throws_ok(
  $$select * from public.glossary_import('e5dc0000-0000-4000-a000-000000000001',
     '[{"line": 2, "term_en": "a", "term_fr": "b", "status": "approved"}, {"line": 8, "term_en": "c", "term_fr": "d", "status": "pending"}]')$$,
  '22023', 'line 8: status must be approved or forbidden (got pending)', 'an invalid entry refuses the whole file, naming its line');

select * from finish();
rollback;
