-- Issue 15 item 3: ai-assist's compliance-review task is recorded in ai_requests as the caller,
-- like the other tasks; a task the function does not have is still refused.
begin;
select plan(3);

select tests.login('editor');
select lives_ok(
  $$insert into public.ai_requests (organization_id, document_id, function, provider, outcome, task)
    values ('e5dc0000-0000-4000-a000-000000000001', 'e5dc0000-0000-4000-a000-00000000d001', 'ai-assist', 'offline', 'success', 'compliance-review')$$,
  'a compliance-review call is recorded as the caller');
select throws_ok(
  $$insert into public.ai_requests (organization_id, function, provider, outcome, task)
    values ('e5dc0000-0000-4000-a000-000000000001', 'ai-assist', 'offline', 'success', 'rewrite-everything')$$,
  '23514', null, 'an unknown task is refused');
select is(
  (select count(*)::int from public.ai_requests where task = 'compliance-review' and document_id = 'e5dc0000-0000-4000-a000-00000000d001'),
  1, 'the editor reads the row back');

select * from finish();
rollback;
