-- Translation RPCs: tm_search, concordance_search, glossary_lookup, tm_add_segment and
-- tm_semantic_search. Scores, directions, limits, argument checks, and organization isolation.
begin;
select plan(61);

grant usage on schema tests to anon, authenticated, service_role;
-- Brute force: every segment the caller can read, scored.
create function tests.brute_force(query text, lang_from text, lang_to text, min_score integer, max_results integer)
returns integer[] language sql as $$
  select coalesce(array_agg(x.score order by x.score desc), '{}') from (
    select private.fuzzy_score(private.normalize_text(query), query,
             case when s.source_lang = lang_from then s.source_normalized else s.target_normalized end,
             case when s.source_lang = lang_from then s.source_text else s.target_text end) as score
      from public.tm_segments s
     where (s.source_lang, s.target_lang) in ((lang_from, lang_to), (lang_to, lang_from))
     order by 1 desc
     limit max_results) x
  where x.score >= min_score
$$;
create function tests.searched(query text, lang_from text, lang_to text, min_score integer, max_results integer)
returns integer[] language sql as $$
  select coalesce(array_agg(t.score order by t.score desc), '{}') from public.tm_search(query, lang_from, lang_to, min_score, max_results) t
$$;
grant execute on all functions in schema tests to anon, authenticated, service_role;
insert into auth.users (id, email, is_anonymous) values ('f0000000-0000-4000-a000-00000000000f', null, true);

-- tm_search --------------------------------------------------------------------------------------------

select tests.login('translator');
select results_eq(
  $$select score, target, shared from public.tm_search('Prepares briefing notes and presentations for senior management.', 'en', 'fr') limit 1$$,
  $$values (100, 'Prépare des notes d''information et des présentations à l''intention de la haute direction.'::text, true)$$,
  'an identical sentence scores 100 and brings its translation');
select is(
  (select score from public.tm_search('PREPARES briefing notes and presentations for senior management', 'en', 'fr') limit 1), 99,
  'same words with different case and punctuation: 99');
select results_eq(
  $$select score, source from public.tm_search('Provides advice and guidance to managers on procurement matters.', 'en', 'fr', 80)$$,
  $$values (88, 'Provides advice and guidance to managers on procurement.'::text),
           (88, 'Provides advice and guidance to managers on staffing matters.'::text)$$,
  'one word of nine missing, or one different: 88, the organization''s segment before the shared one; nothing else reaches 80');
select is(
  (select score from public.tm_search('Provides advice and guidance to managers on procurement matters.', 'en', 'fr', 0, 100)
    where source = 'Provides advice and guidance to managers on classification.'),
  77, 'one word missing and one different out of nine: 77 (word edit distance over the longer sentence)');
select results_eq(
  $$select score, target from public.tm_search('Prépare des rapports à l''intention de la haute direction.', 'fr', 'en', 100, 1)$$,
  $$values (100, 'Prepares reports for senior management.'::text)$$,
  'French to English uses the same English-to-French segments in reverse');
select ok(
  (select bool_and(score >= 60) and count(*) between 1 and 10 from public.tm_search('Provides advice to managers on classification matters.', 'en', 'fr', 60)),
  'every match reaches min_score');
select results_eq(
  $$select count(*)::int from public.tm_search('Provides advice and guidance to managers on classification.', 'en', 'fr', 0, 3)$$,
  array[3], 'max_results caps the matches');
select ok(
  (with r as (select score, row_number() over () as n from public.tm_search('Provides advice and guidance to employees on security procedures.', 'en', 'fr', 50, 20))
   select bool_and(a.score >= b.score) from r a join r b on b.n = a.n + 1),
  'matches come best first');
select is_empty($$select * from public.tm_search('Quantum chromodynamics of the early universe.', 'en', 'fr')$$,
  'an unrelated sentence has no match');
select is_empty($$select * from public.tm_search('...', 'en', 'fr')$$, 'a query with no words has no match');

