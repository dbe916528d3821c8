-- Translation-memory and glossary exchange (issue 13, item 6): what the tm-import and
-- glossary-import Edge Functions write through, as the calling user.
--
-- A TMX file can be far larger than one request to the REST API may be (1 MiB), so tm-import
-- sends it in batches; for the import to be all or nothing the batches are staged first:
--   tm_import_stage(organization, session, segments)  -- one call per batch; checks every text
--   tm_import_commit(organization, session)           -- one statement: staged rows into
--                                                     -- tm_segments, then the stage is emptied
-- and the function deletes its staged rows itself when the file turns out to be invalid. Until
-- commit, tm_segments is untouched; commit is one transaction, so it writes every pair or none.
-- Only admins of the organization may stage or commit (42501 naming the organization).
-- Staged rows are visible only to the admin who staged them; rows left behind by an import that
-- died half way are removed by that admin's next commit once a day old.

-- The TMX <prop>s of a unit, kept so an export gives them back: [{type, value, lang?}].
alter table public.tm_segments add column tmx_props jsonb
  constraint tm_segments_tmx_props_check
  check (tmx_props is null or (jsonb_typeof(tmx_props) = 'array' and length(tmx_props::text) <= 10000));
comment on column public.tm_segments.tmx_props is
  'TMX <prop> elements of the imported unit ([{type, value, lang?}]), written back by tm-export.';

create table public.tm_import_rows (
  id bigint generated always as identity primary key,
  session_id uuid not null,
  organization_id uuid not null references public.organizations (id) on delete cascade,
  line integer not null check (line >= 1),
  source_lang text not null check (source_lang in ('en', 'fr')),
  target_lang text not null check (target_lang in ('en', 'fr')),
  source_text text not null,
  target_text text not null,
  tmx_props jsonb,
  created_by uuid not null default auth.uid() references auth.users (id) on delete cascade,
  created_at timestamptz not null default now()
);
comment on table public.tm_import_rows is
  'TMX import in progress: pairs staged by tm_import_stage until tm_import_commit moves them into tm_segments.';
create index tm_import_rows_session_idx on public.tm_import_rows (session_id);
create index tm_import_rows_organization_id_idx on public.tm_import_rows (organization_id);
create index tm_import_rows_created_by_idx on public.tm_import_rows (created_by, created_at);
alter table public.tm_import_rows enable row level security;

-- The admin who staged them, while still an admin of the organization, and nobody else.
create policy tm_import_rows_select on public.tm_import_rows for select to authenticated
  using (created_by = (select auth.uid()) and organization_id in (select private.my_org_ids('{admin}')));
create policy tm_import_rows_insert on public.tm_import_rows for insert to authenticated
  with check (created_by = (select auth.uid()) and organization_id in (select private.my_org_ids('{admin}')));
create policy tm_import_rows_delete on public.tm_import_rows for delete to authenticated
  using (created_by = (select auth.uid()) and organization_id in (select private.my_org_ids('{admin}')));
revoke all on public.tm_import_rows from anon;
-- Staged rows are written by tm_import_stage and removed, never changed; TRUNCATE, REFERENCES
-- and TRIGGER are outside RLS.
revoke update, truncate, references, trigger on public.tm_import_rows from authenticated;
revoke truncate, references, trigger on public.tm_import_rows from service_role;

-- 42501 unless the caller is an admin of the organization.
create function private.require_import_admin(organization uuid, what text) returns void
language plpgsql stable
set search_path = ''
as $$
begin
  perform private.check_not_null('organization', organization);
  if not private.has_org_role(organization, '{admin}') then
    raise exception using errcode = '42501',
      message = format('only an admin of organization %s can import %s', organization, what);
  end if;
end
$$;
revoke all on function private.require_import_admin(uuid, text) from public;
grant execute on function private.require_import_admin(uuid, text) to authenticated, service_role;

