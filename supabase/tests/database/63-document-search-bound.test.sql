-- Document search reads a bounded amount (issue 17, criterion 4): private.document_search holds
-- one row per job description (a weighted vector per language and the filter columns), kept
-- current by triggers on document_sections and job_descriptions; search_documents ranks at most
-- private.document_search_limit('ranked') matches, the most recently changed, and counts and
-- lists every match exactly.
begin;
select plan(20);

-- A document of ESDC with one French and one English section.
insert into public.job_descriptions (id, organization_id, title_en, title_fr, classification, status, created_by) values
  ('e5dc0000-0000-4000-a000-00000000d0b1', 'e5dc0000-0000-4000-a000-000000000001', 'Archivist', 'Archiviste', 'AS-02', 'draft',
   'e5dc0000-0000-4000-a000-000000000102');
select ok(
  (select vector_fr @@ to_tsquery('french', 'archiviste') and vector_en @@ to_tsquery('simple', 'as-02')
     from private.document_search where document_id = 'e5dc0000-0000-4000-a000-00000000d0b1'),
  'a new document has its row at once, with its identification fields');
insert into public.document_sections (document_id, lang, section_id, kind, position, heading, body) values
  ('e5dc0000-0000-4000-a000-00000000d0b1', 'fr', 'skill', 'skill', 0, 'Compétences', 'Numérise les registres paroissiaux.'),
  ('e5dc0000-0000-4000-a000-00000000d0b1', 'en', 'skill', 'skill', 0, 'Skill', 'Digitizes parish registers.');

select tests.login('editor');
select is((select id from public.search_documents('registres paroissiaux')), 'e5dc0000-0000-4000-a000-00000000d0b1'::uuid,
  'inserted sections are searchable (French)');
select is((select id from public.search_documents('parish registers')), 'e5dc0000-0000-4000-a000-00000000d0b1'::uuid,
  'inserted sections are searchable (English)');
reset role;

-- The per-document vector follows an edited section, a removed section and edited fields.
update public.document_sections set body = 'Restaure les cartes anciennes.'
 where document_id = 'e5dc0000-0000-4000-a000-00000000d0b1' and lang = 'fr';
select tests.login('editor');
select is_empty($$select * from public.search_documents('registres paroissiaux')$$, 'an edited section''s old words are gone');
select is((select id from public.search_documents('cartes anciennes')), 'e5dc0000-0000-4000-a000-00000000d0b1'::uuid,
  'its new words are found');
select is((select snippet from public.search_documents('cartes anciennes')),
  'Restaure les ' || chr(57344) || 'cartes' || chr(57345) || ' ' || chr(57344) || 'anciennes' || chr(57345),
  'with the edited section as the snippet');
reset role;
delete from public.document_sections where document_id = 'e5dc0000-0000-4000-a000-00000000d0b1' and lang = 'en';
update public.job_descriptions set title_en = 'Conservator', classification = 'AS-03'
 where id = 'e5dc0000-0000-4000-a000-00000000d0b1';
select tests.login('editor');
select is_empty($$select * from public.search_documents('parish registers')$$, 'a removed section is no longer found');
select is((select id from public.search_documents('conservator')), 'e5dc0000-0000-4000-a000-00000000d0b1'::uuid,
  'an edited title is found');
select is_empty($$select * from public.search_documents('archivist')$$, 'the old title is not');
select is((select id from public.search_documents('cartes', classification_filter => 'AS-03')),
  'e5dc0000-0000-4000-a000-00000000d0b1'::uuid, 'the classification filter follows the edited classification');
reset role;
update public.job_descriptions set status = 'archived' where id = 'e5dc0000-0000-4000-a000-00000000d0b1';
select tests.login('editor');
select is((select id from public.search_documents('cartes', status_filter => 'archived')),
  'e5dc0000-0000-4000-a000-00000000d0b1'::uuid, 'the status filter follows a status change');

-- The table is read only through private.document_search_page (its department filter, tested
-- here directly) and written by the triggers only.
select throws_ok($$select * from private.document_search$$, '42501', null, 'users cannot read it directly');
select throws_ok($$update private.document_search set status = 'draft'$$, '42501', null, 'users cannot write it');
select is(
  (select count(*) from private.document_search_page(to_tsquery('english', 'aviation'), to_tsquery('french', 'aviation'),
                                                      null, null, null, null, 100, 0)),
  0::bigint, 'the candidates are the caller''s departments'' only (Transport Canada''s "aviation" is not one)');
reset role;

-- The bound: 205 more ESDC documents say "quipu" once, the oldest one says it five times.
select is(private.document_search_limit('ranked'), 200, 'at most 200 matches are ranked per search');
insert into public.job_descriptions (id, organization_id, title_en, status, created_by, updated_at)
select ('e5dc0000-0000-4000-a000-0000000b' || lpad(to_hex(n), 4, '0'))::uuid, 'e5dc0000-0000-4000-a000-000000000001', 'Knotter ' || n,
       case when n = 1 or n > 200 then 'approved' else 'draft' end, 'e5dc0000-0000-4000-a000-000000000102',
       now() - interval '1 day' + n * interval '1 second'
  from generate_series(1, 205) n;
insert into public.document_sections (document_id, lang, section_id, kind, position, heading, body)
select ('e5dc0000-0000-4000-a000-0000000b' || lpad(to_hex(n), 4, '0'))::uuid, 'en', 'skill', 'skill', 0, 'Skill',
       case when n = 1 then 'Quipu quipu quipu quipu quipu.' else 'Ties a quipu.' end
  from generate_series(1, 205) n;
select tests.login('editor');
select is((select total_count from public.search_documents('quipu') limit 1), 205::bigint,
  'total_count counts every match, past the bound');
select isnt((select id from public.search_documents('quipu') limit 1), 'e5dc0000-0000-4000-a000-0000000b0001'::uuid,
  'past the bound, the oldest matches are not ranked: the best but oldest one is not first (best effort)');
select is(
  (select array_agg(rank) from public.search_documents('quipu', max_results => 10, skip => 200)),
  array[0, 0, 0, 0, 0]::real[], 'the pages past the bound list the other matches, unranked');
select is(
  (select count(distinct id) from (select id from public.search_documents('quipu', max_results => 100, skip => 0)
                                   union all select id from public.search_documents('quipu', max_results => 100, skip => 100)
                                   union all select id from public.search_documents('quipu', max_results => 100, skip => 200)) p),
  205::bigint, 'paging reaches every match exactly once');
select is((select id from public.search_documents('quipu', status_filter => 'approved') limit 1),
  'e5dc0000-0000-4000-a000-0000000b0001'::uuid, 'within the bound (a filter narrows the matches) ranking is exact');
reset role;

select * from finish();
rollback;
