-- Tenancy: organizations (departments), memberships (who holds which role where) and
-- profiles (display name, preferred language), plus the helpers every RLS policy uses.
--
-- Conventions for every jd-kit migration (they also go to a hosted project, Postgres 17):
-- * Only what a hosted Supabase project provides is assumed: the roles anon, authenticated,
--   service_role, auth.uid()/auth.jwt()/auth.role(), auth.users, the `extensions` schema.
-- * Functions set `search_path = ''` and qualify every name (extensions.similarity, …).
-- * Tables get RLS enabled where they are created (deny-all until the policies of
--   20261123100800_rls.sql are added); policies, grants and revokes live in that file.
-- * Helpers that policies call live in schema `private`, which PostgREST does not expose.

create extension if not exists pg_trgm with schema extensions;

create schema if not exists private;
revoke all on schema private from public;
grant usage on schema private to authenticated, service_role;
-- Functions are executable by PUBLIC by default: every private function revokes that and grants
-- only to the roles that need it.
comment on schema private is 'jd-kit internals: RLS helpers, trigger functions, scoring. Not exposed through the API.';

-- Shared trigger functions -----------------------------------------------------------------------

-- True when the statement runs as an API end-user role. The service (sync server, functions
-- acting for the system: service_role or the database owner) and SECURITY DEFINER code paths
-- are not end users. Must stay SECURITY INVOKER: it reads current_user.
create function private.is_end_user() returns boolean
language sql stable
set search_path = ''
as $$ select current_user in ('anon', 'authenticated') $$;

create function private.set_updated_at() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end
$$;

-- Who created a row is the caller, not what the client sends; and an end user cannot move a row
-- to another organization or rewrite its creation. Argument 0: the creator column (default
-- created_by). The service keeps what it writes (it acts for users, e.g. the sync server).
create function private.stamp_row() returns trigger
language plpgsql
set search_path = ''
as $$
declare
  creator text := coalesce(tg_argv[0], 'created_by');
  new_json jsonb;
  old_json jsonb;
begin
  if not private.is_end_user() then
    return new;
  end if;
  if tg_op = 'INSERT' then
    return jsonb_populate_record(new, jsonb_build_object(creator, auth.uid(), 'created_at', now()));
  end if;
  new_json := to_jsonb(new);
  old_json := to_jsonb(old);
  if new_json -> 'organization_id' is distinct from old_json -> 'organization_id' then
    raise exception using errcode = '42501', message = format('%s.organization_id cannot change', tg_table_name);
  end if;
  if new_json -> creator is distinct from old_json -> creator
     or new_json -> 'created_at' is distinct from old_json -> 'created_at' then
    raise exception using errcode = '42501', message = format('%s.%s and created_at cannot change', tg_table_name, creator);
  end if;
  return new;
end
$$;
revoke all on function private.stamp_row() from public;

-- Argument checks shared by the RPCs: each raises 22023 (invalid_parameter_value, HTTP 400
-- through PostgREST) with a message that names the argument as the caller spelled it.
create function private.require(ok boolean, message text) returns void
language plpgsql immutable
set search_path = ''
as $$
begin
  if ok is not true then
    raise exception using errcode = '22023', message = message;
  end if;
end
$$;

create function private.check_not_null(arg_name text, value anyelement) returns void
language plpgsql immutable
set search_path = ''
as $$
begin
  if value is null then
    raise exception using errcode = '22023', message = format('%s must not be null', arg_name),
      hint = format('Pass a value for %s.', arg_name);
  end if;
end
$$;

create function private.check_lang(arg_name text, value text, nullable boolean default false) returns void
language plpgsql immutable
set search_path = ''
as $$
begin
  if value is null then
    if nullable then return; end if;
    raise exception using errcode = '22023', message = format('%s must not be null', arg_name),
      hint = 'Use ''en'' or ''fr''.';
  end if;
  if value not in ('en', 'fr') then
    raise exception using errcode = '22023',
      message = format('%s must be ''en'' or ''fr'' (got %s)', arg_name, left(quote_literal(value), 40)),
      hint = 'Language codes are lower-case ISO 639-1: en, fr.';
  end if;
end
$$;

create function private.check_text(arg_name text, value text, max_length integer default 10000, nullable boolean default false)
returns void
language plpgsql immutable
set search_path = ''
as $$
begin
  if value is null then
    if nullable then return; end if;
    raise exception using errcode = '22023', message = format('%s must not be null', arg_name);
  end if;
  if length(value) > max_length then
    raise exception using errcode = '22023',
      message = format('%s must be at most %s characters (got %s)', arg_name, max_length, length(value));
  end if;
  if not nullable and btrim(value) = '' then
    raise exception using errcode = '22023', message = format('%s must not be empty', arg_name);
  end if;
end
$$;

create function private.check_range(arg_name text, value integer, low integer, high integer) returns void
language plpgsql immutable
set search_path = ''
as $$
begin
  if value is null then
    raise exception using errcode = '22023', message = format('%s must not be null', arg_name);
  end if;
  if value < low or value > high then
    raise exception using errcode = '22023',
      message = format('%s must be between %s and %s (got %s)', arg_name, low, high, value);
  end if;
end
$$;

-- Tables -----------------------------------------------------------------------------------------

create table public.organizations (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique
    check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 63),
  name_en text not null check (length(btrim(name_en)) between 1 and 200),
  name_fr text not null check (length(btrim(name_fr)) between 1 and 200),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.organizations is 'Tenants: one per department. Created by the service (provisioning); admins rename them.';
