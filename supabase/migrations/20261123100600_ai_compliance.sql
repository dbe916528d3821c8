-- AI usage records and compliance findings.

create table public.ai_requests (
  id bigint generated always as identity primary key,
  organization_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid default auth.uid() references auth.users (id) on delete set null,
  document_id uuid references public.job_descriptions (id) on delete set null,
  -- The feature that asked: ai-assist, translate, compliance-review, embed, ...
  function text not null check (function ~ '^[a-z][a-z0-9_-]{0,62}$'),
  provider text not null check (length(provider) between 1 and 100),
  model text check (model is null or length(model) <= 200),
  tokens_in integer not null default 0 check (tokens_in >= 0),
  tokens_out integer not null default 0 check (tokens_out >= 0),
  -- Estimated cost in US dollars.
  estimated_cost numeric(14, 6) not null default 0 check (estimated_cost >= 0),
  latency_ms integer check (latency_ms is null or latency_ms >= 0),
  outcome text not null check (outcome in ('success', 'error', 'timeout', 'fallback', 'budget_exceeded', 'cancelled')),
  error text check (error is null or length(error) <= 10000),
  created_at timestamptz not null default now()
);
comment on table public.ai_requests is
  'One row per AI provider call: who, what for, which provider and model, tokens, estimated cost (USD), latency and outcome. Feeds per-organization budget caps.';
create index ai_requests_organization_id_idx on public.ai_requests (organization_id, created_at);
create index ai_requests_user_id_idx on public.ai_requests (user_id);
create index ai_requests_document_id_idx on public.ai_requests (document_id) where document_id is not null;
alter table public.ai_requests enable row level security;

create trigger ai_requests_stamp before insert or update on public.ai_requests
  for each row execute function private.stamp_row('user_id');

create table public.compliance_findings (
  id uuid primary key default gen_random_uuid(),
  document_id uuid not null references public.job_descriptions (id) on delete cascade,
  organization_id uuid not null references public.organizations (id) on delete cascade,
  rule_id text not null check (rule_id ~ '^[a-z0-9][a-z0-9._/-]{0,99}$'),
  severity text not null check (severity in ('error', 'warning', 'info')),
  -- null: the finding concerns both languages (e.g. EN/FR parity) or the identification fields.
  lang text check (lang in ('en', 'fr')),
  section_id text check (section_id is null or length(section_id) <= 200),
  -- Character range inside the section body (end exclusive); null when the finding has no range.
  range_start integer check (range_start is null or range_start >= 0),
  range_end integer,
  message_en text not null check (length(message_en) between 1 and 10000),
  message_fr text not null check (length(message_fr) between 1 and 10000),
  suggestion text check (suggestion is null or length(suggestion) <= 10000),
  source text not null default 'rules' check (source in ('rules', 'ai')),
  status text not null default 'open' check (status in ('open', 'resolved', 'dismissed')),
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  resolved_by uuid references auth.users (id) on delete set null,
  resolved_at timestamptz,
  constraint compliance_findings_range check (range_end is null or (range_start is not null and range_end >= range_start))
);
comment on table public.compliance_findings is 'Compliance findings of a document: rule, severity, language, range, message (EN and FR), status.';
create index compliance_findings_document_id_idx on public.compliance_findings (document_id, status);
create index compliance_findings_organization_id_idx on public.compliance_findings (organization_id);
alter table public.compliance_findings enable row level security;

create trigger compliance_findings_updated_at before update on public.compliance_findings
  for each row execute function private.set_updated_at();
create trigger compliance_findings_organization before insert or update on public.compliance_findings
  for each row execute function private.fill_organization_from_document();
create trigger compliance_findings_stamp before insert or update on public.compliance_findings
  for each row execute function private.stamp_row();

-- Closing a finding records who and when; reopening clears it.
create function private.compliance_findings_status() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if private.is_end_user() and (tg_op = 'INSERT' or new.status is distinct from old.status) then
    if new.status = 'open' then
      new.resolved_by := null;
      new.resolved_at := null;
    else
      new.resolved_by := auth.uid();
      new.resolved_at := now();
    end if;
  end if;
  return new;
end
$$;
revoke all on function private.compliance_findings_status() from public;

create trigger compliance_findings_status before insert or update on public.compliance_findings
  for each row execute function private.compliance_findings_status();
