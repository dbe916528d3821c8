-- Create and find job descriptions (issue 17 item 4).
--
-- 1. Full-text search over both languages: each document_sections row keeps a tsvector of its
--    heading and body in its own language's configuration ('english' or 'french'), a stored
--    generated column (to_tsvector with a constant regconfig is immutable on PG 15, 17 and 18),
--    indexed with GIN. The identification fields (titles, classification, position number, NOC)
--    are indexed as one expression over job_descriptions, so the sync server's projection and
--    any update keep both current without a trigger of ours.
-- 2. public.search_documents: ranked (ts_rank_cd) with a highlighted snippet of the best
--    section. The snippet is plain text: highlighted words are between U+E000 and U+E001
--    (private-use characters removed from the text first), never HTML, so a body holding markup
--    cannot inject it: the element renders the pieces as text. Filters: status, classification
--    (a group such as PM or a group and level such as PM-04), author; paging. SECURITY INVOKER:
--    row-level security of job_descriptions and document_sections applies, so another
--    department's documents never appear.
-- 3. public.waiting_for_me: reviews open to my role (in review, not submitted by me) and my
--    submissions sent back (changes requested or rejected). Mentions are not included: the
--    comments table holds no mention data (mentions live only in the Y.Doc's comment threads).
-- 4. public.create_job_description: a blank TBS document (the sync server gives a document
--    with no sections the empty TBS template when it first loads it, domain/document-init.ts)
--    or a clone of a document of the same department (its identification and stored sections).

alter table public.document_sections
  add column search_vector tsvector generated always as (
    case when lang = 'fr'
      then setweight(to_tsvector('french'::regconfig, coalesce(heading, '')), 'B')
           || setweight(to_tsvector('french'::regconfig, coalesce(body, '')), 'D')
      else setweight(to_tsvector('english'::regconfig, coalesce(heading, '')), 'B')
           || setweight(to_tsvector('english'::regconfig, coalesce(body, '')), 'D')
    end) stored;
comment on column public.document_sections.search_vector is
  'Full-text vector of heading (weight B) and body (D) in the section''s language (english or french configuration).';
create index document_sections_search_idx on public.document_sections using gin (search_vector);

-- Both languages' stemmers over the identification fields: a title is found from either
-- language's query, a code (PM-04, 41403) by its tokens.
create function private.job_description_search_vector(
  title_en text, title_fr text, classification text, position_number text, noc_code text
) returns tsvector
language sql immutable parallel safe
set search_path = ''
as $$
  select setweight(to_tsvector('english'::regconfig, coalesce(title_en, '')), 'A')
      || setweight(to_tsvector('french'::regconfig, coalesce(title_fr, '')), 'A')
      || setweight(to_tsvector('simple'::regconfig,
           concat_ws(' ', classification, position_number, noc_code)), 'A')
$$;
revoke all on function private.job_description_search_vector(text, text, text, text, text) from public;
grant execute on function private.job_description_search_vector(text, text, text, text, text) to authenticated, service_role;
create index job_descriptions_search_idx on public.job_descriptions using gin (
  private.job_description_search_vector(title_en, title_fr, classification, position_number, noc_code));

-- The snippet markers (private-use characters, never in a job description's text).
create function private.search_mark(which text) returns text
language sql immutable parallel safe
set search_path = ''
as $$ select case which when 'start' then chr(57344) else chr(57345) end $$;
revoke all on function private.search_mark(text) from public;
grant execute on function private.search_mark(text) to authenticated, service_role;

create function public.search_documents(
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

  -- Candidates come from the two GIN indexes only (sections, identification fields); the
  -- department and the filters are applied to those, and the snippet is made for the page alone.
  return query
    -- One branch per language, so that each can use the GIN index with its own query.
    with section_hits as (
      select s.document_id, ts_rank_cd(s.search_vector, q_en) as r
        from public.document_sections s
       where s.search_vector @@ q_en and s.lang = 'en'
      union all
      select s.document_id, ts_rank_cd(s.search_vector, q_fr) as r
        from public.document_sections s
       where s.search_vector @@ q_fr and s.lang = 'fr'
    ),
    field_hits as (
      select jd.id as document_id,
             ts_rank_cd(private.job_description_search_vector(jd.title_en, jd.title_fr, jd.classification, jd.position_number, jd.noc_code),
                        q_en || q_fr) as r
        from public.job_descriptions jd
       where private.job_description_search_vector(jd.title_en, jd.title_fr, jd.classification, jd.position_number, jd.noc_code)
             @@ (q_en || q_fr)
    ),
    scored as (
      select h.document_id, sum(h.r)::real as score
        from (select * from section_hits union all select * from field_hits) h
       group by h.document_id
    ),
    ranked as (
      select jd.id, jd.organization_id, jd.title_en, jd.title_fr, jd.classification, jd.status, jd.created_by, jd.updated_at,
             sc.score, count(*) over () as total
        from scored sc
        join public.job_descriptions jd on jd.id = sc.document_id
       where jd.organization_id in (select private.my_org_ids())
         and (status_filter is null or jd.status = status_filter)
         and (level_filter is null or jd.classification = level_filter)
         and (group_filter is null or jd.classification_group = group_filter)
         and (author_filter is null or jd.created_by = author_filter)
       order by sc.score desc, jd.updated_at desc, jd.id
       limit max_results offset skip
    )
    select r.id, r.organization_id, r.title_en, r.title_fr, r.classification, r.status, r.created_by, r.updated_at,
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
      -- The best section of each document on the page: the snippet's source.
      left join lateral (
        select s.lang, s.section_id, s.heading, s.body
          from public.document_sections s
         where s.document_id = r.id
           and ((s.lang = 'en' and s.search_vector @@ q_en) or (s.lang = 'fr' and s.search_vector @@ q_fr))
         order by ts_rank_cd(s.search_vector, case s.lang when 'fr' then q_fr else q_en end) desc, s.lang, s.section_id
         limit 1
      ) b on true
     order by r.score desc, r.updated_at desc, r.id;
end
$$;
comment on function public.search_documents(text, text, text, uuid, integer, integer) is
  'Full-text search of the caller''s departments'' job descriptions over both languages'' sections (english and french configurations) and identification fields, ranked by ts_rank_cd. snippet: plain text of the best section, highlighted words between U+E000 and U+E001 (render as text, never as HTML). Filters status, classification (group or group-level), author; paging with max_results (1-100) and skip. Without a query: the filtered list, most recent first.';
revoke all on function public.search_documents(text, text, text, uuid, integer, integer) from public, anon;
grant execute on function public.search_documents(text, text, text, uuid, integer, integer) to authenticated;

create function public.waiting_for_me(max_results integer default 50)
returns table (
  id uuid,
  organization_id uuid,
  title_en text,
  title_fr text,
  classification text,
  status text,
  reason text,
  since timestamptz,
  note text
)
language plpgsql stable
set search_path = ''
as $$
begin
  perform private.check_range('max_results', max_results, 1, 100);
  if current_user = 'anon' or auth.uid() is null then
    return;
  end if;
  return query
    select w.* from (
      -- Reviews open to my role: in review, the open round not submitted by me.
      select jd.id, jd.organization_id, jd.title_en, jd.title_fr, jd.classification, jd.status,
             'review'::text, a.requested_at, a.request_note
        from public.job_descriptions jd
        join public.approvals a on a.document_id = jd.id and a.decision = 'pending'
       where jd.status = 'in_review'
         and jd.organization_id in (select private.my_org_ids('{reviewer,admin}'))
         and a.requested_by is distinct from auth.uid()
      union all
      -- My submissions sent back: the last round, submitted by me, not approved, still a draft.
      select jd.id, jd.organization_id, jd.title_en, jd.title_fr, jd.classification, jd.status,
             a.decision, a.decided_at, a.comment
        from public.job_descriptions jd
        join lateral (
          select l.* from public.approvals l where l.document_id = jd.id order by l.step desc limit 1
        ) a on true
       where jd.status = 'draft'
         and jd.organization_id in (select private.my_org_ids('{editor,translator,admin}'))
         and a.requested_by = auth.uid()
         and a.decision in ('changes_requested', 'rejected')
    ) w
    order by 8 desc, 1
    limit max_results;
end
$$;
comment on function public.waiting_for_me(integer) is
  'What waits for the caller: reason review (in review in a department where they review, not submitted by them) or changes_requested / rejected (their last submission was sent back; note is the reviewer''s reason). Mentions are not listed: comments store no mention data.';
revoke all on function public.waiting_for_me(integer) from public, anon;
grant execute on function public.waiting_for_me(integer) to authenticated;

-- kind 'blank': a new draft in `organization` with the given identification; its Y.Doc gets the
-- empty TBS template when first opened. kind 'clone': a new draft in the source's organization
-- with the source's identification (overridden by `identification`) and its stored sections.
create function public.create_job_description(
  organization uuid,
  kind text default 'blank',
  source uuid default null,
  identification jsonb default '{}'::jsonb
) returns uuid
language plpgsql
set search_path = ''
as $$
declare
  src public.job_descriptions;
  new_id uuid;
  sections jsonb;
begin
  perform private.check_not_null('organization', organization);
  perform private.require(kind in ('blank', 'clone'), 'kind must be blank or clone');
  perform private.require(jsonb_typeof(coalesce(identification, '{}'::jsonb)) = 'object', 'identification must be a JSON object');
  identification := coalesce(identification, '{}'::jsonb);
  perform private.require(
    (select coalesce(bool_and(k in ('title_en', 'title_fr', 'classification', 'noc_code', 'language_profile', 'position_number')), true)
       from jsonb_object_keys(identification) k),
    'identification may hold only title_en, title_fr, classification, noc_code, language_profile and position_number');
  if not private.has_org_role(organization, '{editor,translator,admin}') then
    raise exception using errcode = '42501',
      message = format('you cannot create a job description in organization %s: this needs editor, translator or admin', organization);
  end if;
  if kind = 'clone' then
    perform private.check_not_null('source', source);
    -- Under the caller's RLS: a document of another department is not found, the same as a missing one.
    select * into src from public.job_descriptions jd where jd.id = source;
    if src.id is null or src.organization_id <> organization then
      raise exception using errcode = '42501',
        message = format('document %s does not exist or is not of organization %s; clone a document of the same department', source, organization);
    end if;
    identification := jsonb_strip_nulls(jsonb_build_object(
      'title_en', src.title_en, 'title_fr', src.title_fr, 'classification', src.classification,
      'noc_code', src.noc_code, 'language_profile', src.language_profile)) || identification;
  elsif source is not null then
    raise exception using errcode = '22023', message = 'source is only for kind clone';
  end if;

  insert into public.job_descriptions (organization_id, title_en, title_fr, classification, noc_code, language_profile, position_number)
  values (organization, identification ->> 'title_en', identification ->> 'title_fr', identification ->> 'classification',
          identification ->> 'noc_code', identification ->> 'language_profile', identification ->> 'position_number')
  returning id into new_id;

  if kind = 'clone' then
    select coalesce(jsonb_agg(jsonb_build_object('lang', s.lang, 'section_id', s.section_id, 'kind', s.kind,
                                                 'position', s.position, 'heading', s.heading, 'body', s.body)), '[]'::jsonb)
      into sections
      from public.document_sections s where s.document_id = source;
    if jsonb_array_length(sections) > 0 then
      perform private.seed_imported_sections(new_id, sections);
    end if;
  end if;
  return new_id;
end
$$;
comment on function public.create_job_description(uuid, text, uuid, jsonb) is
  'A new draft job description, as the caller (editor, translator, admin): kind blank (the empty TBS template) or clone (a document of the same organization: its identification, except the position number, and its stored sections). identification overrides fields. Returns the new id.';
revoke all on function public.create_job_description(uuid, text, uuid, jsonb) from public, anon;
grant execute on function public.create_job_description(uuid, text, uuid, jsonb) to authenticated;
