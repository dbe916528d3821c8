-- What triggers enforce beyond the RLS matrix: who a row says created it, what may change
-- after creation, the last admin, threads, append-only Yjs updates, and pending glossary terms.
begin;
select plan(36);

grant usage on schema tests to anon, authenticated, service_role;
grant execute on all functions in schema tests to authenticated;

-- Memberships ---------------------------------------------------------------------------------------

select tests.login('admin');
select throws_ok(
  $$delete from public.memberships where user_id = 'e5dc0000-0000-4000-a000-000000000105'$$,
  '42501', 'an organization must keep at least one admin', 'the last admin cannot leave');
select throws_ok(
  $$update public.memberships set role = 'editor' where user_id = 'e5dc0000-0000-4000-a000-000000000105'$$,
  '42501', 'an organization must keep at least one admin', 'nor be demoted');
select lives_ok(
  $$update public.memberships set role = 'admin' where user_id = 'e5dc0000-0000-4000-a000-000000000104'$$,
  'an admin promotes the reviewer');
select lives_ok(
  $$update public.memberships set role = 'reviewer' where user_id = 'e5dc0000-0000-4000-a000-000000000105'$$,
  'with another admin, the first may step down');
select tests.login('reviewer');
select lives_ok(
  $$update public.memberships set role = 'admin' where user_id = 'e5dc0000-0000-4000-a000-000000000105';
    update public.memberships set role = 'reviewer' where user_id = 'e5dc0000-0000-4000-a000-000000000104'$$,
  'the new admin hands the role back: promote first, then step down');
select tests.login('admin');
select throws_ok(
  $$insert into public.memberships (organization_id, user_id, role) values ('7c000000-0000-4000-a000-000000000002', 'e5dc0000-0000-4000-a000-000000000101', 'admin')$$,
  '42501', null, 'an ESDC admin cannot add anyone to Transport Canada');
select tests.login('tc_editor');
select throws_ok(
  $$insert into public.memberships (organization_id, user_id, role) values ('7c000000-0000-4000-a000-000000000002', '7c000000-0000-4000-a000-000000000102', 'admin')$$,
  '42501', null, 'nobody makes themselves admin');
select is_empty(
  $$update public.memberships set role = 'admin' where user_id = '7c000000-0000-4000-a000-000000000102' returning id$$,
  'not by updating their own membership either (only admins reach membership rows for updates)');
reset role;

-- Job descriptions ----------------------------------------------------------------------------------

select tests.login('editor');
select results_eq(
  $$insert into public.job_descriptions (organization_id, title_en, created_by, status)
    values ('e5dc0000-0000-4000-a000-000000000001', 'Guard probe', '7c000000-0000-4000-a000-000000000102', 'draft')
    returning created_by$$,
  $$values ('e5dc0000-0000-4000-a000-000000000102'::uuid)$$,
  'created_by is the caller, whatever the client sends');
select throws_ok(
  $$insert into public.job_descriptions (organization_id, title_en, status) values ('e5dc0000-0000-4000-a000-000000000001', 'Pre-approved', 'approved')$$,
  '42501', 'a new job description starts as draft', 'a document cannot be created approved');
select throws_ok(
  $$update public.job_descriptions set status = 'in_review' where id = 'e5dc0000-0000-4000-a000-00000000d001'$$,
  '42501', null, 'review starts with submit_for_review(), not by writing the status');
select throws_ok(
  $$update public.job_descriptions set status = 'archived' where id = 'e5dc0000-0000-4000-a000-00000000d001'$$,
  '42501', null, 'only admins archive');
reset role;

-- Comments ------------------------------------------------------------------------------------------

select tests.login('editor');
select throws_ok(
  $$update public.comments set body = 'Rewritten by someone else' where id = 'e5dc0000-0000-4000-a000-00000000c001'$$,
  '42501', 'only the author can edit a comment', 'an editor cannot rewrite the translator''s comment');
