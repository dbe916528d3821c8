-- Access changes, announced to the sync and signaling servers. A connection's access is decided
-- when it opens (can_open_document as the user); without this, a member downgraded to viewer or
-- removed while connected kept editing and receiving until they disconnected. The servers LISTEN
-- on `jd_access_changed` and re-check the connections the payload names; they also re-check every
-- connection periodically, in case a notification is missed (e.g. behind a transaction pooler).
--
-- Payload (JSON text, sent at commit): {"user_id": "<uuid>"} when a membership of that user is
-- added, changed or removed; {"document_id": "<uuid>"} when a document moves to another
-- organization or is deleted. Only ids: nothing a connected database client could not read.

create function private.notify_membership_change() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    perform pg_notify('jd_access_changed', json_build_object('user_id', old.user_id)::text);
  end if;
  if tg_op = 'INSERT' or (tg_op = 'UPDATE' and new.user_id is distinct from old.user_id) then
    perform pg_notify('jd_access_changed', json_build_object('user_id', new.user_id)::text);
  end if;
  return null;
end
$$;
revoke all on function private.notify_membership_change() from public, anon, authenticated;

create trigger memberships_notify_access after insert or update or delete on public.memberships
  for each row execute function private.notify_membership_change();

create function private.notify_document_access_change() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  perform pg_notify('jd_access_changed', json_build_object('document_id', old.id)::text);
  return null;
end
$$;
revoke all on function private.notify_document_access_change() from public, anon, authenticated;

create trigger job_descriptions_notify_access after update of organization_id or delete on public.job_descriptions
  for each row execute function private.notify_document_access_change();
