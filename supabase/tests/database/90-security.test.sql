-- Issue #20 (finding 2, part of 6): comments.from_document is the sync server's alone; an
-- alignment references only its organization's documents; the audit log names the user the
-- service acts for when the service says whom (the comments projection sets the claims).
begin;
select plan(14);

-- comments.from_document ------------------------------------------------------------------------
select tests.login('translator');
select throws_ok(
  $$update public.comments set from_document = true where id = 'e5dc0000-0000-4000-a000-00000000c002'$$,
  '42501', 'comments.from_document is set by the sync server only',
  'a commenter cannot mark someone else''s comment as the projection''s (which would delete it)');
select throws_ok(
  $$update public.comments set from_document = true where id = 'e5dc0000-0000-4000-a000-00000000c001'$$,
  '42501', 'comments.from_document is set by the sync server only', 'nor their own');
select throws_ok(
  $$insert into public.comments (document_id, body, from_document) values ('e5dc0000-0000-4000-a000-00000000d001', 'x', true)$$,
  '42501', 'comments.from_document is set by the sync server only', 'nor write a new comment as the projection''s');
select lives_ok(
  $$update public.comments set body = 'Le Bureau de la traduction préfère « détermine ».' where id = 'e5dc0000-0000-4000-a000-00000000c001'$$,
  'the author still edits their comment');
select lives_ok(
  $$insert into public.comments (document_id, body) values ('e5dc0000-0000-4000-a000-00000000d001', 'Through the API')$$,
  'and comments through the API');
select is((select count(*)::int from public.comments where from_document), 0, 'none of which the projection owns');
select tests.login('service');
select lives_ok(
  $$update public.comments set from_document = true where id = 'e5dc0000-0000-4000-a000-00000000c001'$$,
  'the service may set it');
reset role;

-- alignments: one organization ------------------------------------------------------------------
select tests.login('editor');
select throws_ok(
  $$insert into public.alignments (organization_id, source_document_id, target_document_id, source_lang, target_lang)
    values ('e5dc0000-0000-4000-a000-000000000001', '7c000000-0000-4000-a000-00000000d001', 'e5dc0000-0000-4000-a000-00000000d001', 'en', 'fr')$$,
  '42501', 'alignments.source_document_id: 7c000000-0000-4000-a000-00000000d001 is not a job description of organization e5dc0000-0000-4000-a000-000000000001',
  'an alignment cannot take another department''s document as its source');
select throws_ok(
  $$insert into public.alignments (organization_id, source_document_id, target_document_id, source_lang, target_lang)
    values ('e5dc0000-0000-4000-a000-000000000001', 'e5dc0000-0000-4000-a000-00000000d001', '7c000000-0000-4000-a000-00000000d001', 'en', 'fr')$$,
  '42501', null, 'nor as its target');
select lives_ok(
  $$insert into public.alignments (id, organization_id, source_document_id, target_document_id, source_lang, target_lang)
    values ('a1000000-0000-4000-a000-000000000001', 'e5dc0000-0000-4000-a000-000000000001',
            'e5dc0000-0000-4000-a000-00000000d001', 'e5dc0000-0000-4000-a000-00000000d001', 'en', 'fr')$$,
  'its own department''s documents are fine');
select throws_ok(
  $$update public.alignments set target_document_id = '7c000000-0000-4000-a000-00000000d001' where id = 'a1000000-0000-4000-a000-000000000001'$$,
  '42501', null, 'and an update cannot point it elsewhere');
select tests.login('service');
select throws_ok(
  $$update public.alignments set source_document_id = '7c000000-0000-4000-a000-00000000d001' where id = 'a1000000-0000-4000-a000-000000000001'$$,
  '42501', null, 'not even through the service');
reset role;

-- The audit log names whom the service acts for ---------------------------------------------------
-- As the comments projection does: the table owner, with the user's id in the claims.
do $$ begin perform set_config('request.jwt.claims', '{"sub":"e5dc0000-0000-4000-a000-000000000104","role":"service_role"}', true); end $$;
insert into public.comments (id, document_id, body, author_id, from_document)
  values ('a1000000-0000-4000-a000-0000000000c1', 'e5dc0000-0000-4000-a000-00000000d001', 'Projected', 'e5dc0000-0000-4000-a000-000000000104', true);
select results_eq(
  $$select actor::text, actor_role from public.audit_log where table_name = 'comments' and row_id = 'a1000000-0000-4000-a000-0000000000c1'$$,
  $$values ('e5dc0000-0000-4000-a000-000000000104', 'service_role')$$,
  'a row the service writes for a user is audited in that user''s name, with the service''s role');
do $$ begin perform set_config('request.jwt.claims', '{"role":"service_role"}', true); end $$;
delete from public.comments where id = 'a1000000-0000-4000-a000-0000000000c1';
select results_eq(
  $$select actor::text, actor_role from public.audit_log where table_name = 'comments' and row_id = 'a1000000-0000-4000-a000-0000000000c1' and action = 'DELETE'$$,
  $$values (null::text, 'service_role')$$,
  'and with no user known, as the service alone');

select * from finish();
rollback;
