-- Translation memory: bounded work per request (issue #20, finding 4).
--
-- PGlite runs in the gateway's own thread and serves one statement at a time, so one slow RPC
-- stalls every other request. tm_search scored candidates with an O(n·m) PL/pgSQL word edit
-- distance over texts of up to 10 000 characters (5 000 one-letter words: ~10 s per pair).
-- Now:
--  * Segments and queries are sentences: at most 2 000 characters and 200 words (normalised
--    words, as scored), on the query argument, in tm_add_segment and in a CHECK on every
--    stored segment, so imported rows cannot be hostile either. The seed's longest segment has
--    340 characters and 51 words, the seeded job descriptions' longest sentence 340 characters
--    and 49 words: the limits leave four times that.
--  * The word edit distance maps each distinct word to one character and runs fuzzystrmatch's
--    Levenshtein in C (its 255-character limit is why the word limit is below 255).
--  * Candidates are scored with the largest distance min_score allows (k): fuzzystrmatch's
--    levenshtein_less_equal computes only a band around the diagonal and gives up once the
--    band exceeds k, and pairs whose word counts differ by more than k are not computed at all.
--    The score is unchanged: 100 - ceil(100 · distance / longer length), 99 when only case,
--    punctuation or spacing differ.

create extension if not exists fuzzystrmatch with schema extensions;

-- Limits -----------------------------------------------------------------------------------------

-- The translation memory's limits, by name:
--  * characters, words: the longest text (in characters; in normalised words) a segment or a query
--    may have;
--  * scored: how many edit distances one fuzzy search computes at most, however large a memory
--    grows (its segments are written by the organization's editors). bench:tm (100 000 dense
--    segments) gets the same matches with and without this bound; a memory built to defeat the
--    upper bound that orders candidates gets the best matches among the first candidates;
--  * trigram candidates: how many trigram matches the low-min_score path (best effort already)
--    compares, whole text against whole text, at most.
-- Not bounded: retrieving the candidates and ranking them by their upper bound stays linear in
-- the number of segments that contain one of the query's rarest words (about 30 µs each for
-- segments at the limits; capping that set at an arbitrary subset lost matches in bench:tm), and
-- the trigram index's recheck in the number of segments sharing the query's trigrams (about
-- 0.2 ms each for segments at the limits, e.g. one word repeated 200 times at min_score 0).
create function private.tm_limit(what text) returns integer
language sql immutable parallel safe strict
set search_path = ''
as $$
  select case what when 'characters' then 2000 when 'words' then 200
                   when 'scored' then 1000 when 'trigram candidates' then 500 end
$$;

