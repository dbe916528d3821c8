-- waiting_for_me lists mentions (20261207950000_waiting_for_me_mentions.sql): a mention of me in
-- an open comment thread waits for me until I answer in that thread or it is resolved; one row per
-- document (the newest mention); never my own mention of myself, never another department's.
begin;
select plan(10);

-- The editor opens a thread mentioning the reviewer, themselves and a user of another
-- department; times are explicit so "answered since" does not depend on the transaction's now().
insert into public.comments (id, document_id, organization_id, lang, body, author_id, mentions, created_at) values
  ('c1795000-0000-4000-a000-000000000001', 'e5dc0000-0000-4000-a000-00000000d001', 'e5dc0000-0000-4000-a000-000000000001',
   'en', '@Rachel Reviewer is the budget right?', 'e5dc0000-0000-4000-a000-000000000102',
   array['e5dc0000-0000-4000-a000-000000000104', 'e5dc0000-0000-4000-a000-000000000102', '7c000000-0000-4000-a000-000000000102']::uuid[],
   now() - interval '10 minutes');

select tests.login('reviewer');
select results_eq(
  $$select reason, note from public.waiting_for_me() where id = 'e5dc0000-0000-4000-a000-00000000d001'$$,
  $$values ('mention'::text, '@Rachel Reviewer is the budget right?'::text)$$,
  'the mentioned reviewer finds the mention waiting, with the comment as note');
select tests.login('editor');
select is_empty($$select * from public.waiting_for_me() where reason = 'mention'$$,
  'mentioning myself puts nothing in my queue');
select tests.login('viewer');
select is_empty($$select * from public.waiting_for_me() where reason = 'mention'$$,
  'a member who is not mentioned has nothing waiting');
select tests.login('tc_editor');
select is_empty($$select * from public.waiting_for_me()$$,
  'a user of another department mentioned by id sees nothing of it');
reset role;

-- The reviewer answers in the thread: the mention stops waiting.
insert into public.comments (id, document_id, organization_id, parent_id, lang, body, author_id, created_at) values
  ('c1795000-0000-4000-a000-000000000002', 'e5dc0000-0000-4000-a000-00000000d001', 'e5dc0000-0000-4000-a000-000000000001',
   'c1795000-0000-4000-a000-000000000001', 'en', 'Yes.', 'e5dc0000-0000-4000-a000-000000000104', now() - interval '8 minutes');
select tests.login('reviewer');
select is_empty($$select * from public.waiting_for_me() where reason = 'mention'$$,
  'once the reviewer has answered in the thread the mention no longer waits');
reset role;

-- A new mention in the same thread after the answer, and one in a second thread: one row for
-- the document, the newest.
insert into public.comments (id, document_id, organization_id, parent_id, lang, body, author_id, mentions, created_at) values
  ('c1795000-0000-4000-a000-000000000003', 'e5dc0000-0000-4000-a000-00000000d001', 'e5dc0000-0000-4000-a000-000000000001',
   'c1795000-0000-4000-a000-000000000001', 'en', '@Rachel Reviewer and the travel?', 'e5dc0000-0000-4000-a000-000000000102',
   array['e5dc0000-0000-4000-a000-000000000104']::uuid[], now() - interval '6 minutes'),
  ('c1795000-0000-4000-a000-000000000004', 'e5dc0000-0000-4000-a000-00000000d001', 'e5dc0000-0000-4000-a000-000000000001',
   null, 'fr', '@Rachel Reviewer le titre ?', 'e5dc0000-0000-4000-a000-000000000103',
   array['e5dc0000-0000-4000-a000-000000000104']::uuid[], now() - interval '4 minutes');
select tests.login('reviewer');
select results_eq(
  $$select reason, note from public.waiting_for_me() where reason = 'mention'$$,
  $$values ('mention'::text, '@Rachel Reviewer le titre ?'::text)$$,
  'two open mentions in one document are one row, the newest');
reset role;

-- Resolving the second thread leaves the first one's later mention.
update public.comments set resolved_at = now(), resolved_by = 'e5dc0000-0000-4000-a000-000000000102'
 where id = 'c1795000-0000-4000-a000-000000000004';
select tests.login('reviewer');
select results_eq(
  $$select note from public.waiting_for_me() where reason = 'mention'$$,
  $$values ('@Rachel Reviewer and the travel?'::text)$$,
  'a resolved thread''s mention no longer waits; the other open thread''s does');
reset role;
update public.comments set resolved_at = now(), resolved_by = 'e5dc0000-0000-4000-a000-000000000102'
 where id = 'c1795000-0000-4000-a000-000000000001';
select tests.login('reviewer');
select is_empty($$select * from public.waiting_for_me() where reason = 'mention'$$,
  'resolving the thread (its first comment) clears a reply''s mention too');
reset role;

-- The note is at most 200 characters.
insert into public.comments (document_id, organization_id, lang, body, author_id, mentions) values
  ('e5dc0000-0000-4000-a000-00000000d001', 'e5dc0000-0000-4000-a000-000000000001', 'en', repeat('x', 500),
   'e5dc0000-0000-4000-a000-000000000102', array['e5dc0000-0000-4000-a000-000000000104']::uuid[]);
select tests.login('reviewer');
select is((select length(note) from public.waiting_for_me() where reason = 'mention'), 200, 'the note is cut to 200 characters');
select is((select count(*)::int from public.waiting_for_me(1)), 1, 'max_results still bounds the queue');
reset role;

select * from finish();
rollback;
