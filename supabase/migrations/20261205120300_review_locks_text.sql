-- The text is locked while a document is in review, approved or archived: only a draft is
-- edited. Before, can_open_document answered 'edit' to every writer whatever the status, so an
-- editor could keep changing the text a reviewer was deciding on, and an approved description
-- could change without going back through review.
--
-- Who may edit in which status (the status moves as 20261123100200 and 20261123100700 say):
--   draft      editor, translator, admin edit; viewer, reviewer read
--   in_review  everyone reads; reviewers and admins who did not submit decide (decide_approval);
--              "changes requested" puts it back to draft
--   approved   everyone reads; a writer reopens it as draft (status approved -> draft)
--   archived   everyone reads; an admin restores it to draft
-- Comments are not text: they keep following membership roles (the sync server's comment guard),
-- so an editor still replies to a reviewer's comment on a document in review.
--
-- The sync and signaling servers ask can_open_document; a status change is now announced on
-- `jd_access_changed` like a move, so open connections become read-only (and writable again on
-- "changes requested") at once, without reconnecting.

create or replace function public.can_open_document(doc uuid) returns text
language plpgsql stable
set search_path = ''
as $$
declare
  doc_org uuid;
  doc_status text;
  caller_role text;
begin
  perform private.check_not_null('doc', doc);
  if current_user = 'anon' then
    return null;
  end if;
  select jd.organization_id, jd.status into doc_org, doc_status from public.job_descriptions jd where jd.id = doc;
  if doc_org is null then
    return null;
  end if;
  if not private.is_end_user() then
    return 'edit'; -- the service
  end if;
  caller_role := private.my_role(doc_org);
  return case
    when caller_role in ('editor', 'translator', 'admin') and doc_status = 'draft' then 'edit'
    when caller_role in ('editor', 'translator', 'admin', 'viewer', 'reviewer') then 'view'
  end;
end
$$;
comment on function public.can_open_document(uuid) is
  'edit | view | null: whether the caller may open the document in the editor, and how. Only a draft is edited (by editors, translators and admins); in review, approved or archived it is read-only for everyone.';

create or replace function public.list_documents(
  status_filter text default null,
  search_text text default null,
  organization_filter uuid default null,
  max_results integer default 100,
  skip integer default 0
)
returns table (
  id uuid,
  organization_id uuid,
  organization_name_en text,
  organization_name_fr text,
  title_en text,
  title_fr text,
  classification text,
  position_number text,
  noc_code text,
  language_profile text,
  status text,
  access text,
  created_by uuid,
  created_at timestamptz,
  updated_at timestamptz
)
language plpgsql stable
set search_path = ''
as $$
declare
  pattern text;
begin
  if status_filter is not null and status_filter not in ('draft', 'in_review', 'approved', 'archived') then
    raise exception using errcode = '22023',
      message = format('status_filter must be draft, in_review, approved or archived (got %s)', left(quote_literal(status_filter), 40));
  end if;
  perform private.check_text('search_text', search_text, 500, true);
  perform private.check_range('max_results', max_results, 1, 100);
  perform private.check_range('skip', skip, 0, 1000000);
  if current_user = 'anon' then
    return;
  end if;
  if nullif(btrim(search_text), '') is not null then
    pattern := '%' || replace(replace(replace(btrim(search_text), '\', '\\'), '%', '\%'), '_', '\_') || '%';
  end if;
  return query
    select jd.id, jd.organization_id, o.name_en, o.name_fr, jd.title_en, jd.title_fr, jd.classification,
           jd.position_number, jd.noc_code, jd.language_profile, jd.status,
           -- The same rule as can_open_document.
           case when m.role in ('editor', 'translator', 'admin') and jd.status = 'draft' then 'edit' else 'view' end,
           jd.created_by, jd.created_at, jd.updated_at
      from public.job_descriptions jd
      join public.organizations o on o.id = jd.organization_id
      left join public.memberships m on m.organization_id = jd.organization_id and m.user_id = (select auth.uid())
     where (status_filter is null or jd.status = status_filter)
       and (organization_filter is null or jd.organization_id = organization_filter)
       and (pattern is null
            or jd.title_en ilike pattern or jd.title_fr ilike pattern
            or jd.classification ilike pattern or jd.position_number ilike pattern)
     order by jd.updated_at desc, jd.id
     limit max_results offset skip;
end
$$;

-- A status change changes what can_open_document answers: announce it as a move is announced.
create trigger job_descriptions_notify_status after update of status on public.job_descriptions
  for each row when (old.status is distinct from new.status)
  execute function private.notify_document_access_change();