select tests.login('translator');
select lives_ok(
  $$update public.comments set body = 'Le Bureau de la traduction préfère « détermine ».' where id = 'e5dc0000-0000-4000-a000-00000000c001'$$,
  'the author edits their comment');
select tests.login('reviewer');
select results_eq(
  $$update public.comments set resolved_at = '2000-01-01', resolved_by = 'e5dc0000-0000-4000-a000-000000000101'
     where id = 'e5dc0000-0000-4000-a000-00000000c001' returning resolved_by, resolved_at > '2020-01-01'$$,
  $$values ('e5dc0000-0000-4000-a000-000000000104'::uuid, true)$$,
  'resolving records the caller and the time, not what the client sends');
select results_eq(
  $$insert into public.comments (document_id, body, author_id, resolved_at, resolved_by)
    values ('e5dc0000-0000-4000-a000-00000000d001', 'Spoofed', 'e5dc0000-0000-4000-a000-000000000105', now(), 'e5dc0000-0000-4000-a000-000000000105')
    returning author_id, resolved_by$$,
  $$values ('e5dc0000-0000-4000-a000-000000000104'::uuid, null::uuid)$$,
  'a new comment is the caller''s and unresolved');
select throws_ok(
  $$update public.comments set document_id = '7c000000-0000-4000-a000-00000000d001' where id = 'e5dc0000-0000-4000-a000-00000000c001'$$,
  '42501', 'comments.document_id cannot change', 'a comment cannot move to another document');
reset role;

-- Yjs updates ------------------------------------------------------------------------------------------

select tests.login('translator');
select throws_ok(
  $$insert into public.doc_updates (document_id, update) values ('e5dc0000-0000-4000-a000-00000000d001', '\x01')$$,
  '42501', null, 'members cannot append to the Yjs log directly: updates go through the sync server, which judges them');
reset role;
set local role service_role;
select results_eq(
  $$insert into public.doc_updates (document_id, seq, update, created_by)
    values ('e5dc0000-0000-4000-a000-00000000d001', null, '\x01', 'e5dc0000-0000-4000-a000-000000000103'),
           ('e5dc0000-0000-4000-a000-00000000d001', null, '\x02', null)
    returning seq, created_by$$,
  $$values (1::bigint, 'e5dc0000-0000-4000-a000-000000000103'::uuid), (2::bigint, null::uuid)$$,
  'an update without seq gets the next one; the service says who wrote it');
reset role;
insert into public.doc_snapshots (document_id, state, state_vector, last_seq) values ('7c000000-0000-4000-a000-00000000d001', '\x00', '\x00', 41);
select results_eq(
  $$insert into public.doc_updates (document_id, update) values ('7c000000-0000-4000-a000-00000000d001', '\x03') returning seq$$,
  array[42::bigint], 'the next seq follows the snapshot when older updates were compacted away');
-- Merged rows (20261208300000): the sync server stores a group commit's updates of one document
-- as one row covering seq..seq_end, with each seq's author.
select tests.login('service');
select lives_ok(
  $$insert into public.doc_updates (document_id, seq, seq_end, update, authors)
    values ('7c000000-0000-4000-a000-00000000d001', 43, 45, '\x04', array['7c000000-0000-4000-a000-000000000101', null, '7c000000-0000-4000-a000-000000000101']::uuid[])$$,
  'the service stores one row for the updates 43..45, naming each one''s author');
select throws_ok(
  $$insert into public.doc_updates (document_id, seq, update) values ('7c000000-0000-4000-a000-00000000d001', 44, '\x05')$$,
  '23505', 'doc_updates seqs 44..44 of document 7c000000-0000-4000-a000-00000000d001 overlap the stored row 43..45',
  'a row cannot take a seq that a merged row covers');
select throws_ok(
  $$insert into public.doc_updates (document_id, seq, seq_end, update, authors)
    values ('7c000000-0000-4000-a000-00000000d001', 46, 47, '\x05', array[null]::uuid[])$$,
  '23514', null, 'a merged row names one author (or null) per seq it covers');
