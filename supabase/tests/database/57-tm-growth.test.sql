-- Approved work becomes translation memory, once (issue #13, item 4): approving a review round
-- queues one harvest job with the approved sections; tm_harvest_complete records the pairs and
-- marks the job done in one go, never twice; usage_count counts documents, not approvals;
-- tm_confirm_pair records one pair for translators, editors and admins of the document only.
begin;
select plan(34);

-- ESDC's seeded document; the seed already holds its body sentences as segments (usage 0).
create temporary table doc as select 'e5dc0000-0000-4000-a000-00000000d001'::uuid as id;
grant select on doc to public;

select tests.login('editor');
select lives_ok($$select public.submit_for_review((select id from doc))$$, 'the editor submits the document');
reset role; select set_config('request.jwt.claims', '', true) as owner;
select is((select count(*)::integer from private.tm_harvest_jobs where document_id = (select id from doc)), 0,
  'submitting queues nothing');

select tests.login('reviewer');
select lives_ok($$select public.decide_approval((select id from doc), 'approved')$$, 'the reviewer approves it');
reset role; select set_config('request.jwt.claims', '', true) as owner;
select results_eq(
  $$select state, attempts, jsonb_array_length(sections), organization_id
      from private.tm_harvest_jobs where document_id = (select id from doc)$$,
  $$values ('pending'::text, 0, 12, 'e5dc0000-0000-4000-a000-000000000001'::uuid)$$,
  'approving queues one pending job holding the approved sections (6 sections x 2 languages)');
select ok((select approval_id = (select a.id from public.approvals a where a.document_id = (select id from doc) and a.decision = 'approved')
             from private.tm_harvest_jobs where document_id = (select id from doc)),
  'the job names the approved round');

-- Claiming: one worker gets the job, another finds nothing while the lease runs.
create temporary table claimed as select * from private.tm_harvest_claim(60);
select is((select count(*)::integer from claimed), 1, 'a worker claims the pending job');
select is((select attempts from claimed), 1, 'the claim counts an attempt');
select is_empty($$select * from private.tm_harvest_claim(60)$$, 'a claimed job is not claimed again within its lease');
select is((select count(*)::integer from private.tm_harvest_claim(0)), 1, 'after its lease the job can be claimed again');

-- Completing: a seeded pair (already in the memory), a new pair, a pair with the same words on
-- both sides, an over-long pair.
create temporary table known as select
  'Prepares briefing notes, correspondence and reports for senior management.'::text as en,
  'Prépare des notes d''information, de la correspondance et des rapports à l''intention de la haute direction.'::text as fr;
select is((select usage_count from public.tm_segments s, known k
            where s.organization_id = 'e5dc0000-0000-4000-a000-000000000001' and s.source_text = k.en and s.target_text = k.fr), 0,
  'before: the seed holds the pair once, unused');
select is(private.tm_harvest_complete((select job_id from claimed), jsonb_build_array(
    jsonb_build_object('section_id', 'key-activities', 'en', (select en from known), 'fr', (select fr from known)),
    jsonb_build_object('section_id', 'key-activities', 'en', 'Key Activities', 'fr', 'Activités principales'),
    jsonb_build_object('section_id', 'effort', 'en', 'Effort', 'fr', 'Effort'),
    jsonb_build_object('section_id', 'effort', 'en', repeat('word ', 300), 'fr', repeat('mot ', 300)))),
  2, 'completing records the two pairs worth keeping');
select is((select state from private.tm_harvest_jobs where id = (select job_id from claimed)), 'done', 'and marks the job done');
select results_eq(
  $$select count(*)::integer, min(usage_count), min(provenance), min(document_id::text)
      from public.tm_segments s, known k where s.source_text = k.en and s.target_text = k.fr$$,
  $$values (1, 1, 'document'::text, 'e5dc0000-0000-4000-a000-00000000d001'::text)$$,
  'a pair the memory holds is not added again: one more use, provenance the approved document');
select results_eq(
  $$select s.organization_id, s.usage_count, s.provenance, s.document_id, src.section_id, src.approval_id is not null, s.last_used_at = j.approved_at
      from public.tm_segments s
      join private.tm_segment_sources src on src.segment_id = s.id
      join private.tm_harvest_jobs j on j.id = (select job_id from claimed)
     where s.source_text = 'Key Activities' and s.target_text = 'Activités principales'$$,
  $$values ('e5dc0000-0000-4000-a000-000000000001'::uuid, 1, 'document'::text, 'e5dc0000-0000-4000-a000-00000000d001'::uuid,
            'key-activities'::text, true, true)$$,
  'a new pair: the organization''s, used once, with its document, section, approval and date');
select is_empty($$select 1 from public.tm_segments where source_text = 'Effort' and target_text = 'Effort'$$,
  'the same words on both sides are not memory');
select is(private.tm_harvest_complete((select job_id from claimed),
    jsonb_build_array(jsonb_build_object('section_id', 'x', 'en', 'Another sentence here.', 'fr', 'Une autre phrase ici.'))),
  null, 'completing a job that is done writes nothing');
select is_empty($$select 1 from public.tm_segments where source_text = 'Another sentence here.'$$, 'nothing at all');
select throws_ok($$select private.tm_harvest_complete((select job_id from claimed), '{}'::jsonb)$$, '22023',
  'pairs must be a JSON array of {section_id, en, fr}', 'pairs that are not an array are refused');

-- Re-approving the unchanged document: a second job, and no use counted twice.
update public.job_descriptions set status = 'draft' where id = (select id from doc);
select tests.login('translator');
select lives_ok($$select public.submit_for_review((select id from doc))$$, 'resubmitted');
select tests.login('admin');
select lives_ok($$select public.decide_approval((select id from doc), 'approved')$$, 'approved again');
reset role; select set_config('request.jwt.claims', '', true) as owner;
select is((select count(*)::integer from private.tm_harvest_jobs where document_id = (select id from doc)), 2, 'a second approval, a second job');
select is(private.tm_harvest_complete((select job_id from private.tm_harvest_claim(60)), jsonb_build_array(
    jsonb_build_object('section_id', 'key-activities', 'en', 'Key Activities', 'fr', 'Activités principales'),
    jsonb_build_object('section_id', 'key-activities', 'en', 'Key activities', 'fr', 'Activités principales.'))),
  2, 'the second job records its pairs');
select results_eq(
  $$select count(*)::integer, max(usage_count) from public.tm_segments
     where organization_id = 'e5dc0000-0000-4000-a000-000000000001' and target_text like 'Activités principales%'$$,
  $$values (1, 1)$$,
  'the same document again counts no new use, and the same words differently cased or punctuated are the same row');

-- Confirming a pair from the editor.
select tests.login('translator');
select results_eq(
  $$select usage_count, created, counted from public.tm_confirm_pair('Accountability framework', 'Cadre de responsabilisation', 'en', (select id from doc), 'skill')$$,
  $$values (1, true, true)$$, 'a translator confirms a new pair: one row, one use');
select results_eq(
  $$select usage_count, created, counted from public.tm_confirm_pair('Cadre de responsabilisation', 'Accountability framework', 'fr', (select id from doc), 'skill')$$,
  $$values (1, false, false)$$, 'the same pair from the French side is the same row, and the same document counts once');
select results_eq(
  $$select source_lang, target_lang, provenance, created_by from public.tm_segments where source_text = 'Accountability framework'$$,
  $$values ('en'::text, 'fr'::text, 'user'::text, 'e5dc0000-0000-4000-a000-000000000103'::uuid)$$,
  'stored English to French, as the translator''s');
select throws_ok($$select public.tm_confirm_pair('A', 'B', 'en', (select id from doc), 'no-such-section')$$, '22023',
  'section_id ''no-such-section'' is not a section of document e5dc0000-0000-4000-a000-00000000d001',
  'an unknown section is named');
select throws_ok($$select public.tm_confirm_pair(repeat('a ', 1001), 'B', 'en', (select id from doc), 'skill')$$, '22023',
  null, 'an over-long source text is refused');
select throws_ok($$select public.tm_confirm_pair('Effort', 'effort', 'en', (select id from doc), 'effort')$$, '22023',
  'source_text and target_text have the same words: there is nothing to translate', 'a pair with the same words is refused');
select throws_ok($$select public.tm_confirm_pair('A', 'B', 'de', (select id from doc), 'skill')$$, '22023', null,
  'an unknown language is refused');
select tests.login('reviewer');
select throws_ok($$select public.tm_confirm_pair('Reviewer pair', 'Paire du réviseur', 'en', (select id from doc), 'skill')$$, '42501',
  null, 'a reviewer may not confirm pairs');
select tests.login('tc_editor');
select throws_ok($$select public.tm_confirm_pair('Foreign pair', 'Paire étrangère', 'en', (select id from doc), 'skill')$$, '42501',
  'document e5dc0000-0000-4000-a000-00000000d001 does not exist or you are not a member of its organization',
  'another department''s editor may not');
select is_empty($$select 1 from public.tm_segments where document_id = (select id from doc)$$,
  'and sees none of that department''s harvested memory');
select throws_ok($$select * from private.tm_harvest_jobs$$, '42501', null, 'end users cannot read the queue');

select * from finish();
rollback;
