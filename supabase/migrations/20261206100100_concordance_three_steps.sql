-- concordance_search in three steps (issue 13, criterion 2; after 20261206100000).
--
-- 20261206100000 read each memory in answer order (250 rows) before the trigram index. bench:tm at
-- 100 000 segments still missed 6 % of the first 20 matches (terms found in 2 to 10 % of the rows:
-- their 20th match lies past the 250th row, and they have more than the 1 000 matches the trigram
-- index gives) and every rare term paid for 250 rows per memory before the trigram index. Now:
--  1. each memory's first tm_limit('concordance first rows') (100) rows in answer order: a very
--     frequent term ("in the") has its first matches there;
--  2. otherwise the trigram index's matches, at most tm_limit('concordance candidates') (1 000):
--     fewer than that is every match, so the answer is exact (rare terms stop here);
--  3. otherwise (a term with 1 000 matches or more) each memory's first
--     tm_limit('concordance ordered rows') (now 2 000) rows in answer order: exact when they hold
--     the first matches (any term in at least 1 % of a memory's rows), else, with the trigram
--     index's matches, best effort.
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