-- The number of words fuzzy scoring compares (normalize_text's words).
create function private.word_count(t text) returns integer
language sql immutable parallel safe strict
set search_path = ''
as $$
  select coalesce(array_length(string_to_array(private.normalize_text(t), ' '), 1), 0)
$$;

-- A segment text or query argument: not null, not empty, within both limits (22023 naming it).
create function private.check_segment_text(arg_name text, value text) returns void
language plpgsql immutable
set search_path = ''
as $$
declare
  words integer;
begin
  perform private.check_text(arg_name, value, private.tm_limit('characters'));
  words := private.word_count(value);
  if words > private.tm_limit('words') then
    raise exception using errcode = '22023',
      message = format('%s must be at most %s words (got %s)', arg_name, private.tm_limit('words'), words),
      hint = 'Translation memory works sentence by sentence: split the text into sentences.';
  end if;
end
$$;

revoke all on function private.tm_limit(text), private.word_count(text), private.check_segment_text(text, text) from public;
grant execute on function private.tm_limit(text), private.word_count(text), private.check_segment_text(text, text)
  to authenticated, service_role;

alter table public.tm_segments
  add constraint tm_segments_source_text_max_length check (length(source_text) <= private.tm_limit('characters')),
  add constraint tm_segments_target_text_max_length check (length(target_text) <= private.tm_limit('characters')),
  add constraint tm_segments_source_text_max_words check (private.word_count(source_text) <= private.tm_limit('words')),
  add constraint tm_segments_target_text_max_words check (private.word_count(target_text) <= private.tm_limit('words'));

-- Word edit distance -----------------------------------------------------------------------------
-- Levenshtein over words as Levenshtein over characters: each distinct word of the query becomes
-- one character (CJK ideographs from U+4E01, valid UTF-8), and every other word U+4E00. A word
-- that is not in the query equals no query word, so sharing one character changes no distance
-- to the query; and the query's codes are made once per search, not once per candidate.

create function private.word_codes(words text[]) returns jsonb
language sql immutable parallel safe strict
set search_path = ''
as $$
  select coalesce(jsonb_object_agg(d.word, chr(19968 + d.rank::integer)), '{}')
    from (select u.word, row_number() over (order by u.word collate "C") as rank
            from (select distinct w as word from unnest(words) w) u) d
$$;

create function private.words_as_characters(words text[], codes jsonb) returns text
language sql immutable parallel safe strict
set search_path = ''
as $$
  select coalesce(string_agg(coalesce(codes ->> u.word, chr(19968)), '' order by u.o), '')
    from unnest(words) with ordinality as u (word, o)
$$;

-- Word-level Levenshtein distance (insertions, deletions, substitutions of whole words), at most
-- 255 words a side (fuzzystrmatch's limit; the TM limit is 200).
create or replace function private.word_edit_distance(a text[], b text[]) returns integer
language sql immutable parallel safe strict
set search_path = ''
as $$
  select extensions.levenshtein(private.words_as_characters(a, c.codes), private.words_as_characters(b, c.codes))
    from (select private.word_codes(a) as codes) c
$$;

-- Fuzzy score ------------------------------------------------------------------------------------

-- The CAT score (see fuzzy_score below) of a candidate for a query given as its word characters
-- and codes, when it reaches min_score; else null. Such a candidate costs at most a band of the
-- distance matrix (levenshtein_less_equal gives up once the band's minimum exceeds the largest
-- distance min_score allows), or nothing when the word counts alone differ by more than that.
create function private.fuzzy_score_encoded(query_characters text, query_codes jsonb, query_raw text,
                                            candidate_normalized text, candidate_raw text, min_score integer)
returns integer
language plpgsql immutable parallel safe
set search_path = ''
as $$
declare
  b text[] := string_to_array(candidate_normalized, ' ');
  n integer := length(query_characters);
  m integer := coalesce(array_length(b, 1), 0);
  longest integer := greatest(n, m);
  -- score >= min_score  <=>  ceil(100 d / longest) <= 100 - min_score  <=>  d <= max_distance
  max_distance integer := floor(longest * (100 - greatest(min_score, 0)) / 100.0);
  distance integer;
  score integer;
begin
  if longest = 0 then
    score := 0;
  elsif abs(n - m) > max_distance then
    return null;
  else
    distance := extensions.levenshtein_less_equal(query_characters, private.words_as_characters(b, query_codes), max_distance);
    if distance > max_distance then
      return null;
    end if;
    score := greatest(0, 100 - ceil(100.0 * distance / longest)::integer);
    if score = 100 and regexp_replace(btrim(query_raw), '\s+', ' ', 'g') <> regexp_replace(btrim(candidate_raw), '\s+', ' ', 'g') then
      score := 99;
    end if;
  end if;
  return case when score >= min_score then score end;
end
$$;

-- fuzzy_score(..., min_score): the score when it reaches min_score, else null (cheaply).
create function private.fuzzy_score(query_normalized text, query_raw text, candidate_normalized text, candidate_raw text,
                                    min_score integer)
returns integer
language sql immutable parallel safe
set search_path = ''
as $$
  select private.fuzzy_score_encoded(private.words_as_characters(q.words, q.codes), q.codes, query_raw,
                                     candidate_normalized, candidate_raw, min_score)
    from (select w.words, private.word_codes(w.words) as codes
            from (select string_to_array(query_normalized, ' ') as words) w) q
$$;

-- CAT-tool fuzzy match score in percent: 100 - word edit distance / longer length, computed on
-- the normalised texts; 100 only for the same words, and one point off when the raw texts still
-- differ (case, punctuation, spacing), so an exact match always ranks above a near-exact one.
create or replace function private.fuzzy_score(query_normalized text, query_raw text, candidate_normalized text, candidate_raw text)
returns integer
language sql immutable parallel safe
set search_path = ''
as $$
  select private.fuzzy_score(query_normalized, query_raw, candidate_normalized, candidate_raw, 0)
$$;

revoke all on function private.word_codes(text[]), private.words_as_characters(text[], jsonb),
  private.fuzzy_score_encoded(text, jsonb, text, text, text, integer), private.fuzzy_score(text, text, text, text, integer)
  from public;
grant execute on function private.word_codes(text[]), private.words_as_characters(text[], jsonb),
  private.fuzzy_score_encoded(text, jsonb, text, text, text, integer), private.fuzzy_score(text, text, text, text, integer)
  to authenticated, service_role;

-- The RPCs ---------------------------------------------------------------------------------------
-- Unchanged but for: tm_fuzzy_matches scores with min_score, from the query's codes made once,
-- and computes at most tm_limit('scored') edit distances and compares at most
-- tm_limit('trigram candidates') trigram matches; tm_search checks its query and
-- tm_add_segment its texts against the segment limits.

create or replace function private.tm_fuzzy_matches(query_raw text, q text, lang_from text, lang_to text,
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
  codes jsonb := private.word_codes(tokens);
  query_characters text := private.words_as_characters(tokens, codes);
  scored integer := 0;
  max_scored integer := private.tm_limit('scored');
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
      scored := scored + 1;
      exit when scored > max_scored;
      candidate_score := private.fuzzy_score_encoded(query_characters, codes, query_raw, candidate.norm, candidate.raw, min_score);
      if candidate_score is not null then
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
        select h.id, h.reversed, private.fuzzy_score_encoded(query_characters, codes, query_raw, h.norm, h.raw, min_score) as fuzzy
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
            limit private.tm_limit('trigram candidates')
          ) h
         order by h.sim desc, h.id
         limit greatest(20, max_results * 2)
      ) c
     where c.fuzzy >= min_score;
end
$$;

create or replace function public.tm_search(
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
  perform private.check_segment_text('query', query);
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

create or replace function public.tm_add_segment(
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
  perform private.check_segment_text('source_text', tm_add_segment.source_text);
  perform private.check_segment_text('target_text', tm_add_segment.target_text);
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
