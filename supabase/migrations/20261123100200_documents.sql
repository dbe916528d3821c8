-- Job descriptions and their content: the Yjs update log (doc_updates) and its compaction
-- (doc_snapshots), the plain-text projection per section and language (document_sections,
-- written by the sync server) and named immutable versions (document_versions).

create table public.job_descriptions (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  title_en text check (title_en is null or length(title_en) <= 300),
  title_fr text check (title_fr is null or length(title_fr) <= 300),
  -- Group (and sub-group) code, then the level 00-19: AS-02, CT-FIN-04, AO-CAI-03.
  classification text
    constraint job_descriptions_classification_format
    check (classification is null or classification ~ '^[A-Z]{2,3}(-[A-Z]{2,4})?-(0[0-9]|1[0-9])$'),
  -- The group part, checked against the reference table by the foreign key below.
  classification_group text generated always as (substring(classification from '^(.+)-[0-9]{2}$')) stored
    constraint job_descriptions_classification_group_fkey references public.classification_groups (code),
  position_number text check (position_number is null or position_number ~ '^[A-Za-z0-9][A-Za-z0-9 -]{0,29}$'),
  -- National Occupational Classification: 5 digits (NOC 2021) or 4 (NOC 2016).
  noc_code text check (noc_code is null or noc_code ~ '^[0-9]{4,5}$'),
  -- Second-language profile, reading/writing/oral, e.g. CBC, or English/French pairs like CBC/CBC.
  language_profile text check (language_profile is null or language_profile ~ '^[ABCEP]{3}(/[ABCEP]{3})?$'),
  status text not null default 'draft' check (status in ('draft', 'in_review', 'approved', 'archived')),
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.job_descriptions is
  'Work descriptions (TBS format). Content lives in the Yjs log (doc_updates/doc_snapshots); sections are projected to document_sections.';
create index job_descriptions_organization_id_idx on public.job_descriptions (organization_id, status, updated_at desc);
create index job_descriptions_classification_group_idx on public.job_descriptions (classification_group);
create index job_descriptions_created_by_idx on public.job_descriptions (created_by);
alter table public.job_descriptions enable row level security;

create table public.doc_updates (
  id bigint generated always as identity primary key,
  document_id uuid not null references public.job_descriptions (id) on delete cascade,
  seq bigint not null,
  update bytea not null,
  created_by uuid,
  created_at timestamptz not null default now(),
  unique (document_id, seq)
);
comment on table public.doc_updates is
  'Append-only Yjs updates, per-document sequence. Written by the sync server; compaction folds them into doc_snapshots and deletes them (as the service).';
alter table public.doc_updates enable row level security;

create table public.doc_snapshots (
  document_id uuid primary key references public.job_descriptions (id) on delete cascade,
  state bytea not null,
  state_vector bytea not null,
  last_seq bigint not null,
  updated_at timestamptz not null default now()
);
comment on table public.doc_snapshots is 'Compacted Yjs state of a document up to last_seq. Written by the service only.';
alter table public.doc_snapshots enable row level security;

create table public.document_sections (
  document_id uuid references public.job_descriptions (id) on delete cascade,
  lang text check (lang in ('en', 'fr')),
  section_id text,
  kind text,
  position integer,
  heading text,
  body text,
  updated_at timestamptz default now(),
  primary key (document_id, lang, section_id)
);
comment on table public.document_sections is
  'Plain-text projection of the Yjs document, one row per section and language, rewritten by the sync server. Kinds used by the seed: client_service_results, key_activities, skill, effort, responsibility, working_conditions.';
alter table public.document_sections enable row level security;

create table public.document_versions (
  id uuid primary key default gen_random_uuid(),
  document_id uuid not null references public.job_descriptions (id) on delete cascade,
  organization_id uuid not null references public.organizations (id) on delete cascade,
  version_number integer not null check (version_number > 0),
  name text not null check (length(btrim(name)) between 1 and 200),
  note text check (note is null or length(note) <= 10000),
  -- The Yjs state at the version: apply `state` (the snapshot, may be null) then each element of
  -- `updates` in order. Together they cover every update up to `seq`.
  seq bigint not null default 0,
  state bytea,
  updates bytea[] not null default '{}',
  -- Identification fields and the plain-text sections at the version, readable without Yjs.
  metadata jsonb not null default '{}'::jsonb,
  sections jsonb not null default '[]'::jsonb,
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  unique (document_id, version_number)
);
comment on table public.document_versions is 'Named, immutable snapshots of a document (who and when). Created by save_version().';
create index document_versions_organization_id_idx on public.document_versions (organization_id);
alter table public.document_versions enable row level security;

create trigger job_descriptions_updated_at before update on public.job_descriptions
  for each row execute function private.set_updated_at();

-- Document helpers for policies (SECURITY DEFINER: they see job_descriptions without RLS, but
-- only answer for documents of the caller's own organizations) ---------------------------------

create function private.my_document_ids(roles text[] default null) returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select jd.id
    from public.job_descriptions jd
   where jd.organization_id in (select private.my_org_ids(roles))
$$;

-- The caller's membership role for the document's organization; null when the document does not
-- exist or the caller is not a member (the two are indistinguishable on purpose).
create function private.my_document_role(doc uuid) returns text
language sql stable security definer
set search_path = ''
as $$
  select m.role
    from public.job_descriptions jd
    join public.memberships m on m.organization_id = jd.organization_id
   where jd.id = doc and m.user_id = (select auth.uid())
$$;

revoke all on function private.my_document_ids(text[]), private.my_document_role(uuid) from public;
grant execute on function private.my_document_ids(text[]), private.my_document_role(uuid) to authenticated, service_role;

-- Raises 42501 unless the caller holds one of `roles` for the document. The message is the same
-- for a missing document and a document of another organization, so nothing leaks.
create function private.require_document_role(doc uuid, roles text[], action text) returns text
language plpgsql stable
set search_path = ''
as $$
declare
  caller_role text := private.my_document_role(doc);
begin
  if caller_role is null then
    raise exception using errcode = '42501',
      message = format('document %s does not exist or you are not a member of its organization', doc);
  end if;
  if not (caller_role = any (roles)) then
    raise exception using errcode = '42501',
      message = format('your role (%s) cannot %s; this needs %s', caller_role, action, array_to_string(roles, ', ', ''));
  end if;
  return caller_role;
end
$$;
revoke all on function private.require_document_role(uuid, text[], text) from public;
grant execute on function private.require_document_role(uuid, text[], text) to authenticated, service_role;

-- Child rows carry the organization of their document, copied here (never trusted from the
-- client), so their policies filter on an indexed organization_id. SECURITY INVOKER on purpose:
-- the lookup runs under the caller's RLS, so a document the caller cannot see gives null and
-- the insert fails the table's policy (42501) without revealing whether the document exists.
create function private.fill_organization_from_document() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' then
    if new.document_id is distinct from old.document_id then
      raise exception using errcode = '42501', message = format('%s.document_id cannot change', tg_table_name);
    end if;
    new.organization_id := old.organization_id;
    return new;
  end if;
  new.organization_id := (select jd.organization_id from public.job_descriptions jd where jd.id = new.document_id);
  return new;
end
$$;
revoke all on function private.fill_organization_from_document() from public;

-- Job description guard --------------------------------------------------------------------------
-- End users cannot move a document to another organization, rewrite who created it, or change
-- its status outside the workflow: draft -> in_review -> approved happens through approvals
-- (submit_for_review / decide_approval, whose SECURITY DEFINER trigger is not an end user).
-- Directly, they may only: reopen an approved document as draft (writers), archive any
-- document and restore an archived one to draft (admins).
create function private.guard_job_description() returns trigger
language plpgsql
set search_path = ''
as $$
declare
  caller_role text;
begin
  if not private.is_end_user() then
    return new;
  end if;
  if tg_op = 'INSERT' then
    new.created_by := auth.uid();
    new.created_at := now();
    new.updated_at := now();
    if new.status <> 'draft' then
      raise exception using errcode = '42501', message = 'a new job description starts as draft';
    end if;
    return new;
  end if;
  if new.organization_id is distinct from old.organization_id then
    raise exception using errcode = '42501', message = 'job_descriptions.organization_id cannot change';
  end if;
  if new.created_by is distinct from old.created_by or new.created_at is distinct from old.created_at then
    raise exception using errcode = '42501', message = 'job_descriptions.created_by and created_at cannot change';
  end if;
  if new.status is distinct from old.status then
    caller_role := private.my_role(old.organization_id);
    if not (
      (old.status = 'approved' and new.status = 'draft' and caller_role in ('editor', 'translator', 'admin'))
      or (new.status = 'archived' and caller_role = 'admin')
      or (old.status = 'archived' and new.status = 'draft' and caller_role = 'admin')
    ) then
      raise exception using errcode = '42501',
        message = format('status cannot change from %s to %s directly (your role: %s)', old.status, new.status, coalesce(caller_role, 'none')),
        hint = 'Use submit_for_review() and decide_approval(); admins archive.';
    end if;
  end if;
  return new;
end
$$;
revoke all on function private.guard_job_description() from public;

create trigger job_descriptions_guard before insert or update on public.job_descriptions
  for each row execute function private.guard_job_description();

-- doc_updates: seq defaults to the next number of the document (under the sync server's own
-- per-document advisory lock), and created_by is the caller when an end user appends.
create function private.doc_updates_before_insert() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if private.is_end_user() then
    new.created_by := auth.uid();
    new.created_at := now();
  end if;
  if new.seq is null then
    perform pg_advisory_xact_lock(hashtextextended(new.document_id::text, 7031));
    new.seq := greatest(
      coalesce((select max(u.seq) from public.doc_updates u where u.document_id = new.document_id), 0),
      coalesce((select s.last_seq from public.doc_snapshots s where s.document_id = new.document_id), 0)) + 1;
  end if;
  return new;
end
$$;
revoke all on function private.doc_updates_before_insert() from public;

create trigger doc_updates_before_insert before insert on public.doc_updates
  for each row execute function private.doc_updates_before_insert();

-- Immutable rows: only the table's owner may change them (grants are revoked too; this also
-- stops a role that is granted UPDATE/DELETE later, service_role included).
create function private.forbid_change() returns trigger
language plpgsql
set search_path = ''
as $$
declare
  owner_name text;
begin
  select pg_catalog.pg_get_userbyid(c.relowner) into owner_name from pg_catalog.pg_class c where c.oid = tg_relid;
  if current_user = owner_name then
    return case when tg_op = 'DELETE' then old else new end;
  end if;
  raise exception using errcode = '42501',
    message = format('%s rows cannot be %s', tg_table_name,
                     case tg_op when 'UPDATE' then 'updated' when 'DELETE' then 'deleted' else 'truncated' end),
    hint = format('%s is append-only; only its owner (%s) may change it.', tg_table_name, owner_name);
end
$$;
revoke all on function private.forbid_change() from public;

create trigger doc_updates_append_only before update on public.doc_updates
  for each row execute function private.forbid_change();

create function private.document_versions_before_insert() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.organization_id := (select jd.organization_id from public.job_descriptions jd where jd.id = new.document_id);
  -- Versions are numbered per document; the lock serialises concurrent saves.
  perform pg_advisory_xact_lock(hashtextextended(new.document_id::text, 7032));
  new.version_number := coalesce((select max(v.version_number) from public.document_versions v
                                   where v.document_id = new.document_id), 0) + 1;
  if private.is_end_user() then
    new.created_by := auth.uid();
    new.created_at := now();
  end if;
  return new;
end
$$;
revoke all on function private.document_versions_before_insert() from public;

create trigger document_versions_before_insert before insert on public.document_versions
  for each row execute function private.document_versions_before_insert();
create trigger document_versions_immutable before update on public.document_versions
  for each row execute function private.forbid_change();
