-- The RPCs the widgets call (POST /rest/v1/rpc/<name>). All SECURITY INVOKER: they run as the
-- caller, under RLS, so they can never show or change more than the tables' policies allow.
-- Every argument is checked first; a bad one raises 22023 (HTTP 400) with a message naming it,
-- a missing permission raises 42501 (HTTP 401/403), a request the document's state does not
-- allow raises P0001 (HTTP 400). Limits: max_results 1..100, text arguments at most 10 000
-- characters (search terms less), languages 'en' or 'fr'.

-- can_open_document ------------------------------------------------------------------------------
-- 'edit' for an editor, translator or admin of the document's organization, 'view' for a viewer
-- or reviewer, null when the document does not exist or the caller may not see it. The sync
-- server calls it as the user (role and request.jwt.claims set as PostgREST does).
create function public.can_open_document(doc uuid) returns text
language plpgsql stable
set search_path = ''
as $$
declare
  doc_org uuid;
  caller_role text;
begin
  perform private.check_not_null('doc', doc);
  if current_user = 'anon' then
    return null;
  end if;
  select jd.organization_id into doc_org from public.job_descriptions jd where jd.id = doc;
  if doc_org is null then
    return null;
  end if;
  if not private.is_end_user() then
    return 'edit'; -- the service
  end if;
  caller_role := private.my_role(doc_org);
  return case
    when caller_role in ('editor', 'translator', 'admin') then 'edit'
    when caller_role in ('viewer', 'reviewer') then 'view'
  end;
end
$$;
comment on function public.can_open_document(uuid) is
  'edit | view | null: whether the caller may open the document in the editor, and how.';

-- list_documents ---------------------------------------------------------------------------------
create function public.list_documents(
  status_filter text default null,
  search_text text default null,
  organization_filter uuid default null,
  max_results integer default 100,
  skip integer default 0
)
returns table (
  id uuid,
  organization_id uuid,
  organization_name_en text,
  organization_name_fr text,
  title_en text,
  title_fr text,
  classification text,
  position_number text,
  noc_code text,
  language_profile text,
  status text,
  access text,
  created_by uuid,
  created_at timestamptz,
  updated_at timestamptz
)
language plpgsql stable
set search_path = ''
as $$
declare
  pattern text;
