-- Document RPCs: can_open_document, list_documents, add_comment, resolve_comment, save_version,
-- submit_for_review, decide_approval. What each role may do, what another organization's user
-- gets (nothing), and the workflow's effect on the document status.
begin;
select plan(79);

grant usage on schema tests to anon, authenticated, service_role;
grant execute on all functions in schema tests to anon, authenticated, service_role;
create table tests.ids (name text primary key, id uuid);
grant all on tests.ids to anon, authenticated, service_role;
-- A signed-in user who belongs to no organization (e.g. an anonymous sign-in).
insert into auth.users (id, email, is_anonymous) values ('f0000000-0000-4000-a000-00000000000f', null, true);

-- Anonymous callers, with nothing cached from earlier callers (a plan cached by a signed-in
-- caller would skip the schema permission checks anon needs on its own).
discard plans;
set local role anon;
select is(public.can_open_document('e5dc0000-0000-4000-a000-00000000d001'), null, 'anon: can_open_document answers null');
select is_empty('select * from public.list_documents()', 'anon: list_documents answers nothing');
select throws_ok('select public.can_open_document(null)', '22023', 'doc must not be null', 'anon: arguments are still checked');
reset role;

-- can_open_document ------------------------------------------------------------------------------------

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

select results_eq(
  $$select w, tests.access_of(w, 'e5dc0000-0000-4000-a000-00000000d001')
      from unnest(array['viewer', 'editor', 'translator', 'reviewer', 'admin', 'tc_editor', 'stranger', 'anon', 'service']) w$$,
  $$values ('viewer', 'view'), ('editor', 'edit'), ('translator', 'edit'), ('reviewer', 'view'), ('admin', 'edit'),
           ('tc_editor', 'null'), ('stranger', 'null'), ('anon', 'null'), ('service', 'edit')$$,
  'can_open_document: edit for editor/translator/admin, view for viewer/reviewer, null for anyone else');
select is(tests.access_of('tc_editor', '7c000000-0000-4000-a000-00000000d001'), 'edit', 'TC''s editor edits TC''s document');
select is(tests.access_of('admin', '7c000000-0000-4000-a000-00000000d001'), 'null', 'ESDC''s admin cannot open TC''s document');
select is(tests.access_of('admin', 'a0000000-0000-4000-a000-000000000000'), 'null', 'a document that does not exist: null');
select tests.login('editor');
select throws_ok('select public.can_open_document(null)', '22023', 'doc must not be null', 'can_open_document(null) is rejected');
reset role;

-- list_documents ----------------------------------------------------------------------------------------

select tests.login('viewer');
select results_eq(
  $$select id, title_en, title_fr, classification, status, access from public.list_documents()$$,
  $$values ('e5dc0000-0000-4000-a000-00000000d001'::uuid, 'Program Officer, Grants and Contributions'::text,
            'Agent de programme, subventions et contributions'::text, 'PM-04'::text, 'draft'::text, 'view'::text)$$,
  'list_documents(): an ESDC viewer sees ESDC''s document, read-only');
select tests.login('translator');
select is((select access from public.list_documents()), 'edit', 'a translator may edit it');
select tests.login('tc_editor');
select results_eq($$select id from public.list_documents()$$, $$values ('7c000000-0000-4000-a000-00000000d001'::uuid)$$,
  'TC''s editor sees TC''s document only');
select is_empty($$select id from public.list_documents(organization_filter => 'e5dc0000-0000-4000-a000-000000000001')$$,
  'asking for another organization''s documents gives nothing');
select tests.login('stranger');
select is_empty('select id from public.list_documents()', 'a user without membership sees nothing');
select tests.login('anon');
select is_empty('select id from public.list_documents()', 'anon sees nothing');
select tests.login('admin');
select is_empty($$select id from public.list_documents(status_filter => 'approved')$$, 'status_filter filters');
select results_eq($$select classification from public.list_documents(search_text => 'grants')$$, array['PM-04'],
  'search_text matches titles');
select is_empty($$select id from public.list_documents(search_text => '%')$$, 'search_text wildcards are literal');
select throws_ok($$select * from public.list_documents(status_filter => 'published')$$, '22023',
  'status_filter must be draft, in_review, approved or archived (got ''published'')', 'an unknown status is rejected');
select throws_ok($$select * from public.list_documents(max_results => 101)$$, '22023',
  'max_results must be between 1 and 100 (got 101)', 'max_results over 100 is rejected');
select throws_ok($$select * from public.list_documents(max_results => -1)$$, '22023',
  'max_results must be between 1 and 100 (got -1)', 'a negative max_results is rejected');
select throws_ok($$select * from public.list_documents(skip => -5)$$, '22023',
  'skip must be between 0 and 1000000 (got -5)', 'a negative skip is rejected');
