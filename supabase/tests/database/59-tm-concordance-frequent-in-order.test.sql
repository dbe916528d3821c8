-- concordance_search reads a frequent term in answer order before the trigram index
-- (20261209100000, issue 13 criterion 2): when the matches among each memory's first rows,
-- scaled to the memories' rows, reach the trigram read's 1 000 rows, each memory's first 2 000
-- rows in answer order are read first, and answer without the trigram index when they hold the
-- first matches; otherwise (and for a rarer term) the trigram index is read as before. The answer
-- is the same exact one either way (which path ran shows in bench:tm's time, not in the answer).
begin;
select plan(11);

-- The ESDC memory in answer order (most used first): 300 segments, 15 with "heron crossing" and
-- 15 with "egret crossing" among its first 100; 30 more "heron crossing"; 7 700 others; 10 more
-- "egret crossing", past the first 2 000 rows. The shared memory starts with 15 of each.
insert into public.tm_segments (organization_id, source_lang, target_lang, source_text, target_text, provenance, usage_count)
select 'e5dc0000-0000-4000-a000-000000000001', 'en', 'fr',
       format('%s %s.', case when i <= 30 and i % 2 = 0 then 'Heron crossing'
                             when i between 31 and 59 and i % 2 = 1 then 'Egret crossing' else 'Other sentence' end, i),
       format('Phrase %s.', i), 'import', 1000
  from generate_series(1, 300) i;
insert into public.tm_segments (organization_id, source_lang, target_lang, source_text, target_text, provenance, usage_count)
select 'e5dc0000-0000-4000-a000-000000000001', 'en', 'fr', format('Heron crossing number %s.', i), format('Héron %s.', i), 'import', 999
  from generate_series(1, 30) i;
insert into public.tm_segments (organization_id, source_lang, target_lang, source_text, target_text, provenance, usage_count)
select 'e5dc0000-0000-4000-a000-000000000001', 'en', 'fr', format('Filler number %s.', i), format('Remplissage %s.', i), 'import', 998
  from generate_series(1, 7700) i;
insert into public.tm_segments (organization_id, source_lang, target_lang, source_text, target_text, provenance, usage_count)
select 'e5dc0000-0000-4000-a000-000000000001', 'en', 'fr', format('Egret crossing far down %s.', i), format('Aigrette %s.', i), 'import', 0
  from generate_series(1, 10) i;
insert into public.tm_segments (organization_id, source_lang, target_lang, source_text, target_text, provenance, usage_count)
select null, 'en', 'fr', format('Shared %s crossing %s.', bird, i), format('Passage %s.', i), 'import', 1000
  from generate_series(1, 15) i, unnest(array['heron', 'egret']) bird;
analyze public.tm_segments;

-- What the translator may read that contains the term, in concordance_search's order (brute force).
create function pg_temp.expected(term text, n integer) returns setof text language sql as $$
  select case when s.source_lang = 'en' then s.source_text else s.target_text end
    from public.tm_segments s
   where (s.organization_id is null or s.organization_id = 'e5dc0000-0000-4000-a000-000000000001')
     and private.normalize_text(case when s.source_lang = 'en' then s.source_text else s.target_text end)
         like '%' || private.normalize_text(term) || '%'
   order by (s.organization_id is null), s.usage_count desc,
            length(case when s.source_lang = 'en' then s.source_text else s.target_text end), s.id
   limit n
$$;
select cmp_ok(private.tm_memory_rows('{e5dc0000-0000-4000-a000-000000000001}'), '>=', 8000::real,
  'the memories'' rows are estimated from the statistics (ESDC''s 8 040 and more, and the shared ones)');
select cmp_ok(private.tm_memory_rows('{e5dc0000-0000-4000-a000-000000000001}'), '<', (1.2 * (
  select count(*) from public.tm_segments where organization_id is null or organization_id = 'e5dc0000-0000-4000-a000-000000000001'))::real,
  'and not overestimated');
select throws_ok($$set local role authenticated; select private.tm_memory_rows('{}')$$, '42501', null,
  'the estimate is not callable by users');
reset role;
select throws_ok($$set local role authenticated; select private.tm_concordance_is_frequent(1, '{}')$$, '42501', null,
  'nor is the choice');
reset role;

select is(private.tm_concordance_is_frequent(30, '{e5dc0000-0000-4000-a000-000000000001}'), true,
  '30 matches among the 200 first rows of about 8 100: about 1 200 in all, as many as the trigram read takes: read in answer order first');
select is(private.tm_concordance_is_frequent(1, '{e5dc0000-0000-4000-a000-000000000001}'), false,
  'one match among them: the trigram index first');
select is(private.tm_concordance_is_frequent(0, '{e5dc0000-0000-4000-a000-000000000001}'), false, 'none: the trigram index first');

select tests.login('translator');
select results_eq($$select source from public.concordance_search('heron CROSSING', 'en', 20)$$,
  $$select * from pg_temp.expected('heron crossing', 20)$$,
  'a frequent term (30 matches among the 200 first rows read, estimated over 1 000 in all): its first 20 in answer order');

select results_eq($$select source from public.concordance_search('egret crossing', 'en', 20)$$,
  $$select * from pg_temp.expected('egret crossing', 20)$$,
  'a term as frequent among the first rows, but with fewer than 20 in the first 2 000 (read further through the trigram index): its first 20 in answer order');
select is((select count(*) from public.concordance_search('egret crossing', 'en', 100)), 40::bigint,
  'all 40 of them');

select results_eq($$select source from public.concordance_search('other sentence 77', 'en', 20)$$,
  $$select * from pg_temp.expected('other sentence 77', 20)$$,
  'a rare term (one match among the first rows) is found through the trigram index');
reset role;

select * from finish();
rollback;
