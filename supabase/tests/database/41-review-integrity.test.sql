-- Review integrity (issue 17, item 1; migration 20261207400000): a review round pins the submitted
-- version, approving records it, an approved document refuses every end-user write path with the
-- reason, start_revision reopens it (editors, admins) keeping the approved version, and
-- "request changes" and "reject" need a reason that stays on the round for the author.
begin;
select plan(31);

create function tests.doc() returns uuid language sql as $$ select 'e5dc0000-0000-4000-a000-00000000d001'::uuid $$;
create function tests.access_of(who text, doc uuid) returns text
language plpgsql as $$
declare
  result text;
begin
  perform tests.login(who);
  result := coalesce(public.can_open_document(doc), 'null');
  perform set_config('role', 'none', true);
  return result;
end
$$;
create function tests.doc_status() returns text language sql as $$
  select status from public.job_descriptions where id = tests.doc()
$$;

-- The stored state the round is made from: a snapshot and one more update after it.
insert into public.doc_snapshots (document_id, state, state_vector, last_seq) values (tests.doc(), '\x00', '\x00', 7);
insert into public.doc_updates (document_id, seq, update) values (tests.doc(), 8, '\x0102');

select tests.login('editor');
select lives_ok($$select public.save_version(tests.doc(), 'Draft 1')$$, 'a draft saves versions');
select results_eq(
  $$select version_number, version_id is not null from public.submit_for_review(tests.doc(), 'Ready')$$,
  $$values (2, true)$$,
  'submitting pins a new version (number 2, after the draft''s version 1)');
select results_eq(
  $$select v.seq, v.state, v.updates, v.name from public.approvals a join public.document_versions v on v.id = a.version_id
     where a.document_id = tests.doc() and a.step = 1$$,
  $$values (8::bigint, '\x00'::bytea, array['\x0102'::bytea], 'Review round 1 / Révision, ronde 1'::text)$$,
  'the pinned version is made from the stored state: the snapshot and the updates up to seq 8');
select throws_ok($$select public.save_version(tests.doc(), 'During review')$$, 'P0001',
  'document e5dc0000-0000-4000-a000-00000000d001 is in review (round 1, version 2): it is read-only until the reviewer decides',
  'in review: save_version refuses, saying why');
select throws_ok($$update public.job_descriptions set title_en = 'Changed in review' where id = tests.doc()$$, 'P0001', null,
  'in review: the identification fields refuse REST updates');

-- Reasons are required for both refusals.
select tests.login('reviewer');
select throws_ok($$select public.decide_approval(tests.doc(), 'rejected')$$, '22023',
  'comment is required when decision is rejected', 'rejecting needs a reason');
select throws_ok($$select public.decide_approval(tests.doc(), 'rejected', '   ')$$, '22023',
  'comment is required when decision is rejected', 'a blank reason is no reason');
select throws_ok($$select public.decide_approval(tests.doc(), 'changes_requested')$$, '22023',
  'comment is required when decision is changes_requested', 'requesting changes needs a reason');
select results_eq(
  $$select decision, comment from public.decide_approval(tests.doc(), 'rejected', 'Wrong group: this is PM work, not AS.')$$,
  $$values ('rejected'::text, 'Wrong group: this is PM work, not AS.'::text)$$,
  'a reviewer rejects with a reason');
select is(tests.doc_status(), 'draft', 'rejected: back to the author as a draft');
select tests.login('editor');
select results_eq(
  $$select decision, comment, version_number from public.approvals where document_id = tests.doc() order by step desc limit 1$$,
  $$values ('rejected'::text, 'Wrong group: this is PM work, not AS.'::text, 2)$$,
  'the author reads the decision, its reason and the version it was about');

-- Round 2, approved.
select is((select version_number from public.submit_for_review(tests.doc())), 3, 'resubmitted: round 2 pins version 3');
select tests.login('reviewer');
select throws_ok(
  $$update public.approvals set decision = 'approved', version_number = 1,
      version_id = (select v.id from public.document_versions v where v.document_id = tests.doc() and v.version_number = 1)
     where document_id = tests.doc() and step = 2$$, '42501',
  'the version of a review round cannot change', 'approving through REST cannot swap the version for another');