-- Stages one batch: [{line, source_lang, target_lang, source_text, target_text, props?}, ...],
-- at most 5 000 pairs. Every text is checked as tm_add_segment checks it; an error names the
-- line of the file. Returns how many pairs were staged.
create function public.tm_import_stage(organization uuid, session uuid, segments jsonb)
returns integer
language plpgsql
set search_path = ''
as $$
declare
  item jsonb;
  line integer;
  n integer;
begin
  perform private.require_import_admin(organization, 'a translation memory');
  perform private.check_not_null('session', session);
  perform private.require(jsonb_typeof(segments) = 'array', 'segments must be a JSON array');
  n := jsonb_array_length(segments);
  perform private.require(n <= 5000, format('segments must hold at most 5000 pairs (got %s)', n));
  for item in select value from jsonb_array_elements(segments) loop
    perform private.require(jsonb_typeof(item) = 'object', 'each segment must be a JSON object');
    line := (item ->> 'line')::integer;
    perform private.require(line >= 1, 'each segment needs its line (a positive integer)');
    begin
      perform private.check_segment_text('source_text', item ->> 'source_text');
      perform private.check_segment_text('target_text', item ->> 'target_text');
      perform private.check_lang('source_lang', item ->> 'source_lang');
      perform private.check_lang('target_lang', item ->> 'target_lang');
      perform private.require(item ->> 'source_lang' <> item ->> 'target_lang', 'source_lang and target_lang must differ');
      perform private.require(item -> 'props' is null or jsonb_typeof(item -> 'props') in ('array', 'null'),
        'props must be a JSON array');
    exception when sqlstate '22023' then
      raise exception using errcode = '22023', message = format('line %s: %s', line, sqlerrm);
    end;
  end loop;
  insert into public.tm_import_rows (session_id, organization_id, line, source_lang, target_lang, source_text, target_text, tmx_props)
  select session, organization, (e ->> 'line')::integer, e ->> 'source_lang', e ->> 'target_lang',
         e ->> 'source_text', e ->> 'target_text',
         case when jsonb_typeof(e -> 'props') = 'array' and jsonb_array_length(e -> 'props') > 0 then e -> 'props' end
    from jsonb_array_elements(segments) e;
  return n;
end
$$;
comment on function public.tm_import_stage(uuid, uuid, jsonb) is
  'Stages a batch of TMX pairs for tm_import_commit (admins of the organization only).';

-- Moves a staged import into the memory in one statement. A pair already in the memory (or
-- repeated in the file) counts as updated and adds to its usage_count; its props are replaced
-- when the file has some. Returns (imported, updated).
create function public.tm_import_commit(organization uuid, session uuid)
returns table (imported integer, updated integer)
language plpgsql
set search_path = ''
as $$
#variable_conflict use_column
declare
  staged integer;
  inserted integer;
begin
  perform private.require_import_admin(organization, 'a translation memory');
  perform private.check_not_null('session', session);
  select count(*) into staged from public.tm_import_rows r
   where r.session_id = tm_import_commit.session and r.organization_id = tm_import_commit.organization;
  with pairs as (
    select r.source_lang, r.target_lang, r.source_text, r.target_text,
           count(*) as times, (array_agg(r.tmx_props order by r.line desc) filter (where r.tmx_props is not null))[1] as props
      from public.tm_import_rows r
     where r.session_id = tm_import_commit.session and r.organization_id = tm_import_commit.organization
     group by r.source_lang, r.target_lang, r.source_text, r.target_text
  ), written as (
    insert into public.tm_segments as s (organization_id, source_lang, target_lang, source_text, target_text,
                                         provenance, usage_count, tmx_props)
    select tm_import_commit.organization, p.source_lang, p.target_lang, p.source_text, p.target_text,
           'import', p.times - 1, p.props
      from pairs p
    on conflict ((coalesce(organization_id, '00000000-0000-0000-0000-000000000000'::uuid)), source_lang, target_lang,
                 (md5(source_text)), (md5(target_text)))
    do update set usage_count = s.usage_count + excluded.usage_count + 1,
                  tmx_props = coalesce(excluded.tmx_props, s.tmx_props),
                  last_used_at = now()
    returning (xmax = 0) as fresh
  )
  select count(*) filter (where fresh) into inserted from written;
  delete from public.tm_import_rows r
   where (r.session_id = tm_import_commit.session and r.organization_id = tm_import_commit.organization)
      or (r.created_by = (select auth.uid()) and r.created_at < now() - interval '1 day');
  return query select inserted, staged - inserted;
