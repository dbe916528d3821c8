-- Access changes are announced on `jd_access_changed` (the sync and signaling servers LISTEN):
-- the triggers exist, fire for what members may do (an admin changing or removing a membership)
-- and are not callable by API roles. The notifications themselves are delivered at commit, which
-- a pgTAP transaction never reaches; signaling/tests and dev/tests/sync-on-stack.test.ts see them.
begin;
select plan(8);

select has_trigger('public', 'memberships', 'memberships_notify_access', 'memberships announce changes');
select has_trigger('public', 'job_descriptions', 'job_descriptions_notify_access', 'job descriptions announce moves and deletions');
select has_trigger('public', 'job_descriptions', 'job_descriptions_notify_status', 'job descriptions announce status changes (they change can_open_document)');
select ok(not has_function_privilege('authenticated', 'private.notify_membership_change()', 'execute'), 'authenticated may not call the membership trigger function');
select ok(not has_function_privilege('anon', 'private.notify_document_access_change()', 'execute'), 'anon may not call the document trigger function');

set local role authenticated;
select set_config('request.jwt.claims', '{"sub":"e5dc0000-0000-4000-a000-000000000105","role":"authenticated"}', true);
select lives_ok(
  $$update public.memberships set role = 'reviewer' where user_id = 'e5dc0000-0000-4000-a000-000000000101'$$,
  'an admin changes a role: the trigger runs as the admin'
);
select results_eq(
  $$select role from public.memberships where user_id = 'e5dc0000-0000-4000-a000-000000000101'$$,
  $$values ('reviewer'::text)$$,
  'and the change is made'
);
select lives_ok(
  $$delete from public.memberships where user_id = 'e5dc0000-0000-4000-a000-000000000101'$$,
  'an admin removes a member: the trigger runs as the admin'
);

select * from finish();
rollback;
