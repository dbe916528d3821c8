-- Comments as the sync server projects them (signaling/comments/comment-projection.ts): the
-- service writes thread and reply rows in the authors' names, updates and deletes them to match
-- the Y.Doc; members of the document's organization read them, nobody else does; end users
-- still cannot rewrite someone else's comment.
begin;
select plan(20);

grant usage on schema tests to anon, authenticated, service_role;
grant execute on all functions in schema tests to authenticated;

-- The projection, as the service ----------------------------------------------------------------
set local role service_role;
select lives_ok(
  $$insert into public.comments (id, document_id, parent_id, lang, section_id, anchor_text, anchor, body, author_id, created_at)
    values ('c0000000-0000-4000-a000-000000000001', 'e5dc0000-0000-4000-a000-00000000d001', null, 'fr', 'key-activities',
            'accords de contribution', '{"start":"AAE=","end":"AAI="}', '« agente ou agent » ici ?',
            'e5dc0000-0000-4000-a000-000000000103', to_timestamp(1700000000))$$,
  'the service writes a thread in its author''s name');
select lives_ok(
  $$insert into public.comments (id, document_id, parent_id, lang, body, author_id, created_at)
    values ('c0000000-0000-4000-a000-000000000002', 'e5dc0000-0000-4000-a000-00000000d001', 'c0000000-0000-4000-a000-000000000001', 'fr',
            'Oui, les deux.', 'e5dc0000-0000-4000-a000-000000000104', to_timestamp(1700000100))$$,
  'and a reply in another author''s name');
select is(
  (select author_id::text || ' ' || created_at::text from public.comments where id = 'c0000000-0000-4000-a000-000000000001'),
  'e5dc0000-0000-4000-a000-000000000103 ' || to_timestamp(1700000000)::text,
  'author and time are kept as the Y.Doc says (the service is not stamped like an end user)');
select is(
  (select organization_id::text from public.comments where id = 'c0000000-0000-4000-a000-000000000002'),
  'e5dc0000-0000-4000-a000-000000000001', 'the organization comes from the document');
select throws_ok(
  $$insert into public.comments (document_id, parent_id, body) values ('7c000000-0000-4000-a000-00000000d001', 'c0000000-0000-4000-a000-000000000001', 'x')$$,
  '22023', null, 'a reply cannot belong to a thread of another document');
select lives_ok(
  $$update public.comments set body = '« agente ou agent » ici ? (modifié)', resolved_by = 'e5dc0000-0000-4000-a000-000000000104', resolved_at = now()
     where id = 'c0000000-0000-4000-a000-000000000001'$$,
  'the service mirrors an edit and a resolve');
reset role;

-- Reading: the organization only ------------------------------------------------------------------
select tests.login('viewer');
select results_eq(
  $$select body, resolved_by::text from public.comments where document_id = 'e5dc0000-0000-4000-a000-00000000d001' and id::text like 'c0000000%' order by created_at$$,
  $$values ('« agente ou agent » ici ? (modifié)', 'e5dc0000-0000-4000-a000-000000000104'), ('Oui, les deux.', null)$$,
  'a viewer of the organization reads the thread and its reply as the Y.Doc has them');
select is((select count(*)::int from public.comments where id::text like 'c0000000%' and parent_id is not null), 1, 'replies point at their thread');
select tests.login('tc_editor');
select is((select count(*)::int from public.comments where id::text like 'c0000000%'), 0, 'another organization reads none of them');
select is((select count(*)::int from public.comments where document_id = 'e5dc0000-0000-4000-a000-00000000d001'), 0, 'not even by document id');
select results_eq(
  $$with changed as (update public.comments set body = 'hijack' where id = 'c0000000-0000-4000-a000-000000000001' returning 1) select count(*)::int from changed$$,
  array[0], 'nor changes them');
select results_eq(
  $$with gone as (delete from public.comments where id = 'c0000000-0000-4000-a000-000000000002' returning 1) select count(*)::int from gone$$,
  array[0], 'nor deletes them');
select throws_ok(
  $$select public.resolve_comment('c0000000-0000-4000-a000-000000000001', false)$$,
  '42501', null, 'nor reopens them');
select throws_ok(
  $$insert into public.comments (document_id, body) values ('e5dc0000-0000-4000-a000-00000000d001', 'intrus')$$,
  '42501', null, 'nor comments on the document');

-- End users of the organization -------------------------------------------------------------------
select tests.login('viewer');
select throws_ok(
  $$select public.resolve_comment('c0000000-0000-4000-a000-000000000001', false)$$,
  '42501', null, 'a viewer cannot reopen a thread');
select results_eq(
  $$with changed as (update public.comments set body = 'vu' where id = 'c0000000-0000-4000-a000-000000000001' returning 1) select count(*)::int from changed$$,
  array[0], 'nor edit it');
select tests.login('editor');
select throws_ok(
  $$update public.comments set body = 'pas le mien' where id = 'c0000000-0000-4000-a000-000000000001'$$,
  '42501', 'only the author can edit a comment', 'an editor cannot edit the translator''s comment');
select tests.login('translator');
select lives_ok(
  $$update public.comments set body = 'le mien' where id = 'c0000000-0000-4000-a000-000000000001'$$,
  'the author can');
reset role;

-- Deletions mirrored by the service ---------------------------------------------------------------
set local role service_role;
select lives_ok(
  $$delete from public.comments where document_id = 'e5dc0000-0000-4000-a000-00000000d001' and not (id = any(array['c0000000-0000-4000-a000-000000000002']::uuid[]))$$,
  'the service deletes the rows of threads no longer in the Y.Doc');
reset role;
select is((select count(*)::int from public.comments where id::text like 'c0000000%'), 0, 'a deleted thread takes its replies with it');

select * from finish();
rollback;
