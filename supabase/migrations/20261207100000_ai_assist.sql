-- AI assistance (issue 16): per-organization AI settings (provider order, monthly budget), what
-- an `ai-assist` call asked for (task) and what the writer did with the suggestion (decision),
-- and the month's spend for the budget check.
--
-- Public functions stay SECURITY INVOKER (10-schema checks it); the two that must read or write
-- past row-level security (a member sums the organization's spend; a user records a decision on
-- the append-only ai_requests) call SECURITY DEFINER helpers in schema private that check the
-- caller themselves.

-- ai_settings -------------------------------------------------------------------------------------

create table public.ai_settings (
  organization_id uuid primary key references public.organizations (id) on delete cascade,
  provider_order text[] not null default '{anthropic,openai,local}',
  monthly_budget_usd numeric(12, 2),
  updated_by uuid default auth.uid() references auth.users (id) on delete set null,
  updated_at timestamptz not null default now(),
  constraint ai_settings_provider_order check (
    cardinality(provider_order) between 1 and 4
    and provider_order <@ array['anthropic', 'openai', 'local', 'offline']::text[]
    and array_position(provider_order, null) is null
  ),
  constraint ai_settings_budget check (monthly_budget_usd is null or monthly_budget_usd >= 0)
);
comment on table public.ai_settings is
  'AI assistance settings of an organization (one row; none = the defaults): which providers ai-assist tries, in order, and the monthly spending cap. Members read it, admins change it.';
comment on column public.ai_settings.provider_order is
  'Providers ai-assist tries, in this order, among those configured on the server: anthropic, openai, local (an OpenAI-compatible server), offline (translation memory, glossary and rules; no cost). Each at most once.';
comment on column public.ai_settings.monthly_budget_usd is
  'Most the organization may spend on AI providers per calendar month (UTC), in US dollars, estimated from tokens; null = no cap. Past it, paid providers are refused (the offline provider still answers when it is in provider_order).';
comment on column public.ai_settings.updated_by is 'Who last changed the settings.';
comment on column public.ai_settings.updated_at is 'When the settings last changed.';
alter table public.ai_settings enable row level security;

-- Clear messages for what the constraints also refuse, and who changed the row.
create function private.ai_settings_guard() returns trigger
language plpgsql
set search_path = ''
as $$
declare
  unknown text;
begin
  perform private.check_not_null('provider_order', new.provider_order);
  perform private.require(cardinality(new.provider_order) between 1 and 4,
    format('provider_order must list 1 to 4 providers (got %s)', cardinality(new.provider_order)));
  select string_agg(coalesce(quote_literal(p), 'null'), ', ') into unknown
    from unnest(new.provider_order) p
   where p is null or p not in ('anthropic', 'openai', 'local', 'offline');
  perform private.require(unknown is null,
    format('provider_order may hold only anthropic, openai, local and offline (got %s)', unknown));
  perform private.require(cardinality(new.provider_order) = (select count(distinct p) from unnest(new.provider_order) p),
    format('provider_order lists a provider twice (%s)', array_to_string(new.provider_order, ', ')));
  perform private.require(new.monthly_budget_usd is null or new.monthly_budget_usd >= 0,
    format('monthly_budget_usd must be at least 0, or null for no cap (got %s)', new.monthly_budget_usd));
  if tg_op = 'UPDATE' and new.organization_id is distinct from old.organization_id then
    raise exception using errcode = '42501', message = 'ai_settings.organization_id cannot change';
  end if;
  if private.is_end_user() then
    new.updated_by := auth.uid();
  end if;
  new.updated_at := now();
  return new;
end
$$;
revoke all on function private.ai_settings_guard() from public;

create trigger ai_settings_guard before insert or update on public.ai_settings
  for each row execute function private.ai_settings_guard();
create trigger audit after insert or update or delete on public.ai_settings
  for each row execute function private.audit_row();

create policy ai_settings_select on public.ai_settings for select to authenticated
  using (organization_id in (select private.my_org_ids()));
create policy ai_settings_insert on public.ai_settings for insert to authenticated
  with check (organization_id in (select private.my_org_ids('{admin}')));
create policy ai_settings_update on public.ai_settings for update to authenticated
  using (organization_id in (select private.my_org_ids('{admin}')))
  with check (organization_id in (select private.my_org_ids('{admin}')));

revoke all on public.ai_settings from anon;
revoke delete, truncate, references, trigger on public.ai_settings from authenticated;
revoke truncate, references, trigger on public.ai_settings from service_role;

-- ai_requests: the task and the writer's decision ---------------------------------------------------

alter table public.ai_requests
  add column task text check (task is null or task in ('improve', 'translate', 'check-equivalence', 'draft-section')),
  add column decision text check (decision is null or decision in ('accepted', 'partially-accepted', 'rejected', 'cancelled')),
  add column changes_accepted integer check (changes_accepted is null or changes_accepted >= 0),
  add column changes_rejected integer check (changes_rejected is null or changes_rejected >= 0),
  add column decided_at timestamptz,
  add constraint ai_requests_decision_complete check (
    (decision is null and changes_accepted is null and changes_rejected is null and decided_at is null)
    or (decision is not null and changes_accepted is not null and changes_rejected is not null and decided_at is not null));
comment on column public.ai_requests.task is 'The ai-assist task (improve, translate, check-equivalence, draft-section); null for other functions.';
comment on column public.ai_requests.decision is
  'What the writer did with the suggestion (accepted, partially-accepted, rejected, cancelled), set once by record_ai_decision.';
comment on column public.ai_requests.changes_accepted is 'Changes of the suggestion the writer accepted.';
comment on column public.ai_requests.changes_rejected is 'Changes of the suggestion the writer rejected.';
comment on column public.ai_requests.decided_at is 'When the decision was recorded.';

