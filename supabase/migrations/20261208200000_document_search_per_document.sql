-- Document search that reads a bounded amount per query (issue 17, criterion 4: bench:search
-- p95 ≤ 100 ms on 10 000 descriptions).
--
-- Before: search_documents ranked every matching *section* (a common word matches thousands of
-- the 120 000 sections of the bench), summed them per document, then joined the documents and
-- applied the department and the filters: 1-5 s for a phrase or a common word.
--
-- Now:
-- 1. private.document_search keeps one row per job description: two weighted tsvectors, one per
--    language (identification fields A — the title in that language's configuration, the codes in
--    'simple' — headings B, bodies D), plus copies of the columns search filters on (department,
--    status, classification, author, last change). Statement-level triggers on
--    document_sections and job_descriptions keep it current (the sync server's projection, the
--    legacy import, clones, identification edits); a change of status or updated_at alone does
--    not rebuild the vectors. API roles have no grant on it: it is written by the triggers and
--    read by private.document_search_page only.
-- 2. search_documents (still SECURITY INVOKER) asks private.document_search_page (SECURITY
--    DEFINER, filtering by the caller's departments itself: under row-level security the GIN
--    indexes could not be used, see there) for one page: candidates from the GIN indexes, the
--    department and the filters on the same row (exact total_count), at most
--    private.document_search_limit('ranked') candidates per query — the most recently changed
--    matches — ranked with ts_rank_cd over the two vectors. search_documents joins that page to
--    job_descriptions and document_sections as the caller (row-level security again) and makes
--    ts_headline snippets for the page only. A document matches as a whole: its words may be
--    in different sections (before: all in one section).
--    Exact: which documents match, total_count, the filters, the department, paging among the
--    ranked candidates. Best effort beyond the bound: when more documents match than the bound,
--    only the most recently changed `ranked` are ranked, so an older document with a higher rank
--    may be missing from the pages (the words are too common to single one out; narrowing the
--    search or a filter brings it back). Pages beyond the bound are the remaining matches, most
--    recent first, unranked (rank 0).
-- The per-section vectors stay (they choose the snippet's section of each document on the page);
-- their GIN index, no longer read, is dropped, and so is the identification expression index.
-- Text fed to a document's vector is capped per language (private.document_search_limit
-- ('characters')) so an enormous document cannot make the projection's write fail on the
-- tsvector size limit (1 MB); words past the cap are not found (best effort).

create function private.document_search_limit(what text) returns integer
language sql immutable parallel safe strict
set search_path = ''
as $$
  select case what when 'ranked' then 200 when 'characters' then 200000 end
$$;
revoke all on function private.document_search_limit(text) from public;
grant execute on function private.document_search_limit(text) to authenticated, service_role;

create table private.document_search (
  document_id uuid primary key references public.job_descriptions (id) on delete cascade,
  organization_id uuid not null,
  status text not null,
  classification text,
  classification_group text,
  created_by uuid,
  updated_at timestamptz not null,
  vector_en tsvector not null,
  vector_fr tsvector not null
);
comment on table private.document_search is
  'One row per job description for search_documents: weighted tsvectors per language (fields A, headings B, bodies D) and copies of the filter columns. Written by triggers on job_descriptions and document_sections only.';