-- The candidate search loses nothing: the same scores as scoring every readable segment.
select results_eq(
  $$select tests.searched(q, l1, l2, m, 10) from (values
      ('Provides advice to senior managers on classification and staffing.', 'en', 'fr', 50),
      ('Prepares briefing notes for the director.', 'en', 'fr', 60),
      ('Coordonne la préparation des rapports avec les bureaux régionaux.', 'fr', 'en', 50),
      ('Responds to inquiries from employees regarding pay.', 'en', 'fr', 40),
      ('Knowledge of the Financial Administration Act.', 'en', 'fr', 70)) v (q, l1, l2, m)$$,
  $$select tests.brute_force(q, l1, l2, m, 10) from (values
      ('Provides advice to senior managers on classification and staffing.', 'en', 'fr', 50),
      ('Prepares briefing notes for the director.', 'en', 'fr', 60),
      ('Coordonne la préparation des rapports avec les bureaux régionaux.', 'fr', 'en', 50),
      ('Responds to inquiries from employees regarding pay.', 'en', 'fr', 40),
      ('Knowledge of the Financial Administration Act.', 'en', 'fr', 70)) v (q, l1, l2, m)$$,
  'tm_search finds the same best scores as scoring every segment the caller can read');
select ok(
  cardinality(tests.searched('Responds to inquiries from employees regarding pay.', 'en', 'fr', 40, 10)) = 10
  and cardinality(tests.searched('Prepares briefing notes for the director.', 'en', 'fr', 60, 10)) >= 5,
  'and that comparison is not vacuous');
select ok(
  (select count(*) > 0 and bool_and(score >= 10) from public.tm_search('Advice on staffing.', 'en', 'fr', 10, 5)),
  'a very low min_score still gives matches (trigram candidates)');

-- Organization isolation: ESDC's template family is ESDC's.
select isnt_empty(
  $$select 1 from public.tm_search('Coordinates training sessions with regional offices.', 'en', 'fr', 100)
     where organization_id = 'e5dc0000-0000-4000-a000-000000000001'$$,
  'ESDC''s translator finds ESDC''s segment');
select tests.login('tc_editor');
select is_empty(
  $$select 1 from public.tm_search('Coordinates training sessions with regional offices.', 'en', 'fr', 0, 100)
     where organization_id is distinct from '7c000000-0000-4000-a000-000000000002' and not shared$$,
  'TC''s editor gets no segment of another organization, however loose the search');
select results_eq(
  $$select score from public.tm_search('Issues, renews and suspends Canadian aviation documents.', 'en', 'fr', 100)$$,
  array[100], 'TC''s editor finds TC''s own segment');
select tests.login('stranger');
select ok(
  (select bool_and(shared) and count(*) > 0 from public.tm_search('Occasional travel is required.', 'en', 'fr', 50)),
  'a user without organization reads the shared memory only');
select tests.login('admin');
select is_empty(
  $$select 1 from public.tm_search('Issues, renews and suspends Canadian aviation documents.', 'en', 'fr', 0, 100)
     where organization_id = '7c000000-0000-4000-a000-000000000002'$$,
  'ESDC''s admin gets nothing of TC''s memory');
select tests.login('anon');
select throws_ok($$select * from public.tm_search('Occasional travel is required.', 'en', 'fr')$$, '42501', null,
  'anon cannot search the memory');

-- Arguments.
select tests.login('editor');
select throws_ok($$select * from public.tm_search(null, 'en', 'fr')$$, '22023', 'query must not be null', 'tm_search: null query');
select throws_ok($$select * from public.tm_search('  ', 'en', 'fr')$$, '22023', 'query must not be empty', 'tm_search: empty query');
select throws_ok(format($$select * from public.tm_search(%L, 'en', 'fr')$$, repeat('mot ', 2501)), '22023',
  'query must be at most 2000 characters (got 10004)', 'tm_search: query over 2 000 characters');
select throws_ok($$select * from public.tm_search('x', 'EN', 'fr')$$, '22023', 'source_lang must be ''en'' or ''fr'' (got ''EN'')',
  'tm_search: unknown source language');
select throws_ok($$select * from public.tm_search('x', 'en', 'es')$$, '22023', 'target_lang must be ''en'' or ''fr'' (got ''es'')',
  'tm_search: unknown target language');
select throws_ok($$select * from public.tm_search('x', 'fr', 'fr')$$, '22023', 'source_lang and target_lang must differ (both fr)',
  'tm_search: same language twice');
select throws_ok($$select * from public.tm_search('x', 'en', 'fr', 101)$$, '22023', 'min_score must be between 0 and 100 (got 101)',
  'tm_search: min_score over 100');
select throws_ok($$select * from public.tm_search('x', 'en', 'fr', 70, -1)$$, '22023', 'max_results must be between 1 and 100 (got -1)',
  'tm_search: negative max_results');
select throws_ok($$select * from public.tm_search('x', 'en', 'fr', 70, 500)$$, '22023', 'max_results must be between 1 and 100 (got 500)',
  'tm_search: max_results over 100');