end
$$;
comment on function public.tm_import_commit(uuid, uuid) is
  'Writes a staged TMX import into tm_segments, all pairs or none (admins of the organization only).';

-- Imports glossary terms in one call (glossary-import, TBX): [{line, term_en, term_fr, status,
-- domain?, notes?}], at most 5 000. A pair already in the glossary (same normalised terms) gets
-- the file's status, domain and notes and counts as updated. Returns (imported, updated).
create function public.glossary_import(organization uuid, terms jsonb)
returns table (imported integer, updated integer)
language plpgsql
set search_path = ''
as $$
#variable_conflict use_column
declare
  item jsonb;
  line integer;
  n integer;
  inserted integer;
begin
  perform private.require_import_admin(organization, 'a glossary');
  perform private.require(jsonb_typeof(terms) = 'array', 'terms must be a JSON array');
  n := jsonb_array_length(terms);
  perform private.require(n <= 5000, format('terms must hold at most 5000 entries (got %s)', n));
  for item in select value from jsonb_array_elements(terms) loop
    perform private.require(jsonb_typeof(item) = 'object', 'each term must be a JSON object');
    line := (item ->> 'line')::integer;
    perform private.require(line >= 1, 'each term needs its line (a positive integer)');
    begin
      perform private.check_text('term_en', item ->> 'term_en', 500);
      perform private.check_text('term_fr', item ->> 'term_fr', 500);
      perform private.check_text('domain', item ->> 'domain', 100, true);
      perform private.check_text('notes', item ->> 'notes', 10000, true);
      perform private.require(item ->> 'status' in ('approved', 'forbidden'),
        format('status must be approved or forbidden (got %s)', coalesce(item ->> 'status', 'null')));
    exception when sqlstate '22023' then
      raise exception using errcode = '22023', message = format('line %s: %s', line, sqlerrm);
    end;
  end loop;
  with entries as (
    -- The last of a repeated pair wins, as it would one row at a time.
    select distinct on (private.normalize_text(e ->> 'term_en'), private.normalize_text(e ->> 'term_fr'))
           e ->> 'term_en' as term_en, e ->> 'term_fr' as term_fr, e ->> 'status' as status,
           e ->> 'domain' as domain, e ->> 'notes' as notes
      from jsonb_array_elements(terms) with ordinality as t (e, position)
     order by private.normalize_text(e ->> 'term_en'), private.normalize_text(e ->> 'term_fr'), position desc
  ), written as (
    insert into public.glossary_terms as g (organization_id, term_en, term_fr, status, domain, notes, source)
    select glossary_import.organization, e.term_en, e.term_fr, e.status, e.domain, e.notes, 'TBX import'
      from entries e
    on conflict ((coalesce(organization_id, '00000000-0000-0000-0000-000000000000'::uuid)), term_en_normalized, term_fr_normalized)
    do update set status = excluded.status, domain = coalesce(excluded.domain, g.domain),
                  notes = coalesce(excluded.notes, g.notes)
    returning (xmax = 0) as fresh
  )
  select count(*) filter (where fresh) into inserted from written;
  return query select inserted, n - inserted;
end
$$;
comment on function public.glossary_import(uuid, jsonb) is
  'Imports TBX glossary entries into glossary_terms, all or none (admins of the organization only).';

revoke all on function public.tm_import_stage(uuid, uuid, jsonb), public.tm_import_commit(uuid, uuid),
  public.glossary_import(uuid, jsonb) from public, anon;
grant execute on function public.tm_import_stage(uuid, uuid, jsonb), public.tm_import_commit(uuid, uuid),
  public.glossary_import(uuid, jsonb) to authenticated, service_role;