create index document_search_vector_en_idx on private.document_search using gin (vector_en);
create index document_search_vector_fr_idx on private.document_search using gin (vector_fr);
create index document_search_recent_idx on private.document_search (organization_id, updated_at desc, document_id);
-- Read only through private.document_search_page (which filters by the caller's departments)
-- and written only by the triggers: no grants to API roles, and row-level security with no
-- policy should a grant ever be added.
alter table private.document_search enable row level security;
revoke all on private.document_search from public, anon, authenticated, service_role;

-- The vector of one language: identification fields (A), headings (B) and bodies (D).
create function private.document_language_vector(
  config regconfig, title text, classification text, position_number text, noc_code text,
  headings text, bodies text
) returns tsvector
language sql immutable parallel safe
set search_path = ''
as $$
  select setweight(to_tsvector(config, coalesce(title, '')), 'A')
      || setweight(to_tsvector('simple'::regconfig, concat_ws(' ', classification, position_number, noc_code)), 'A')
      || setweight(to_tsvector(config, left(coalesce(headings, ''), private.document_search_limit('characters'))), 'B')
      || setweight(to_tsvector(config, left(coalesce(bodies, ''), private.document_search_limit('characters'))), 'D')
$$;
revoke all on function private.document_language_vector(regconfig, text, text, text, text, text, text) from public;

-- Rebuilds the rows of the given documents from job_descriptions and document_sections.
create function private.refresh_document_search(docs uuid[]) returns void
language sql
set search_path = ''
as $$
  insert into private.document_search as ds
    (document_id, organization_id, status, classification, classification_group, created_by, updated_at, vector_en, vector_fr)
  select jd.id, jd.organization_id, jd.status, jd.classification, jd.classification_group, jd.created_by, jd.updated_at,
         private.document_language_vector('english'::regconfig, jd.title_en, jd.classification, jd.position_number, jd.noc_code,
                                          s.headings_en, s.bodies_en),
         private.document_language_vector('french'::regconfig, jd.title_fr, jd.classification, jd.position_number, jd.noc_code,
                                          s.headings_fr, s.bodies_fr)
    from unnest(docs) as doc(id)
    join public.job_descriptions jd on jd.id = doc.id
    left join lateral (
      select string_agg(x.heading, E'\n' order by x.position, x.section_id) filter (where x.lang = 'en') as headings_en,
             string_agg(x.body, E'\n' order by x.position, x.section_id) filter (where x.lang = 'en') as bodies_en,
             string_agg(x.heading, E'\n' order by x.position, x.section_id) filter (where x.lang = 'fr') as headings_fr,
             string_agg(x.body, E'\n' order by x.position, x.section_id) filter (where x.lang = 'fr') as bodies_fr
        from public.document_sections x
       where x.document_id = jd.id
    ) s on true
  on conflict (document_id) do update set
    organization_id = excluded.organization_id, status = excluded.status, classification = excluded.classification,
    classification_group = excluded.classification_group, created_by = excluded.created_by,
    updated_at = excluded.updated_at, vector_en = excluded.vector_en, vector_fr = excluded.vector_fr
$$;
revoke all on function private.refresh_document_search(uuid[]) from public;

-- Triggers: SECURITY DEFINER, since the caller (the service, or a user through
-- create_job_description / import_job_description / an identification edit) has no write
-- access to private.document_search.
create function private.document_search_after_sections() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if tg_op = 'DELETE' then
    perform private.refresh_document_search(array(select distinct o.document_id from old_rows o));
  elsif tg_op = 'UPDATE' then
    perform private.refresh_document_search(array(
      select n.document_id from new_rows n union select o.document_id from old_rows o));
  else
    perform private.refresh_document_search(array(select distinct n.document_id from new_rows n));
  end if;
  return null;
end
$$;
revoke all on function private.document_search_after_sections() from public;
create trigger document_search_after_insert after insert on public.document_sections
  referencing new table as new_rows for each statement execute function private.document_search_after_sections();
create trigger document_search_after_update after update on public.document_sections
  referencing old table as old_rows new table as new_rows for each statement execute function private.document_search_after_sections();
create trigger document_search_after_delete after delete on public.document_sections
  referencing old table as old_rows for each statement execute function private.document_search_after_sections();

create function private.document_search_after_documents() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    -- A new document: its identification fields. Sections come later through the sections'
    -- triggers (or, inserted by the same statement, through them already: then nothing to do),
    -- so the vectors and their index entries are not built twice.
    insert into private.document_search
      (document_id, organization_id, status, classification, classification_group, created_by, updated_at, vector_en, vector_fr)
    select n.id, n.organization_id, n.status, n.classification, n.classification_group, n.created_by, n.updated_at,
           private.document_language_vector('english'::regconfig, n.title_en, n.classification, n.position_number, n.noc_code, null, null),
           private.document_language_vector('french'::regconfig, n.title_fr, n.classification, n.position_number, n.noc_code, null, null)
      from new_rows n
    on conflict (document_id) do nothing;
    return null;
  end if;
  -- Identification fields changed: rebuild the vectors.
  perform private.refresh_document_search(array(
    select n.id from new_rows n join old_rows o on o.id = n.id
     where (n.title_en, n.title_fr, n.classification, n.position_number, n.noc_code)
           is distinct from (o.title_en, o.title_fr, o.classification, o.position_number, o.noc_code)));
  -- Otherwise only the filter columns (status, updated_at, ...) follow.
  update private.document_search ds
     set organization_id = n.organization_id, status = n.status, classification = n.classification,
         classification_group = n.classification_group, created_by = n.created_by, updated_at = n.updated_at
    from new_rows n
   where ds.document_id = n.id
     and (ds.organization_id, ds.status, ds.classification, ds.created_by, ds.updated_at)
         is distinct from (n.organization_id, n.status, n.classification, n.created_by, n.updated_at);
  return null;
end
$$;
revoke all on function private.document_search_after_documents() from public;
create trigger document_search_after_insert after insert on public.job_descriptions
  referencing new table as new_rows for each statement execute function private.document_search_after_documents();
create trigger document_search_after_update after update on public.job_descriptions
  referencing old table as old_rows new table as new_rows for each statement execute function private.document_search_after_documents();

-- Existing documents.
select private.refresh_document_search(array(select id from public.job_descriptions));

drop index public.document_sections_search_idx;
drop index public.job_descriptions_search_idx;

-- The candidates, counted and ranked within the bound, for one page. SECURITY DEFINER with the
-- department filter written out (the same as a row-level policy would apply): under row-level
-- security Postgres may not use the GIN indexes, since the non-leakproof @@ operator cannot be
-- evaluated before the policy, and every row's vectors would be read. search_documents, which
-- calls it as the caller, joins the page to job_descriptions and document_sections under
-- their own row-level security. enable_seqscan is off here because the planner prices `@@` on a
-- sequential scan as cheap, while each row's vectors must then be read from TOAST (130 ms for a
-- common word over 10 000 documents, against the GIN bitmap that reads no vector at all).
create function private.document_search_page(
  query_en tsquery, query_fr tsquery, status_is text, classification_is text, group_is text, author_is uuid,
  page_size integer, page_skip integer
) returns table (document_id uuid, updated_at timestamptz, score real, tier integer, total bigint)
language plpgsql stable security definer
set search_path = ''
set enable_seqscan = off
as $fn$
begin
  -- Dynamic SQL: planned for each search's own words, since how many documents a word matches
  -- decides the plan (a cached generic plan does not know it).
  return query execute $q$
      with matches as materialized (
        -- Every match in the caller's departments under the filters, from the GIN indexes (one
        -- row per document; a plain query needs no recheck, so no vector is read here): exact.
        select d.document_id, d.updated_at
          from private.document_search d
         where (d.vector_en @@ $1 or d.vector_fr @@ $2)
           and d.organization_id in (select private.my_org_ids()) -- the caller's departments, as RLS would
           and ($3 is null or d.status = $3)
           and ($4 is null or d.classification = $4)
           and ($5 is null or d.classification_group = $5)
           and ($6 is null or d.created_by = $6)
      ),
      total as (select count(*) as n from matches),
      -- The bound: only the most recently changed document_search_limit('ranked') matches are
      -- ranked (their two vectors read and scored) ...
      recent as (
        select m.document_id, m.updated_at from matches m
         order by m.updated_at desc, m.document_id
         limit private.document_search_limit('ranked')
      ),
      scored as (
        select 1 as tier, r.document_id, r.updated_at,
               (ts_rank_cd(d.vector_en, $1) + ts_rank_cd(d.vector_fr, $2))::real as score
          from recent r
          join private.document_search d on d.document_id = r.document_id
        union all
        -- ... and the pages past them list the other matches, most recent first, unranked.
        select 2, m.document_id, m.updated_at, 0::real
          from matches m
         where $8 + $7 > private.document_search_limit('ranked')
           and not exists (select 1 from recent r where r.document_id = m.document_id)
      ),
      ranked as (
        select s.document_id, s.updated_at, s.score, s.tier, t.n as total
          from scored s, total t
         order by s.tier, s.score desc, s.updated_at desc, s.document_id
         limit $7 offset $8
      )
      select r.document_id, r.updated_at, r.score, r.tier, r.total from ranked r
  $q$ using query_en, query_fr, status_is, classification_is, group_is, author_is, page_size, page_skip;