-- A user inserts usage rows (as the functions do, as the caller) but never a decision with them:
-- decisions come from record_ai_decision only.
create function private.ai_requests_no_decision_on_insert() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if private.is_end_user()
     and (new.decision is not null or new.changes_accepted is not null or new.changes_rejected is not null or new.decided_at is not null) then
    raise exception using errcode = '42501',
      message = 'ai_requests.decision, changes_accepted, changes_rejected and decided_at are set by record_ai_decision only';
  end if;
  return new;
end
$$;
revoke all on function private.ai_requests_no_decision_on_insert() from public;
create trigger ai_requests_no_decision_on_insert before insert on public.ai_requests
  for each row execute function private.ai_requests_no_decision_on_insert();

-- record_ai_decision ----------------------------------------------------------------------------------

create function private.record_ai_decision(request_id bigint, decision text, changes_accepted integer, changes_rejected integer)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  target public.ai_requests;
begin
  perform private.check_not_null('request_id', request_id);
  perform private.check_not_null('decision', decision);
  perform private.require(decision in ('accepted', 'partially-accepted', 'rejected', 'cancelled'),
    format('decision must be accepted, partially-accepted, rejected or cancelled (got %s)', quote_literal(decision)));
  perform private.check_range('changes_accepted', changes_accepted, 0, 100000);
  perform private.check_range('changes_rejected', changes_rejected, 0, 100000);
  perform private.require(decision <> 'accepted' or changes_rejected = 0,
    format('an accepted suggestion has no rejected changes (changes_rejected is %s): use partially-accepted', changes_rejected));
  perform private.require(decision <> 'rejected' or changes_accepted = 0,
    format('a rejected suggestion has no accepted changes (changes_accepted is %s): use partially-accepted', changes_accepted));
  perform private.require(decision <> 'partially-accepted' or (changes_accepted > 0 and changes_rejected > 0),
    'a partially-accepted suggestion has at least one accepted and one rejected change');

  -- The same answer for a row that does not exist and for someone else's: nothing leaks.
  select * into target from public.ai_requests r
   where r.id = request_id and r.user_id = (select auth.uid())
   for update;
  if target.id is null then
    raise exception using errcode = '42501', message = format('AI request %s does not exist or is not yours', request_id);
  end if;
  if target.task is null then
    raise exception using errcode = '22023', message = format('AI request %s is not an ai-assist suggestion (it has no task)', request_id);
  end if;
  if target.outcome <> 'success' then
    raise exception using errcode = '22023',
      message = format('AI request %s did not produce a suggestion (its outcome is %s)', request_id, target.outcome);
  end if;
  if target.decision is not null then
    raise exception using errcode = '23505',
      message = format('AI request %s already has a decision (%s, recorded %s)', request_id, target.decision, target.decided_at);
  end if;
  update public.ai_requests r
     set decision = record_ai_decision.decision,
         changes_accepted = record_ai_decision.changes_accepted,
         changes_rejected = record_ai_decision.changes_rejected,
         decided_at = now()
   where r.id = request_id;
end
$$;
revoke all on function private.record_ai_decision(bigint, text, integer, integer) from public, anon;
grant execute on function private.record_ai_decision(bigint, text, integer, integer) to authenticated;

create function public.record_ai_decision(request_id bigint, decision text, changes_accepted integer, changes_rejected integer)
returns void
language sql
set search_path = ''
as $$ select private.record_ai_decision(request_id, decision, changes_accepted, changes_rejected) $$;
revoke all on function public.record_ai_decision(bigint, text, integer, integer) from public, anon;
grant execute on function public.record_ai_decision(bigint, text, integer, integer) to authenticated;
comment on function public.record_ai_decision(bigint, text, integer, integer) is
  'Records, once, what the caller did with one of their own ai-assist suggestions: accepted, partially-accepted, rejected or cancelled, with the numbers of changes accepted and rejected.';

-- ai_budget_status ------------------------------------------------------------------------------------

create function private.ai_budget_status(organization uuid)
returns table (spent_usd numeric, budget_usd numeric, month_start timestamptz)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  since timestamptz := date_trunc('month', now() at time zone 'UTC') at time zone 'UTC';
begin
  perform private.check_not_null('organization', organization);
  -- SECURITY DEFINER runs as the owner, so the caller is told by the request's claims: the
  -- service reads any organization, everyone else only one they belong to.
  if coalesce(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role', '') <> 'service_role'
     and not private.has_org_role(organization) then
    raise exception using errcode = '42501', message = format('you are not a member of organization %s', organization);
  end if;
  return query
    select coalesce((select sum(r.estimated_cost) from public.ai_requests r
                      where r.organization_id = organization and r.created_at >= since), 0)::numeric,
           (select s.monthly_budget_usd from public.ai_settings s where s.organization_id = organization)::numeric,
           since;
end
$$;
revoke all on function private.ai_budget_status(uuid) from public, anon;
grant execute on function private.ai_budget_status(uuid) to authenticated, service_role;

create function public.ai_budget_status(organization uuid)
returns table (spent_usd numeric, budget_usd numeric, month_start timestamptz)
language sql
stable
set search_path = ''
as $$ select * from private.ai_budget_status(organization) $$;
revoke all on function public.ai_budget_status(uuid) from public, anon;
grant execute on function public.ai_budget_status(uuid) to authenticated, service_role;
comment on function public.ai_budget_status(uuid) is
  'The organization''s AI spend since the start of this calendar month (UTC), in US dollars, and its monthly budget (null = no cap): for its members.';
