-- Legacy import (issue 14 item 5): import_job_description creates the document, its sections and
-- the alignment of the pair in one call, as the caller; the sections helper writes only into a
-- document the caller has just created; alignment_pairs accepts the aligner's 3-1 and 1-3 beads.
begin;
select plan(14);

grant usage on schema tests to anon, authenticated, service_role;
grant execute on all functions in schema tests to authenticated;

create temporary table imported (answer jsonb);
grant all on imported to authenticated;

select tests.login('editor');
select lives_ok(
  $$insert into imported
    select public.import_job_description(
      'e5dc0000-0000-4000-a000-000000000001',
      '{"title_en": "Program Officer", "title_fr": "Agente ou agent de programme", "classification": "PM-04", "noc_code": "41409"}',
      '[{"lang": "en", "section_id": "skill", "kind": "skill", "position": 0, "heading": "Skill", "body": "Knows the Act.\nWrites reports."},
        {"lang": "fr", "section_id": "skill", "kind": "skill", "position": 0, "heading": "Compétences", "body": "Connaît la Loi.\nRédige des rapports."}]',
      '[{"en": "Skill", "fr": "Compétences", "bead": "1-1", "score": 0.99},
        {"en": "Knows the Act. Writes reports. Signs them.", "fr": "Connaît la Loi.", "bead": "3-1", "score": 0.4}]',
      'old-en.docx', 'old-fr.docx')$$,
  'an editor imports a pair');
select is((select (answer ->> 'sections')::integer from imported), 1, 'the answer counts the sections of one language');
reset role;

select results_eq(
  $$select title_en, classification, organization_id::text, created_by::text from public.job_descriptions where id = (select (answer ->> 'document')::uuid from imported)$$,
  $$values ('Program Officer'::text, 'PM-04'::text, 'e5dc0000-0000-4000-a000-000000000001'::text, 'e5dc0000-0000-4000-a000-000000000102'::text)$$,
  'the document is the editor''s, in their organization, with its identification');
select results_eq(
  $$select lang, heading, body from public.document_sections where document_id = (select (answer ->> 'document')::uuid from imported) order by lang$$,
  $$values ('en'::text, 'Skill'::text, E'Knows the Act.\nWrites reports.'::text), ('fr', 'Compétences', E'Connaît la Loi.\nRédige des rapports.')$$,
  'its sections are stored, for the sync server to seed its Y.Doc from');
select results_eq(
  $$select a.source_document_id = a.target_document_id and a.source_document_id = (select (answer ->> 'document')::uuid from imported), a.source_name, count(p.id)::integer
      from public.alignments a join public.alignment_pairs p on p.alignment_id = a.id
     where a.id = (select (answer ->> 'alignment')::uuid from imported) group by a.id$$,
  $$values (true, 'old-en.docx'::text, 2)$$,
  'the alignment points at the new document and holds the pairs, a 3-1 bead included');

-- Who may import ----------------------------------------------------------------------------------

select tests.login('viewer');
select throws_ok(
  $$select public.import_job_description('e5dc0000-0000-4000-a000-000000000001', '{}', '[]', '[]')$$,
  '42501', null, 'a viewer may not import');
select tests.login('tc_editor');
select throws_ok(
  $$select public.import_job_description('e5dc0000-0000-4000-a000-000000000001', '{}', '[]', '[]')$$,
  '42501', null, 'an editor of another department may not import into ESDC');

-- The sections helper cannot write into any other document -------------------------------------

select tests.login('editor');
select throws_ok(
  $$select private.seed_imported_sections('e5dc0000-0000-4000-a000-00000000d001',
      '[{"lang": "en", "section_id": "skill", "kind": "skill", "position": 0, "heading": "Injected", "body": "x"}]')$$,
  '42501', null, 'not into an existing document, even of the caller''s organization');
select tests.login('tc_editor');
select throws_ok(
  $$select private.seed_imported_sections((select (answer ->> 'document')::uuid from imported),
      '[{"lang": "en", "section_id": "skill2", "kind": "skill", "position": 1, "heading": "Injected", "body": "x"}]')$$,
  '42501', null, 'not into a new document someone else created');
select throws_ok(
  $$insert into public.document_sections (document_id, lang, section_id, kind, position, heading, body)
    values ((select (answer ->> 'document')::uuid from imported), 'en', 'x', 'custom', 9, 'x', 'x')$$,
  '42501', null, 'document_sections stays closed to direct writes');

-- Arguments ---------------------------------------------------------------------------------------

select tests.login('editor');
select throws_ok(
  $$select public.import_job_description('e5dc0000-0000-4000-a000-000000000001', '{"status": "approved"}', '[]', '[]')$$,
  '22023', 'identification may hold only title_en, title_fr, classification, noc_code, language_profile and position_number',
  'identification cannot set the workflow status');
select throws_ok(
  $$select public.import_job_description('e5dc0000-0000-4000-a000-000000000001', '{}', '{}', '[]')$$,
  '22023', 'sections must be a JSON array', 'sections must be an array');
select throws_ok(
  $$select public.import_job_description('e5dc0000-0000-4000-a000-000000000001', '{}',
      '[{"lang": "en", "section_id": "Bad Id", "kind": "skill", "position": 0}]', '[]')$$,
  '22023', 'each section needs a section_id (lower-case letters, digits, hyphens)', 'a section id is checked');
reset role;

select throws_ok(
  $$insert into public.alignment_pairs (alignment_id, position, source_text, target_text, bead)
    values ((select (answer ->> 'alignment')::uuid from imported), 99, 'a', 'b', '0-0')$$,
  '23514', null, 'a bead has a sentence on at least one side');

select * from finish();
rollback;