end
$fn$;
revoke all on function private.document_search_page(tsquery, tsquery, text, text, text, uuid, integer, integer) from public, anon;
grant execute on function private.document_search_page(tsquery, tsquery, text, text, text, uuid, integer, integer) to authenticated;

create or replace function public.search_documents(
  query text default null,
  status_filter text default null,
  classification_filter text default null,
  author_filter uuid default null,
  max_results integer default 20,
  skip integer default 0
)
returns table (
  id uuid,
  organization_id uuid,
  title_en text,
  title_fr text,
  classification text,
  status text,
  created_by uuid,
  updated_at timestamptz,
  rank real,
  snippet_lang text,
  snippet_section_id text,
  snippet_heading text,
  snippet text,
  total_count bigint
)
language plpgsql stable
set search_path = ''
as $$
declare
  q_en tsquery;
  q_fr tsquery;
  group_filter text;
  level_filter text;
begin
  perform private.check_text('query', query, 500, true);
  if status_filter is not null and status_filter not in ('draft', 'in_review', 'approved', 'archived') then
    raise exception using errcode = '22023',
      message = format('status_filter must be draft, in_review, approved or archived (got %s)', left(quote_literal(status_filter), 40));
  end if;
  if classification_filter is not null then
    if classification_filter ~ '^[A-Z]{2,3}(-[A-Z]{2,4})?-(0[0-9]|1[0-9])$' then
      level_filter := classification_filter;
    elsif classification_filter ~ '^[A-Z]{2,3}(-[A-Z]{2,4})?$' then
      group_filter := classification_filter;
    else
      raise exception using errcode = '22023',
        message = format('classification_filter must be a group (PM, AO-CAI) or a group and level (PM-04) (got %s)',
                         left(quote_literal(classification_filter), 40));
    end if;
  end if;
  perform private.check_range('max_results', max_results, 1, 100);
  perform private.check_range('skip', skip, 0, 1000000);
  if current_user = 'anon' then
    return;
  end if;

  if nullif(btrim(query), '') is null then
    -- No words: the filtered list, most recently changed first.
    return query
      select jd.id, jd.organization_id, jd.title_en, jd.title_fr, jd.classification, jd.status, jd.created_by,
             jd.updated_at, 0::real, null::text, null::text, null::text, null::text, count(*) over ()
        from public.job_descriptions jd
       where jd.organization_id in (select private.my_org_ids())
         and (status_filter is null or jd.status = status_filter)
         and (level_filter is null or jd.classification = level_filter)
         and (group_filter is null or jd.classification_group = group_filter)
         and (author_filter is null or jd.created_by = author_filter)
       order by jd.updated_at desc, jd.id
       limit max_results offset skip;
    return;
  end if;

  q_en := websearch_to_tsquery('english'::regconfig, query);
  q_fr := websearch_to_tsquery('french'::regconfig, query);
  if numnode(q_en) = 0 and numnode(q_fr) = 0 then
    return; -- only stop words
  end if;

  return query
    with ranked as (
      select p.document_id, p.updated_at, p.score, p.tier, p.total
        from private.document_search_page(q_en, q_fr, status_filter, level_filter, group_filter, author_filter,
                                          max_results, skip) p
    )
    select jd.id, jd.organization_id, jd.title_en, jd.title_fr, jd.classification, jd.status, jd.created_by, jd.updated_at,
           r.score, b.lang, b.section_id, b.heading,
           case when b.body is not null then
             ts_headline(case b.lang when 'fr' then 'french'::regconfig else 'english'::regconfig end,
                         translate(b.body, private.search_mark('start') || private.search_mark('stop'), ''),
                         case b.lang when 'fr' then q_fr else q_en end,
                         format('StartSel=%s, StopSel=%s, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "',
                                private.search_mark('start'), private.search_mark('stop')))
           end,
           r.total
      from ranked r
      -- Row-level security of job_descriptions applies here too.
      join public.job_descriptions jd on jd.id = r.document_id
      -- The snippet's source, among the sections of each document on the page only: the best
      -- section holding every word; a document matches as a whole, so when its words are spread
      -- over sections, the section holding the most of them (ts_rank counts partial matches).
      left join lateral (
        select x.lang, x.section_id, x.heading, x.body
          from (select s.lang, s.section_id, s.heading, s.body, s.search_vector,
                       case s.lang when 'fr' then q_fr else q_en end as q
                  from public.document_sections s
                 where s.document_id = r.document_id) x
         where ts_rank(x.search_vector, x.q) > 0.000001
         order by x.search_vector @@ x.q desc, ts_rank_cd(x.search_vector, x.q) desc, ts_rank(x.search_vector, x.q) desc,
                  x.lang, x.section_id
         limit 1
      ) b on true
     order by r.tier, r.score desc, r.updated_at desc, r.document_id;
end
$$;
comment on function public.search_documents(text, text, text, uuid, integer, integer) is
  'Full-text search of the caller''s departments'' job descriptions over both languages'' text and identification fields (one weighted vector per document and language, english and french configurations). Every match is counted (total_count) and filtered exactly; at most private.document_search_limit(''ranked'') of them, the most recently changed, are ranked by ts_rank_cd, the other matches follow unranked (rank 0). snippet: plain text of the best section, highlighted words between U+E000 and U+E001 (render as text, never as HTML). Filters status, classification (group or group-level), author; paging with max_results (1-100) and skip. Without a query: the filtered list, most recent first.';
