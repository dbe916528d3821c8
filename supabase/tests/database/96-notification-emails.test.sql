-- Optional e-mail of notifications (20261208600000_notification_emails.sql): users opt in on
-- their own profile only (off by default); only the service claims notifications to e-mail, a
-- claim marks them so a second claim returns nothing, and a release hands a failed one back.
begin;
select plan(20);

select has_column('public', 'profiles', 'email_notifications', 'profiles say whether the user wants e-mail');
select col_default_is('public', 'profiles', 'email_notifications', 'false', 'e-mail is off by default');
select col_not_null('public', 'profiles', 'email_notifications', 'email_notifications is never null');
select has_column('public', 'notifications', 'emailed_at', 'notifications record when they were e-mailed');
-- What the seed notified is not what this test is about.
update public.notifications set emailed_at = now();

select tests.login('reviewer');
select results_eq($$update public.profiles set email_notifications = true where id = tests.uid('reviewer') returning id::text$$,
  $$values (tests.uid('reviewer')::text)$$, 'the reviewer opts in on their own profile');
select is_empty($$update public.profiles set email_notifications = true where id = tests.uid('translator') returning id$$,
  'nobody changes another user''s opt-in');
select throws_ok($$update public.notifications set emailed_at = null$$, '42501', null, 'a recipient cannot change emailed_at');
select throws_ok($$select * from public.claim_notification_emails(10)$$, '42501', null, 'a user cannot claim e-mails (addresses)');
select throws_ok($$select public.release_notification_emails(array[gen_random_uuid()])$$, '42501', null, 'a user cannot release e-mails');
select throws_ok($$select private.user_email(tests.uid('editor'))$$, '42501', null, 'a user cannot read e-mail addresses');
select tests.login('anon');
select throws_ok($$select * from public.claim_notification_emails(10)$$, '42501', null, 'anon cannot claim e-mails');

-- The editor mentions the reviewer (opted in) and the translator (not).
select tests.login('editor');
select lives_ok(
  $$insert into public.comments (id, document_id, lang, body, mentions)
    values ('c1700000-0000-4000-a000-0000000000e1', 'e5dc0000-0000-4000-a000-00000000d001', 'en', '@Rachel Reviewer @Thérèse Traductrice look',
            array[tests.uid('reviewer'), tests.uid('translator')])$$,
  'the editor mentions the reviewer and the translator'
);

select tests.login('service');
select throws_ok($$select * from public.claim_notification_emails(101)$$, '22023', null, 'at most 100 per claim');
select results_eq(
  $$select kind, recipient_email, recipient_name, preferred_language, actor_name, comment_excerpt from public.claim_notification_emails(100)$$,
  $$values ('mention'::text, 'reviewer@esdc.example'::text, 'Rachel Reviewer'::text, 'en'::text, 'Eddie Editor'::text, '@Rachel Reviewer @Thérèse Traductrice look'::text)$$,
  'the service claims the reviewer''s mention only, with what the e-mail needs'
);
select is_empty($$select * from public.claim_notification_emails(100)$$, 'a second claim returns nothing');
select results_eq(
  $$select recipient_id = tests.uid('reviewer'), emailed_at is not null from public.notifications where comment_id = 'c1700000-0000-4000-a000-0000000000e1' order by 1$$,
  $$values (false, false), (true, true)$$,
  'the reviewer''s notification is marked e-mailed, the translator''s is not'
);
select is(public.release_notification_emails(array(select id from public.notifications where comment_id = 'c1700000-0000-4000-a000-0000000000e1')), 1,
  'a failed send is released');
select is((select count(*)::int from public.claim_notification_emails(100)), 1, 'and claimed again by the next call');

-- A read notification needs no e-mail.
select tests.login('editor');
select lives_ok(
  $$insert into public.comments (id, document_id, lang, body, mentions)
    values ('c1700000-0000-4000-a000-0000000000e2', 'e5dc0000-0000-4000-a000-00000000d001', 'en', '@Rachel Reviewer again', array[tests.uid('reviewer')])$$,
  'the editor mentions the reviewer again'
);
select tests.login('reviewer');
select public.mark_all_notifications_read();
select tests.login('service');
select is_empty($$select * from public.claim_notification_emails(100)$$, 'a notification already read is not e-mailed');

select * from finish();
rollback;
