-- Translation memory: faster tm_search and concordance_search on large memories (issue 13,
-- acceptance criterion 2: bench:tm at 100 000 segments, fuzzy p95 <= 150 ms, concordance p95
-- <= 20 ms, recall of matches >= 75 % stays 100 %).
--
-- tm_search (private.tm_fuzzy_matches), three changes, same matches:
--  * The rarest query words are chosen from the real word frequencies. The statistics of a
--    tsvector column are the table's (pg_stats: tablename 'tm_segments', attname 'source_words' /
--    'target_words'); 20261205100400 and 20261205100700 read them under the GIN indexes' names,
--    where there are none, so every word counted as rare and the choice fell back to "stop words
--    last, longer words first": on bench:tm's memory that picked words in 5 to 9 % of the
--    segments and read 5 000 to 17 000 candidates a query. Which words are chosen never changes
--    which segments can match (any x + j distinct query words do); only how many are read.
--  * A match contains at least j of the x + j rarest query words (x: the words it may miss);
--    j was the largest keeping that index query within 15 conjunctions (binomial(x + j, j)), now
--    within 30: at min_score 70 a 20-word query (x = 6) needs 2 of its 8 rarest words rather than
--    1 of 7, and on bench:tm's memory reads 2 to 4 times fewer candidates for GIN checks that
--    cost less than the rows they save (with the real frequencies).
--  * Hits whose upper bound is below min_score are not kept for ranking (it stopped at the first
--    of them anyway).
--
-- concordance_search (private.tm_concordance_candidates): the answer is the first max_results
-- matching segments in (organization before shared, most used, shortest, id) order, but the
-- trigram index reads matches in no useful order, so a frequent term (more than
-- tm_limit('concordance candidates') matches) got an arbitrary 1 000 of them sorted: bench:tm
-- measured 78 % of the true first 20 at 100 000 segments. Each memory the caller reads (each
-- organization, then the shared one) can now also be read in that order, from a new b-tree index
-- per language. Three steps:
--  1. each memory's first tm_limit('concordance first rows') (100) rows in answer order: a very
--     frequent term ("in the") has its first matches there;
--  2. otherwise the trigram index's matches, at most tm_limit('concordance candidates') (1 000, as
--     before): fewer than that is every match, so the answer is exact (rare terms stop here);
--  3. otherwise (a term with 1 000 matches or more) each memory's first
--     tm_limit('concordance ordered rows') (2 000) rows in answer order: exact when they hold the
--     first matches (a term in at least 1 % of a memory's rows), else, with the trigram index's
--     matches, best effort.
-- Reads stay bounded: (memories read) x (100 + 2 000) rows in order + 1 000 trigram rows.

create or replace function private.tm_limit(what text) returns integer
language sql immutable parallel safe strict
set search_path = ''
as $$
  select case what when 'characters' then 2000 when 'words' then 200
                   when 'scored' then 1000 when 'candidate words' then 1000000
                   when 'concordance candidates' then 1000 when 'concordance first rows' then 100
                   when 'concordance ordered rows' then 2000 end
$$;
comment on function private.tm_limit(text) is
  'Translation memory and glossary limits: characters and words of a segment or query; per search, the edit '
  'distances computed (scored), the words of the candidates read from the word indexes (candidate words), the rows read by concordance_search '
  'from the trigram index (concordance candidates) and, per memory read, in answer order (concordance first rows, then concordance ordered '
  'rows for terms with more matches than concordance candidates). Beyond the per-search limits, results are best effort.';

-- The largest j (at most 4) for which "at least j of the x + j rarest words" is a query of at most
-- 30 conjunctions (binomial(x + j, j)) and x + j stays within the query's distinct words; at least 1.
create or replace function private.tm_shared_words_required(max_missing integer, n_distinct integer) returns integer
language sql immutable strict parallel safe
set search_path = ''
as $$
  select coalesce(max(j), 1)
    from generate_series(1, 4) j
   where max_missing + j <= n_distinct
     and (select exp(sum(ln((max_missing + k)::numeric / k))) from generate_series(1, j) k) <= 30.5
$$;

-- The distinct words, rarest first: by their frequency in the memory (the planner's statistics of
-- tm_segments.source_words and target_words: a word missing from them is rarer than any listed),
-- then stop words last, longer words first.
create function private.tm_words_by_rarity(words text[]) returns text[]
language sql stable strict
set search_path = ''
as $$
  with frequencies as (
    select u.word, sum(u.freq) as freq
      from pg_catalog.pg_stats ps
     cross join lateral unnest(ps.most_common_elems::text::text[], ps.most_common_elem_freqs) as u (word, freq)
     where ps.schemaname = 'public'
       and ps.tablename = 'tm_segments'
       and ps.attname in ('source_words', 'target_words')
       and u.word = any (words)
     group by u.word
  )
  select array_agg(d.t order by coalesce(f.freq, 0), private.is_stop_word(d.t), length(d.t) desc, d.t)
    from (select distinct unnest(words) as t) d
    left join frequencies f on f.word = d.t
$$;
revoke all on function private.tm_words_by_rarity(text[]) from public;
grant execute on function private.tm_words_by_rarity(text[]) to service_role;

-- tm_search's retrieval --------------------------------------------------------------------------
-- As in 20261205100700 but for the word frequencies (pg_stats of tm_segments.source_words and
-- target_words, through tm_words_by_rarity) and hits below min_score left out of the ranking.
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
  chosen := private.tm_words_by_rarity(tokens);
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
    if hit.bound >= min_score then
      -- A hit below min_score is never scored (the ranking below stops at the first one).
      hit_ids := hit_ids || hit.id;
      hit_reversed := hit_reversed || hit.reversed;
      hit_bounds := hit_bounds || hit.bound;
    end if;
  end loop;

  for candidate in
    select c.id, c.reversed, c.bound from unnest(hit_ids, hit_reversed, hit_bounds) as c (id, reversed, bound)
     order by c.bound desc, c.id
  loop
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

-- Each memory's segments in concordance_search's order for a language: by organization (null =
-- the shared memory), most used first, then the text in that language shortest first, then id.
create index tm_segments_concordance_en_idx on public.tm_segments
  (organization_id, usage_count desc, (length(case when source_lang = 'en' then source_text else target_text end)), id);
create index tm_segments_concordance_fr_idx on public.tm_segments
  (organization_id, usage_count desc, (length(case when source_lang = 'fr' then source_text else target_text end)), id);

-- The first max_results segments of one memory (organization, or null for the shared one) whose
-- normalised text in `lang` is LIKE pattern, among its first max_rows segments in answer order;
-- `complete` is true on every row when these are that memory's first matches (max_results found,
-- or the memory has no more rows). One row with a null id when none matched.
create function private.tm_concordance_ordered(pattern text, lang text, organization uuid, max_results integer, max_rows integer)
returns table (segment_id bigint, complete boolean)
language plpgsql stable security definer
set search_path = ''
as $$
declare
  ids bigint[] := '{}';
  examined integer := 0;
  segment record;