select throws_ok(format('select * from public.list_documents(search_text => %L)', repeat('x', 10001)), '22023',
  'search_text must be at most 500 characters (got 10001)', 'an overlong search is rejected');
reset role;

-- add_comment / resolve_comment -------------------------------------------------------------------------

select tests.login('reviewer');
select lives_ok(
  $$insert into tests.ids select 'thread', (public.add_comment('e5dc0000-0000-4000-a000-00000000d001',
      'Is "Policy on Transfer Payments" still the right title?', 'en', 'skill', 'Policy on Transfer Payments')).id$$,
  'a reviewer comments');
select results_eq(
  $$select author_id, lang, section_id, anchor_text, organization_id from public.comments where id = (select id from tests.ids where name = 'thread')$$,
  $$values ('e5dc0000-0000-4000-a000-000000000104'::uuid, 'en'::text, 'skill'::text, 'Policy on Transfer Payments'::text,
            'e5dc0000-0000-4000-a000-000000000001'::uuid)$$,
  'the comment records its author, language, section, anchor and organization');
select tests.login('translator');
select lives_ok(
  $$insert into tests.ids select 'reply', (public.add_comment('e5dc0000-0000-4000-a000-00000000d001', 'Yes, checked.',
      parent_id => (select id from tests.ids where name = 'thread'))).id$$,
  'a translator replies');
select throws_ok(
  $$select public.add_comment('e5dc0000-0000-4000-a000-00000000d001', 'Nested', parent_id => (select id from tests.ids where name = 'reply'))$$,
  '22023', null, 'threads are one level deep: a reply to a reply is refused');
select throws_ok(
  $$select public.add_comment('e5dc0000-0000-4000-a000-00000000d001', 'Elsewhere', parent_id => 'a0000000-0000-4000-a000-00000000c0ff')$$,
  '22023', 'parent comment a0000000-0000-4000-a000-00000000c0ff is not a comment of document e5dc0000-0000-4000-a000-00000000d001',
  'a reply must answer a comment of the same document');
select tests.login('viewer');
select throws_ok($$select public.add_comment('e5dc0000-0000-4000-a000-00000000d001', 'Viewer speaking')$$, '42501',
  'your role (viewer) cannot comment on this document; this needs editor, translator, reviewer, admin', 'a viewer cannot comment');
select tests.login('tc_editor');
select throws_ok($$select public.add_comment('e5dc0000-0000-4000-a000-00000000d001', 'Hello from TC')$$, '42501',
  'document e5dc0000-0000-4000-a000-00000000d001 does not exist or you are not a member of its organization',
  'another organization''s user cannot comment, and learns nothing about the document');
select throws_ok($$select public.resolve_comment((select id from tests.ids where name = 'thread'))$$, '42501', null,
  'another organization''s user cannot resolve');
select tests.login('editor');
select throws_ok($$select public.add_comment(null, 'x')$$, '22023', 'doc must not be null', 'add_comment: null doc');
select throws_ok($$select public.add_comment('e5dc0000-0000-4000-a000-00000000d001', '  ')$$, '22023', 'body must not be empty',
  'add_comment: empty body');
select throws_ok(format($$select public.add_comment('e5dc0000-0000-4000-a000-00000000d001', %L)$$, repeat('x', 10001)), '22023',
  'body must be at most 10000 characters (got 10001)', 'add_comment: body over 10 000 characters');
select throws_ok($$select public.add_comment('e5dc0000-0000-4000-a000-00000000d001', 'x', 'de')$$, '22023',
  'lang must be ''en'' or ''fr'' (got ''de'')', 'add_comment: unknown language');
select throws_ok($$select public.resolve_comment(null)$$, '22023', 'comment_id must not be null', 'resolve_comment: null id');
select throws_ok($$select public.resolve_comment((select id from tests.ids where name = 'thread'))$$, '42501',
  'your role (editor) cannot resolve or reopen comments; this needs reviewer or admin', 'an editor cannot resolve: it is a review decision');
select tests.login('admin');
select throws_ok($$select public.resolve_comment((select id from tests.ids where name = 'reply'))$$, '22023', null,
  'resolve_comment: a reply cannot be resolved on its own');
select results_eq(
  $$select resolved_by, resolved_at is not null from public.resolve_comment((select id from tests.ids where name = 'thread'))$$,
  $$values ('e5dc0000-0000-4000-a000-000000000105'::uuid, true)$$,
  'an admin resolves a reviewer''s thread; who and when are recorded');
select results_eq(
  $$select resolved_by, resolved_at from public.resolve_comment((select id from tests.ids where name = 'thread'), false)$$,
  $$values (null::uuid, null::timestamptz)$$,
  'and reopens it');
