-- Notifications (issue 17 item 5): a mention in a comment, a reply to my thread, a document
-- submitted for review (to the organization's reviewers and admins) and a decision on my
-- submission (to whoever submitted it) each become one row for its recipient.
--
-- Written only by triggers (SECURITY DEFINER functions in `private`), whoever wrote the comment
-- or approval: the sync server's comment projection, add_comment, REST, submit_for_review,
-- decide_approval. Members never insert or delete them; a recipient reads their own and sets
-- read_at (the only column they may update), nobody else sees them. Not audited: every row
-- follows from an audited comment or approval, and reading one is not a change of record.
--
-- Comments now carry the ids of the people they mention (`comments.mentions`): the Y.Doc already
-- held them per comment (domain/comment-model.ts), the projection now writes them.

alter table public.comments
  add column mentions uuid[] not null default '{}'
    constraint comments_mentions_bounded check (cardinality(mentions) <= 50);
comment on column public.comments.mentions is
  'Users mentioned with @ in this comment (at most 50); members of the document''s organization among them are notified.';

create table public.notifications (
  id uuid primary key default gen_random_uuid(),
  recipient_id uuid not null references auth.users (id) on delete cascade,
  organization_id uuid not null references public.organizations (id) on delete cascade,
  kind text not null check (kind in ('mention', 'submission', 'decision', 'reply')),
  document_id uuid not null references public.job_descriptions (id) on delete cascade,
  -- The comment (mention, reply) or the review round (submission, decision) it is about.
  comment_id uuid references public.comments (id) on delete cascade,
  approval_id uuid references public.approvals (id) on delete cascade,
  actor_id uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  read_at timestamptz,
  constraint notifications_subject check (
    case when kind in ('mention', 'reply') then comment_id is not null else approval_id is not null end)
);
comment on table public.notifications is
  'Mentions, replies to my threads, submissions for review and decisions, one row per recipient; written by triggers, read and marked read by the recipient only.';
-- The element's two questions: my newest, and how many are unread.
create index notifications_recipient_idx on public.notifications (recipient_id, created_at desc);
create index notifications_unread_idx on public.notifications (recipient_id) where read_at is null;
create index notifications_comment_idx on public.notifications (comment_id) where comment_id is not null;
create index notifications_approval_idx on public.notifications (approval_id) where approval_id is not null;
create index notifications_document_idx on public.notifications (document_id);
create index notifications_organization_idx on public.notifications (organization_id);
alter table public.notifications enable row level security;

-- Only current members of the organization: someone who left stops seeing its notifications.
create policy notifications_select on public.notifications for select to authenticated
  using (recipient_id = (select auth.uid()) and organization_id in (select private.my_org_ids()));
create policy notifications_update on public.notifications for update to authenticated
  using (recipient_id = (select auth.uid()) and organization_id in (select private.my_org_ids()))
  with check (recipient_id = (select auth.uid()));
revoke all on public.notifications from anon, authenticated;
grant select on public.notifications to authenticated;
grant update (read_at) on public.notifications to authenticated;
grant select, insert, update, delete on public.notifications to service_role;

-- Writing them --------------------------------------------------------------------------------------

-- One notification per recipient who is a member of the organization and is not the actor.
create function private.notify(recipients uuid[], org uuid, what text, doc uuid, comment uuid, approval uuid, actor uuid)
returns void
language sql
security definer
set search_path = ''
as $$
  insert into public.notifications (recipient_id, organization_id, kind, document_id, comment_id, approval_id, actor_id)
  select distinct m.user_id, org, what, doc, comment, approval, actor
    from public.memberships m
   where m.organization_id = org
     and m.user_id = any (recipients)
     and m.user_id is distinct from actor
$$;
revoke all on function private.notify(uuid[], uuid, text, uuid, uuid, uuid, uuid) from public, anon, authenticated;

-- A new comment notifies whom it mentions, and a reply the thread's author (unless mentioned
-- already). An edited comment notifies only the people it newly mentions.
create function private.notify_comment() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  fresh uuid[] := new.mentions;
  thread_author uuid;
begin
  if tg_op = 'UPDATE' then
    select coalesce(array_agg(x), '{}') into fresh from unnest(new.mentions) x where not (x = any (old.mentions));
  end if;
  if cardinality(fresh) > 0 then
    perform private.notify(fresh, new.organization_id, 'mention', new.document_id, new.id, null, new.author_id);
  end if;
  if tg_op = 'INSERT' and new.parent_id is not null then
    select c.author_id into thread_author from public.comments c where c.id = new.parent_id;
    if thread_author is not null and not (thread_author = any (new.mentions)) then
      perform private.notify(array[thread_author], new.organization_id, 'reply', new.document_id, new.id, null, new.author_id);
    end if;
  end if;
  return null;
