-- glossary_lookup finds terms however the sentence writes them (issue #13, criterion 4): French
-- elision, plurals and feminines, multi-word terms, accents and case, forbidden terms with their
-- approved equivalent, under the caller's RLS. The same cases as domain/tm/glossary-cases.ts
-- (run there against the TypeScript matcher and, in scripts/glossary-parity.test.ts, against
-- this function on a database holding only that glossary); here on top of the seed's glossary.
begin;
select plan(16);

-- The seed already has ESDC's « program officer / agent de programme », the shared forbidden
-- « deadline », « meeting », « éventuellement » and « lettre d'offre », « poste », ...
select tests.login('service');
insert into public.glossary_terms (organization_id, term_en, term_fr, status) values
  (null, 'agent', 'agent', 'approved'),
  (null, 'deadline', 'date limite', 'approved'), (null, 'meeting', 'réunion', 'approved'),
  (null, 'eventually', 'finalement', 'approved'), (null, 'director', 'directeur', 'approved'),
  (null, 'Deputy Minister', 'sous-ministre', 'approved'), (null, 'opportunity', 'opportunité', 'forbidden')
on conflict do nothing;

select tests.login('translator');
-- Elision
select results_eq($$select term, status from public.glossary_lookup('L''agente traite le dossier.', 'fr') where term like 'agent%'$$,
  $$values ('agent'::text, 'approved'::text)$$, 'elision and feminine: « l''agente » finds « agent »');
select results_eq($$select term from public.glossary_lookup('Elle a remis ses lettres d’offre.', 'fr') where term = 'lettre d''offre'$$,
  $$values ('lettre d''offre'::text)$$, 'elision with a typographic apostrophe, in a plural multi-word term');
select is_empty($$select * from public.glossary_lookup('Une lettre de l''offre', 'fr') where term = 'lettre d''offre'$$,
  'a multi-word term needs its words in a row');
-- Plurals and feminines
select results_eq($$select term from public.glossary_lookup('Des agents ont été formés.', 'fr') where term like 'agent%'$$,
  $$values ('agent'::text)$$, 'plural: « des agents » finds « agent »');
select results_eq($$select term from public.glossary_lookup('Les postes vacants', 'fr') where term = 'poste'$$,
  $$values ('poste'::text)$$, 'plural: « postes » finds « poste »');
select results_eq($$select term from public.glossary_lookup('Les sous-ministres adjoints', 'fr') where term = 'sous-ministre'$$,
  $$values ('sous-ministre'::text)$$, 'plural of a hyphenated term');
select results_eq($$select term from public.glossary_lookup('La directrice régionale', 'fr') where term = 'directeur'$$,
  $$values ('directeur'::text)$$, 'feminine: « directrice » finds « directeur »');
select is_empty($$select * from public.glossary_lookup('L''agence régionale', 'fr') where term like 'agent%'$$,
  '« agence » is not « agent »');
-- Multi-word terms, accents, case
select results_eq($$select term from public.glossary_lookup('Les agentes de programmes rencontrent les agents.', 'fr') where term like 'agent%'$$,
  $$values ('agent de programme'::text), ('agent')$$, 'a multi-word term in the plural and feminine, longest first');
select results_eq($$select term from public.glossary_lookup('Groupes professionnels et offres actives', 'fr')
                    where term in ('groupe professionnel', 'offre active')$$,
  $$values ('groupe professionnel'::text), ('offre active')$$, 'plural multi-word terms (-ives finds -if/-ive)');
select results_eq($$select term from public.glossary_lookup('Poste bilingue imperatif', 'fr') where term = 'bilingue impératif'$$,
  $$values ('bilingue impératif'::text)$$, 'accent-insensitive');
-- Forbidden terms with their approved equivalent
select results_eq($$select term, status, approved_equivalents from public.glossary_lookup('Il faut respecter le DEADLINE.', 'fr')$$,
  $$values ('deadline'::text, 'forbidden'::text, '{date limite}'::text[])$$, 'a forbidden French term, with the approved French');
select results_eq($$select term, status, approved_equivalents from public.glossary_lookup('Le meeting a eu lieu; eventuellement, une réunion suivra.', 'fr')$$,
  $$values ('éventuellement'::text, 'forbidden'::text, '{finalement}'::text[]), ('réunion', 'approved', null), ('meeting', 'forbidden', '{réunion}')$$,
  'forbidden terms without their accent, and an approved one');
select results_eq($$select term, approved_equivalents from public.glossary_lookup('Une belle opportunité', 'fr')$$,
  $$values ('opportunité'::text, '{}'::text[])$$, 'a forbidden term without an approved equivalent: an empty list (the notes give advice)');
select results_eq($$select term, translation, status, approved_equivalents from public.glossary_lookup('Each PROGRAM OFFICER met the deadline.', 'en')$$,
  $$values ('program officer'::text, 'agent de programme'::text, 'approved'::text, null::text[]),
           ('deadline', 'date limite', 'approved', null), ('deadline', 'deadline', 'forbidden', '{date limite}')$$,
  'English text: case-insensitive multi-word terms, a forbidden translation with the approved one');
-- RLS: another organization's approved term is no equivalent here.
select tests.login('tc_editor');
select results_eq($$select term, translation from public.glossary_lookup('Les agents du programme', 'fr') where term_id in
                    (select id from public.glossary_terms where organization_id = 'e5dc0000-0000-4000-a000-000000000001')$$,
  $$select null::text, null::text where false$$, 'ESDC''s terms stay invisible to Transport Canada');

select * from finish();
rollback;