-- concordance_search ------------------------------------------------------------------------------------

select ok(
  (select bool_and(source ilike '%haute direction%') and count(*) = 5 from public.concordance_search('HAUTE  Direction', 'fr', 5)),
  'concordance: French segments containing the term (case and spacing insensitive), up to max_results');
select ok(
  (select bool_and(source_lang = 'fr' and target_lang = 'en' and target !~ 'haute') from public.concordance_search('haute direction', 'fr', 5)),
  'each with its English translation');
select isnt_empty($$select 1 from public.concordance_search('contribution agreements', 'en', 20) where not shared$$,
  'ESDC''s editor finds ESDC''s own segments');
select tests.login('tc_editor');
select is_empty(
  $$select 1 from public.concordance_search('contribution', 'en', 100)
     where not shared and organization_id <> '7c000000-0000-4000-a000-000000000002'$$,
  'TC''s editor finds no segment of another organization');
select throws_ok($$select * from public.concordance_search('a', 'en')$$, '22023',
  'term must contain at least 2 letters or digits (got ''a'')', 'concordance: a one-letter term is rejected');
select throws_ok($$select * from public.concordance_search(null, 'en')$$, '22023', 'term must not be null', 'concordance: null term');
select throws_ok($$select * from public.concordance_search('direction', null)$$, '22023', 'lang must not be null', 'concordance: null language');
select throws_ok($$select * from public.concordance_search('direction', 'english')$$, '22023', 'lang must be ''en'' or ''fr'' (got ''english'')',
  'concordance: unknown language');
select throws_ok($$select * from public.concordance_search('direction', 'fr', 0)$$, '22023', 'max_results must be between 1 and 100 (got 0)',
  'concordance: max_results of 0');
select throws_ok(format($$select * from public.concordance_search(%L, 'fr')$$, repeat('x', 10001)), '22023',
  'term must be at most 500 characters (got 10001)', 'concordance: overlong term');

-- glossary_lookup ----------------------------------------------------------------------------------------

select tests.login('translator');
select results_eq(
  $$select term, translation, status from public.glossary_lookup(
      'Each applicant must submit the application before the deadline; the position number is on the work description.', 'en')
     order by term, translation$$,
  $$values ('applicant'::text, 'candidat'::text, 'approved'::text), ('applicant', 'demandeur', 'approved'),
           ('application', 'application', 'forbidden'), ('deadline', 'deadline', 'forbidden'),
           ('position', 'poste', 'approved'), ('position number', 'numéro de poste', 'approved'),
           ('work description', 'description de travail', 'approved')$$,
  'glossary_lookup: approved and forbidden terms found in the text, shared and ESDC''s own');
select is_empty($$select * from public.glossary_lookup('Several positions were staffed.', 'en') where term = 'position'$$,
  'whole words only: "positions" is not "position"');
select results_eq(
  $$select term, translation from public.glossary_lookup('Le titulaire relève du sous-ministre.', 'fr') order by term$$,
  $$values ('Sous-ministres'::text, 'Deputy Ministers'::text), ('sous-ministre', 'Deputy Minister'), ('titulaire', 'incumbent')$$,
  'French text: French terms with their English equivalents (the plural group name matches the singular since 20261205100600)');
select tests.login('tc_editor');
select is_empty($$select * from public.glossary_lookup('Each applicant is assessed.', 'en') where translation = 'demandeur'$$,
  'another organization''s glossary entries stay with that organization');
select throws_ok($$select * from public.glossary_lookup('x', 'es')$$, '22023', 'lang must be ''en'' or ''fr'' (got ''es'')',
  'glossary_lookup: unknown language');
select throws_ok($$select * from public.glossary_lookup(null, 'en')$$, '22023', 'input_text must not be null', 'glossary_lookup: null text');
select throws_ok(format($$select * from public.glossary_lookup(%L, 'en')$$, repeat('x', 10001)), '22023',
  'input_text must be at most 10000 characters (got 10001)', 'glossary_lookup: text over 10 000 characters');

-- tm_add_segment -------------------------------------------------------------------------------------------

select tests.login('translator');
select results_eq(
  $$select organization_id, usage_count, created from public.tm_add_segment('Leads the regional team.', 'Dirige l''équipe régionale.', 'en', 'fr')$$,
  $$values ('e5dc0000-0000-4000-a000-000000000001'::uuid, 0, true)$$,
  'a translator adds a pair to their organization''s memory');
