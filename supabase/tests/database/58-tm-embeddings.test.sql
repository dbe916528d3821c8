-- Background embeddings (issue 13 item 5, migration 20261205120600): only the service lists
-- pending segments and stores embeddings; a stored embedding belongs to the text it was computed
-- from; end users never write one; a changed source text drops it.
begin;
select plan(16);

-- A vector of 1536 equal values, as JSON (what the embed function sends) and as text.
create temporary table v as select (select jsonb_agg(0.5) from generate_series(1, 1536)) as one;
grant select on v to public;

-- Who may call -----------------------------------------------------------------------------------
select tests.login('admin');
select throws_ok($$select * from public.tm_pending_embeddings(10)$$, '42501', null,
  'an admin cannot list pending segments (they span every organization)');
select throws_ok($$select public.tm_store_embeddings(array[1::bigint], array['x'], '[[1]]'::jsonb)$$, '42501', null,
  'nor store embeddings');
select tests.login('anon');
select throws_ok($$select * from public.tm_pending_embeddings(10)$$, '42501', null, 'nor can anon');

-- The service lists and stores -------------------------------------------------------------------
select tests.login('service');
select ok((select count(*) from public.tm_pending_embeddings(1000)) > 0, 'the seeded memory waits for embeddings');
select throws_ok($$select * from public.tm_pending_embeddings(0)$$, '22023', 'max_rows must be between 1 and 1000 (got 0)',
  'max_rows is bounded');
create temporary table first_pending as select * from public.tm_pending_embeddings(1);
grant select on first_pending to public;
select throws_ok(
  $$select public.tm_store_embeddings((select array[segment_id] from first_pending), array['a', 'b'], (select jsonb_build_array(one) from v))$$,
  '22023', 'segment_ids, source_texts and embeddings must have the same length (got 1, 2 and 1)',
  'the three arrays must match');
select throws_ok(
  $$select public.tm_store_embeddings((select array[segment_id] from first_pending), (select array[source_text] from first_pending), '[[1, 2, 3]]'::jsonb)$$,
  '22023', 'each embedding must be an array of 1536 numbers', 'the dimension is checked');
select is(
  public.tm_store_embeddings((select array[segment_id] from first_pending), array['not the text it has'], (select jsonb_build_array(one) from v)),
  0, 'an embedding of another text (the source changed since it was read) is not stored');
select is(
  public.tm_store_embeddings((select array[segment_id] from first_pending), (select array[source_text] from first_pending), (select jsonb_build_array(one) from v)),
  1, 'an embedding of the current text is stored');
select ok(not exists (select 1 from public.tm_pending_embeddings(1000) p join first_pending f using (segment_id)),
  'the segment is no longer pending');

-- End users and the guard ------------------------------------------------------------------------
select tests.login('editor');
select lives_ok(
  $$update public.tm_segments set embedding = (select array_fill(0.25::real, array[1536])::extensions.vector) where id = (select segment_id from first_pending)$$,
  'an editor''s update of the embedding is not an error');
reset role; select set_config('request.jwt.claims', '', true) as owner;
select is((select (embedding::real[])[1] from public.tm_segments where id = (select segment_id from first_pending)), 0.5::real,
  'but the embedding stays the one the service stored');
select tests.login('editor');
select lives_ok(
  $$select * from public.tm_add_segment('Checks embeddings on insert.', 'Vérifie les plongements.', 'en', 'fr', 'e5dc0000-0000-4000-a000-000000000001')$$,
  'an editor adds a segment');
select lives_ok(
  $$insert into public.tm_segments (organization_id, source_lang, target_lang, source_text, target_text, embedding)
    values ('e5dc0000-0000-4000-a000-000000000001', 'en', 'fr', 'A forged one.', 'Un faux.', (select array_fill(0.25::real, array[1536])::extensions.vector))$$,
  'an editor inserts one with an embedding');
reset role; select set_config('request.jwt.claims', '', true) as owner;
select is((select count(*)::int from public.tm_segments where source_text in ('Checks embeddings on insert.', 'A forged one.') and embedding is null), 2,
  'both wait for the service: an end user''s embedding is dropped');
update public.tm_segments set source_text = 'Edited since it was embedded.' where id = (select segment_id from first_pending);
select is((select embedding from public.tm_segments where id = (select segment_id from first_pending)), null,
  'a changed source text drops the embedding');

select * from finish();
rollback;