end
$$;
revoke all on function private.notify_comment() from public, anon, authenticated;

create trigger comments_notify after insert or update of mentions on public.comments
  for each row execute function private.notify_comment();

-- Submitting notifies the organization's reviewers and admins; deciding notifies the submitter.
create function private.notify_approval() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  deciders uuid[];
begin
  if tg_op = 'INSERT' then
    select coalesce(array_agg(m.user_id), '{}') into deciders
      from public.memberships m
     where m.organization_id = new.organization_id and m.role in ('reviewer', 'admin');
    perform private.notify(deciders, new.organization_id, 'submission', new.document_id, null, new.id, new.requested_by);
  elsif old.decision = 'pending' and new.decision <> 'pending' and new.requested_by is not null then
    perform private.notify(array[new.requested_by], new.organization_id, 'decision', new.document_id, null, new.id, new.reviewer_id);
  end if;
  return null;
end
$$;
revoke all on function private.notify_approval() from public, anon, authenticated;

create trigger approvals_notify after insert or update of decision on public.approvals
  for each row execute function private.notify_approval();

-- Reading and marking read ------------------------------------------------------------------------

-- What the element polls: cheap (the partial index), and `latest` tells it when to reload the list.
create function public.notification_state()
returns table (unread integer, latest timestamptz)
language sql stable
set search_path = ''
as $$
  select (select count(*)::integer from public.notifications n where n.recipient_id = (select auth.uid()) and n.read_at is null),
         (select max(n.created_at) from public.notifications n where n.recipient_id = (select auth.uid()))
$$;
comment on function public.notification_state() is
  'The caller''s unread notification count and the time of their newest notification (what a client polls).';

create function public.list_notifications(max_results integer default 30)
returns table (
  id uuid,
  kind text,
  document_id uuid,
  document_title_en text,
  document_title_fr text,
  comment_id uuid,
  comment_excerpt text,
  approval_id uuid,
  decision text,
  actor_id uuid,
  actor_name text,
  created_at timestamptz,
  read_at timestamptz
)
language plpgsql stable
set search_path = ''
as $$
begin
  if max_results is null or max_results not between 1 and 200 then
    raise exception using errcode = '22023',
      message = format('max_results must be between 1 and 200 (got %s)', coalesce(max_results::text, 'null'));
  end if;
  return query
  select n.id, n.kind, n.document_id, jd.title_en, jd.title_fr, n.comment_id, left(c.body, 200), n.approval_id, a.decision,
         n.actor_id, p.display_name, n.created_at, n.read_at
    from public.notifications n
    left join public.job_descriptions jd on jd.id = n.document_id
    left join public.comments c on c.id = n.comment_id
    left join public.approvals a on a.id = n.approval_id
    left join public.profiles p on p.id = n.actor_id
   where n.recipient_id = (select auth.uid())
   order by n.created_at desc, n.id
   limit max_results;
end
$$;
comment on function public.list_notifications(integer) is
  'The caller''s newest notifications (1-200) with the document''s titles, the comment''s first 200 characters, the decision and the actor''s name.';

create function public.mark_notification_read(notification uuid)
returns void
language plpgsql
set search_path = ''
as $$
begin
  perform private.check_not_null('notification', notification);
  update public.notifications n set read_at = coalesce(n.read_at, now()) where n.id = notification;
  if not found then
    raise exception using errcode = 'P0002',
      message = format('notification %s does not exist or is not yours', notification);
  end if;
end
$$;
comment on function public.mark_notification_read(uuid) is 'Marks one of the caller''s notifications read (again: no change).';

create function public.mark_all_notifications_read()
returns integer
language sql
set search_path = ''
as $$
  with marked as (
    update public.notifications n set read_at = now()
     where n.recipient_id = (select auth.uid()) and n.read_at is null
    returning 1)
  select count(*)::integer from marked
$$;
comment on function public.mark_all_notifications_read() is 'Marks every unread notification of the caller read; returns how many.';

revoke all on function public.notification_state(), public.list_notifications(integer), public.mark_notification_read(uuid),
  public.mark_all_notifications_read() from public, anon;
grant execute on function public.notification_state(), public.list_notifications(integer), public.mark_notification_read(uuid),
  public.mark_all_notifications_read() to authenticated;