begin
  -- Only a memory the caller reads (the callers pass their own; this is the check, not RLS).
  if organization is not null and not organization = any (array(select private.my_org_ids())) then
    raise exception using errcode = '42501', message = 'not a member of that organization';
  end if;
  -- Built per call so the planner sees the memory (= organization, or is null) and the language's
  -- index expression, and reads the index in order.
  for segment in execute format(
    'select s.id, case when s.source_lang = %1$L then s.source_normalized else s.target_normalized end as norm
       from public.tm_segments s
      where s.organization_id %2$s
      order by s.organization_id, s.usage_count desc, length(case when s.source_lang = %1$L then s.source_text else s.target_text end), s.id
      limit $2', lang, case when organization is null then 'is null' else '= $1' end)
    using organization, max_rows
  loop
    examined := examined + 1;
    if segment.norm like pattern then
      ids := ids || segment.id;
      exit when cardinality(ids) >= max_results;
    end if;
  end loop;
  complete := cardinality(ids) >= max_results or examined < max_rows;
  if cardinality(ids) = 0 then
    segment_id := null;
    return next;
    return;
  end if;
  return query select u.id, complete from unnest(ids) as u (id);
end
$$;

-- Called by tm_concordance_candidates (security definer) only.
revoke all on function private.tm_concordance_ordered(text, text, uuid, integer, integer) from public;

-- The first matches of every memory the caller reads (orgs, then the shared one unless the
-- organizations' complete matches already fill max_results), among each one's first max_rows rows
-- in answer order; complete when they are exactly the first matches of each memory read.
create function private.tm_concordance_in_order(pattern text, lang text, orgs uuid[], max_results integer, max_rows integer,
                                                out ids bigint[], out complete boolean)
language plpgsql stable security definer
set search_path = ''
as $$
declare
  part record;
begin
  ids := '{}';
  complete := true;
  for part in
    select r.segment_id, r.complete
      from unnest(orgs) as o (org)
     cross join lateral private.tm_concordance_ordered(pattern, lang, o.org, max_results, max_rows) r
  loop
    complete := complete and part.complete;
    if part.segment_id is not null then
      ids := ids || part.segment_id;
    end if;
  end loop;
  if complete and cardinality(ids) >= max_results then
    return;
  end if;
  for part in select r.segment_id, r.complete from private.tm_concordance_ordered(pattern, lang, null, max_results, max_rows) r loop
    complete := complete and part.complete;
    if part.segment_id is not null then
      ids := ids || part.segment_id;
    end if;
  end loop;
end
$$;
revoke all on function private.tm_concordance_in_order(text, text, uuid[], integer, integer) from public;

create or replace function private.tm_concordance_candidates(pattern text, lang text, max_candidates integer)
returns table (segment_id bigint)
language plpgsql stable security definer
set search_path = ''
set enable_seqscan = off
as $$
declare
  orgs uuid[] := array(select private.my_org_ids() order by 1);
  max_trigram_rows integer := private.tm_limit('concordance candidates');
  ordered record;
  found bigint[];
begin
  -- 1. A very frequent term: the first rows of each memory hold its first matches.
  ordered := private.tm_concordance_in_order(pattern, lang, orgs, max_candidates, private.tm_limit('concordance first rows'));
  if not ordered.complete then
    -- 2. Every match through the trigram index, when there are fewer than it reads.
    found := array(
      select s.id
        from public.tm_segments s
       where ((s.source_lang = lang and s.source_normalized like pattern)
              or (s.target_lang = lang and s.target_normalized like pattern))
         and (s.organization_id is null or s.organization_id = any (orgs))
       limit max_trigram_rows);
    if cardinality(found) >= max_trigram_rows then
      -- 3. More matches than that: each memory further in answer order.
      ordered := private.tm_concordance_in_order(pattern, lang, orgs, max_candidates, private.tm_limit('concordance ordered rows'));
      if not ordered.complete then
        ordered.ids := ordered.ids || found;
      end if;
    else
      ordered.ids := ordered.ids || found;
    end if;
  end if;

  return query
    select s.id
      from public.tm_segments s
     where s.id = any (ordered.ids)
     order by (s.organization_id is null), s.usage_count desc,
              length(case when s.source_lang = lang then s.source_text else s.target_text end), s.id
     limit max_candidates;
end
$$;
