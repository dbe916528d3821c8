-- Translation memory retrieval on large memories (20261206100000, issue 13 criterion 2):
-- tm_search picks its rarest words from the real word frequencies and may require two shared
-- words, and concordance_search returns the first matches in its order even when a term has more
-- matches than the trigram index's 1 000 rows read.
begin;
select plan(13);

-- Word frequencies ---------------------------------------------------------------------------------

-- 300 segments with a long, frequent word; one with a short, rare one.
insert into public.tm_segments (organization_id, source_lang, target_lang, source_text, target_text, provenance)
select 'e5dc0000-0000-4000-a000-000000000001', 'en', 'fr', format('Extraordinarily careful review number %s.', i),
       format('Examen extraordinairement attentif numéro %s.', i), 'import'
  from generate_series(1, 300) i;
insert into public.tm_segments (organization_id, source_lang, target_lang, source_text, target_text, provenance)
values ('e5dc0000-0000-4000-a000-000000000001', 'en', 'fr', 'Extraordinarily zyx.', 'Extraordinairement zyx.', 'import');
analyze public.tm_segments;

select ok(exists (select 1 from pg_catalog.pg_stats
                   where schemaname = 'public' and tablename = 'tm_segments' and attname = 'source_words'
                     and 'extraordinarily' = any (most_common_elems::text::text[])),
  'the word frequencies are the statistics of the tsvector column (where tm_search now reads them)');
select is(private.tm_words_by_rarity(array['extraordinarily', 'zyx', 'extraordinarily']), array['zyx', 'extraordinarily'],
  'rarest first by frequency: the rare short word before the frequent long one (length alone would put it last)');
select is(private.tm_shared_words_required(6, 20), 2,
  'a 20-word query at min_score 70 (6 words may be missing) needs 2 of its 8 rarest words (28 conjunctions, within 30)');
select is(private.tm_shared_words_required(6, 7), 1, 'but never more words than the query has');

select tests.login('translator');
select results_eq($$select source from public.tm_search('Extraordinarily zyx!', 'en', 'fr', 90, 3)$$, array['Extraordinarily zyx.'],
  'tm_search finds the segment through its rare word');
reset role;

-- Concordance in answer order ----------------------------------------------------------------------

-- 1 200 ESDC segments contain "zebra crossing": more than the 1 000 rows read from the trigram
-- index. The five most used were added last; a shared segment is used more than any.
insert into public.tm_segments (organization_id, source_lang, target_lang, source_text, target_text, provenance, usage_count)
select 'e5dc0000-0000-4000-a000-000000000001', 'en', 'fr', format('Zebra crossing number %s is painted.', i),
       format('Passage piéton numéro %s.', i), 'import', case when i > 1195 then i - 1150 else 0 end
  from generate_series(1, 1200) i;
insert into public.tm_segments (organization_id, source_lang, target_lang, source_text, target_text, provenance, usage_count)
values (null, 'en', 'fr', 'A shared zebra crossing.', 'Un passage piéton commun.', 'import', 1000);
analyze public.tm_segments;

select tests.login('translator');
select results_eq($$select source from public.concordance_search('ZEBRA crossing', 'en', 5)$$,
  array['Zebra crossing number 1200 is painted.', 'Zebra crossing number 1199 is painted.', 'Zebra crossing number 1198 is painted.',
        'Zebra crossing number 1197 is painted.', 'Zebra crossing number 1196 is painted.'],
  'a term with 1 200 matches: the five most used first, though the last written (organization before shared)');
select results_eq($$select source from public.concordance_search('zebra crossing number 7', 'en', 3)$$,
  array['Zebra crossing number 7 is painted.', 'Zebra crossing number 70 is painted.', 'Zebra crossing number 71 is painted.'],
  'unused segments: the shortest first, then by id');
select results_eq($$select source from public.concordance_search('number 1100 is', 'en', 20)$$,
  array['Zebra crossing number 1100 is painted.'],
  'a rare term far down the memory''s order is found through the trigram index');
select results_eq($$select shared from public.concordance_search('shared zebra', 'en', 20)$$, array[true],
  'the shared memory is read when the organization''s matches do not fill the answer');
reset role;

-- A term with more matches than the trigram index's 1 000 rows, none among the first rows of the
-- memory's order (300 more used segments come first), the shortest written last.
insert into public.tm_segments (organization_id, source_lang, target_lang, source_text, target_text, provenance, usage_count)
select 'e5dc0000-0000-4000-a000-000000000001', 'en', 'fr', format('Filler sentence %s.', i), format('Phrase de remplissage %s.', i), 'import', 1
  from generate_series(1, 300) i;
insert into public.tm_segments (organization_id, source_lang, target_lang, source_text, target_text, provenance)
select 'e5dc0000-0000-4000-a000-000000000001', 'en', 'fr', format('Pelican crossing %s.', repeat('p', 1300 - i)),
       format('Passage pour piétons %s.', i), 'import'
  from generate_series(1, 1200) i;
analyze public.tm_segments;

select tests.login('translator');
select results_eq($$select source from public.concordance_search('pelican crossing', 'en', 3)$$,
  $$values (format('Pelican crossing %s.', repeat('p', 100))), (format('Pelican crossing %s.', repeat('p', 101))),
           (format('Pelican crossing %s.', repeat('p', 102)))$$,
  'a term with 1 200 matches past the memory''s first rows: its shortest first, read in answer order after the trigram index');
select results_eq($$select private.tm_limit(w) from unnest(array['concordance first rows', 'concordance ordered rows']) w$$,
  array[100, 2000], 'per memory read in answer order: 100 rows first, 2 000 for a term with 1 000 matches or more');
select throws_ok($$select * from private.tm_concordance_ordered('%zebra%', 'en', '7c000000-0000-4000-a000-000000000002', 20, 250)$$,
  '42501', null, 'the per-memory read is not callable by users (it takes any organization)');
reset role;
select throws_ok(
  $$select set_config('request.jwt.claims', '{"sub":"e5dc0000-0000-4000-a000-000000000103","role":"authenticated"}', true);
    select * from private.tm_concordance_ordered('%zebra%', 'en', '7c000000-0000-4000-a000-000000000002', 20, 250)$$,
  '42501', 'not a member of that organization', 'and refuses another organization''s memory even to its owner''s callers');

select * from finish();
rollback;
