-- The alignment workbench (issue 14, item 6): alignment_save_pairs replaces an alignment's pairs;
-- a pair newly confirmed goes into the organization's memory once, a pair no longer confirmed
-- (undo) gives its use back; beads beyond 2-2 (merges) are stored; another department neither
-- reads nor saves nor confirms the alignment, and a viewer cannot change it.
begin;
select plan(21);

create temporary table pairs_v1 as select jsonb_build_array(
  jsonb_build_object('source_text', 'Plans the work of the unit.', 'target_text', 'Planifie le travail de l''unité.', 'bead', '1-1', 'score', 0.9),
  jsonb_build_object('source_text', 'Advises managers. Prepares reports.', 'target_text', 'Conseille les gestionnaires et prépare des rapports.', 'bead', '2-1', 'score', 0.4),
  jsonb_build_object('source_text', '', 'target_text', 'Phrase orpheline.', 'bead', '0-1', 'score', 0.1)) as v;
grant select on pairs_v1 to public;

select tests.login('translator');
create temporary table a as select id from public.alignments where false;
grant all on a to public;
with x as (insert into public.alignments (organization_id, source_lang, target_lang, source_name, target_name)
  values ('e5dc0000-0000-4000-a000-000000000001', 'en', 'fr', 'pasted English', 'pasted French') returning id)
insert into a select id from x;
select results_eq($$select pairs_saved, confirmed, added_to_memory, withdrawn_from_memory
                      from public.alignment_save_pairs((select id from a), (select v from pairs_v1))$$,
  $$values (3, 0, 0, 0)$$, 'the translator saves three pending pairs');
select results_eq($$select position, bead, status from public.alignment_pairs where alignment_id = (select id from a) order by position$$,
  $$values (0, '1-1'::text, 'pending'::text), (1, '2-1', 'pending'), (2, '0-1', 'pending')$$, 'stored in order, pending');

-- Confirming the first pair writes it to the memory, named as coming from the alignment.
select results_eq($$select confirmed, added_to_memory from public.alignment_save_pairs((select id from a),
                      jsonb_set((select v from pairs_v1), '{0,status}', '"confirmed"'))$$,
  $$values (1, 1)$$, 'confirming one pair adds one segment');
select results_eq($$select s.provenance, s.alignment_id = (select id from a), s.usage_count, s.organization_id
                      from public.tm_segments s where s.source_text = 'Plans the work of the unit.'$$,
  $$values ('alignment'::text, true, 1, 'e5dc0000-0000-4000-a000-000000000001'::uuid)$$, 'the segment: provenance alignment, this alignment, one use');
select results_eq($$select p.status, p.confirmed_by = tests.uid('translator'), p.tm_segment_id is not null
                      from public.alignment_pairs p where p.alignment_id = (select id from a) and p.position = 0$$,
  $$values ('confirmed'::text, true, true)$$, 'the pair is confirmed by the translator and names its segment');

-- Saving the same list again (another edit elsewhere) writes nothing more.
select results_eq($$select confirmed, added_to_memory, withdrawn_from_memory from public.alignment_save_pairs((select id from a),
                      jsonb_set((select v from pairs_v1), '{0,status}', '"confirmed"'))$$,
  $$values (1, 0, 0)$$, 'a confirmed pair saved again is not added again');
select is((select usage_count from public.tm_segments where source_text = 'Plans the work of the unit.'), 1, 'still one use');

-- Merging pairs 1 and 2 (a 2-2 bead) and a 3-1 bead are stored.
select lives_ok($$select public.alignment_save_pairs((select id from a), jsonb_build_array(
    jsonb_set((select v from pairs_v1)->0, '{status}', '"confirmed"'),
    jsonb_build_object('source_text', 'Advises managers. Prepares reports. Leads.', 'target_text', 'Conseille. Phrase orpheline.', 'bead', '3-2')))$$,
  'a 3-2 bead made by merging is stored');
select is((select count(*)::integer from public.alignment_pairs where alignment_id = (select id from a)), 2, 'two pairs now');

-- Undo: the first pair pending again gives its use back; the segment this alignment added goes.
select results_eq($$select confirmed, withdrawn_from_memory from public.alignment_save_pairs((select id from a), (select v from pairs_v1))$$,
  $$values (0, 1)$$, 'un-confirming withdraws one pair');
select is_empty($$select 1 from public.tm_segments where source_text = 'Plans the work of the unit.'$$,
  'the segment the alignment added is gone from the memory');

-- A pair the memory already holds counts one more use, and undo takes it back without deleting it.
select lives_ok($$select public.tm_add_segment('Advises managers. Prepares reports.', 'Conseille les gestionnaires et prépare des rapports.', 'en', 'fr')$$,
  'the same pair is added to the memory by hand');
select lives_ok($$select public.alignment_save_pairs((select id from a), jsonb_set((select v from pairs_v1), '{1,status}', '"confirmed"'))$$,
  'the alignment confirms the pair the memory holds');
select is((select usage_count from public.tm_segments where source_text = 'Advises managers. Prepares reports.'), 1, 'one more use of the existing segment');
select lives_ok($$select public.alignment_save_pairs((select id from a), (select v from pairs_v1))$$, 'undo');
select is((select usage_count from public.tm_segments where source_text = 'Advises managers. Prepares reports.'), 0, 'the use is given back, the segment kept');

select throws_ok($$select public.alignment_save_pairs((select id from a), jsonb_set((select v from pairs_v1), '{2,status}', '"confirmed"'))$$,
  '22023', null, 'a pair with an empty side cannot be confirmed');

-- Another department: reads nothing, cannot save or confirm.
select tests.login('tc_editor');
select is_empty($$select 1 from public.alignment_pairs where alignment_id = (select id from a)
                  union all select 1 from public.alignments where id = (select id from a)$$,
  'Transport Canada''s editor reads neither the alignment nor its pairs');
select throws_ok($$select public.alignment_save_pairs((select id from a), jsonb_set((select v from pairs_v1), '{0,status}', '"confirmed"'))$$,
  '42501', null, 'nor saves or confirms them');

-- A viewer of ESDC reads but cannot change.
select tests.login('viewer');
select is((select count(*)::integer from public.alignment_pairs where alignment_id = (select id from a)), 3, 'a viewer of ESDC reads the pairs');
select throws_ok($$select public.alignment_save_pairs((select id from a), (select v from pairs_v1))$$,
  '42501', format('you cannot change alignment %s: only translators, editors and admins of its organization can', (select id from a)),
  'but cannot save them, and is told why');

select * from finish();
rollback;
