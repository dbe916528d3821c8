-- Notifications (20261207700000_notifications.sql): mentions, replies to my thread, submissions
-- and decisions become rows for their recipients only; a recipient reads and marks read their
-- own, nobody else sees them, nobody writes them but the triggers.
begin;
select plan(28);

select has_table('public', 'notifications', 'the notifications table exists');
select has_column('public', 'comments', 'mentions', 'comments record whom they mention');

-- The editor writes a comment mentioning the reviewer, the viewer's colleague in another
-- organization (tc_editor: not a member, never notified) and themselves (never notified).
select tests.login('editor');
select lives_ok(
  $$insert into public.comments (id, document_id, lang, body, mentions)
    values ('c1700000-0000-4000-a000-000000000001', 'e5dc0000-0000-4000-a000-00000000d001', 'en', '@Rachel Reviewer is this right?',
            array['e5dc0000-0000-4000-a000-000000000104', '7c000000-0000-4000-a000-000000000102', 'e5dc0000-0000-4000-a000-000000000102']::uuid[])$$,
  'the editor mentions the reviewer in a comment'
);
select is((select count(*)::int from public.notifications), 0, 'the author gets no notification of their own mention');
select throws_ok(
  $$insert into public.notifications (recipient_id, organization_id, kind, document_id, comment_id)
    values ('e5dc0000-0000-4000-a000-000000000104', 'e5dc0000-0000-4000-a000-000000000001', 'mention', 'e5dc0000-0000-4000-a000-00000000d001', 'c1700000-0000-4000-a000-000000000001')$$,
  '42501', null, 'a member cannot write a notification'
);

select tests.login('reviewer');
select results_eq(
  $$select kind, document_id::text, comment_id::text, actor_id::text, read_at is null from public.notifications$$,
  $$values ('mention'::text, 'e5dc0000-0000-4000-a000-00000000d001'::text, 'c1700000-0000-4000-a000-000000000001'::text, 'e5dc0000-0000-4000-a000-000000000102'::text, true)$$,
  'the reviewer has one unread mention, naming the document, the comment and who wrote it'
);
select results_eq($$select unread from public.notification_state()$$, $$values (1)$$, 'notification_state counts it unread');
select results_eq(
  $$select kind, document_title_en, comment_excerpt, actor_name from public.list_notifications()$$,
  $$values ('mention'::text, 'Program Officer, Grants and Contributions'::text, '@Rachel Reviewer is this right?'::text, 'Eddie Editor'::text)$$,
  'list_notifications gives the title, the comment and the actor''s name'
);

select tests.login('viewer');
select is((select count(*)::int from public.notifications), 0, 'another member of the organization sees nothing');
select is((select unread from public.notification_state()), 0, 'and counts nothing');
select tests.login('admin');
select is((select count(*)::int from public.notifications), 0, 'not even an admin sees someone else''s notifications');
select throws_ok(
  $$select public.mark_notification_read((select id from public.notifications limit 1))$$,
  '22023', null, 'mark_notification_read needs an id'
);
select tests.login('tc_editor');
select is((select count(*)::int from public.notifications), 0, 'a user of another organization mentioned by id gets nothing');

-- The reviewer replies: the thread's author (the editor) hears of it.
select tests.login('reviewer');
select lives_ok(
  $$insert into public.comments (id, document_id, parent_id, lang, body)
    values ('c1700000-0000-4000-a000-000000000002', 'e5dc0000-0000-4000-a000-00000000d001', 'c1700000-0000-4000-a000-000000000001', 'en', 'Yes, it is.')$$,
  'the reviewer replies to the editor''s thread'
);
-- An edit that adds a mention notifies only the newly mentioned.
select lives_ok(
  $$update public.comments set mentions = array['e5dc0000-0000-4000-a000-000000000103']::uuid[], body = 'Yes, it is. @Thérèse Traductrice'
     where id = 'c1700000-0000-4000-a000-000000000002'$$,
  'the reviewer edits the reply to mention the translator'
);
select tests.login('translator');
select results_eq($$select kind from public.notifications where comment_id = 'c1700000-0000-4000-a000-000000000002'$$, $$values ('mention'::text)$$,
  'the translator is notified of the new mention');

select tests.login('editor');
select results_eq($$select kind, actor_id::text from public.notifications$$,
  $$values ('reply'::text, 'e5dc0000-0000-4000-a000-000000000104'::text)$$, 'the editor is notified of the reply');

-- Submitting notifies reviewers and admins; deciding notifies the submitter.
select lives_ok($$select public.submit_for_review('e5dc0000-0000-4000-a000-00000000d001', 'please review')$$, 'the editor submits the document');
select tests.login('reviewer');
select is((select count(*)::int from public.notifications where kind = 'submission'), 1, 'the reviewer is told of the submission');
select tests.login('admin');
select is((select count(*)::int from public.notifications where kind = 'submission'), 1, 'so is the admin');
select tests.login('translator');
select is((select count(*)::int from public.notifications where kind = 'submission'), 0, 'a translator is not');
select tests.login('reviewer');
select lives_ok($$select public.decide_approval('e5dc0000-0000-4000-a000-00000000d001', 'changes_requested', 'Tighten the duties.')$$, 'the reviewer requests changes');
select tests.login('editor');
select results_eq($$select decision from public.list_notifications() where kind = 'decision'$$, $$values ('changes_requested'::text)$$,
  'the submitter is told of the decision');
select '# reply notification ' || set_config('tests.reply_notification', (select id::text from public.notifications where kind = 'reply'), true);

-- Marking read: one's own, one at a time or all; never someone else's.
select tests.login('reviewer');
select throws_ok(
  $$select public.mark_notification_read(current_setting('tests.reply_notification')::uuid)$$,
  'P0002', null, 'the reviewer cannot mark the editor''s notification read'
);
select lives_ok(
  $$select public.mark_notification_read((select id from public.notifications where kind = 'mention'))$$,
  'the reviewer marks their mention read'
);
select is((select unread from public.notification_state()), 1, 'one unread left (the submission)');
select is(public.mark_all_notifications_read(), 1, 'mark_all_notifications_read marks the rest');
select throws_ok(
  $$update public.notifications set kind = 'reply'$$,
  '42501', null, 'a recipient may change read_at only'
);

select * from finish();
rollback;
