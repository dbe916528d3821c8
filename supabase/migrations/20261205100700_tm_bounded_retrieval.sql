-- Translation memory: bounded retrieval (issue #20, finding 4, second pass).
--
-- PGlite runs on the gateway's thread and does not interrupt a statement (statement_timeout has
-- no effect in PGlite 0.5.14), so a search that reads every row of a memory its organization's
-- editors filled with hostile segments stalls every request. 20261205100400 bounded the texts,
-- the edit distances computed and the trigram rechecks; what stayed linear in the size of such a
-- memory was reading the candidates (about 0.2 ms per 200-word segment for the trigram path,
-- 30 µs for the word path, more on a loaded machine), in tm_search, concordance_search and
-- glossary_lookup. Now tm_search and concordance_search read at most a fixed number of rows
-- (glossary_lookup is bounded by 20261205100600, which matches terms by their stored keys):
--  * tm_search has no trigram path any more. A segment that shares no word with the query has a
--    word edit distance equal to the longer length, so it scores 0: every segment scoring at
--    least 1 contains one of the query's words, and the word indexes find every match for any
--    min_score. A match misses at most x distinct words, so it contains at least j of the x + j
--    rarest (before: one of the x + 1 rarest), with j as large as keeps the index query within
--    15 conjunctions (more made GIN's checks cost more than the rows they saved in bench:tm);
--    all the query's words when it has fewer than x + 1 distinct words (before: trigrams, best
--    effort). At min_score 0 the segments sharing no word (score 0) are not returned.
--  * The word-index retrieval reads candidates until their words add up to
--    tm_limit('candidate words') before ranking them: work grows with words read, so a memory
--    of 200-word segments is cut after 5 000 of them. bench:tm's queries (100 000 dense
--    segments) read all their candidates: the same matches with and without the limits.
--  * concordance_search reads at most tm_limit('concordance candidates') matching rows before
--    ordering them.
-- Beyond these numbers results are best effort (some rows are never read); bench:tm's dense
-- memory of 100 000 segments stays below them (it checks the same matches without the limits).

create or replace function private.tm_limit(what text) returns integer
language sql immutable parallel safe strict
set search_path = ''
as $$
  select case what when 'characters' then 2000 when 'words' then 200
                   when 'scored' then 1000 when 'candidate words' then 1000000
                   when 'concordance candidates' then 1000 end
$$;
comment on function private.tm_limit(text) is
  'Translation memory and glossary limits: characters and words of a segment or query; per search, the edit '
  'distances computed (scored), the words of the candidates read from the word indexes (candidate words), the rows read by concordance_search '
  '(concordance candidates). Beyond the per-search limits, results '
  'are best effort.';

