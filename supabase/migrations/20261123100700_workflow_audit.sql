-- Workflow (approvals) and the audit log.

-- Approvals --------------------------------------------------------------------------------------
-- One row per review round of a document: submitted (decision 'pending') by an editor,
-- translator or admin, then decided by a reviewer or admin who is not the submitter. The
-- document's status follows: pending -> in_review; approved -> approved; changes_requested or
-- rejected -> draft.

create table public.approvals (
  id uuid primary key default gen_random_uuid(),
  document_id uuid not null references public.job_descriptions (id) on delete cascade,
  organization_id uuid not null references public.organizations (id) on delete cascade,
  -- Review rounds of the document, 1, 2, 3, ...
  step integer not null check (step > 0),
  requested_by uuid default auth.uid() references auth.users (id) on delete set null,
  requested_at timestamptz not null default now(),
  request_note text check (request_note is null or length(request_note) <= 10000),
  reviewer_id uuid references auth.users (id) on delete set null,
  decision text not null default 'pending' check (decision in ('pending', 'approved', 'changes_requested', 'rejected')),
  comment text check (comment is null or length(comment) <= 10000),
  decided_at timestamptz,
  unique (document_id, step),
  constraint approvals_decided_consistent check ((decision = 'pending') = (decided_at is null))
);
comment on table public.approvals is 'Review rounds: who submitted, who decided (reviewer), decision, comment and when.';
create index approvals_organization_id_idx on public.approvals (organization_id);
-- At most one open round per document.
create unique index approvals_one_pending_idx on public.approvals (document_id) where decision = 'pending';
alter table public.approvals enable row level security;

create trigger approvals_organization before insert or update on public.approvals
  for each row execute function private.fill_organization_from_document();

create function private.approvals_before_write() returns trigger
language plpgsql
set search_path = ''
as $$
declare
  doc_status text;
begin
  if tg_op = 'INSERT' then
    perform pg_advisory_xact_lock(hashtextextended(new.document_id::text, 7033));
    select jd.status into doc_status from public.job_descriptions jd where jd.id = new.document_id;
    new.step := coalesce((select max(a.step) from public.approvals a where a.document_id = new.document_id), 0) + 1;
    if private.is_end_user() then
      new.requested_by := auth.uid();
      new.requested_at := now();
      if new.decision <> 'pending' or new.reviewer_id is not null or new.decided_at is not null then
        raise exception using errcode = '42501', message = 'a review round starts pending; decide it with decide_approval()';
      end if;
    end if;
    if new.decision = 'pending' and doc_status is not null and doc_status <> 'draft' then
      raise exception using errcode = 'P0001',
        message = format('document %s is %s; only a draft can be submitted for review', new.document_id, doc_status);
    end if;
    return new;
  end if;
  -- UPDATE
  if private.is_end_user() then
    if (new.document_id, new.step, new.requested_by, new.requested_at, new.request_note)
       is distinct from (old.document_id, old.step, old.requested_by, old.requested_at, old.request_note) then
      raise exception using errcode = '42501', message = 'only the decision and comment of an approval can change';
    end if;
    if old.decision <> 'pending' then
      raise exception using errcode = 'P0001',
        message = format('review round %s of document %s was already decided (%s)', old.step, old.document_id, old.decision);
    end if;
    if new.decision = 'pending' then
      raise exception using errcode = '22023', message = 'decision must be approved, changes_requested or rejected';
    end if;
    if old.requested_by = auth.uid() then
      raise exception using errcode = '42501', message = 'you cannot decide on your own submission',
        hint = 'Another reviewer or admin of the organization must decide.';
    end if;
    new.reviewer_id := auth.uid();
    new.decided_at := now();
  elsif new.decision <> 'pending' and old.decision = 'pending' then
    new.decided_at := coalesce(new.decided_at, now());
  end if;
  return new;
end
$$;
revoke all on function private.approvals_before_write() from public;

create trigger approvals_before_write before insert or update on public.approvals
  for each row execute function private.approvals_before_write();

-- The document's status follows the round. SECURITY DEFINER: a reviewer decides the round but
-- has no right to update the document itself (and the document guard lets only this path move
-- a document into and out of review).
create function private.approvals_apply_status() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  next_status text;
begin
  if tg_op = 'INSERT' and new.decision = 'pending' then
    next_status := 'in_review';
  elsif tg_op = 'UPDATE' and old.decision = 'pending' and new.decision <> 'pending' then
    next_status := case new.decision when 'approved' then 'approved' else 'draft' end;
  end if;
  if next_status is not null then
    update public.job_descriptions set status = next_status where id = new.document_id;
  end if;
  return null;
end
$$;
revoke all on function private.approvals_apply_status() from public;

create trigger approvals_apply_status after insert or update on public.approvals
  for each row execute function private.approvals_apply_status();

