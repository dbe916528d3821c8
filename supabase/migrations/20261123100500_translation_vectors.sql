-- Semantic translation memory: the one migration that needs pgvector (kept apart so the schema
-- can be checked on a Postgres without it, see dev/tests/migrations-pg15.test.ts).

create extension if not exists vector with schema extensions;

-- 1536 dimensions: OpenAI text-embedding-3-small and compatible models. Null until an
-- embedding job (an Edge Function acting as the service) fills it.
alter table public.tm_segments add column embedding extensions.vector(1536);

create index tm_segments_embedding_idx on public.tm_segments
  using hnsw (embedding extensions.vector_cosine_ops);

-- Nearest segments by cosine similarity to an embedding of the query text, in either direction
-- of the language pair, among the segments the caller may read (RLS applies). similarity is
-- 1 - cosine distance, in percent.
create function public.tm_semantic_search(
  query_embedding extensions.vector,
  source_lang text,
  target_lang text,
  max_results integer default 10
)
returns table (
  segment_id bigint,
  source text,
  target text,
  similarity integer,
  provenance text,
  quality smallint,
  organization_id uuid,
  shared boolean
)
language plpgsql stable
set search_path = ''
as $$
begin
  perform private.check_not_null('query_embedding', query_embedding);
  perform private.require(extensions.vector_dims(query_embedding) = 1536,
    format('query_embedding must have 1536 dimensions (got %s)', extensions.vector_dims(query_embedding)));
  perform private.check_lang('source_lang', tm_semantic_search.source_lang);
  perform private.check_lang('target_lang', tm_semantic_search.target_lang);
  perform private.require(tm_semantic_search.source_lang <> tm_semantic_search.target_lang,
    format('source_lang and target_lang must differ (both %s)', tm_semantic_search.source_lang));
  perform private.check_range('max_results', max_results, 1, 100);
  -- RLS and the language filter drop some of what the HNSW index returns: a wider candidate
  -- list than the default 40, and (pgvector >= 0.8) iterative scans until enough rows pass.
  perform set_config('hnsw.ef_search', '100', true);
  begin
    perform set_config('hnsw.iterative_scan', 'relaxed_order', true);
  exception when others then
    null; -- older pgvector: the wider list alone
  end;
  return query
    select n.id, n.src, n.tgt,
           greatest(0, round(100 * (1 - n.distance)))::integer,
           n.provenance, n.quality, n.organization_id, n.organization_id is null
      from (
        select s.id,
               case when s.source_lang = tm_semantic_search.source_lang then s.source_text else s.target_text end as src,
               case when s.source_lang = tm_semantic_search.source_lang then s.target_text else s.source_text end as tgt,
               s.embedding operator(extensions.<=>) query_embedding as distance,
               s.provenance, s.quality, s.organization_id
          from public.tm_segments s
         where s.embedding is not null
           and ((s.source_lang = tm_semantic_search.source_lang and s.target_lang = tm_semantic_search.target_lang)
             or (s.source_lang = tm_semantic_search.target_lang and s.target_lang = tm_semantic_search.source_lang))
         order by s.embedding operator(extensions.<=>) query_embedding
         limit max_results
      ) n
     order by n.distance;
end
$$;
comment on function public.tm_semantic_search(extensions.vector, text, text, integer) is
  'Semantic TM matches for a query embedding (1536 dimensions), best first, similarity in percent.';
revoke all on function public.tm_semantic_search(extensions.vector, text, text, integer) from public, anon;
grant execute on function public.tm_semantic_search(extensions.vector, text, text, integer) to authenticated, service_role;
