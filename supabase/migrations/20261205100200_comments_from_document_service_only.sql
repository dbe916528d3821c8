-- comments.from_document marks the rows the sync server's projection wrote from the Y.Doc, and
-- the projection deletes such rows once their thread or reply leaves the document. A member who
-- could set it on someone else's row (RLS lets every commenter update the organization's
-- comments, for resolving) would hand that row to the projection to delete. Only the service
-- (the sync server, as the table owner or service_role) sets or changes it.

create function private.guard_comment_from_document() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if private.is_end_user()
     and ((tg_op = 'INSERT' and new.from_document)
          or (tg_op = 'UPDATE' and new.from_document is distinct from old.from_document)) then
    raise exception using errcode = '42501',
      message = 'comments.from_document is set by the sync server only',
      hint = 'Leave from_document out: comments written through the API are never deleted by the sync server.';
  end if;
  return new;
end
$$;
revoke all on function private.guard_comment_from_document() from public;

create trigger comments_guard_from_document before insert or update on public.comments
  for each row execute function private.guard_comment_from_document();
