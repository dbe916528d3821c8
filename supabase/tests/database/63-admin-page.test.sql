-- The demo's admin page (issue 19 item 1): this month's AI usage per provider
-- (ai_usage_by_provider: the organization's admins only, every member's requests, nothing of
-- another organization), and what the page does through row-level security: an admin changes a
-- member's role and reads the audit log newest first; a non-admin and another department can do
-- neither.
begin;
select plan(14);

reset role;
-- This month: openai 2 requests (editor, translator), anthropic 1; last month's and Transport
-- Canada's are not counted.
insert into public.ai_requests (organization_id, user_id, function, provider, model, tokens_in, tokens_out, estimated_cost, outcome, created_at) values
  ('e5dc0000-0000-4000-a000-000000000001', tests.uid('editor'), 'ai-assist', 'openai', 'gpt-4o-mini', 100, 50, 2.00, 'success', now()),
  ('e5dc0000-0000-4000-a000-000000000001', tests.uid('translator'), 'ai-assist', 'openai', 'gpt-4o-mini', 10, 5, 0.25, 'success', now()),
  ('e5dc0000-0000-4000-a000-000000000001', tests.uid('translator'), 'ai-assist', 'anthropic', 'claude', 7, 3, 1.50, 'error', now()),
  ('e5dc0000-0000-4000-a000-000000000001', tests.uid('editor'), 'ai-assist', 'openai', 'gpt-4o-mini', 1000, 1000, 100, 'success',
   date_trunc('month', now() at time zone 'UTC') at time zone 'UTC' - interval '1 second'),
  ('7c000000-0000-4000-a000-000000000002', tests.uid('tc_editor'), 'ai-assist', 'openai', 'gpt-4o-mini', 9, 9, 1.25, 'success', now());

select tests.login('admin');
select results_eq(
  $$select provider, requests, tokens_in, tokens_out, cost_usd from public.ai_usage_by_provider('e5dc0000-0000-4000-a000-000000000001')$$,
  $$values ('anthropic'::text, 1::bigint, 7::bigint, 3::bigint, 1.50::numeric), ('openai', 2, 110, 55, 2.25)$$,
  'an admin sees this month''s usage of every member, per provider');
select is(
  (select bool_and(month_start = date_trunc('month', now() at time zone 'UTC') at time zone 'UTC') from public.ai_usage_by_provider('e5dc0000-0000-4000-a000-000000000001')),
  true, 'counted from the start of the calendar month (UTC)');
select throws_ok(
  $$select * from public.ai_usage_by_provider('7c000000-0000-4000-a000-000000000002')$$,
  '42501', 'only admins of organization 7c000000-0000-4000-a000-000000000002 see its AI usage', 'not another organization''s');
select throws_ok($$select * from public.ai_usage_by_provider(null)$$, '22023', 'organization must not be null', 'a missing organization is named');

select tests.login('editor');
select throws_ok(
  $$select * from public.ai_usage_by_provider('e5dc0000-0000-4000-a000-000000000001')$$,
  '42501', 'only admins of organization e5dc0000-0000-4000-a000-000000000001 see its AI usage',
  'a member who is not an admin is refused (not shown their own requests as the total)');

-- An admin of another department sees nothing of ESDC's.
reset role;
update public.memberships set role = 'admin' where user_id = tests.uid('tc_editor');
select tests.login('tc_editor');
select throws_ok(
  $$select * from public.ai_usage_by_provider('e5dc0000-0000-4000-a000-000000000001')$$,
  '42501', null, 'an admin of another department is refused');
select is((select count(*)::int from public.ai_usage_by_provider('7c000000-0000-4000-a000-000000000002')), 1, 'and sees their own department''s');
select is((select count(*)::int from public.audit_log where organization_id = 'e5dc0000-0000-4000-a000-000000000001'), 0,
  'nor reads ESDC''s audit log');
update public.memberships set role = 'viewer' where user_id = tests.uid('reviewer');
select tests.login('admin');
select is((select role from public.memberships where user_id = tests.uid('reviewer')), 'reviewer', 'nor changes an ESDC member''s role');

select tests.login('anon');
select throws_ok($$select * from public.ai_usage_by_provider('e5dc0000-0000-4000-a000-000000000001')$$, '42501', null, 'anon is refused');

-- Members and the audit log, as the page uses them.
select tests.login('admin');
update public.memberships set role = 'editor' where user_id = tests.uid('viewer');
select is((select role from public.memberships where user_id = tests.uid('viewer')), 'editor', 'an admin changes a member''s role');
select is(
  (select actor::text || ' ' || action || ' ' || (old_values ->> 'role') || '→' || (new_values ->> 'role')
     from public.audit_log where organization_id = 'e5dc0000-0000-4000-a000-000000000001' order by at desc, id desc limit 1),
  tests.uid('admin')::text || ' UPDATE viewer→editor', 'the audit log''s newest row says who changed what');

select tests.login('editor');
update public.memberships set role = 'admin' where user_id = tests.uid('editor');
select is((select role from public.memberships where user_id = tests.uid('editor')), 'editor', 'a non-admin changes no role, not even their own');
select is((select count(*)::int from public.audit_log), 0, 'and reads no audit row');

select * from finish();
rollback;
