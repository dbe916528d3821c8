-- AI assistance (issue 16): an organization's AI settings (members read, admins change, other
-- organizations see nothing), the month's spend against the budget (ai_budget_status, members
-- only), and the writer's decision on a suggestion (record_ai_decision: only the requester, only
-- once, only on a successful ai-assist row; never written directly).
begin;
select plan(36);

-- ai_settings --------------------------------------------------------------------------------------
select tests.login('admin');
select lives_ok(
  $$insert into public.ai_settings (organization_id, provider_order, monthly_budget_usd)
    values ('e5dc0000-0000-4000-a000-000000000001', '{openai,offline}', 25)$$,
  'an admin sets the organization''s provider order and budget');
select is(
  (select array_to_string(provider_order, ',') || ' / ' || monthly_budget_usd::text || ' / ' || (updated_by = tests.uid('admin'))::text
     from public.ai_settings where organization_id = 'e5dc0000-0000-4000-a000-000000000001'),
  'openai,offline / 25.00 / true', 'stored with who set it');
select throws_ok(
  $$update public.ai_settings set provider_order = '{openai,gemini}' where organization_id = 'e5dc0000-0000-4000-a000-000000000001'$$,
  '22023', 'provider_order may hold only anthropic, openai, local and offline (got ''gemini'')', 'an unknown provider is named');
select throws_ok(
  $$update public.ai_settings set provider_order = '{openai,openai}' where organization_id = 'e5dc0000-0000-4000-a000-000000000001'$$,
  '22023', 'provider_order lists a provider twice (openai, openai)', 'a provider listed twice is refused');
select throws_ok(
  $$update public.ai_settings set provider_order = '{}' where organization_id = 'e5dc0000-0000-4000-a000-000000000001'$$,
  '22023', 'provider_order must list 1 to 4 providers (got 0)', 'an empty order is refused');
select throws_ok(
  $$update public.ai_settings set monthly_budget_usd = -1 where organization_id = 'e5dc0000-0000-4000-a000-000000000001'$$,
  '22023', 'monthly_budget_usd must be at least 0, or null for no cap (got -1.00)', 'a negative budget is refused');
select throws_ok(
  $$delete from public.ai_settings where organization_id = 'e5dc0000-0000-4000-a000-000000000001'$$,
  '42501', null, 'nobody deletes the settings through the API (an admin sets them back instead)');

select tests.login('viewer');
select is((select monthly_budget_usd from public.ai_settings where organization_id = 'e5dc0000-0000-4000-a000-000000000001'), 25.00::numeric(12, 2),
  'a member reads the settings');
update public.ai_settings set monthly_budget_usd = 1000 where organization_id = 'e5dc0000-0000-4000-a000-000000000001';
select is((select monthly_budget_usd from public.ai_settings where organization_id = 'e5dc0000-0000-4000-a000-000000000001'), 25.00::numeric(12, 2),
  'but a member who is not an admin changes nothing');
select throws_ok(
  $$insert into public.ai_settings (organization_id, monthly_budget_usd) values ('7c000000-0000-4000-a000-000000000002', 0)$$,
  '42501', null, 'nor sets another organization''s');
select tests.login('tc_editor');
select is((select count(*)::int from public.ai_settings), 0, 'another organization sees none');
select tests.login('anon');
select throws_ok($$select count(*) from public.ai_settings$$, '42501', null, 'anon reads nothing');

-- ai_budget_status ----------------------------------------------------------------------------------
reset role;
-- Spend: 3.50 this month, 100 last month (not counted), 1.25 at Transport Canada.
insert into public.ai_requests (organization_id, user_id, function, provider, model, estimated_cost, outcome, task, created_at) values
  ('e5dc0000-0000-4000-a000-000000000001', tests.uid('editor'), 'ai-assist', 'openai', 'gpt-4o-mini', 2.00, 'success', 'improve', now()),
  ('e5dc0000-0000-4000-a000-000000000001', tests.uid('translator'), 'ai-assist', 'anthropic', 'claude', 1.50, 'error', 'translate', now()),
  ('e5dc0000-0000-4000-a000-000000000001', tests.uid('editor'), 'ai-assist', 'openai', 'gpt-4o-mini', 100, 'success', 'improve',
   date_trunc('month', now() at time zone 'UTC') at time zone 'UTC' - interval '1 second'),
  ('7c000000-0000-4000-a000-000000000002', tests.uid('tc_editor'), 'ai-assist', 'openai', 'gpt-4o-mini', 1.25, 'success', 'improve', now());

select tests.login('viewer');
select results_eq(
  $$select spent_usd, budget_usd, month_start = date_trunc('month', now() at time zone 'UTC') at time zone 'UTC' from public.ai_budget_status('e5dc0000-0000-4000-a000-000000000001')$$,
  $$values (3.50::numeric, 25.00::numeric, true)$$,
  'a member sees this calendar month''s spend (UTC, every user''s calls, failed ones too) and the budget');
select throws_ok(
  $$select * from public.ai_budget_status('7c000000-0000-4000-a000-000000000002')$$,
  '42501', 'you are not a member of organization 7c000000-0000-4000-a000-000000000002', 'not another organization''s');
select throws_ok($$select * from public.ai_budget_status(null)$$, '22023', 'organization must not be null', 'the organization is required');
select tests.login('tc_editor');
select results_eq(
  $$select spent_usd, budget_usd from public.ai_budget_status('7c000000-0000-4000-a000-000000000002')$$,
  $$values (1.25::numeric, null::numeric)$$, 'without settings there is no cap');
