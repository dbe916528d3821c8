-- Legacy import (issue 14 item 5) and the align function's beads (item 4).
--
-- 1. The aligner makes 3-1 and 1-3 beads too (a long English sentence translated as three, or
--    the reverse): alignment_pairs.bead accepts them. Nothing else about the column changes.
-- 2. public.import_job_description: a new job description from an imported English/French pair,
--    its sections and the alignment of the pair, in one transaction (all or nothing), as the
--    caller. document_sections is written by the service only (the sync server's projection),
--    so the sections go through private.seed_imported_sections, which writes them only for a
--    document the caller created in this same transaction and that has no content yet: the sync
--    server then gives the document its first content from them when it first loads it
--    (signal/db/document-seed.ts), exactly as for a seeded document.

alter table public.alignment_pairs drop constraint alignment_pairs_bead_check;
alter table public.alignment_pairs add constraint alignment_pairs_bead_check
  check (bead ~ '^[0-3]-[0-3]$' and bead <> '0-0');

-- Limits of one import: what a job description holds, with room to spare.
create function private.import_limit(name text) returns integer
language sql immutable
set search_path = ''
as $$
  select case name
    when 'sections' then 100        -- sections per language
    when 'heading' then 500         -- characters of a heading
    when 'body' then 100000         -- characters of a section's text
    when 'pairs' then 20000         -- aligned pairs
  end
$$;
revoke all on function private.import_limit(text) from public;
grant execute on function private.import_limit(text) to authenticated, service_role;

create function private.seed_imported_sections(document uuid, sections jsonb) returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  n integer;
begin
  -- Only the caller's own document, created in this transaction (stamp_row sets created_at to
  -- now(), the transaction's start), of an organization where they write, and still empty.
  if not exists (
    select 1 from public.job_descriptions d
     where d.id = document
       and d.created_by = auth.uid()
       and d.created_at = now()
       and d.organization_id in (select private.my_org_ids('{editor,translator,admin}'))
  ) or exists (select 1 from public.doc_updates u where u.document_id = document)
    or exists (select 1 from public.doc_snapshots s where s.document_id = document)
    or exists (select 1 from public.document_sections s where s.document_id = document) then
    raise exception using errcode = '42501',
      message = format('sections can be imported only into a new document created by the caller in the same transaction (%s)', document);
  end if;
  insert into public.document_sections (document_id, lang, section_id, kind, position, heading, body)
  select document, e ->> 'lang', e ->> 'section_id', e ->> 'kind', (e ->> 'position')::integer, e ->> 'heading', e ->> 'body'
    from jsonb_array_elements(sections) e;
  get diagnostics n = row_count;
  return n;
end
$$;
revoke all on function private.seed_imported_sections(uuid, jsonb) from public;
grant execute on function private.seed_imported_sections(uuid, jsonb) to authenticated;

-- identification: { title_en, title_fr, classification, noc_code, language_profile, position_number }
--   (each optional; the columns' own checks apply).
-- sections: [{ lang, section_id, kind, position, heading, body }], body = paragraphs joined by "\n".
-- pairs: [{ en: text, fr: text, bead: "1-1", score: 0..1 }] in document order.
-- Returns { document, alignment, sections } (sections: how many per language).
create function public.import_job_description(
  organization uuid,
  identification jsonb,
  sections jsonb,
  pairs jsonb,
  source_name text default null,
  target_name text default null
) returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  document_id uuid;
  alignment_id uuid;
  item jsonb;
  n_pairs integer;
  per_lang integer;
begin
  perform private.check_not_null('organization', organization);
  perform private.require(jsonb_typeof(identification) = 'object', 'identification must be a JSON object');
  perform private.require(
    (select coalesce(bool_and(k in ('title_en', 'title_fr', 'classification', 'noc_code', 'language_profile', 'position_number')), true)
       from jsonb_object_keys(identification) k),
    'identification may hold only title_en, title_fr, classification, noc_code, language_profile and position_number');
  perform private.require(jsonb_typeof(sections) = 'array', 'sections must be a JSON array');
  perform private.require(jsonb_typeof(pairs) = 'array', 'pairs must be a JSON array');
  for item in select value from jsonb_array_elements(sections) loop
    perform private.require(jsonb_typeof(item) = 'object', 'each section must be a JSON object');
    perform private.require(item ->> 'lang' in ('en', 'fr'), 'each section''s lang must be en or fr');
    perform private.require(coalesce(item ->> 'section_id', '') ~ '^[a-z0-9][a-z0-9-]{0,99}$', 'each section needs a section_id (lower-case letters, digits, hyphens)');
    perform private.require(item ->> 'kind' in ('client_service_results', 'key_activities', 'skill', 'effort', 'responsibility', 'working_conditions', 'custom'),
      'each section''s kind must be a TBS section kind or custom');
    perform private.require(jsonb_typeof(item -> 'position') = 'number' and (item ->> 'position')::numeric >= 0, 'each section needs its position (an integer from 0)');
    perform private.require(length(coalesce(item ->> 'heading', '')) <= private.import_limit('heading'),
      format('a section heading is at most %s characters', private.import_limit('heading')));
    perform private.require(length(coalesce(item ->> 'body', '')) <= private.import_limit('body'),
      format('a section''s text is at most %s characters', private.import_limit('body')));
  end loop;
  select max(c) into per_lang from (select count(*) c from jsonb_array_elements(sections) e group by e ->> 'lang') counts;
  perform private.require(coalesce(per_lang, 0) <= private.import_limit('sections'),
    format('sections must hold at most %s sections per language', private.import_limit('sections')));
  perform private.require(
    (select count(*) = count(distinct (e ->> 'lang', e ->> 'section_id')) from jsonb_array_elements(sections) e),
    'sections must not repeat a section_id in one language');
  n_pairs := jsonb_array_length(pairs);
  perform private.require(n_pairs <= private.import_limit('pairs'), format('pairs must hold at most %s pairs', private.import_limit('pairs')));

  insert into public.job_descriptions (organization_id, title_en, title_fr, classification, noc_code, language_profile, position_number)
  values (organization, identification ->> 'title_en', identification ->> 'title_fr', identification ->> 'classification',
          identification ->> 'noc_code', identification ->> 'language_profile', identification ->> 'position_number')
  returning id into document_id;

  perform private.seed_imported_sections(document_id, sections);

  insert into public.alignments (organization_id, source_document_id, target_document_id, source_name, target_name, source_lang, target_lang)
  values (organization, document_id, document_id, source_name, target_name, 'en', 'fr')
  returning id into alignment_id;

  insert into public.alignment_pairs (alignment_id, position, source_text, target_text, bead, score)
  select alignment_id, (e.ordinality - 1)::integer, coalesce(e.value ->> 'en', ''), coalesce(e.value ->> 'fr', ''),
         coalesce(e.value ->> 'bead', '1-1'), (e.value ->> 'score')::real
    from jsonb_array_elements(pairs) with ordinality e;

  return jsonb_build_object('document', document_id, 'alignment', alignment_id,
                            'sections', (select count(*) from jsonb_array_elements(sections) e where e ->> 'lang' = 'en'));
end
$$;
comment on function public.import_job_description(uuid, jsonb, jsonb, jsonb, text, text) is
  'Creates a job description from an imported EN/FR pair: its identification, its sections (first content of its Y.Doc) and the alignment of the pair, all or nothing, as the caller (editors, translators, admins).';
revoke all on function public.import_job_description(uuid, jsonb, jsonb, jsonb, text, text) from public, anon;
grant execute on function public.import_job_description(uuid, jsonb, jsonb, jsonb, text, text) to authenticated;
