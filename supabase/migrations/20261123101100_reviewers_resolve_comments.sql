-- Resolving and reopening a comment thread is a review decision: only reviewers and admins of
-- the document's organization may do it (editors and translators comment and reply). The same
-- rule holds in <jd-comments> and in the sync server's comment guard.

create or replace function public.resolve_comment(comment_id uuid, resolved boolean default true)
returns public.comments
language plpgsql
set search_path = ''
as $$
declare
  target public.comments;
  caller_role text;
begin
  perform private.check_not_null('comment_id', comment_id);
  perform private.check_not_null('resolved', resolved);
  select * into target from public.comments c where c.id = comment_id;
  if target.id is null then
    raise exception using errcode = '42501',
      message = format('comment %s does not exist or you are not a member of its organization', comment_id);
  end if;
  caller_role := private.my_role(target.organization_id);
  if caller_role is null or caller_role not in ('reviewer', 'admin') then
    raise exception using errcode = '42501',
      message = format('your role (%s) cannot resolve or reopen comments; this needs reviewer or admin', coalesce(caller_role, 'none'));
  end if;
  if target.parent_id is not null then
    raise exception using errcode = '22023',
      message = format('comment_id %s is a reply; resolve its thread (%s)', comment_id, target.parent_id);
  end if;
  if (target.resolved_at is not null) = resolved then
    return target;
  end if;
  update public.comments c
     set resolved_at = case when resolved then now() end,
         resolved_by = case when resolved then (select auth.uid()) end
   where c.id = comment_id
  returning * into target;
  return target;
end
$$;

-- Direct table updates obey the same rule as the RPC.
create function private.guard_comment_resolution() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if private.is_end_user()
     and (new.resolved_at is distinct from old.resolved_at or new.resolved_by is distinct from old.resolved_by)
     and coalesce(private.my_role(new.organization_id), 'none') not in ('reviewer', 'admin') then
    raise exception using errcode = '42501', message = 'only reviewers and admins can resolve or reopen comments';
  end if;
  return new;
end
$$;
revoke all on function private.guard_comment_resolution() from public;

create trigger comments_guard_resolution before update on public.comments
  for each row execute function private.guard_comment_resolution();