select tests.login('viewer');
select throws_ok($$select public.resolve_comment((select id from tests.ids where name = 'thread'))$$, '42501', null,
  'a viewer cannot resolve');
reset role;

-- save_version --------------------------------------------------------------------------------------

insert into public.doc_updates (document_id, seq, update, created_by) values
  ('e5dc0000-0000-4000-a000-00000000d001', 1, '\x0a0b', 'e5dc0000-0000-4000-a000-000000000102'),
  ('e5dc0000-0000-4000-a000-00000000d001', 2, '\x0c', 'e5dc0000-0000-4000-a000-000000000103');
select tests.login('translator');
select results_eq(
  $$select version_number, name, note, seq, created_by from public.save_version('e5dc0000-0000-4000-a000-00000000d001', 'Draft 1', 'First full draft')$$,
  $$values (1, 'Draft 1'::text, 'First full draft'::text, 2::bigint, 'e5dc0000-0000-4000-a000-000000000103'::uuid)$$,
  'save_version numbers the version, covers every update so far and records who');
select results_eq(
  $$select updates, jsonb_array_length(sections), metadata ->> 'classification' from public.document_versions
     where document_id = 'e5dc0000-0000-4000-a000-00000000d001' and version_number = 1$$,
  $$values (array['\x0a0b'::bytea, '\x0c'::bytea], 12, 'PM-04'::text)$$,
  'the version keeps the Yjs updates, the 12 sections (6 per language) and the identification');
select is((select version_number from public.save_version('e5dc0000-0000-4000-a000-00000000d001', 'Draft 2')), 2, 'versions count up');
select throws_ok($$update public.document_versions set name = 'Rewritten'$$, '42501', null, 'versions are immutable');
select throws_ok($$select * from public.save_version('e5dc0000-0000-4000-a000-00000000d001', null)$$, '22023',
  'version_name must not be null', 'save_version: a name is required');
select throws_ok($$select * from public.save_version(null, 'x')$$, '22023', 'doc must not be null', 'save_version: null doc');
select tests.login('reviewer');
select throws_ok($$select * from public.save_version('e5dc0000-0000-4000-a000-00000000d001', 'Mine')$$, '42501', null,
  'a reviewer cannot save versions');
select tests.login('tc_editor');
select throws_ok($$select * from public.save_version('e5dc0000-0000-4000-a000-00000000d001', 'Theirs')$$, '42501', null,
  'another organization''s editor cannot save versions');
select is_empty($$select id from public.document_versions where document_id = 'e5dc0000-0000-4000-a000-00000000d001'$$,
  'nor see them');
reset role;

-- Workflow ---------------------------------------------------------------------------------------------

create function tests.status() returns text language sql as $$
  select status from public.job_descriptions where id = 'e5dc0000-0000-4000-a000-00000000d001'
$$;

select tests.login('reviewer');
select throws_ok($$select public.submit_for_review('e5dc0000-0000-4000-a000-00000000d001')$$, '42501', null,
  'a reviewer cannot submit');
select throws_ok($$select public.decide_approval('e5dc0000-0000-4000-a000-00000000d001', 'approved')$$, 'P0001',
  'document e5dc0000-0000-4000-a000-00000000d001 has no review round waiting for a decision', 'nothing to decide before a submission');
select tests.login('tc_editor');
select throws_ok($$select public.submit_for_review('e5dc0000-0000-4000-a000-00000000d001')$$, '42501', null,
  'another organization''s editor cannot submit');
select tests.login('editor');
select throws_ok($$select public.submit_for_review(null)$$, '22023', 'doc must not be null', 'submit_for_review: null doc');
select results_eq(
  $$select step, decision, requested_by, request_note from public.submit_for_review('e5dc0000-0000-4000-a000-00000000d001', 'Ready for review')$$,
  $$values (1, 'pending'::text, 'e5dc0000-0000-4000-a000-000000000102'::uuid, 'Ready for review'::text)$$,
  'an editor submits: round 1, pending');
select is(tests.status(), 'in_review', 'the document is in review');
select throws_ok($$select public.submit_for_review('e5dc0000-0000-4000-a000-00000000d001')$$, 'P0001',
  'document e5dc0000-0000-4000-a000-00000000d001 is in_review; only a draft can be submitted for review', 'it cannot be submitted twice');
select throws_ok($$update public.job_descriptions set status = 'approved' where id = 'e5dc0000-0000-4000-a000-00000000d001'$$, '42501', null,
  'an editor cannot approve by writing the status');
