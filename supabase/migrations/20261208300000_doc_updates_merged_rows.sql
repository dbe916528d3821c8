-- One row per document per group commit (issue 18 item 1). The sync server used to store each
-- Yjs update as a row of its own; it now stores the updates of one document that one group
-- commit carries as a single row: Y.mergeUpdates of them, covering the seqs seq..seq_end (one
-- seq per update, as before, so seqs still count updates and gaps are still gaps), with the
-- author of each seq in `authors`. Rows written before keep seq_end null and read as seq..seq.
alter table public.doc_updates
  add column seq_end bigint,
  add column authors uuid[];

alter table public.doc_updates
  add constraint doc_updates_seq_range check (seq_end is null or seq_end >= seq),
  add constraint doc_updates_authors_per_seq
    check (authors is null or (array_ndims(authors) = 1 and cardinality(authors) = coalesce(seq_end, seq) - seq + 1));

comment on column public.doc_updates.seq_end is
  'Last seq this row covers (its update is the merge of the updates seq..seq_end); null for a row of one update (seq..seq).';
comment on column public.doc_updates.authors is
  'For a row covering several seqs: the author (auth.users id, null when unknown) of each seq, in seq order. Null for a row of one seq, whose author is created_by.';
comment on column public.doc_updates.created_by is
  'The author of every seq of the row when there is one; null when unknown or when several authors share the row (then see authors).';

-- Seqs default to the next one after everything stored (the last row's seq_end, not its seq),
-- and a row may not cover a seq another row covers: (document_id, seq) is unique, and the row
-- that starts last at or before this row's end must end before this row starts. Rows are
-- appended under the document's advisory lock, so that one row is the only one to check.
create or replace function private.doc_updates_before_insert() returns trigger
language plpgsql
set search_path = ''
as $$
declare
  prior_start bigint;
  prior_end bigint;
begin
  if private.is_end_user() then
    new.created_by := auth.uid();
    new.created_at := now();
    new.authors := null;
  end if;
  if new.seq is null then
    if new.seq_end is not null then
      raise exception using errcode = '22023', message = 'doc_updates.seq_end needs seq: give both or neither';
    end if;
    perform pg_advisory_xact_lock(hashtextextended(new.document_id::text, 7031));
    new.seq := greatest(
      coalesce((select max(coalesce(u.seq_end, u.seq)) from public.doc_updates u where u.document_id = new.document_id), 0),
      coalesce((select s.last_seq from public.doc_snapshots s where s.document_id = new.document_id), 0)) + 1;
  end if;
  select u.seq, coalesce(u.seq_end, u.seq) into prior_start, prior_end
    from public.doc_updates u
   where u.document_id = new.document_id and u.seq <= coalesce(new.seq_end, new.seq)
   order by u.seq desc limit 1;
  if prior_start is not null and prior_end >= new.seq then
    raise exception using errcode = '23505',
      message = format('doc_updates seqs %s..%s of document %s overlap the stored row %s..%s',
                       new.seq, coalesce(new.seq_end, new.seq), new.document_id, prior_start, prior_end);
  end if;
  return new;
end
$$;
revoke all on function private.doc_updates_before_insert() from public;

-- Saving a version reads the tail after the snapshot: every row that covers a seq after it (a
-- row the snapshot covers in part is kept whole; applying an update twice changes nothing), up
-- to the last seq any row covers. Otherwise as in 20261207400000.
create or replace function private.save_document_version(doc uuid, version_name text, version_note text)
returns public.document_versions
language plpgsql security definer
set search_path = ''
as $$
declare
  snapshot_state bytea;
  snapshot_seq bigint;
  tail bytea[];
  tail_seq bigint;
  meta jsonb;
  content jsonb;
  saved public.document_versions;
begin
  -- A signed-in caller must be a writer of the document (the service, without a user, may).
  if auth.uid() is not null then
    perform private.require_document_role(doc, '{editor,translator,admin}', 'save a version');
  end if;
  select s.state, s.last_seq into snapshot_state, snapshot_seq
    from public.doc_snapshots s where s.document_id = doc;
  select coalesce(array_agg(u.update order by u.seq), '{}'), max(coalesce(u.seq_end, u.seq)) into tail, tail_seq
    from public.doc_updates u where u.document_id = doc and coalesce(u.seq_end, u.seq) > coalesce(snapshot_seq, 0);
  select jsonb_build_object('title_en', jd.title_en, 'title_fr', jd.title_fr, 'classification', jd.classification,
                            'position_number', jd.position_number, 'noc_code', jd.noc_code,
                            'language_profile', jd.language_profile, 'status', jd.status)
    into meta from public.job_descriptions jd where jd.id = doc;
  select coalesce(jsonb_agg(jsonb_build_object('lang', ds.lang, 'section_id', ds.section_id, 'kind', ds.kind,
                                               'position', ds.position, 'heading', ds.heading, 'body', ds.body)
                            order by ds.lang, ds.position, ds.section_id), '[]'::jsonb)
    into content from public.document_sections ds where ds.document_id = doc;
  insert into public.document_versions (document_id, name, note, seq, state, updates, metadata, sections, created_by)
  values (doc, version_name, version_note, greatest(coalesce(tail_seq, 0), coalesce(snapshot_seq, 0)),
          snapshot_state, tail, meta, content, auth.uid())
  returning * into saved;
  return saved;
end
$$;
revoke all on function private.save_document_version(uuid, text, text) from public;
grant execute on function private.save_document_version(uuid, text, text) to authenticated, service_role;
