-- Comments: the relational projection of the Yjs comment threads (the `comments` Y.Map), for
-- audit and queries. Written by add_comment()/resolve_comment() or by the sync server.

create table public.comments (
  id uuid primary key default gen_random_uuid(),
  document_id uuid not null references public.job_descriptions (id) on delete cascade,
  organization_id uuid not null references public.organizations (id) on delete cascade,
  -- Replies point at the first comment of their thread.
  parent_id uuid references public.comments (id) on delete cascade,
  lang text check (lang in ('en', 'fr')),
  section_id text check (section_id is null or length(section_id) <= 200),
  -- The text the comment was anchored to when written, and the encoded Yjs relative positions.
  anchor_text text check (anchor_text is null or length(anchor_text) <= 10000),
  anchor text check (anchor is null or length(anchor) <= 10000),
  body text not null check (length(btrim(body)) between 1 and 10000),
  author_id uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  resolved_by uuid references auth.users (id) on delete set null,
  resolved_at timestamptz,
  -- resolved_by becomes null if the resolver's account is deleted; resolved_at stays.
  constraint comments_resolved_consistent check (resolved_by is null or resolved_at is not null),
  constraint comments_not_own_parent check (parent_id is distinct from id)
);
comment on table public.comments is
  'Projection of the Yjs comment threads: document, language, anchor, body, author, resolution, parent.';
create index comments_document_id_idx on public.comments (document_id, created_at);
create index comments_organization_id_idx on public.comments (organization_id);
create index comments_parent_id_idx on public.comments (parent_id);
create index comments_author_id_idx on public.comments (author_id);
alter table public.comments enable row level security;

create trigger comments_updated_at before update on public.comments
  for each row execute function private.set_updated_at();
create trigger comments_organization before insert or update on public.comments
  for each row execute function private.fill_organization_from_document();

-- What an end user may do to a comment beyond what RLS lets them reach: the author is the
-- caller; a reply belongs to the same document as its thread and threads are one level deep;
-- only the author edits the text; resolving records who and when.
create function private.guard_comment() returns trigger
language plpgsql
set search_path = ''
as $$
declare
  parent public.comments;
begin
  if new.parent_id is not null and (tg_op = 'INSERT' or new.parent_id is distinct from old.parent_id) then
    select * into parent from public.comments c where c.id = new.parent_id;
    if parent.id is null or parent.document_id <> new.document_id then
      raise exception using errcode = '22023',
        message = format('parent comment %s is not a comment of document %s', new.parent_id, new.document_id);
    end if;
    if parent.parent_id is not null then
      raise exception using errcode = '22023',
        message = format('parent comment %s is a reply; reply to the first comment of its thread (%s)', new.parent_id, parent.parent_id);
    end if;
  end if;
  if not private.is_end_user() then
    return new;
  end if;
  if tg_op = 'INSERT' then
    new.author_id := auth.uid();
    new.created_at := now();
    new.resolved_by := null;
    new.resolved_at := null;
    return new;
  end if;
  if new.author_id is distinct from old.author_id or new.created_at is distinct from old.created_at
     or new.parent_id is distinct from old.parent_id then
    raise exception using errcode = '42501', message = 'comments.author_id, created_at and parent_id cannot change';
  end if;
  if (new.body, new.anchor, new.anchor_text, new.lang, new.section_id)
     is distinct from (old.body, old.anchor, old.anchor_text, old.lang, old.section_id)
     and old.author_id is distinct from auth.uid() then
    raise exception using errcode = '42501', message = 'only the author can edit a comment';
  end if;
  if new.resolved_at is distinct from old.resolved_at or new.resolved_by is distinct from old.resolved_by then
    if new.resolved_at is null and new.resolved_by is null then
      null; -- reopened
    else
      new.resolved_by := auth.uid();
      new.resolved_at := now();
    end if;
  end if;
  return new;
end
$$;
revoke all on function private.guard_comment() from public;

create trigger comments_guard before insert or update on public.comments
  for each row execute function private.guard_comment();
