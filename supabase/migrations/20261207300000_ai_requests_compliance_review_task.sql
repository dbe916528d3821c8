-- Issue 15 item 3: ai-assist's compliance-review task (an advisory AI review of a whole job
-- description) is recorded in ai_requests like the other tasks.

alter table public.ai_requests
  drop constraint ai_requests_task_check,
  add constraint ai_requests_task_check
    check (task is null or task in ('improve', 'translate', 'check-equivalence', 'draft-section', 'compliance-review'));
comment on column public.ai_requests.task is 'The ai-assist task (improve, translate, check-equivalence, draft-section, compliance-review); null for other functions.';
