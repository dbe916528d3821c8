-- The subset of the product schema the sync and signaling servers use, exactly as the issue
-- specifies it, plus a minimal membership model behind can_open_document. Tests create it in
-- an in-memory PGlite until supabase/migrations carries the real one.
do $$ begin create role anon nologin; exception when duplicate_object then null; end $$;
do $$ begin create role authenticated nologin; exception when duplicate_object then null; end $$;
do $$ begin create role service_role nologin bypassrls; exception when duplicate_object then null; end $$;

-- name_en, name_fr and the identification columns of job_descriptions: what the seed hook
-- reads into a new document's meta (signaling/db/document-seed.ts).
create table if not exists public.organizations (id uuid primary key, name text not null, name_en text, name_fr text);
create table if not exists public.memberships (
  user_id uuid not null,
  organization_id uuid not null references public.organizations,
  role text not null check (role in ('viewer', 'editor', 'translator', 'reviewer', 'admin')),
  primary key (user_id, organization_id)
);
create table if not exists public.job_descriptions (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations,
  title_en text,
  title_fr text,
  classification text,
  position_number text,
  noc_code text,
  language_profile text
);
create table if not exists public.doc_updates (
  id bigint generated always as identity primary key,
  document_id uuid not null references public.job_descriptions on delete cascade,
  seq bigint not null,
  -- A merged row covers seq..seq_end (migration 20261208300000); null: one update.
  seq_end bigint check (seq_end is null or seq_end >= seq),
  update bytea not null,
  created_by uuid,
  authors uuid[] check (authors is null or cardinality(authors) = coalesce(seq_end, seq) - seq + 1),
  created_at timestamptz not null default now(),
  unique (document_id, seq)
);
create table if not exists public.doc_snapshots (
  document_id uuid primary key references public.job_descriptions on delete cascade,
  state bytea not null,
  state_vector bytea not null,
  last_seq bigint not null,
  updated_at timestamptz not null default now()
);
create table if not exists public.document_sections (
  document_id uuid not null references public.job_descriptions on delete cascade,
  lang text not null check (lang in ('en', 'fr')),
  section_id text not null,
  kind text not null,
  position int not null,
  heading text,
  body text,
  updated_at timestamptz not null default now(),
  primary key (document_id, lang, section_id)
);

-- The columns the compliance hook writes (signaling/sync/compliance-hook.ts).
create table if not exists public.compliance_findings (
  id uuid primary key default gen_random_uuid(),
  document_id uuid not null references public.job_descriptions on delete cascade,
  organization_id uuid not null,
  rule_id text not null,
  severity text not null,
  lang text,
  section_id text,
  message_en text not null,
  message_fr text not null,
  suggestion text,
  source text not null default 'rules',
  status text not null default 'open',
  finding_key text,
  excerpt text,
  dismissed_reason text
);
create unique index if not exists compliance_findings_document_key_idx on public.compliance_findings (document_id, finding_key) where finding_key is not null;

alter table public.job_descriptions enable row level security;
alter table public.memberships enable row level security;
grant usage on schema public to anon, authenticated;
-- Profiles: the comment guard holds comment names to the sender's display_name.
create table if not exists public.profiles (id uuid primary key, display_name text);
alter table public.profiles enable row level security;
grant select on public.job_descriptions, public.memberships, public.profiles to authenticated;
drop policy if exists own_profile on public.profiles;
create policy own_profile on public.profiles for select to authenticated
  using (id = nullif(current_setting('request.jwt.claims', true)::jsonb ->> 'sub', '')::uuid);
drop policy if exists member_reads on public.memberships;
create policy member_reads on public.memberships for select to authenticated
  using (user_id = nullif(current_setting('request.jwt.claims', true)::jsonb ->> 'sub', '')::uuid);
drop policy if exists members_read_documents on public.job_descriptions;
create policy members_read_documents on public.job_descriptions for select to authenticated
  using (organization_id in (select organization_id from public.memberships));

-- SECURITY INVOKER: what the caller can see under RLS decides the answer.
create or replace function public.can_open_document(doc uuid) returns text
language sql stable security invoker set search_path = public as $$
  select case when m.role = 'viewer' then 'view' else 'edit' end
    from public.job_descriptions j
    join public.memberships m on m.organization_id = j.organization_id
   where j.id = doc
     and m.user_id = nullif(current_setting('request.jwt.claims', true)::jsonb ->> 'sub', '')::uuid
$$;
grant execute on function public.can_open_document(uuid) to anon, authenticated;

-- What the comment projection writes (signaling/comments/comment-projection.ts), reduced to the
-- columns it uses; auth.users only to resolve author ids.
create schema if not exists auth;
create table if not exists auth.users (id uuid primary key);
create table if not exists public.comments (
  id uuid primary key,
  document_id uuid not null references public.job_descriptions on delete cascade,
  parent_id uuid references public.comments on delete cascade,
  lang text,
  section_id text,
  anchor_text text,
  anchor text,
  body text not null,
  author_id uuid,
  created_at timestamptz,
  resolved_by uuid,
  resolved_at timestamptz,
  from_document boolean not null default false
);

-- Access changes announced to the servers, as supabase/migrations/20261205100300 does it.
create or replace function public.notify_membership_change() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    perform pg_notify('jd_access_changed', json_build_object('user_id', old.user_id)::text);
  end if;
  if tg_op = 'INSERT' or (tg_op = 'UPDATE' and new.user_id is distinct from old.user_id) then
    perform pg_notify('jd_access_changed', json_build_object('user_id', new.user_id)::text);
  end if;
  return null;
end $$;
drop trigger if exists memberships_notify_access on public.memberships;
create trigger memberships_notify_access after insert or update or delete on public.memberships
  for each row execute function public.notify_membership_change();