select tests.login('service');
select results_eq(
  $$select spent_usd from public.ai_budget_status('e5dc0000-0000-4000-a000-000000000001')$$,
  $$values (3.50::numeric)$$, 'the service reads any organization''s');
select tests.login('anon');
select throws_ok($$select * from public.ai_budget_status('e5dc0000-0000-4000-a000-000000000001')$$, '42501', null, 'anon cannot ask');

-- record_ai_decision ----------------------------------------------------------------------------------
reset role;
create temporary table ids on commit drop as
select (select id from public.ai_requests where user_id = tests.uid('editor') and estimated_cost = 2.00) as editor_success,
       (select id from public.ai_requests where user_id = tests.uid('translator') and estimated_cost = 1.50) as translator_error;
insert into public.ai_requests (organization_id, user_id, function, provider, outcome) values
  ('e5dc0000-0000-4000-a000-000000000001', tests.uid('editor'), 'embed', 'openai', 'success');
alter table ids add column editor_embed bigint;
update ids set editor_embed = (select max(id) from public.ai_requests where function = 'embed' and user_id = tests.uid('editor'));
grant select on ids to authenticated;

select tests.login('editor');
select throws_ok(
  $$insert into public.ai_requests (organization_id, function, provider, outcome, task, decision, changes_accepted, changes_rejected, decided_at)
    values ('e5dc0000-0000-4000-a000-000000000001', 'ai-assist', 'openai', 'success', 'improve', 'accepted', 3, 0, now())$$,
  '42501', 'ai_requests.decision, changes_accepted, changes_rejected and decided_at are set by record_ai_decision only',
  'a user cannot insert a decision with a usage row');
select lives_ok(
  $$insert into public.ai_requests (organization_id, function, provider, outcome, task)
    values ('e5dc0000-0000-4000-a000-000000000001', 'ai-assist', 'offline', 'success', 'translate')$$,
  'but still records usage with its task, as the function does as the caller');
select throws_ok(
  $$update public.ai_requests set decision = 'accepted', changes_accepted = 1, changes_rejected = 0, decided_at = now() where id = (select editor_success from ids)$$,
  '42501', null, 'nor update one directly: ai_requests stays append-only for users');
select throws_ok(
  $$select public.record_ai_decision((select editor_success from ids), 'maybe', 1, 0)$$,
  '22023', 'decision must be accepted, partially-accepted, rejected or cancelled (got ''maybe'')', 'an unknown decision is named');
select throws_ok(
  $$select public.record_ai_decision((select editor_success from ids), 'accepted', -1, 0)$$,
  '22023', 'changes_accepted must be between 0 and 100000 (got -1)', 'a negative count is refused');
select throws_ok(
  $$select public.record_ai_decision((select editor_success from ids), 'accepted', 2, 1)$$,
  '22023', 'an accepted suggestion has no rejected changes (changes_rejected is 1): use partially-accepted', 'accepted means nothing rejected');
select throws_ok(
  $$select public.record_ai_decision((select editor_success from ids), 'partially-accepted', 2, 0)$$,
  '22023', 'a partially-accepted suggestion has at least one accepted and one rejected change', 'partially means some of each');
select throws_ok(
  $$select public.record_ai_decision((select translator_error from ids), 'rejected', 0, 1)$$,
  '42501', format('AI request %s does not exist or is not yours', (select translator_error from ids)), 'not someone else''s request');
select throws_ok(
  $$select public.record_ai_decision(999999999, 'rejected', 0, 1)$$,
  '42501', 'AI request 999999999 does not exist or is not yours', 'a request that does not exist answers the same');
select throws_ok(
  $$select public.record_ai_decision((select editor_embed from ids), 'accepted', 1, 0)$$,
  '22023', format('AI request %s is not an ai-assist suggestion (it has no task)', (select editor_embed from ids)), 'only ai-assist suggestions');
select lives_ok(
  $$select public.record_ai_decision((select editor_success from ids), 'partially-accepted', 2, 1)$$,
  'the requester records their decision');
select throws_ok(
  $$select public.record_ai_decision((select editor_success from ids), 'rejected', 0, 3)$$,
  '23505', null, 'only once');
select results_eq(
  $$select decision, changes_accepted, changes_rejected, decided_at is not null, user_id = tests.uid('editor'), tokens_in
      from public.ai_requests where id = (select editor_success from ids)$$,
  $$values ('partially-accepted'::text, 2, 1, true, true, 0)$$,
  'the decision is on the row; nothing else changed');
select tests.login('translator');
select throws_ok(
  $$select public.record_ai_decision((select translator_error from ids), 'rejected', 0, 1)$$,
  '22023', format('AI request %s did not produce a suggestion (its outcome is error)', (select translator_error from ids)),
  'a failed call has no suggestion to decide on');
select tests.login('anon');
select throws_ok($$select public.record_ai_decision(1, 'rejected', 0, 1)$$, '42501', null, 'anon cannot record decisions');

reset role;
select is(
  (select count(*)::int from public.audit_log where table_name = 'ai_requests' and action = 'UPDATE'
      and row_id = (select editor_success from ids)::text and new_values ->> 'decision' = 'partially-accepted'),
  1, 'the decision is in the audit log');
select is(
  (select count(*)::int from public.audit_log where table_name = 'ai_settings' and action = 'INSERT' and actor = tests.uid('admin')),
  1, 'so is the admin''s change of the settings');
select ok(
  (select obj_description('public.ai_settings'::regclass) is not null
      and col_description('public.ai_settings'::regclass, 2) is not null
      and col_description('public.ai_settings'::regclass, 3) is not null),
  'the settings table and its columns are described for the dashboard');

select * from finish();
rollback;