select results_eq(
  $$select decision, version_number, version_id = (select v.id from public.document_versions v where v.document_id = tests.doc() and v.version_number = 3)
      from public.decide_approval(tests.doc(), 'approved')$$,
  $$values ('approved'::text, 3, true)$$,
  'the approval names the exact version submitted (3)');
select throws_ok($$update public.approvals set version_id = null, version_number = null where document_id = tests.doc() and step = 2$$, 'P0001', null,
  'nobody rewrites which version was approved');

-- Frozen: every end-user write path refuses, with the reason.
select tests.login('editor');
select throws_ok($$select public.save_version(tests.doc(), 'After approval')$$, 'P0001',
  format('document %s was approved on %s by Rachel Reviewer, version 3: start a new revision to edit (start_revision)',
         tests.doc(), to_char(now() at time zone 'UTC', 'YYYY-MM-DD')),
  'approved: save_version refuses with who approved which version when');
select throws_ok($$insert into public.document_versions (document_id, name) values (tests.doc(), 'Direct')$$, 'P0001', null,
  'approved: a REST insert into document_versions refuses');
select throws_ok($$update public.job_descriptions set title_en = 'Changed after approval' where id = tests.doc()$$, 'P0001',
  format('document %s was approved on %s by Rachel Reviewer, version 3: start a new revision to edit (start_revision)',
         tests.doc(), to_char(now() at time zone 'UTC', 'YYYY-MM-DD')),
  'approved: REST updates of the identification fields refuse with the reason');
select throws_ok($$update public.job_descriptions set classification = 'AS-03' where id = tests.doc()$$, 'P0001', null,
  'approved: the classification too');
select throws_ok($$insert into public.doc_updates (document_id, update) values (tests.doc(), '\x00')$$, '42501', null,
  'approved (and always): members do not append to the update log; only the sync server does');
select throws_ok($$insert into public.document_sections (document_id, lang, section_id, body) values (tests.doc(), 'en', 'x', 'y')$$, '42501', null,
  'approved (and always): members do not write the sections projection');
select is(tests.access_of('editor', tests.doc()), 'view', 'approved: can_open_document answers view, so the sync server refuses the text');
select tests.login('editor');
select throws_ok($$update public.job_descriptions set status = 'draft' where id = tests.doc()$$, '42501',
  'an approved document is reopened with start_revision(), not by writing its status (document e5dc0000-0000-4000-a000-00000000d001)',
  'reopening by writing the status is refused: start_revision is the way');

-- start_revision.
select tests.login('translator');
select throws_ok($$select public.start_revision(tests.doc())$$, '42501',
  'your role (translator) cannot start a new revision; this needs editor, admin', 'a translator cannot start a revision');
select tests.login('reviewer');
select throws_ok($$select public.start_revision(tests.doc())$$, '42501', null, 'a reviewer cannot either');
select tests.login('tc_editor');
select throws_ok($$select public.start_revision(tests.doc())$$, '42501', null, 'nor another organization''s editor');
select tests.login('editor');
select results_eq(
  $$select status, approved_version_number from public.start_revision(tests.doc())$$,
  $$values ('draft'::text, 3)$$,
  'an editor starts a new revision: draft again, the approved version 3 named');
select is(tests.access_of('editor', tests.doc()), 'edit', 'the new revision is edited again');
select tests.login('editor');
select lives_ok($$update public.job_descriptions set title_en = 'Program Officer (revised)' where id = tests.doc()$$,
  'identification fields change again in the new revision');
select results_eq(
  $$select a.decision, v.version_number, v.metadata ->> 'title_en' from public.approvals a join public.document_versions v on v.id = a.version_id
     where a.document_id = tests.doc() and a.step = 2$$,
  $$select 'approved'::text, 3, (select metadata ->> 'title_en' from public.document_versions where document_id = tests.doc() and version_number = 3)$$,
  'the approved round still names version 3, unchanged');
select throws_ok($$select public.start_revision(tests.doc())$$, 'P0001',
  'document e5dc0000-0000-4000-a000-00000000d001 is draft; only an approved document starts a new revision',
  'a draft does not start a revision');

select * from finish();
rollback;