select results_eq(
  $$select usage_count, created from public.tm_add_segment('Leads the regional team.', 'Dirige l''équipe régionale.', 'en', 'fr')$$,
  $$values (1, false)$$,
  'the same pair again counts a use');
select results_eq(
  $$select provenance, document_id, created_by from public.tm_segments where source_text = 'Leads the regional team.'$$,
  $$values ('user'::text, null::uuid, 'e5dc0000-0000-4000-a000-000000000103'::uuid)$$,
  'provenance and author are recorded');
select throws_ok($$select * from public.tm_add_segment('A', 'B', 'en', 'fr', provenance => 'guess')$$, '22023',
  'provenance must be document, alignment, import or user (got ''guess'')', 'tm_add_segment: unknown provenance');
select throws_ok($$select * from public.tm_add_segment('A', 'B', 'en', 'en')$$, '22023', 'source_lang and target_lang must differ (both en)',
  'tm_add_segment: same language twice');
select throws_ok($$select * from public.tm_add_segment('A', 'B', 'en', 'fr', quality => 101)$$, '22023',
  'quality must be between 0 and 100 (got 101)', 'tm_add_segment: quality over 100');
select tests.login('viewer');
select throws_ok($$select * from public.tm_add_segment('A viewer line.', 'Une ligne.', 'en', 'fr')$$, '22023',
  'organization is required (you can write to the memory of 0 organizations)', 'a viewer writes to no memory');
select throws_ok(
  $$select * from public.tm_add_segment('A viewer line.', 'Une ligne.', 'en', 'fr', organization => 'e5dc0000-0000-4000-a000-000000000001')$$,
  '42501', null, 'not even naming the organization');
select tests.login('tc_editor');
select throws_ok(
  $$select * from public.tm_add_segment('Injected.', 'Injecté.', 'en', 'fr', organization => 'e5dc0000-0000-4000-a000-000000000001')$$,
  '42501', null, 'TC''s editor cannot write to ESDC''s memory');
select throws_ok(
  $$select * from public.tm_add_segment('Injected.', 'Injecté.', 'en', 'fr', doc => 'e5dc0000-0000-4000-a000-00000000d001')$$,
  '42501', null, 'nor through one of ESDC''s documents');
select throws_ok(
  $$insert into public.tm_segments (organization_id, source_lang, target_lang, source_text, target_text) values (null, 'en', 'fr', 'Shared?', 'Partagé?')$$,
  '42501', null, 'users cannot write to the shared memory');
select is((select organization_id from public.tm_add_segment('Inspects aerodromes.', 'Inspecte les aérodromes.', 'en', 'fr')),
  '7c000000-0000-4000-a000-000000000002'::uuid, 'TC''s editor writes to TC''s memory');
reset role;

-- tm_semantic_search ------------------------------------------------------------------------------------

create function tests.unit(i integer, j integer default null) returns extensions.vector
language sql as $$
  select array_agg(case when k = i then 1.0 when k = j then 0.5 else 0 end order by k)::real[]::extensions.vector
    from generate_series(1, 1536) k
$$;
update public.tm_segments set embedding = tests.unit(1) where source_text = 'Occasional travel is required.';
update public.tm_segments set embedding = tests.unit(1, 2) where source_text = 'Work is performed in an office environment.';
update public.tm_segments set embedding = tests.unit(3)
 where source_text = 'Coordinates training sessions with regional offices.' and organization_id is not null;
select tests.login('tc_editor');
select results_eq(
  $$select source, target, similarity from public.tm_semantic_search(tests.unit(1), 'en', 'fr', 2)$$,
  $$values ('Occasional travel is required.'::text, 'Des déplacements occasionnels sont requis.'::text, 100),
           ('Work is performed in an office environment.', 'Le travail s''effectue dans un environnement de bureau.', 89)$$,
  'semantic search: nearest embeddings first, cosine similarity in percent');
select is_empty($$select * from public.tm_semantic_search(tests.unit(3), 'en', 'fr', 10) where not shared$$,
  'semantic search respects organizations too');
select throws_ok($$select * from public.tm_semantic_search('[1,2,3]', 'en', 'fr')$$, '22023',
  'query_embedding must have 1536 dimensions (got 3)', 'semantic search: wrong dimensions');
select throws_ok($$select * from public.tm_semantic_search(tests.unit(1), 'en', 'fr', 101)$$, '22023',
  'max_results must be between 1 and 100 (got 101)', 'semantic search: max_results over 100');
reset role;

select * from finish();
rollback;
