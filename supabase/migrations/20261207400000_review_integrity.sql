-- Review integrity (issue 17, item 1): what is reviewed and approved is one pinned version, and an
-- approved document is frozen until an editor starts a new revision.
--
-- * Submitting for review pins the submitted version: every new review round (however it is
--   inserted) saves a document_versions row from the stored state (snapshot + update log up to
--   its seq) and the round records it (approvals.version_id, approvals.version_number). While
--   the round is open the text is read-only for everyone (can_open_document answers 'view', the
--   sync server refuses text updates and keeps judging comments by role), so the version the
--   reviewer decides on is the pinned one; approving records that exact version (the round's
--   version_id), and nobody can change it afterwards.
-- * Only a draft changes. For end users, a document in review, approved or archived refuses:
--   its identification fields (REST update of job_descriptions), new versions (save_version or a
--   REST insert into document_versions) and, as before, the text (can_open_document -> the sync
--   server). doc_updates, doc_snapshots and document_sections are written by the service only
--   (20261123101300); the legacy import writes sections only into a new, empty draft. The refusal
--   says why: "approved on <date> by <name>, version N: start a new revision to edit".
-- * start_revision(doc) (editors, admins) reopens an approved document as a draft. The approved
--   version stays as it was (document_versions rows are immutable; the approval keeps naming it).
--   Reopening by writing status = 'draft' directly is no longer allowed for an approved document
--   (it is for an archived one, by admins, as before).
-- * Decisions (decide_approval, unchanged): 'approved' freezes the document at the pinned version;
--   'changes_requested' sends it back to the author as a draft to fix what the reason says and
--   resubmit; 'rejected' also returns it to draft but records that the submission is refused as a
--   whole (the description, not details, must be reconsidered before any resubmission). Both need
--   a reason (the round's comment), which the author sees in the workflow panel.

alter table public.approvals
  add column version_id uuid references public.document_versions (id),
  add column version_number integer check (version_number is null or version_number > 0);
comment on column public.approvals.version_id is
  'The document version submitted in this round (saved from the stored state when the round opened); an approved round approved exactly this version.';
comment on column public.approvals.version_number is 'document_versions.version_number of version_id, for display.';
create index approvals_version_id_idx on public.approvals (version_id);

-- Saving a version, in one place: save_version and the review round both use it. SECURITY
-- DEFINER so a round opened by a submitter pins its version whatever the table's policies; the
-- callers check the role first.
create function private.save_document_version(doc uuid, version_name text, version_note text)
returns public.document_versions
language plpgsql security definer
set search_path = ''
as $$
declare
  snapshot_state bytea;
  snapshot_seq bigint;
  tail bytea[];
  tail_seq bigint;
  meta jsonb;
  content jsonb;
  saved public.document_versions;
begin
  -- A signed-in caller must be a writer of the document (the service, without a user, may).
  if auth.uid() is not null then
    perform private.require_document_role(doc, '{editor,translator,admin}', 'save a version');
  end if;
  select s.state, s.last_seq into snapshot_state, snapshot_seq
    from public.doc_snapshots s where s.document_id = doc;
  select coalesce(array_agg(u.update order by u.seq), '{}'), max(u.seq) into tail, tail_seq
    from public.doc_updates u where u.document_id = doc and u.seq > coalesce(snapshot_seq, 0);
  select jsonb_build_object('title_en', jd.title_en, 'title_fr', jd.title_fr, 'classification', jd.classification,
                            'position_number', jd.position_number, 'noc_code', jd.noc_code,
                            'language_profile', jd.language_profile, 'status', jd.status)
    into meta from public.job_descriptions jd where jd.id = doc;
  select coalesce(jsonb_agg(jsonb_build_object('lang', ds.lang, 'section_id', ds.section_id, 'kind', ds.kind,
                                               'position', ds.position, 'heading', ds.heading, 'body', ds.body)
                            order by ds.lang, ds.position, ds.section_id), '[]'::jsonb)
    into content from public.document_sections ds where ds.document_id = doc;
  insert into public.document_versions (document_id, name, note, seq, state, updates, metadata, sections, created_by)
  values (doc, version_name, version_note, greatest(coalesce(tail_seq, 0), coalesce(snapshot_seq, 0)),
          snapshot_state, tail, meta, content, auth.uid())
  returning * into saved;
  return saved;
end
$$;
revoke all on function private.save_document_version(uuid, text, text) from public;
grant execute on function private.save_document_version(uuid, text, text) to authenticated, service_role;

-- Why the document may not change now, for the people who try; null for a draft (or no document).
-- SECURITY DEFINER to read the approver's display name; called only after the caller's access
-- to the document was established (triggers on rows the caller may write, RPCs after their role check).
create function private.document_frozen_reason(doc uuid) returns text
language plpgsql stable security definer
set search_path = ''
as $$
declare
  doc_status text;
  round public.approvals;
  approver text;
begin
  select jd.status into doc_status from public.job_descriptions jd where jd.id = doc;
  if doc_status is null or doc_status = 'draft' then
    return null;
  end if;
  select a.* into round from public.approvals a where a.document_id = doc order by a.step desc limit 1;
  if doc_status = 'approved' then
    select coalesce(nullif(btrim(p.display_name), ''), 'an unknown reviewer') into approver
      from public.profiles p where p.id = round.reviewer_id;
    return format('document %s was approved on %s by %s, version %s: start a new revision to edit (start_revision)',
                  doc, coalesce(to_char(round.decided_at at time zone 'UTC', 'YYYY-MM-DD'), 'an unknown date'),
                  coalesce(approver, 'an unknown reviewer'), coalesce(round.version_number::text, '?'));
  elsif doc_status = 'in_review' then
    return format('document %s is in review (round %s, version %s): it is read-only until the reviewer decides',
                  doc, coalesce(round.step::text, '?'), coalesce(round.version_number::text, '?'));
  end if;
  return format('document %s is %s: an admin restores it to draft before it can change', doc, doc_status);
end
$$;
revoke all on function private.document_frozen_reason(uuid) from public;
grant execute on function private.document_frozen_reason(uuid) to authenticated, service_role;

-- Every new review round pins the version it reviews. Runs after approvals_before_write (trigger
-- names sort), which already refused rounds of documents that are not drafts.
create function private.approvals_pin_version() returns trigger
language plpgsql
set search_path = ''
as $$
declare
  pinned public.document_versions;
begin
  if tg_op = 'INSERT' then
    if new.decision = 'pending' then
      pinned := private.save_document_version(new.document_id,
        format('Review round %s / Révision, ronde %s', new.step, new.step), new.request_note);
      new.version_id := pinned.id;
      new.version_number := pinned.version_number;
    end if;
    return new;
  end if;
  if private.is_end_user() and (new.version_id, new.version_number) is distinct from (old.version_id, old.version_number) then
    raise exception using errcode = '42501', message = 'the version of a review round cannot change';
  end if;
  return new;
end
$$;
revoke all on function private.approvals_pin_version() from public;
create trigger approvals_pin_version before insert or update on public.approvals
  for each row execute function private.approvals_pin_version();

-- Versions are taken of drafts only (by end users): a version of a document in review is the
-- round's, and an approved document is frozen.
create function private.document_versions_only_drafts() returns trigger
language plpgsql
set search_path = ''
as $$
declare
  reason text;
begin
  if private.is_end_user() then
    reason := private.document_frozen_reason(new.document_id);
    if reason is not null then
      raise exception using errcode = 'P0001', message = reason;
    end if;
  end if;
  return new;
end
$$;
revoke all on function private.document_versions_only_drafts() from public;
create trigger document_versions_only_drafts before insert on public.document_versions
  for each row execute function private.document_versions_only_drafts();

-- The job description guard, as in 20261123100200, plus: the identification fields of a
-- document that is not a draft do not change, and an approved document is reopened only by
-- start_revision().
create or replace function private.guard_job_description() returns trigger
language plpgsql
set search_path = ''
as $$
declare
  caller_role text;
  reason text;
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
  if old.status <> 'draft'
     and (new.title_en, new.title_fr, new.classification, new.position_number, new.noc_code, new.language_profile)
         is distinct from (old.title_en, old.title_fr, old.classification, old.position_number, old.noc_code, old.language_profile) then
    reason := private.document_frozen_reason(old.id);
    raise exception using errcode = 'P0001', message = reason;
  end if;
  if new.status is distinct from old.status then
    caller_role := private.my_role(old.organization_id);
    if old.status = 'approved' and new.status = 'draft' then
      raise exception using errcode = '42501',
        message = format('an approved document is reopened with start_revision(), not by writing its status (document %s)', old.id),
        hint = 'Call start_revision(doc): it keeps the approved version and reopens the document as a draft.';
    end if;
    if not (
      (new.status = 'archived' and caller_role = 'admin')
      or (old.status = 'archived' and new.status = 'draft' and caller_role = 'admin')
    ) then
      raise exception using errcode = '42501',
        message = format('status cannot change from %s to %s directly (your role: %s)', old.status, new.status, coalesce(caller_role, 'none')),
        hint = 'Use submit_for_review() and decide_approval(); start_revision() reopens an approved document; admins archive.';
    end if;
  end if;
  return new;
end
$$;

-- save_version: as in 20261123100900, through the shared helper, and only for drafts.
create or replace function public.save_version(doc uuid, version_name text, version_note text default null)
returns table (
  id uuid,
  document_id uuid,
  version_number integer,
  name text,
  note text,
  seq bigint,
  created_by uuid,
  created_at timestamptz
)
language plpgsql
set search_path = ''
as $$
declare
  reason text;
  saved public.document_versions;
begin
  perform private.check_not_null('doc', doc);
  perform private.check_text('version_name', version_name, 200);
  perform private.check_text('version_note', version_note, 10000, true);
  perform private.require_document_role(doc, '{editor,translator,admin}', 'save a version');
  reason := private.document_frozen_reason(doc);
  if reason is not null then
    raise exception using errcode = 'P0001', message = reason;
  end if;
  saved := private.save_document_version(doc, version_name, version_note);
  return query select saved.id, saved.document_id, saved.version_number, saved.name, saved.note, saved.seq,
                      saved.created_by, saved.created_at;
end
$$;

-- start_revision: an editor or admin reopens an approved document as a draft. The job
-- description guard no longer lets end users write approved -> draft themselves, so the status
-- moves in a SECURITY DEFINER helper, called only after the role check here (public RPCs stay
-- SECURITY INVOKER). The approved round and its version stay on record.
create function private.reopen_approved_document(doc uuid) returns void
language plpgsql security definer
set search_path = ''
as $$
begin
  perform private.require_document_role(doc, '{editor,admin}', 'start a new revision');
  update public.job_descriptions jd set status = 'draft' where jd.id = doc and jd.status = 'approved';
end
$$;
revoke all on function private.reopen_approved_document(uuid) from public;
grant execute on function private.reopen_approved_document(uuid) to authenticated, service_role;

create function public.start_revision(doc uuid)
returns table (document_id uuid, status text, approved_version_id uuid, approved_version_number integer)
language plpgsql
set search_path = ''
as $$
declare
  doc_status text;
  approved public.approvals;
begin
  perform private.check_not_null('doc', doc);
  perform private.require_document_role(doc, '{editor,admin}', 'start a new revision');
  select jd.status into doc_status from public.job_descriptions jd where jd.id = doc for update;
  if doc_status <> 'approved' then
    raise exception using errcode = 'P0001',
      message = format('document %s is %s; only an approved document starts a new revision', doc, doc_status);
  end if;
  select a.* into approved from public.approvals a
   where a.document_id = doc and a.decision = 'approved' order by a.step desc limit 1;
  perform private.reopen_approved_document(doc);
  return query select doc, 'draft'::text, approved.version_id, approved.version_number;
end
$$;
comment on function public.start_revision(uuid) is
  'Reopens an approved document as a draft (editors, admins); the approved version and its approval stay on record. Returns that version.';
revoke all on function public.start_revision(uuid) from public, anon;
grant execute on function public.start_revision(uuid) to authenticated, service_role;
