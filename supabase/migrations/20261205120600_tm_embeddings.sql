-- Background embeddings for the translation memory (issue 13 item 5). A segment's embedding is
-- null until the `embed` Edge Function, acting as the service, computes one from its source text
-- (edge-functions/embed/: pending mode). These are the two calls that job makes, and a guard so
-- that an embedding always belongs to the text it stands for. It needs pgvector like
-- 20261123100500_translation_vectors.sql, so it says so the same way (a server without pgvector
-- leaves both out, see dev/tests/migrations-pg15.test.ts).

create extension if not exists vector with schema extensions;

-- What is still to embed, oldest first: a small partial index, empty once the backlog is done.
create index tm_segments_embedding_pending_idx on public.tm_segments (id) where embedding is null;

-- End users never write an embedding (editors may update segments through RLS, and a forged
-- vector would rank their segment first for any query); a changed source text drops the old
-- embedding, so the background job computes it again.
create function private.tm_segments_embedding_guard() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    if private.is_end_user() then
      new.embedding := null;
    end if;
    return new;
  end if;
  if private.is_end_user() then
    new.embedding := old.embedding;
  end if;
  -- Nested, so the vectors are compared only when the text changed (usage updates are frequent).
  if new.source_text is distinct from old.source_text then
    if new.embedding::text is not distinct from old.embedding::text then
      new.embedding := null;
    end if;
  end if;
  return new;
end
$$;
revoke all on function private.tm_segments_embedding_guard() from public;

create trigger tm_segments_embedding_guard before insert or update on public.tm_segments
  for each row execute function private.tm_segments_embedding_guard();

-- Segments waiting for an embedding, oldest first, with the organization their usage is charged
-- to (null: the shared memory). Service only: it reads every organization's segments.
create function public.tm_pending_embeddings(max_rows integer default 96)
returns table (segment_id bigint, organization_id uuid, source_text text)
language plpgsql stable
set search_path = ''
as $$
begin
  perform private.check_range('max_rows', max_rows, 1, 1000);
  return query
    select s.id, s.organization_id, s.source_text
      from public.tm_segments s
     where s.embedding is null
     order by s.id
     limit max_rows;
end
$$;
comment on function public.tm_pending_embeddings(integer) is
  'Service only: segments whose embedding is still to compute (source text, organization), oldest first.';
revoke all on function public.tm_pending_embeddings(integer) from public, anon, authenticated;
grant execute on function public.tm_pending_embeddings(integer) to service_role;

-- Writes embeddings computed for segment_ids[i] from source_texts[i] (embeddings: a JSON array of
-- 1536-number arrays, same order). A segment whose source text changed since it was read keeps
-- its null embedding (it is read again on the next round); returns how many were written.
create function public.tm_store_embeddings(segment_ids bigint[], source_texts text[], embeddings jsonb)
returns integer
language plpgsql
set search_path = ''
as $$
declare
  written integer;
begin
  perform private.check_not_null('segment_ids', segment_ids);
  perform private.check_not_null('source_texts', source_texts);
  perform private.check_not_null('embeddings', embeddings);
  perform private.require(jsonb_typeof(embeddings) = 'array', 'embeddings must be a JSON array');
  perform private.require(cardinality(segment_ids) between 1 and 1000,
    format('segment_ids must hold between 1 and 1000 ids (got %s)', cardinality(segment_ids)));
  perform private.require(cardinality(source_texts) = cardinality(segment_ids)
      and jsonb_array_length(embeddings) = cardinality(segment_ids),
    format('segment_ids, source_texts and embeddings must have the same length (got %s, %s and %s)',
      cardinality(segment_ids), cardinality(source_texts), jsonb_array_length(embeddings)));
  perform private.require(not exists (
      select 1 from jsonb_array_elements(embeddings) e
       where jsonb_typeof(e) <> 'array' or jsonb_array_length(e) <> 1536),
    'each embedding must be an array of 1536 numbers');
  update public.tm_segments s
     set embedding = (e.value::text)::extensions.vector(1536)
    from unnest(segment_ids, source_texts) with ordinality as i(id, text, n)
    join jsonb_array_elements(embeddings) with ordinality as e(value, n) on e.n = i.n
   where s.id = i.id
     and s.source_text = i.text;
  get diagnostics written = row_count;
  return written;
end
$$;
comment on function public.tm_store_embeddings(bigint[], text[], jsonb) is
  'Service only: stores embeddings (1536 numbers each) for segments whose source text is still the one embedded.';
revoke all on function public.tm_store_embeddings(bigint[], text[], jsonb) from public, anon, authenticated;
grant execute on function public.tm_store_embeddings(bigint[], text[], jsonb) to service_role;