select results_eq(
  $$select w, tests.access_of(w, 'e5dc0000-0000-4000-a000-00000000d001') from unnest(array['editor', 'translator', 'admin', 'reviewer', 'viewer']) w$$,
  $$values ('editor', 'view'), ('translator', 'view'), ('admin', 'view'), ('reviewer', 'view'), ('viewer', 'view')$$,
  'in review: the text is read-only for everyone (can_open_document answers view)');
select tests.login('admin');
select throws_ok($$select public.decide_approval('e5dc0000-0000-4000-a000-00000000d001', 'maybe')$$, '22023',
  'decision must be approved, changes_requested or rejected (got ''maybe'')', 'an unknown decision is rejected');
select throws_ok($$select public.decide_approval('e5dc0000-0000-4000-a000-00000000d001', 'changes_requested')$$, '22023',
  'comment is required when decision is changes_requested', 'asking for changes needs a comment');
select tests.login('tc_editor');
select throws_ok($$select public.decide_approval('e5dc0000-0000-4000-a000-00000000d001', 'approved')$$, '42501', null,
  'another organization''s user cannot decide');
select tests.login('viewer');
select throws_ok($$select public.decide_approval('e5dc0000-0000-4000-a000-00000000d001', 'approved')$$, '42501',
  'your role (viewer) cannot decide approvals; this needs reviewer, admin', 'a viewer cannot decide');
select tests.login('reviewer');
select results_eq(
  $$select decision, reviewer_id, comment, decided_at is not null
      from public.decide_approval('e5dc0000-0000-4000-a000-00000000d001', 'changes_requested', 'Use "détermine".')$$,
  $$values ('changes_requested'::text, 'e5dc0000-0000-4000-a000-000000000104'::uuid, 'Use "détermine".'::text, true)$$,
  'a reviewer requests changes; who and when are recorded');
select is(tests.status(), 'draft', 'the document is back to draft');
select throws_ok(
  $$update public.approvals set decision = 'approved' where document_id = 'e5dc0000-0000-4000-a000-00000000d001' and step = 1$$,
  'P0001', null, 'a decided round cannot be decided again');
select is(tests.access_of('editor', 'e5dc0000-0000-4000-a000-00000000d001'), 'edit', 'changes requested: the editor edits the draft again');
select tests.login('translator');
select is((select step from public.submit_for_review('e5dc0000-0000-4000-a000-00000000d001')), 2, 'resubmitted: round 2');
select tests.login('translator');
select throws_ok($$select public.decide_approval('e5dc0000-0000-4000-a000-00000000d001', 'approved')$$, '42501', null,
  'a translator cannot decide');
select tests.login('admin');
select results_eq(
  $$select decision, reviewer_id from public.decide_approval('e5dc0000-0000-4000-a000-00000000d001', 'approved')$$,
  $$values ('approved'::text, 'e5dc0000-0000-4000-a000-000000000105'::uuid)$$,
  'an admin approves');
select is(tests.status(), 'approved', 'the document is approved');
select results_eq(
  $$select w, tests.access_of(w, 'e5dc0000-0000-4000-a000-00000000d001') from unnest(array['editor', 'translator', 'admin']) w$$,
  $$values ('editor', 'view'), ('translator', 'view'), ('admin', 'view')$$,
  'approved: read-only, writers included');
select tests.login('editor');
select is((select access from public.list_documents() where id = 'e5dc0000-0000-4000-a000-00000000d001'), 'view', 'list_documents says view for an approved document, as can_open_document does');
select tests.login('editor');
select lives_ok($$select public.start_revision('e5dc0000-0000-4000-a000-00000000d001')$$,
  'an editor reopens an approved document as a new draft (start_revision; writing the status directly is refused since 20261207400000)');
select is(tests.access_of('editor', 'e5dc0000-0000-4000-a000-00000000d001'), 'edit', 'reopened as a draft: the editor edits again');
select tests.login('admin');
select lives_ok($$select public.submit_for_review('e5dc0000-0000-4000-a000-00000000d001')$$, 'an admin submits too');
select throws_ok($$select public.decide_approval('e5dc0000-0000-4000-a000-00000000d001', 'approved')$$, '42501',
  'you cannot decide on your own submission', 'nobody decides on their own submission');
select lives_ok($$update public.job_descriptions set status = 'archived' where id = 'e5dc0000-0000-4000-a000-00000000d001'$$,
  'an admin archives');
select is(tests.access_of('admin', 'e5dc0000-0000-4000-a000-00000000d001'), 'view', 'archived: read-only, for admins too');
reset role;
select results_eq(
  $$select step, decision from public.approvals where document_id = 'e5dc0000-0000-4000-a000-00000000d001' order by step$$,
  $$values (1, 'changes_requested'::text), (2, 'approved'), (3, 'pending')$$,
  'every round stays on record');

select * from finish();
rollback;