select throws_ok(
  $$insert into public.doc_updates (document_id, seq_end, update) values ('7c000000-0000-4000-a000-00000000d001', 50, '\x05')$$,
  '22023', 'doc_updates.seq_end needs seq: give both or neither', 'seq_end without seq is refused');
select results_eq(
  $$insert into public.doc_updates (document_id, update) values ('7c000000-0000-4000-a000-00000000d001', '\x06') returning seq$$,
  array[46::bigint], 'the next seq follows the last seq a merged row covers');
reset role;
-- A snapshot that covers a merged row in part (up to 44): a version keeps the whole row.
update public.doc_snapshots set last_seq = 44 where document_id = '7c000000-0000-4000-a000-00000000d001';
select tests.login('service');
reset role;
select results_eq(
  $$select seq, updates from private.save_document_version('7c000000-0000-4000-a000-00000000d001', 'Merged rows', null)$$,
  $$values (46::bigint, array['\x04', '\x06']::bytea[])$$,
  'a saved version holds every row with a seq after the snapshot''s, up to the last seq stored');
set local role service_role;
select throws_ok($$update public.doc_updates set update = '\x00'$$, '42501', null, 'even the service cannot rewrite an update');
reset role;

-- Translation memory, glossary, AI records ------------------------------------------------------------------

select tests.login('editor');
select throws_ok(
  $$insert into public.tm_segments (organization_id, source_lang, target_lang, source_text, target_text, document_id)
    values ('e5dc0000-0000-4000-a000-000000000001', 'en', 'fr', 'Cross-organization.', 'Inter-organisation.', '7c000000-0000-4000-a000-00000000d001')$$,
  '22023', null, 'a segment cannot claim another organization''s document');
select throws_ok(
  $$update public.tm_segments set organization_id = '7c000000-0000-4000-a000-000000000002' where organization_id = 'e5dc0000-0000-4000-a000-000000000001'$$,
  '42501', null, 'segments cannot be moved to another organization');
select lives_ok(
  $$insert into public.glossary_terms (organization_id, term_en, term_fr, status) values ('e5dc0000-0000-4000-a000-000000000001', 'funding envelope', 'enveloppe de financement', 'pending')$$,
  'an editor proposes a glossary term (pending)');
select throws_ok(
  $$insert into public.glossary_terms (organization_id, term_en, term_fr, status) values ('e5dc0000-0000-4000-a000-000000000001', 'funding stream', 'volet de financement', 'approved')$$,
  '42501', null, 'but cannot approve it');
select is_empty(
  $$update public.glossary_terms set status = 'approved' where term_en = 'funding envelope' returning id$$,
  'nor approve it afterwards (the row is out of reach for updates)');
select tests.login('admin');
select results_eq(
  $$update public.glossary_terms set status = 'approved' where term_en = 'funding envelope' returning status$$,
  array['approved'], 'the admin approves it');
select tests.login('viewer');
select results_eq(
  $$insert into public.ai_requests (organization_id, user_id, function, provider, model, tokens_in, tokens_out, estimated_cost, latency_ms, outcome)
    values ('e5dc0000-0000-4000-a000-000000000001', 'e5dc0000-0000-4000-a000-000000000105', 'translate', 'openai', 'gpt-4o-mini', 120, 80, 0.000066, 850, 'success')
    returning user_id$$,
  $$values ('e5dc0000-0000-4000-a000-000000000101'::uuid)$$,
  'AI usage is recorded under the caller, whatever user_id the client sends');
select results_eq(
  $$select count(*)::int from public.ai_requests$$, array[1], 'a viewer reads their own AI usage only');
select tests.login('admin');
select ok((select count(*) from public.ai_requests where user_id = 'e5dc0000-0000-4000-a000-000000000101') = 1,
  'the admin reads the organization''s AI usage');
reset role;

select * from finish();
rollback;