begin
  if status_filter is not null and status_filter not in ('draft', 'in_review', 'approved', 'archived') then
    raise exception using errcode = '22023',
      message = format('status_filter must be draft, in_review, approved or archived (got %s)', left(quote_literal(status_filter), 40));
  end if;
  perform private.check_text('search_text', search_text, 500, true);
  perform private.check_range('max_results', max_results, 1, 100);
  perform private.check_range('skip', skip, 0, 1000000);
  if current_user = 'anon' then
    return;
  end if;
  if nullif(btrim(search_text), '') is not null then
    pattern := '%' || replace(replace(replace(btrim(search_text), '\', '\\'), '%', '\%'), '_', '\_') || '%';
  end if;
  return query
    select jd.id, jd.organization_id, o.name_en, o.name_fr, jd.title_en, jd.title_fr, jd.classification,
           jd.position_number, jd.noc_code, jd.language_profile, jd.status,
           case when m.role in ('editor', 'translator', 'admin') then 'edit' else 'view' end,
           jd.created_by, jd.created_at, jd.updated_at
      from public.job_descriptions jd
      join public.organizations o on o.id = jd.organization_id
      left join public.memberships m on m.organization_id = jd.organization_id and m.user_id = (select auth.uid())
     where (status_filter is null or jd.status = status_filter)
       and (organization_filter is null or jd.organization_id = organization_filter)
       and (pattern is null
            or jd.title_en ilike pattern or jd.title_fr ilike pattern
            or jd.classification ilike pattern or jd.position_number ilike pattern)
     order by jd.updated_at desc, jd.id
     limit max_results offset skip;
end
$$;
comment on function public.list_documents(text, text, uuid, integer, integer) is
  'The documents the caller may open, newest first, with the caller''s access (edit | view). All arguments optional.';

-- Candidate retrieval for tm_search and concordance_search --------------------------------------
-- The full-text and pg_trgm operators (@@, %, LIKE) are not LEAKPROOF, so under RLS Postgres
-- evaluates the policy before them and cannot use the GIN indexes: every search would scan the
-- table. These helpers run as the owner (SECURITY DEFINER, so the indexes are used) and apply
-- the very visibility rule of the tm_segments_select policy themselves (shared rows and the
-- caller's organizations). They return ids (and scores) only; the RPCs read the rows back
-- through RLS, so even a mistake here could not show a row the policy hides.

-- A tsquery matching any of the words (each an exact lexeme, as normalize_text splits them).
create function private.any_word_tsquery(words text[]) returns tsquery
language sql immutable strict parallel safe
set search_path = ''
as $$
  select string_agg('''' || replace(replace(w, '\', '\\'), '''', '''''') || '''', ' | ')::tsquery
    from unnest(words) w
$$;

-- Words that say little about a sentence (tried last when nothing better is known).
create function private.is_stop_word(word text) returns boolean
language sql immutable strict parallel safe
set search_path = ''
as $$
  select word = any ('{a,an,the,and,or,of,to,in,on,for,with,by,at,from,as,is,are,be,its,their,this,that,all,
                       le,la,les,l'',de,des,du,d'',et,ou,à,au,aux,en,pour,par,sur,dans,avec,un,une,est,sont,
                       qui,que,qu'',ce,cette,ces,se,s'',sa,son,ses,leur,leurs,y}'::text[])
$$;

-- Fuzzy matches of a normalised query among the segments the caller may read, in either
-- direction of the pair, with their exact CAT score (private.fuzzy_score):
--  1. Candidates. A segment scoring at least min_score misses at most
--     x = floor(n * (100 - min_score) / 100) of the query's n words (each missing word costs an
--     edit; the score is 100 - edits / longer length, in percent). So it contains at least one
--     of any x + 1 distinct query words: the word GIN indexes find the segments containing one
--     of the x + 1 least frequent words (frequencies from the planner's statistics of those
--     indexes; without statistics, stop words last and longer words first), and no match can
--     be missing from them.
--  2. Ranking. An upper bound of the score (100 * shared words / longer length, from the
--     tsvectors) orders the candidates; they are scored best bound first, and the search stops
--     once max_results matches score at least every remaining bound.
-- When min_score is so low that no word is certain to be shared (x + 1 > distinct words), the
-- candidates come from the trigram indexes instead (%), most similar first: best effort.
create function private.tm_fuzzy_matches(query_raw text, q text, lang_from text, lang_to text,
                                         min_score integer, max_results integer)
returns table (segment_id bigint, reversed boolean, score integer)
language plpgsql stable security definer
set search_path = ''
set enable_seqscan = off
as $$
declare
  orgs uuid[] := array(select private.my_org_ids());
  tokens text[] := string_to_array(q, ' ');
  n integer := cardinality(tokens);
  n_distinct integer := (select count(distinct t) from unnest(string_to_array(q, ' ')) t);
  max_missing integer := floor(n * (100 - min_score) / 100.0);
  chosen text[];
  candidate record;
  kept integer[] := '{}';
  candidate_score integer;
begin
  if max_missing + 1 <= n_distinct then
    with frequencies as (
      select u.word, sum(u.freq) as freq
        from pg_catalog.pg_stats ps
       cross join lateral unnest(ps.most_common_elems::text::text[], ps.most_common_elem_freqs) as u (word, freq)
       where ps.schemaname = 'public'
         and ps.tablename in ('tm_segments_source_words_idx', 'tm_segments_target_words_idx')
         and u.word = any (tokens)
       group by u.word
    )
    select array_agg(d.t order by coalesce(f.freq, 0), private.is_stop_word(d.t), length(d.t) desc, d.t)
      into chosen
      from (select distinct unnest(tokens) as t) d
      left join frequencies f on f.word = d.t;
    chosen := chosen[1:max_missing + 1];

    for candidate in
      with hits as (
        select s.id, false as reversed, s.source_normalized as norm, s.source_text as raw, s.source_words as words
          from public.tm_segments s
         where s.source_words @@ private.any_word_tsquery(chosen)
           and s.source_lang = lang_from and s.target_lang = lang_to
           and (s.organization_id is null or s.organization_id = any (orgs))
        union all
        select s.id, true, s.target_normalized, s.target_text, s.target_words
          from public.tm_segments s
         where s.target_words @@ private.any_word_tsquery(chosen)
           and s.source_lang = lang_to and s.target_lang = lang_from
           and (s.organization_id is null or s.organization_id = any (orgs))
      )
      select h.id, h.reversed, h.norm, h.raw,
             -- shared words <= distinct shared words + the query's repeated words; the
             -- candidate has at least length(words) words.
             floor(100.0 * least(n, length(h.words) - length(ts_delete(h.words, tokens)) + (n - n_distinct))
                   / greatest(n, length(h.words)))::integer as bound
        from hits h
       order by 5 desc, h.id
    loop
      exit when candidate.bound < min_score;
      exit when cardinality(kept) >= max_results and candidate.bound < kept[max_results];
      candidate_score := private.fuzzy_score(q, query_raw, candidate.norm, candidate.raw);
      if candidate_score >= min_score then
        segment_id := candidate.id;
        reversed := candidate.reversed;
        score := candidate_score;
        return next;
        kept := array(select k from unnest(kept || candidate_score) k order by k desc);
      end if;
    end loop;
    return;
  end if;

  perform set_config('pg_trgm.similarity_threshold', greatest(0.2, 0.85 * min_score / (200.0 - min_score))::text, true);
  return query
    select c.id, c.reversed, c.fuzzy
      from (
        select h.id, h.reversed, private.fuzzy_score(q, query_raw, h.norm, h.raw) as fuzzy
          from (
            select s.id, false as reversed, s.source_normalized as norm, s.source_text as raw,
                   extensions.similarity(s.source_normalized, q) as sim
              from public.tm_segments s
             where s.source_normalized operator(extensions.%) q
               and s.source_lang = lang_from and s.target_lang = lang_to
               and (s.organization_id is null or s.organization_id = any (orgs))
            union all
            select s.id, true, s.target_normalized, s.target_text, extensions.similarity(s.target_normalized, q)
              from public.tm_segments s
             where s.target_normalized operator(extensions.%) q
               and s.source_lang = lang_to and s.target_lang = lang_from
               and (s.organization_id is null or s.organization_id = any (orgs))
          ) h
         order by h.sim desc, h.id
         limit greatest(20, max_results * 2)
      ) c
     where c.fuzzy >= min_score;
end
$$;

create function private.tm_concordance_candidates(pattern text, lang text, max_candidates integer)
returns table (segment_id bigint)
language sql stable security definer
set search_path = ''
set enable_seqscan = off
as $$
  with orgs as (select array(select private.my_org_ids()) as ids)
  select s.id
    from public.tm_segments s, orgs
   where ((s.source_lang = lang and s.source_normalized like pattern)
          or (s.target_lang = lang and s.target_normalized like pattern))
     and (s.organization_id is null or s.organization_id = any (orgs.ids))
   order by (s.organization_id is null), s.usage_count desc,
            length(case when s.source_lang = lang then s.source_text else s.target_text end), s.id
   limit max_candidates
$$;

revoke all on function private.tm_fuzzy_matches(text, text, text, text, integer, integer),
  private.tm_concordance_candidates(text, text, integer), private.any_word_tsquery(text[]),
  private.is_stop_word(text) from public;
grant execute on function private.tm_fuzzy_matches(text, text, text, text, integer, integer),
  private.tm_concordance_candidates(text, text, integer), private.any_word_tsquery(text[]),
  private.is_stop_word(text) to authenticated, service_role;

-- tm_search --------------------------------------------------------------------------------------
-- Fuzzy translation-memory matches for a sentence, in either direction of the stored pairs,
-- scored the CAT-tool way (word edit distance in percent, private.fuzzy_score; retrieval in
-- private.tm_fuzzy_matches); matches reaching min_score come back best first, an
-- organization's own segments before shared ones at equal score.
create function public.tm_search(
  query text,
  source_lang text,
  target_lang text,
  min_score integer default 70,
  max_results integer default 10
)
returns table (
  segment_id bigint,
  source text,
  target text,
  score integer,
  provenance text,
  quality smallint,
  organization_id uuid,
  document_id uuid,
  usage_count integer,
  last_used_at timestamptz,
  shared boolean
)
language plpgsql stable
set search_path = ''
as $$
declare
  q text;
begin
  perform private.check_text('query', query, 10000);
  perform private.check_lang('source_lang', tm_search.source_lang);
  perform private.check_lang('target_lang', tm_search.target_lang);
  perform private.require(tm_search.source_lang <> tm_search.target_lang,
    format('source_lang and target_lang must differ (both %s)', tm_search.source_lang));
  perform private.check_range('min_score', min_score, 0, 100);
  perform private.check_range('max_results', max_results, 1, 100);
  q := private.normalize_text(query);
  if q = '' then
    return;
  end if;
  return query
    select s.id,
           case when m.reversed then s.target_text else s.source_text end,
           case when m.reversed then s.source_text else s.target_text end,
           m.score, s.provenance, s.quality, s.organization_id, s.document_id,
           s.usage_count, s.last_used_at, s.organization_id is null
      from private.tm_fuzzy_matches(query, q, tm_search.source_lang, tm_search.target_lang, min_score, max_results) m
      join public.tm_segments s on s.id = m.segment_id
     order by m.score desc, (s.organization_id is null), s.quality desc nulls last, s.usage_count desc,
              s.last_used_at desc nulls last, s.id
     limit max_results;
end
$$;
comment on function public.tm_search(text, text, text, integer, integer) is
  'Fuzzy TM matches (score in percent, 100 = same words) for query in source_lang, with their target_lang translation.';

-- concordance_search -----------------------------------------------------------------------------
-- Segments whose text in `lang` contains the term (normalised, substring; trigram GIN index).
create function public.concordance_search(term text, lang text, max_results integer default 20)
returns table (
  segment_id bigint,
  source text,
  target text,
  source_lang text,
  target_lang text,
  provenance text,
  quality smallint,
  organization_id uuid,
  usage_count integer,
  shared boolean
)
language plpgsql stable
set search_path = ''
as $$
declare
  t text;
  pattern text;
begin
  perform private.check_text('term', term, 500);
  perform private.check_lang('lang', lang);
  perform private.check_range('max_results', max_results, 1, 100);
  t := private.normalize_text(term);
  perform private.require(length(t) >= 2,
    format('term must contain at least 2 letters or digits (got %s)', left(quote_literal(term), 40)));
  pattern := '%' || replace(replace(replace(t, '\', '\\'), '%', '\%'), '_', '\_') || '%';
  return query
    select s.id,
           case when s.source_lang = lang then s.source_text else s.target_text end,
           case when s.source_lang = lang then s.target_text else s.source_text end,
           lang,
           case when s.source_lang = lang then s.target_lang else s.source_lang end,
           s.provenance, s.quality, s.organization_id, s.usage_count, s.organization_id is null
      from private.tm_concordance_candidates(pattern, lang, max_results) c
      join public.tm_segments s on s.id = c.segment_id
     order by (s.organization_id is null), s.usage_count desc,
              length(case when s.source_lang = lang then s.source_text else s.target_text end), s.id;
end
$$;
comment on function public.concordance_search(text, text, integer) is
  'TM segments containing a term in the given language, with their translation.';

-- glossary_lookup --------------------------------------------------------------------------------
-- The glossary entries (approved, forbidden and pending) whose term in `lang` occurs as whole
-- words in input_text, longest terms first; organization terms before shared ones.
create function public.glossary_lookup(input_text text, lang text)
returns table (
  term_id uuid,
  term text,
  translation text,
  status text,
  domain text,
  notes text,
  source text,
  organization_id uuid,
  shared boolean
)
language plpgsql stable
set search_path = ''
as $$
declare
  padded text;
begin
  perform private.check_text('input_text', input_text, 10000);
  perform private.check_lang('lang', lang);
  padded := ' ' || private.normalize_text(input_text) || ' ';
  return query
    select g.id,
           case when lang = 'en' then g.term_en else g.term_fr end,
           case when lang = 'en' then g.term_fr else g.term_en end,
           g.status, g.domain, g.notes, g.source, g.organization_id, g.organization_id is null
      from public.glossary_terms g
     where strpos(padded, ' ' || case when lang = 'en' then g.term_en_normalized else g.term_fr_normalized end || ' ') > 0
     order by length(case when lang = 'en' then g.term_en_normalized else g.term_fr_normalized end) desc,
              (g.organization_id is null), g.status, g.id;
end
$$;
comment on function public.glossary_lookup(text, text) is
  'Glossary terms (in lang) found in input_text, with their translation and status.';

-- Comments ---------------------------------------------------------------------------------------
create function public.add_comment(
  doc uuid,
  body text,
  lang text default null,
  section_id text default null,
  anchor_text text default null,
  anchor text default null,
  parent_id uuid default null
)
returns public.comments
language plpgsql
set search_path = ''
as $$
declare
  created public.comments;
begin
  perform private.check_not_null('doc', doc);
  perform private.check_text('body', add_comment.body, 10000);
  perform private.check_lang('lang', add_comment.lang, true);
  perform private.check_text('section_id', add_comment.section_id, 200, true);
  perform private.check_text('anchor_text', add_comment.anchor_text, 10000, true);
  perform private.check_text('anchor', add_comment.anchor, 10000, true);
  perform private.require_document_role(doc, '{editor,translator,reviewer,admin}', 'comment on this document');
  insert into public.comments (document_id, parent_id, lang, section_id, anchor_text, anchor, body)
  values (doc, add_comment.parent_id, add_comment.lang, add_comment.section_id, add_comment.anchor_text,
          add_comment.anchor, add_comment.body)
  returning * into created;
  return created;
end
$$;
comment on function public.add_comment(uuid, text, text, text, text, text, uuid) is
  'Adds a comment (or a reply, with parent_id) to a document; returns it.';

create function public.resolve_comment(comment_id uuid, resolved boolean default true)
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
  if caller_role is null or caller_role not in ('editor', 'translator', 'reviewer', 'admin') then
    raise exception using errcode = '42501',
      message = format('your role (%s) cannot resolve comments; this needs editor, translator, reviewer or admin', coalesce(caller_role, 'none'));
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
comment on function public.resolve_comment(uuid, boolean) is 'Resolves (or, with resolved => false, reopens) a comment thread.';

-- Versions ---------------------------------------------------------------------------------------
create function public.save_version(doc uuid, version_name text, version_note text default null)
returns table (
  id uuid,
  document_id uuid,
  version_number integer,
  name text,
  note text,
  seq bigint,
  created_by uuid,
  created_at timestamptz
)
language plpgsql
set search_path = ''
as $$
declare
  snapshot_state bytea;
  snapshot_seq bigint;
  tail bytea[];
  tail_seq bigint;
  meta jsonb;
  content jsonb;
  saved public.document_versions;
begin
  perform private.check_not_null('doc', doc);
  perform private.check_text('version_name', version_name, 200);
  perform private.check_text('version_note', version_note, 10000, true);
  perform private.require_document_role(doc, '{editor,translator,admin}', 'save a version');

  select s.state, s.last_seq into snapshot_state, snapshot_seq
    from public.doc_snapshots s where s.document_id = doc;
  select coalesce(array_agg(u.update order by u.seq), '{}'), max(u.seq) into tail, tail_seq
    from public.doc_updates u where u.document_id = doc and u.seq > coalesce(snapshot_seq, 0);
  select jsonb_build_object('title_en', jd.title_en, 'title_fr', jd.title_fr, 'classification', jd.classification,
                            'position_number', jd.position_number, 'noc_code', jd.noc_code,
                            'language_profile', jd.language_profile, 'status', jd.status)
    into meta from public.job_descriptions jd where jd.id = doc;
  select coalesce(jsonb_agg(jsonb_build_object('lang', ds.lang, 'section_id', ds.section_id, 'kind', ds.kind,
                                               'position', ds.position, 'heading', ds.heading, 'body', ds.body)
                            order by ds.lang, ds.position, ds.section_id), '[]'::jsonb)
    into content from public.document_sections ds where ds.document_id = doc;

  insert into public.document_versions (document_id, name, note, seq, state, updates, metadata, sections)
  values (doc, version_name, version_note, greatest(coalesce(tail_seq, 0), coalesce(snapshot_seq, 0)),
          snapshot_state, tail, meta, content)
  returning * into saved;
  return query select saved.id, saved.document_id, saved.version_number, saved.name, saved.note, saved.seq,
                      saved.created_by, saved.created_at;
end
$$;
comment on function public.save_version(uuid, text, text) is
  'Saves a named, immutable version of the document as it is now (Yjs state, identification, sections).';

-- Workflow ---------------------------------------------------------------------------------------
create function public.submit_for_review(doc uuid, note text default null)
returns public.approvals
language plpgsql
set search_path = ''
as $$
declare
  doc_status text;
  created public.approvals;
begin
  perform private.check_not_null('doc', doc);
  perform private.check_text('note', note, 10000, true);
  perform private.require_document_role(doc, '{editor,translator,admin}', 'submit this document for review');
  select jd.status into doc_status from public.job_descriptions jd where jd.id = doc;
  if doc_status <> 'draft' then
    raise exception using errcode = 'P0001',
      message = format('document %s is %s; only a draft can be submitted for review', doc, doc_status);
  end if;
  insert into public.approvals (document_id, request_note) values (doc, note)
  returning * into created;
  return created;
end
$$;
comment on function public.submit_for_review(uuid, text) is
  'Opens a review round for a draft document (status becomes in_review); returns the approval row.';

create function public.decide_approval(doc uuid, decision text, comment text default null)
returns public.approvals
language plpgsql
set search_path = ''
as $$
declare
  pending_id uuid;
  decided public.approvals;
begin
  perform private.check_not_null('doc', doc);
  if decision is null or decision not in ('approved', 'changes_requested', 'rejected') then
    raise exception using errcode = '22023',
      message = format('decision must be approved, changes_requested or rejected (got %s)',
                       coalesce(left(quote_literal(decision), 40), 'null'));
  end if;
  perform private.check_text('comment', comment, 10000, true);
  if decision <> 'approved' and nullif(btrim(comment), '') is null then
    raise exception using errcode = '22023',
      message = format('comment is required when decision is %s', decision),
      hint = 'Say what has to change.';
  end if;
  perform private.require_document_role(doc, '{reviewer,admin}', 'decide approvals');
  select a.id into pending_id from public.approvals a where a.document_id = doc and a.decision = 'pending';
  if pending_id is null then
    raise exception using errcode = 'P0001',
      message = format('document %s has no review round waiting for a decision', doc),
      hint = 'The document must be submitted with submit_for_review() first.';
  end if;
  update public.approvals a
     set decision = decide_approval.decision, comment = decide_approval.comment
   where a.id = pending_id
  returning * into decided;
  return decided;
end
$$;
comment on function public.decide_approval(uuid, text, text) is
  'Decides the open review round of a document: approved (status approved), changes_requested or rejected (status draft).';

-- TM writes --------------------------------------------------------------------------------------
-- Adds a sentence pair to the caller's organization memory, or counts one more use of the
-- identical pair. The organization is the document's when doc is given, else `organization`,
-- else the one organization where the caller writes.
create function public.tm_add_segment(
  source_text text,
  target_text text,
  source_lang text,
  target_lang text,
  organization uuid default null,
  doc uuid default null,
  provenance text default 'user',
  quality integer default null
)
returns table (segment_id bigint, organization_id uuid, usage_count integer, created boolean)
language plpgsql
set search_path = ''
as $$
#variable_conflict use_column
declare
  org uuid := organization;
  writable uuid[];
  result_id bigint;
  result_usage integer;
  inserted boolean;
begin
  perform private.check_text('source_text', tm_add_segment.source_text, 10000);
  perform private.check_text('target_text', tm_add_segment.target_text, 10000);
  perform private.check_lang('source_lang', tm_add_segment.source_lang);
  perform private.check_lang('target_lang', tm_add_segment.target_lang);
  perform private.require(tm_add_segment.source_lang <> tm_add_segment.target_lang,
    format('source_lang and target_lang must differ (both %s)', tm_add_segment.source_lang));
  if provenance is null or provenance not in ('document', 'alignment', 'import', 'user') then
    raise exception using errcode = '22023',
      message = format('provenance must be document, alignment, import or user (got %s)',
                       coalesce(left(quote_literal(provenance), 40), 'null'));
  end if;
  if quality is not null then
    perform private.check_range('quality', quality, 0, 100);
  end if;
  if doc is not null then
    perform private.require_document_role(doc, '{editor,translator,admin}', 'add to the translation memory');
    org := (select jd.organization_id from public.job_descriptions jd where jd.id = doc);
    if organization is not null and organization <> org then
      raise exception using errcode = '22023',
        message = format('organization %s is not the organization of document %s', organization, doc);
    end if;
  elsif org is null then
    writable := array(select private.my_org_ids('{editor,translator,admin}'));
    if cardinality(writable) <> 1 then
      raise exception using errcode = '22023',
        message = format('organization is required (you can write to the memory of %s organizations)', cardinality(writable));
    end if;
    org := writable[1];
  end if;
  if not private.has_org_role(org, '{editor,translator,admin}') then
    raise exception using errcode = '42501',
      message = format('you cannot write to the translation memory of organization %s', org);
  end if;
  insert into public.tm_segments as s (organization_id, source_lang, target_lang, source_text, target_text,
                                       provenance, document_id, quality)
  values (org, tm_add_segment.source_lang, tm_add_segment.target_lang, tm_add_segment.source_text,
          tm_add_segment.target_text, tm_add_segment.provenance, doc, tm_add_segment.quality::smallint)
  on conflict (coalesce(organization_id, '00000000-0000-0000-0000-000000000000'::uuid), source_lang, target_lang,
               md5(source_text), md5(target_text))
  do update set usage_count = s.usage_count + 1, last_used_at = now()
  returning s.id, s.usage_count, (s.xmax = 0) into result_id, result_usage, inserted;
  return query select result_id, org, result_usage, inserted;
end
$$;
comment on function public.tm_add_segment(text, text, text, text, uuid, uuid, text, integer) is
  'Adds a sentence pair to the organization''s translation memory (or counts a use of the same pair).';

-- Who may call what -----------------------------------------------------------------------------
-- Signed-in users only; anon may ask can_open_document and list_documents (answer: nothing).
revoke all on function public.can_open_document(uuid), public.list_documents(text, text, uuid, integer, integer),
  public.tm_search(text, text, text, integer, integer), public.concordance_search(text, text, integer),
  public.glossary_lookup(text, text), public.add_comment(uuid, text, text, text, text, text, uuid),
  public.resolve_comment(uuid, boolean), public.save_version(uuid, text, text),
  public.submit_for_review(uuid, text), public.decide_approval(uuid, text, text),
  public.tm_add_segment(text, text, text, text, uuid, uuid, text, integer)
  from public, anon;
grant execute on function public.can_open_document(uuid), public.list_documents(text, text, uuid, integer, integer)
  to anon;
grant execute on function public.can_open_document(uuid), public.list_documents(text, text, uuid, integer, integer),
  public.tm_search(text, text, text, integer, integer), public.concordance_search(text, text, integer),
  public.glossary_lookup(text, text), public.add_comment(uuid, text, text, text, text, text, uuid),
  public.resolve_comment(uuid, boolean), public.save_version(uuid, text, text),
  public.submit_for_review(uuid, text), public.decide_approval(uuid, text, text),
  public.tm_add_segment(text, text, text, text, uuid, uuid, text, integer)
  to authenticated, service_role;

-- Functions are executable by PUBLIC by default. In schema private nothing is, beyond the grants
-- above and in earlier migrations (trigger functions need none: triggers fire without them).
revoke execute on all functions in schema private from public;
