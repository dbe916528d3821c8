-- Optional e-mail of notifications (issue 17 item 5), off by default twice over: a user opts in
-- (`profiles.email_notifications`, their own row only, as every profile column) and the
-- deployment turns the `notify-email` Edge Function's SMTP sender on with its secrets.
--
-- The function runs as the service and claims a batch of notifications to send in one statement
-- (`claim_notification_emails`): the claim sets `emailed_at`, so a second call (or a concurrent
-- one, `skip locked`) never sends the same notification again; a send that fails is handed back
-- with `release_notification_emails`, which clears `emailed_at` so the next call retries it.
-- Both are for the service role only and run as the caller (SECURITY INVOKER, as every RPC);
-- the addresses come from auth.users through private.user_email, granted to the service only.

alter table public.profiles
  add column email_notifications boolean not null default false;
comment on column public.profiles.email_notifications is
  'Whether the user wants their notifications by e-mail too (off by default; the user changes only their own; sent only where the deployment configured the notify-email sender).';

alter table public.notifications
  add column emailed_at timestamptz;
comment on column public.notifications.emailed_at is
  'When the notify-email function claimed this notification for sending (null: not e-mailed; cleared again when the send failed).';

-- What the claim scans: notifications not yet e-mailed, oldest first.
create index notifications_email_pending_idx on public.notifications (created_at, id) where emailed_at is null;

-- A user's e-mail address (null when none), for the service's claim: auth.users is not the
-- API roles' to read.
create function private.user_email(uid uuid)
returns text
language sql stable
security definer
set search_path = ''
as $$
  select nullif(u.email, '')::text from auth.users u where u.id = uid
$$;
revoke all on function private.user_email(uuid) from public, anon, authenticated;
grant execute on function private.user_email(uuid) to service_role;

-- At most `max_rows` (1-100) unread notifications of the last 7 days, not yet e-mailed, of
-- recipients who opted in and have an address, oldest first; they are marked e-mailed in the
-- same statement. Older or already read ones are never e-mailed: opting in does not send a
-- backlog, and a notification already seen in the kit needs no e-mail.
create function public.claim_notification_emails(max_rows integer default 100)
returns table (
  id uuid,
  kind text,
  document_id uuid,
  recipient_email text,
  recipient_name text,
  preferred_language text,
  document_title_en text,
  document_title_fr text,
  actor_name text,
  comment_excerpt text,
  decision text,
  created_at timestamptz
)
language plpgsql
set search_path = ''
as $$
begin
  if max_rows is null or max_rows not between 1 and 100 then
    raise exception using errcode = '22023',
      message = format('max_rows must be between 1 and 100 (got %s)', coalesce(max_rows::text, 'null'));
  end if;
  return query
  with picked as (
    select n.id
      from public.notifications n
      join public.profiles p on p.id = n.recipient_id and p.email_notifications
     where n.emailed_at is null
       and private.user_email(n.recipient_id) is not null
       and n.read_at is null
       and n.created_at > now() - interval '7 days'
     order by n.created_at, n.id
     limit max_rows
       for update of n skip locked
  ), claimed as (
    update public.notifications n set emailed_at = now()
      from picked where n.id = picked.id
    returning n.*
  )
  select c.id, c.kind, c.document_id, private.user_email(c.recipient_id), rp.display_name, rp.preferred_language,
         jd.title_en, jd.title_fr, ap.display_name, left(cm.body, 500), a.decision, c.created_at
    from claimed c
    join public.profiles rp on rp.id = c.recipient_id
    left join public.job_descriptions jd on jd.id = c.document_id
    left join public.profiles ap on ap.id = c.actor_id
    left join public.comments cm on cm.id = c.comment_id
    left join public.approvals a on a.id = c.approval_id
   order by c.created_at, c.id;
end
$$;
comment on function public.claim_notification_emails(integer) is
  'Service only: claims (sets emailed_at) and returns up to max_rows (1-100) unread notifications of the last 7 days for recipients who opted in to e-mail, with what the message needs.';

-- A failed send: the notification is e-mailed again by a later call.
create function public.release_notification_emails(notification_ids uuid[])
returns integer
language sql
set search_path = ''
as $$
  with released as (
    update public.notifications n set emailed_at = null
     where n.id = any (notification_ids) and n.emailed_at is not null
    returning 1)
  select count(*)::integer from released
$$;
comment on function public.release_notification_emails(uuid[]) is
  'Service only: clears emailed_at of notifications whose e-mail could not be sent, so a later call retries them; returns how many.';

revoke all on function public.claim_notification_emails(integer), public.release_notification_emails(uuid[])
  from public, anon, authenticated;
grant execute on function public.claim_notification_emails(integer), public.release_notification_emails(uuid[])
  to service_role;