alter table public.organizations enable row level security;

create table public.memberships (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role text not null check (role in ('viewer', 'editor', 'translator', 'reviewer', 'admin')),
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (organization_id, user_id)
);
comment on table public.memberships is
  'One role per user and organization: viewer reads; editor and translator write documents, comments and TM; reviewer approves; admin manages memberships, glossary and reads the audit log.';
-- The policies look memberships up by user (private.my_org_ids) and by organization.
create index memberships_user_id_idx on public.memberships (user_id, organization_id, role);
alter table public.memberships enable row level security;

create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  display_name text check (display_name is null or length(display_name) <= 200),
  preferred_language text not null default 'en' check (preferred_language in ('en', 'fr')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.profiles is 'Public face of a user: display name and preferred UI language. Created for every new auth user.';
alter table public.profiles enable row level security;

create trigger organizations_updated_at before update on public.organizations
  for each row execute function private.set_updated_at();
create trigger memberships_updated_at before update on public.memberships
  for each row execute function private.set_updated_at();
create trigger profiles_updated_at before update on public.profiles
  for each row execute function private.set_updated_at();

-- RLS helpers ------------------------------------------------------------------------------------
-- SECURITY DEFINER so that policies on memberships can use them without recursing into the
-- memberships policies; they only ever answer about the calling user (auth.uid()).
-- Policies use them as `organization_id in (select private.my_org_ids(...))`: the set is computed
-- once per statement (a hashed subplan), not once per row.

create function private.my_org_ids(roles text[] default null) returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select m.organization_id
    from public.memberships m
   where m.user_id = (select auth.uid())
     and (roles is null or m.role = any (roles))
$$;

create function private.has_org_role(org uuid, roles text[] default null) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.memberships m
     where m.organization_id = org
       and m.user_id = (select auth.uid())
       and (roles is null or m.role = any (roles))
  )
$$;

-- The caller's role in an organization (null when not a member).
create function private.my_role(org uuid) returns text
language sql stable security definer
set search_path = ''
as $$
  select m.role from public.memberships m
   where m.organization_id = org and m.user_id = (select auth.uid())
$$;

-- Users who share at least one organization with the caller (to show colleagues' names).
create function private.my_colleague_ids() returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select distinct m.user_id
    from public.memberships m
   where m.organization_id in (select private.my_org_ids())
$$;

revoke all on function private.my_org_ids(text[]), private.has_org_role(uuid, text[]), private.my_role(uuid),
  private.my_colleague_ids() from public;
grant execute on function private.my_org_ids(text[]), private.has_org_role(uuid, text[]), private.my_role(uuid),
  private.my_colleague_ids() to authenticated, service_role;
grant execute on function private.is_end_user() to authenticated, service_role;
-- anon too: can_open_document and list_documents check their arguments before answering anon.
grant usage on schema private to anon;
grant execute on function private.require(boolean, text), private.check_not_null(text, anyelement),
  private.check_lang(text, text, boolean), private.check_text(text, text, integer, boolean),
  private.check_range(text, integer, integer, integer) to anon, authenticated, service_role;

-- Membership guard -------------------------------------------------------------------------------
-- End users (admins, through RLS) may change a membership's role only; and an organization must
-- keep at least one admin, so the last admin can be neither demoted nor removed by an end user.

create function private.guard_membership() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if not private.is_end_user() then
    return coalesce(new, old);
  end if;
  if tg_op = 'UPDATE' then
    if new.organization_id is distinct from old.organization_id or new.user_id is distinct from old.user_id
       or new.created_by is distinct from old.created_by or new.created_at is distinct from old.created_at then
      raise exception using errcode = '42501',
        message = 'only the role of a membership can be changed; remove it and add a new one instead';
    end if;
  elsif tg_op = 'INSERT' then
    new.created_by := auth.uid();
    new.created_at := now();
    return new;
  end if;
  if old.role = 'admin' and (tg_op = 'DELETE' or new.role <> 'admin') then
    -- Row locks serialise concurrent demotions of the last two admins.
    perform 1 from public.memberships m
      where m.organization_id = old.organization_id and m.role = 'admin' for update;
    if (select count(*) from public.memberships m
         where m.organization_id = old.organization_id and m.role = 'admin' and m.id <> old.id) = 0 then
      raise exception using errcode = '42501',
        message = 'an organization must keep at least one admin',
        hint = 'Make another member admin first.';
    end if;
  end if;
  return coalesce(new, old);
end
$$;
revoke all on function private.guard_membership() from public;

create trigger memberships_guard before insert or update or delete on public.memberships
  for each row execute function private.guard_membership();

-- Profiles for new users (the standard Supabase pattern) -----------------------------------------

create function private.handle_new_user() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  meta jsonb := coalesce(new.raw_user_meta_data, '{}'::jsonb);
  lang text := meta ->> 'preferred_language';
begin
  insert into public.profiles (id, display_name, preferred_language)
  values (
    new.id,
    left(coalesce(nullif(btrim(meta ->> 'display_name'), ''), nullif(btrim(meta ->> 'full_name'), ''),
                  nullif(split_part(coalesce(new.email, ''), '@', 1), '')), 200),
    case when lang in ('en', 'fr') then lang else 'en' end
  )
  on conflict (id) do nothing;
  return new;
end
$$;
revoke all on function private.handle_new_user() from public;

create trigger on_auth_user_created after insert on auth.users
  for each row execute function private.handle_new_user();