-- A tsquery matching the texts that contain at least `at_least` of the words: the OR of every
-- at_least-subset of them, each an AND (exact lexemes, as any_word_tsquery). GIN answers it from
-- the words' posting lists alone, so a text containing fewer of them is never read.
create function private.words_at_least_tsquery(words text[], at_least integer) returns tsquery
language sql immutable strict parallel safe
set search_path = ''
as $$
  with recursive subsets (last, members) as (
    select i, array[i] from generate_series(1, cardinality(words)) i
    union all
    select i, s.members || i
      from subsets s
     cross join generate_series(s.last + 1, cardinality(words)) i
     where cardinality(s.members) < at_least
  )
  select string_agg('(' || (select string_agg('''' || replace(replace(words[m], '\', '\\'), '''', '''''') || '''', ' & ')
                              from unnest(s.members) m) || ')', ' | ')::tsquery
    from subsets s
   where cardinality(s.members) = at_least
$$;
revoke all on function private.words_at_least_tsquery(text[], integer) from public;
grant execute on function private.words_at_least_tsquery(text[], integer) to authenticated, service_role;

-- The largest j (at most 4) for which "at least j of the x + j rarest words" is a query of at most
-- 15 conjunctions (binomial(x + j, j)) and x + j stays within the query's distinct words; at least 1.
create function private.tm_shared_words_required(max_missing integer, n_distinct integer) returns integer
language sql immutable strict parallel safe
set search_path = ''
as $$
  select coalesce(max(j), 1)
    from generate_series(1, 4) j
   where max_missing + j <= n_distinct
     and (select exp(sum(ln((max_missing + k)::numeric / k))) from generate_series(1, j) k) <= 15.5
$$;
revoke all on function private.tm_shared_words_required(integer, integer) from public;
grant execute on function private.tm_shared_words_required(integer, integer) to authenticated, service_role;

-- tm_search's retrieval --------------------------------------------------------------------------
-- Fuzzy matches of a normalised query among the segments the caller may read, in either direction
-- of the pair, with their exact CAT score:
--  1. Candidates. A segment scoring at least min_score misses at most
--     x = floor(n * (100 - min_score) / 100) of the query's n words, so it contains at least j of
--     any x + j distinct query words; and any segment scoring above 0 shares a word with the
--     query. The word GIN indexes find the segments containing j of the x + j least frequent
--     words (planner statistics; without them stop words last, longer words first; j from
--     tm_shared_words_required), or one of all the query's words when it has fewer than x + 1
--     distinct words. Candidates are read (in the indexes' order) until their words add up to
--     tm_limit('candidate words'): past that, best effort.
--  2. Ranking. An upper bound of the score (shared words / longer length, from the tsvectors)
--     orders the candidates; they are scored best bound first, at most tm_limit('scored') of
--     them, and the search stops once max_results matches score at least every remaining bound.
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
  words tsquery;
  required integer;
  candidate record;
  kept integer[] := '{}';
  candidate_score integer;
  codes jsonb := private.word_codes(tokens);
  query_characters text := private.words_as_characters(tokens, codes);
  scored integer := 0;
  max_scored integer := private.tm_limit('scored');
  max_words_read integer := private.tm_limit('candidate words');
  words_read integer := 0;
  hit record;
  hit_ids bigint[] := '{}';
  hit_reversed boolean[] := '{}';
  hit_bounds integer[] := '{}';
  candidate_norm text;
  candidate_raw text;
begin
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
  if max_missing + 1 > n_distinct then
    words := private.any_word_tsquery(chosen);
  else
    required := private.tm_shared_words_required(max_missing, n_distinct);
    words := private.words_at_least_tsquery(chosen[1:max_missing + required], required);
  end if;

  for hit in
    select h.id, h.reversed, length(h.words) as size,
           -- shared words <= distinct shared words + the query's repeated words; the candidate
           -- has at least length(words) words.
           floor(100.0 * least(n, length(h.words) - length(ts_delete(h.words, tokens)) + (n - n_distinct))
                 / greatest(n, length(h.words)))::integer as bound
      from (select s.id, false as reversed, s.source_words as words
              from public.tm_segments s
             where s.source_words @@ words
               and s.source_lang = lang_from and s.target_lang = lang_to
               and (s.organization_id is null or s.organization_id = any (orgs))
            union all
            select s.id, true, s.target_words
              from public.tm_segments s
             where s.target_words @@ words
               and s.source_lang = lang_to and s.target_lang = lang_from
               and (s.organization_id is null or s.organization_id = any (orgs))) h
  loop
    exit when words_read >= max_words_read;
    words_read := words_read + hit.size;
    hit_ids := hit_ids || hit.id;
    hit_reversed := hit_reversed || hit.reversed;
    hit_bounds := hit_bounds || hit.bound;
  end loop;

  for candidate in
    select c.id, c.reversed, c.bound from unnest(hit_ids, hit_reversed, hit_bounds) as c (id, reversed, bound)
     order by c.bound desc, c.id
  loop
    exit when candidate.bound < min_score;
    exit when cardinality(kept) >= max_results and candidate.bound < kept[max_results];
    scored := scored + 1;
    exit when scored > max_scored;
    select case when candidate.reversed then s.target_normalized else s.source_normalized end,
           case when candidate.reversed then s.target_text else s.source_text end
      into candidate_norm, candidate_raw
      from public.tm_segments s where s.id = candidate.id;
    candidate_score := private.fuzzy_score_encoded(query_characters, codes, query_raw, candidate_norm, candidate_raw, min_score);
    if candidate_score is not null then
      segment_id := candidate.id;
      reversed := candidate.reversed;
      score := candidate_score;
      return next;
      kept := array(select k from unnest(kept || candidate_score) k order by k desc);
    end if;
  end loop;
end
$$;

-- concordance_search's retrieval ---------------------------------------------------------------
-- At most tm_limit('concordance candidates') matching rows are read (in the trigram index's order)
-- and ordered; past that, best effort.
create or replace function private.tm_concordance_candidates(pattern text, lang text, max_candidates integer)
returns table (segment_id bigint)
language sql stable security definer
set search_path = ''
set enable_seqscan = off
as $$
  with orgs as (select array(select private.my_org_ids()) as ids)
  select c.id
    from (select s.id, s.organization_id, s.usage_count,
                 length(case when s.source_lang = lang then s.source_text else s.target_text end) as text_length
            from public.tm_segments s, orgs
           where ((s.source_lang = lang and s.source_normalized like pattern)
                  or (s.target_lang = lang and s.target_normalized like pattern))
             and (s.organization_id is null or s.organization_id = any (orgs.ids))
           limit private.tm_limit('concordance candidates')) c
   order by (c.organization_id is null), c.usage_count desc, c.text_length, c.id
   limit max_candidates
$$;
