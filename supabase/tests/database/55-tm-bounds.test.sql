-- Translation memory within bounds (issue #20, finding 4): the word edit distance through
-- fuzzystrmatch gives the very distances of the former PL/pgSQL dynamic programme, scoring with a
-- min_score gives the same scores (or null below it), and segments and queries are limited to
-- 2 000 characters and 200 words wherever they come from. Retrieval reads a bounded number of rows
-- (20261205100700) and still finds every match: tm_search at any min_score gives what scoring
-- every readable segment gives.
begin;
select plan(24);

-- The former implementation (20261123100400_translation.sql), the reference.
create function tests.reference_word_edit_distance(a text[], b text[]) returns integer
language plpgsql immutable strict as $$
declare
  n integer := coalesce(array_length(a, 1), 0);
  m integer := coalesce(array_length(b, 1), 0);
  prev integer[];
  cur integer[];
begin
  if n = 0 then return m; end if;
  if m = 0 then return n; end if;
  prev := array(select generate_series(0, m));
  cur := prev;
  for i in 1..n loop
    cur[1] := i;
    for j in 1..m loop
      cur[j + 1] := least(prev[j + 1] + 1, cur[j] + 1, prev[j] + case when a[i] = b[j] then 0 else 1 end);
    end loop;
    prev := cur;
  end loop;
  return prev[m + 1];
end
$$;

-- The former score of two word lists whose raw texts are their words joined by spaces.
create function tests.reference_score(a text[], b text[]) returns integer
language sql immutable strict as $$
  select case when greatest(cardinality(a), cardinality(b)) = 0 then 0
              else greatest(0, 100 - ceil(100.0 * tests.reference_word_edit_distance(a, b)
                                          / greatest(cardinality(a), cardinality(b)))::integer) end
$$;

-- Random sentences over a small vocabulary (so words repeat and match), 0 to 40 words, plus
-- accented, elided and hyphenated words, the ideographs the encoding uses, and a few at the limit.
create function tests.random_words(n integer) returns text[]
language sql volatile as $$
  select coalesce(array_agg((array['le', 'la', 'l''', 'équipe', 'team', 'the', 'prepares', 'prépare', 'notes', 'sous-ministre',
                                   '一', '丁', 'a', 'b', 'c'])[1 + floor(random() * 15)::integer]), '{}')
    from generate_series(1, n)
$$;
select setseed(0.2026);
create temporary table pairs as
  select k, tests.random_words(floor(random() * 41)::integer) as a, tests.random_words(floor(random() * 41)::integer) as b,
         floor(random() * 101)::integer as min_score
    from generate_series(1, 300) k;
insert into pairs
  select 1000 + k,
         array(select 'w' || (random() * 300)::integer from generate_series(1, 200)),
         array(select 'w' || (random() * 300)::integer from generate_series(1, 150 + k * 10)),
         (array[0, 50, 70, 90])[k]
    from generate_series(1, 4) k;

select ok((select count(*) filter (where cardinality(a) = 0 or cardinality(b) = 0) > 0 and count(distinct a) > 250 from pairs),
  'the random pairs differ, and include empty sentences');
select is(
  (select count(*)::integer from pairs where private.word_edit_distance(a, b) <> tests.reference_word_edit_distance(a, b)), 0,
  'word_edit_distance equals the former dynamic programme on 304 random pairs (up to 200 by 190 words)');
select is(
  (select count(*)::integer from pairs
    where private.fuzzy_score(array_to_string(a, ' '), array_to_string(a, ' '), array_to_string(b, ' '), array_to_string(b, ' '))
          is distinct from tests.reference_score(a, b)), 0,
  'fuzzy_score is 100 - ceil(100 · distance / longer length), as before');
select is(
  (select count(*)::integer from pairs
    where private.fuzzy_score(array_to_string(a, ' '), array_to_string(a, ' '), array_to_string(b, ' '), array_to_string(b, ' '), min_score)
          is distinct from (select case when s >= min_score then s end from (select tests.reference_score(a, b) as s) x)), 0,
  'fuzzy_score with a random min_score: the same score when it reaches min_score, else null');
select is(private.fuzzy_score('prepares reports', 'Prepares reports', 'prepares reports', 'PREPARES REPORTS', 100), null,
  'a near-exact match (99) does not reach min_score 100');
select is(private.fuzzy_score('prepares reports', 'Prepares reports', 'prepares reports', 'Prepares  reports', 100), 100,
  'an exact match reaches it (spacing aside)');
select is(private.fuzzy_score('a b c d e f g h i j', 'x', 'a b', 'y', 30), null,
  'word counts too far apart for min_score: null without computing a distance');

-- Limits on stored segments ------------------------------------------------------------------------

select col_has_check('public', 'tm_segments', 'source_text', 'tm_segments.source_text has checks');
select throws_ok(
  format($$insert into public.tm_segments (source_lang, target_lang, source_text, target_text) values ('en', 'fr', %L, 'Cible.')$$,
         repeat('x', 2001)),
  '23514', null, 'a stored source text over 2 000 characters is refused, even for the table owner');
select throws_ok(
  format($$insert into public.tm_segments (source_lang, target_lang, source_text, target_text) values ('en', 'fr', 'Source.', %L)$$,
         repeat('mot ', 201)),
  '23514', null, 'a stored target text over 200 words is refused');
select lives_ok(
  format($$insert into public.tm_segments (source_lang, target_lang, source_text, target_text) values ('en', 'fr', %L, 'Deux cents mots.')$$,
         rtrim(repeat('mot ', 200))),
  'a stored text of 200 words is accepted');
select is((select count(*)::integer from public.tm_segments
            where length(source_text) > 2000 or length(target_text) > 2000
               or private.word_count(source_text) > 200 or private.word_count(target_text) > 200), 0,
  'no stored segment exceeds the limits');

-- Limits on the RPCs ------------------------------------------------------------------------------

select tests.login('translator');
select throws_ok(format($$select * from public.tm_search(%L, 'en', 'fr')$$, repeat('x', 2001)), '22023',
  'query must be at most 2000 characters (got 2001)', 'tm_search: query over 2 000 characters');
select throws_ok(format($$select * from public.tm_search(%L, 'en', 'fr')$$, repeat('a ', 201)), '22023',
  'query must be at most 200 words (got 201)', 'tm_search: query over 200 words');
select throws_ok(format($$select * from public.tm_search(%L, 'en', 'fr')$$, repeat('l''a ', 101)), '22023',
  'query must be at most 200 words (got 202)', 'tm_search: words are counted as scored (an elided article is a word)');
select lives_ok(format($$select * from public.tm_search(%L, 'en', 'fr', 0, 100)$$, repeat('a ', 200)),
  'tm_search: a query of 200 words is searched');
select throws_ok(format($$select * from public.tm_add_segment(%L, 'Cible.', 'en', 'fr')$$, repeat('x', 2001)), '22023',
  'source_text must be at most 2000 characters (got 2001)', 'tm_add_segment: source text over 2 000 characters');
select throws_ok(format($$select * from public.tm_add_segment('Source.', %L, 'en', 'fr')$$, repeat('mot ', 201)), '22023',
  'target_text must be at most 200 words (got 201)', 'tm_add_segment: target text over 200 words');
select results_eq(
  format($$select created from public.tm_add_segment(%L, 'Deux cents mots.', 'en', 'fr')$$, rtrim(repeat('word ', 200))),
  array[true], 'tm_add_segment: a text of 200 words is added');
select results_eq(
  format($$select score from public.tm_search(%L, 'en', 'fr', 100, 1)$$, rtrim(repeat('word ', 200))),
  array[100], 'and found again, exactly');
reset role;

-- Bounded retrieval, exact below its limits ---------------------------------------------------------

select results_eq(
  $$select private.tm_limit(w) from unnest(array['scored', 'candidate words', 'concordance candidates']) w$$,
  array[1000, 1000000, 1000], 'per-search limits: 1 000 edit distances, 1 000 000 words of candidates from the word indexes, 1 000 concordance rows');

-- Every segment the caller reads, scored the former way: the best max_results scores at min_score or more.
create function tests.every_readable_score(query text, min_score integer, max_results integer) returns integer[]
language sql as $$
  select coalesce(array_agg(x.score order by x.score desc), '{}') from (
    select tests.reference_score(string_to_array(private.normalize_text(query), ' '),
             string_to_array(case when s.source_lang = 'en' then s.source_normalized else s.target_normalized end, ' '))
           - case when private.normalize_text(query) = case when s.source_lang = 'en' then s.source_normalized else s.target_normalized end
                   and regexp_replace(btrim(query), '\s+', ' ', 'g')
                       <> regexp_replace(btrim(case when s.source_lang = 'en' then s.source_text else s.target_text end), '\s+', ' ', 'g')
                  then 1 else 0 end as score
      from public.tm_segments s
     where (s.source_lang, s.target_lang) in (('en', 'fr'), ('fr', 'en'))
     order by 1 desc
     limit max_results) x
  where x.score >= min_score
$$;
create function tests.searched_scores(query text, min_score integer, max_results integer) returns integer[]
language sql as $$
  select coalesce(array_agg(t.score order by t.score desc), '{}') from public.tm_search(query, 'en', 'fr', min_score, max_results) t
$$;
grant usage on schema tests to authenticated;
grant execute on function tests.every_readable_score(text, integer, integer), tests.searched_scores(text, integer, integer),
  tests.reference_score(text[], text[]), tests.reference_word_edit_distance(text[], text[]) to authenticated;

select tests.login('translator');
select results_eq(
  $$select tests.searched_scores(q, m, 20) from (values
      ('Advice on staffing.', 10), ('Advice on staffing.', 1), ('Prepares reports reports reports reports.', 20),
      ('the the the the the the', 1), ('Provides advice to managers.', 40)) v (q, m)$$,
  $$select tests.every_readable_score(q, m, 20) from (values
      ('Advice on staffing.', 10), ('Advice on staffing.', 1), ('Prepares reports reports reports reports.', 20),
      ('the the the the the the', 1), ('Provides advice to managers.', 40)) v (q, m)$$,
  'low min_score and repeated words (the former trigram path): the same best scores as scoring every readable segment');
select ok(cardinality(tests.searched_scores('Advice on staffing.', 10, 20)) = 20
          and cardinality(tests.searched_scores('the the the the the the', 1, 20)) = 20,
  'and that comparison is not vacuous');
select ok((select count(*) > 20 and bool_and(string_to_array(private.normalize_text(source), ' ') && array['advice', 'on', 'staffing'])
             from public.tm_search('Advice on staffing.', 'en', 'fr', 0, 100)),
  'min_score 0: the segments sharing a word with the query (one sharing none scores 0 and is not returned)');

reset role;

select * from finish();
rollback;