-- Audit log --------------------------------------------------------------------------------------
-- Written only by private.audit_row() (SECURITY DEFINER, owned by the database owner). Nobody
-- but the owner can update or delete rows: no grants, no policies, and a trigger that refuses
-- UPDATE, DELETE and TRUNCATE for every other role.

create table public.audit_log (
  id bigint generated always as identity primary key,
  organization_id uuid,
  table_name text not null,
  row_id text,
  action text not null check (action in ('INSERT', 'UPDATE', 'DELETE')),
  actor uuid,
  -- The API role of the request (authenticated, service_role, ...) or the database role.
  actor_role text,
  old_values jsonb,
  new_values jsonb,
  at timestamptz not null default now()
);
comment on table public.audit_log is
  'Every insert, update and delete of the jd-kit tables: who (actor, role), what (table, row, old and new values), when. Readable by the organization''s admins; never editable.';
create index audit_log_organization_id_idx on public.audit_log (organization_id, at desc);
create index audit_log_row_idx on public.audit_log (table_name, row_id);
alter table public.audit_log enable row level security;

create trigger audit_log_immutable before update or delete on public.audit_log
  for each row execute function private.forbid_change();
create trigger audit_log_no_truncate before truncate on public.audit_log
  for each statement execute function private.forbid_change();

-- Arguments: column names to leave out of old/new values (large binary or vector columns).
-- An UPDATE that changes nothing but updated_at (and the excluded columns) is not logged.
create function private.audit_row() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  excluded text[] := coalesce(tg_argv, '{}');
  old_values jsonb;
  new_values jsonb;
  source jsonb;
  org uuid;
  doc uuid;
  claims jsonb;
begin
  if tg_op in ('UPDATE', 'DELETE') then
    old_values := to_jsonb(old) - excluded;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    new_values := to_jsonb(new) - excluded;
  end if;
  if tg_op = 'UPDATE' and (old_values - 'updated_at') = (new_values - 'updated_at') then
    return null;
  end if;
  source := coalesce(new_values, old_values);
  if tg_table_name = 'organizations' then
    org := (source ->> 'id')::uuid;
  elsif source ? 'organization_id' then
    org := (source ->> 'organization_id')::uuid;
  elsif source ? 'document_id' then
    doc := (source ->> 'document_id')::uuid;
    org := (select jd.organization_id from public.job_descriptions jd where jd.id = doc);
    if org is null then
      -- The document is already gone (a cascading delete): its own audit rows know the organization.
      org := (select a.organization_id from public.audit_log a
               where a.table_name = 'job_descriptions' and a.row_id = doc::text and a.organization_id is not null
               limit 1);
    end if;
  end if;
  begin
    claims := nullif(current_setting('request.jwt.claims', true), '')::jsonb;
  exception when others then
    claims := null;
  end;
  insert into public.audit_log (organization_id, table_name, row_id, action, actor, actor_role, old_values, new_values)
  values (
    org,
    tg_table_name,
    coalesce(source ->> 'id', source ->> 'user_id', source ->> 'document_id'),
    tg_op,
    auth.uid(),
    coalesce(claims ->> 'role', nullif(current_setting('role', true), 'none'), session_user::text),
    old_values,
    new_values
  );
  return null;
end
$$;
revoke all on function private.audit_row() from public;

-- Audited: every table users write. Not audited, on purpose:
-- * doc_updates: itself an append-only, immutable log with created_by and created_at per row;
--   auditing it would copy every keystroke batch (bytea) into a second log.
-- * doc_snapshots, document_sections: derived from doc_updates and rewritten wholesale by the
--   service (compaction, projection); they record no user action that doc_updates does not.
-- * classification_groups: reference data, changed by migrations only.
create trigger audit after insert or update or delete on public.organizations
  for each row execute function private.audit_row();
create trigger audit after insert or update or delete on public.memberships
  for each row execute function private.audit_row();
create trigger audit after insert or update or delete on public.profiles
  for each row execute function private.audit_row();
create trigger audit after insert or update or delete on public.job_descriptions
  for each row execute function private.audit_row();
create trigger audit after insert or update or delete on public.document_versions
  for each row execute function private.audit_row('state', 'updates');
create trigger audit after insert or update or delete on public.comments
  for each row execute function private.audit_row();
create trigger audit after insert or update or delete on public.tm_segments
  for each row execute function private.audit_row('embedding', 'source_normalized', 'target_normalized', 'source_words', 'target_words');
create trigger audit after insert or update or delete on public.glossary_terms
  for each row execute function private.audit_row('term_en_normalized', 'term_fr_normalized');
create trigger audit after insert or update or delete on public.alignments
  for each row execute function private.audit_row();
create trigger audit after insert or update or delete on public.alignment_pairs
  for each row execute function private.audit_row();
create trigger audit after insert or update or delete on public.ai_requests
  for each row execute function private.audit_row();
create trigger audit after insert or update or delete on public.compliance_findings
  for each row execute function private.audit_row();
create trigger audit after insert or update or delete on public.approvals
  for each row execute function private.audit_row();
