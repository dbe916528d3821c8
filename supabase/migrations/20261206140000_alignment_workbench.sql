-- The alignment workbench in <jd-concordance> (issue 14, item 6): a translator fixes an
-- alignment's pairs (merge, split, re-link), confirms pairs into the translation memory, and can
-- undo any of it. The workbench sends the whole list of pairs after every step, and
-- alignment_save_pairs makes the database match it in one transaction:
--
-- * the alignment's pairs are replaced by the list (positions 0..n-1);
-- * a pair confirmed in the list and not confirmed before (same texts) is written to the
--   organization's memory (provenance 'alignment', the alignment named; a pair the memory holds
--   already counts one more use) and keeps the segment's id in tm_segment_id;
-- * a pair confirmed before and no longer confirmed (undo, or edited) gives its use back: the
--   segment this alignment added is deleted when nothing else used it, else its count goes down.
--
-- SECURITY INVOKER: RLS decides (alignments, alignment_pairs and tm_segments are written by
-- translators, editors and admins of the alignment's organization only); the explicit checks
-- come first so the caller gets a clear error rather than an empty result.

-- A merge of several pairs makes beads beyond 2-2 (the aligner itself makes 3-1 and 1-3).
alter table public.alignment_pairs drop constraint alignment_pairs_bead_check;
alter table public.alignment_pairs add constraint alignment_pairs_bead_check
  check (bead ~ '^[0-9]{1,3}-[0-9]{1,3}$' and bead !~ '^0+-0+$');

alter table public.alignment_pairs
  add column tm_segment_id bigint references public.tm_segments (id) on delete set null;
comment on column public.alignment_pairs.tm_segment_id is
  'The translation-memory segment a confirmed pair was written to (null: pending, or the segment was deleted).';
create index alignment_pairs_tm_segment_id_idx on public.alignment_pairs (tm_segment_id) where tm_segment_id is not null;

create function public.alignment_save_pairs(alignment uuid, pairs jsonb)
returns table (pairs_saved integer, confirmed integer, added_to_memory integer, withdrawn_from_memory integer)
language plpgsql
set search_path = ''
as $$
declare
  a public.alignments;
  pair record;
  old_pair record;
  kept bigint;
  kept_ids bigint[] := '{}';
  seg bigint;
  segs bigint[] := '{}';
  n_confirmed integer := 0;
  n_added integer := 0;
  n_withdrawn integer := 0;
  n_pairs integer;
begin
  perform private.check_not_null('alignment', alignment);
  if pairs is null or jsonb_typeof(pairs) <> 'array' then
    raise exception using errcode = '22023',
      message = 'pairs must be a JSON array of {source_text, target_text, bead, score, status}';
  end if;
  n_pairs := jsonb_array_length(pairs);
  if n_pairs > 20000 then
    raise exception using errcode = '22023', message = format('pairs must hold at most 20000 pairs (got %s)', n_pairs);
  end if;
  select * into a from public.alignments x where x.id = alignment;
  if not found then
    raise exception using errcode = '42501', message = format('alignment %s does not exist or is not yours to read', alignment);
  end if;
  if not private.has_org_role(a.organization_id, '{editor,translator,admin}') then
    raise exception using errcode = '42501',
      message = format('you cannot change alignment %s: only translators, editors and admins of its organization can', alignment);
  end if;
  -- Saves of one alignment run one after the other.
  perform 1 from public.alignments x where x.id = alignment for update;

  for pair in
    select (p.ordinality - 1)::integer as position,
           coalesce(p.value->>'source_text', '') as source_text, coalesce(p.value->>'target_text', '') as target_text,
           coalesce(p.value->>'status', 'pending') as status
      from jsonb_array_elements(pairs) with ordinality as p (value, ordinality)
     order by p.ordinality
  loop
    seg := null;
    if pair.status not in ('pending', 'confirmed', 'rejected') then
      raise exception using errcode = '22023',
        message = format('pairs[%s].status must be pending, confirmed or rejected (got %s)', pair.position, left(quote_literal(pair.status), 40));
    end if;
    if pair.status = 'confirmed' then
      n_confirmed := n_confirmed + 1;
      -- Confirmed before with the same texts: the segment stays as it is.
      kept := (select p.id from public.alignment_pairs p
                where p.alignment_id = alignment and p.status = 'confirmed'
                  and p.source_text = pair.source_text and p.target_text = pair.target_text
                  and p.id <> all (kept_ids)
                order by p.position limit 1);
      if kept is not null then
        kept_ids := kept_ids || kept;
        seg := (select p.tm_segment_id from public.alignment_pairs p where p.id = kept);
      else
        -- Newly confirmed: written to the memory.
        perform private.check_segment_text(format('pairs[%s].source_text', pair.position), pair.source_text);
        perform private.check_segment_text(format('pairs[%s].target_text', pair.position), pair.target_text);
        if private.normalize_text(pair.source_text) = private.normalize_text(pair.target_text) then
          raise exception using errcode = '22023',
            message = format('pairs[%s] has the same words on both sides: there is nothing to translate', pair.position);
        end if;
        insert into public.tm_segments as s (organization_id, source_lang, target_lang, source_text, target_text,
                                             provenance, alignment_id, document_id, usage_count, last_used_at)
        values (a.organization_id, a.source_lang, a.target_lang, pair.source_text, pair.target_text,
                'alignment', alignment, coalesce(a.source_document_id, a.target_document_id), 1, now())
        on conflict (coalesce(organization_id, '00000000-0000-0000-0000-000000000000'::uuid), source_lang, target_lang,
                     md5(source_text), md5(target_text))
        do update set usage_count = s.usage_count + 1, last_used_at = now()
        returning s.id into seg;
        n_added := n_added + 1;
      end if;
    end if;
    segs := segs || seg;
  end loop;

  -- Confirmed before and no longer confirmed (undone, or edited): the use this alignment added is
  -- given back; the segment goes when this alignment added it and nothing else used it.
  for old_pair in
    select p.tm_segment_id from public.alignment_pairs p
     where p.alignment_id = alignment and p.status = 'confirmed' and p.id <> all (kept_ids)
  loop
    n_withdrawn := n_withdrawn + 1;
    continue when old_pair.tm_segment_id is null;
    delete from public.tm_segments s
     where s.id = old_pair.tm_segment_id and s.alignment_id = alignment and s.provenance = 'alignment' and s.usage_count <= 1;
    if not found then
      update public.tm_segments s set usage_count = greatest(s.usage_count - 1, 0) where s.id = old_pair.tm_segment_id;
    end if;
  end loop;

  delete from public.alignment_pairs p where p.alignment_id = alignment;
  insert into public.alignment_pairs (alignment_id, position, source_text, target_text, bead, score, status, tm_segment_id)
  select alignment, (p.ordinality - 1)::integer,
         coalesce(p.value->>'source_text', ''), coalesce(p.value->>'target_text', ''), coalesce(p.value->>'bead', '1-1'),
         case when jsonb_typeof(p.value->'score') = 'number' then least(greatest((p.value->>'score')::real, 0), 1) end,
         coalesce(p.value->>'status', 'pending'), segs[p.ordinality]
    from jsonb_array_elements(pairs) with ordinality as p (value, ordinality);

  return query select n_pairs, n_confirmed, n_added, n_withdrawn;
end
$$;
comment on function public.alignment_save_pairs(uuid, jsonb) is
  'Replaces an alignment''s pairs with the workbench''s list; pairs newly confirmed go into the translation memory, pairs no longer confirmed give their use back.';
revoke all on function public.alignment_save_pairs(uuid, jsonb) from public, anon;
grant execute on function public.alignment_save_pairs(uuid, jsonb) to authenticated, service_role;
