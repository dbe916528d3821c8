-- concordance_search: a frequent term is read in answer order before, not after, the trigram index
-- (issue 13, acceptance criterion 2: concordance p95 <= 20 ms at 100 000 segments).
--
-- 20261206100000 answers from each memory's first tm_limit('concordance first rows') (100) rows in
-- answer order when they hold the first matches, else from the trigram index (exact below
-- tm_limit('concordance candidates') = 1 000 matches), and only for a term with 1 000 matches or
-- more reads each memory further in answer order (tm_limit('concordance ordered rows') = 2 000
-- rows). Measured per term on bench:tm's memory at 100 000 segments (55 659 readable by the ESDC
-- translator), CPU ms: the trigram read costs 12-31 ms for such a term (the index cannot order, so
-- it reads and rechecks its 1 000 rows, and cannot answer exactly), and the ordered read that
-- follows finds the first 20 in 1.5-4 ms. The first rows tell such a term in advance: their
-- matches, as a share of the rows read, times the rows of the memories read (from the planner's
-- statistics) estimate its matches. So now:
--  1. each memory's first 100 rows in answer order (unchanged): exact when they hold the first
--     matches;
--  2. when the estimate reaches the trigram read's 1 000 rows (so that read could not answer
--     exactly): each memory's first 2 000 rows in answer order, exact when they hold the first
--     matches; at 100 000 segments, 4 matches among the first 200 rows;
--  3. otherwise, or when step 2 was not exact, the trigram index's matches, at most 1 000: fewer
--     than that is every match, so the answer is exact;
--  4. for a term with 1 000 matches or more that step 2 did not answer: the 2 000 rows per memory
--     in answer order (read now if step 2 was skipped) with the trigram index's matches, best effort.
-- Which segments can be returned and in which order is unchanged, and so are the per-search
-- bounds: per memory read, 100 + 2 000 rows in answer order (steps 2 and 4 are the same read, made
-- at most once), and 1 000 rows from the trigram index. On a small memory (bench:tm's 10 000
-- segments, 5 813 readable) the estimate reaches 1 000 only with 35 matches among the first 200
-- rows, so the search is almost always the same as before (measured: as fast); a memory never
-- analysed has no statistics (estimate 0) and is searched as before.

comment on function private.tm_limit(text) is
  'Translation memory and glossary limits: characters and words of a segment or query; per search, the edit '
  'distances computed (scored), the words of the candidates read from the word indexes (candidate words), the rows read by concordance_search '
  'from the trigram index (concordance candidates) and, per memory read, in answer order (concordance first rows, then concordance ordered '
  'rows for a term with, or estimated from the first rows to have, more matches than concordance candidates). Beyond the per-search limits, '
  'results are best effort.';

-- The rows of the memories `orgs` and the shared one, estimated from the planner's statistics (the
-- table's row count and organization_id's most common values and null fraction); 0 without them.
create function private.tm_memory_rows(orgs uuid[]) returns real
language sql stable security definer
set search_path = ''
as $$
  select greatest(c.reltuples, 0) * coalesce((
           select s.null_frac + coalesce((select sum(m.freq)
                                            from unnest(s.most_common_vals::text::uuid[], s.most_common_freqs) as m (org, freq)
                                           where m.org = any (orgs)), 0)
             from pg_catalog.pg_stats s
            where s.schemaname = 'public' and s.tablename = 'tm_segments' and s.attname = 'organization_id'), 0)
    from pg_catalog.pg_class c
   where c.oid = 'public.tm_segments'::regclass
$$;
revoke all on function private.tm_memory_rows(uuid[]) from public;

-- Whether a term with `hits` matches among the first rows of each memory read (the organizations
-- `orgs`, then the shared one) is estimated to have as many matches as the trigram read takes.
create function private.tm_concordance_is_frequent(hits integer, orgs uuid[]) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select hits > 0
     and hits * private.tm_memory_rows(orgs)
         >= private.tm_limit('concordance candidates') * private.tm_limit('concordance first rows') * (cardinality(orgs) + 1)
$$;
revoke all on function private.tm_concordance_is_frequent(integer, uuid[]) from public;

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
  read_further boolean;
  found bigint[];
begin
  -- 1. A very frequent term: the first rows of each memory hold its first matches.
  ordered := private.tm_concordance_in_order(pattern, lang, orgs, max_candidates, private.tm_limit('concordance first rows'));
  if not ordered.complete then
    -- 2. A term estimated to have as many matches as the trigram read takes: further in answer
    --    order first.
    read_further := private.tm_concordance_is_frequent(cardinality(ordered.ids), orgs);
    if read_further then
      ordered := private.tm_concordance_in_order(pattern, lang, orgs, max_candidates, private.tm_limit('concordance ordered rows'));
    end if;
    if not ordered.complete then
      -- 3. Every match through the trigram index, when there are fewer than it reads.
      found := array(
        select s.id
          from public.tm_segments s
         where ((s.source_lang = lang and s.source_normalized like pattern)
                or (s.target_lang = lang and s.target_normalized like pattern))
           and (s.organization_id is null or s.organization_id = any (orgs))
         limit max_trigram_rows);
      if cardinality(found) >= max_trigram_rows and not read_further then
        -- 4. More matches than that: each memory further in answer order.
        ordered := private.tm_concordance_in_order(pattern, lang, orgs, max_candidates, private.tm_limit('concordance ordered rows'));
      end if;
      if not ordered.complete then
        ordered.ids := ordered.ids || found;
      end if;
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
