-- Translation memory, glossary and alignments.
-- The embedding column, its HNSW index and semantic search are in
-- 20261123100500_translation_vectors.sql (the only migration that needs pgvector).

-- Text normalisation and fuzzy scoring -----------------------------------------------------------

-- The form TM retrieval and scoring compare: NFC, lower case, typographic apostrophes, quotes,
-- dashes and spaces unified, punctuation dropped (so "1,000"/"1 000" and "2.5"/"2,5" agree),
-- elided articles split off ("l'équipe" -> "l' équipe"), hyphens kept inside words, single spaces.
-- Accents are kept: they are meaningful in French, and the fuzzy score tolerates a missing one.
create function private.normalize_text(t text) returns text
language sql immutable parallel safe strict
set search_path = ''
as $$
  select btrim(
    regexp_replace(
      regexp_replace(
        regexp_replace(
          regexp_replace(
            translate(lower(normalize(t, nfc)),
                      E'\u2019\u2018\u0060\u00b4\u02bc\u2013\u2014\u2010\u2011\u2012\u2212\u00a0\u202f\u2009\u2007\t\n\r',
                      E'\'\'\'\'\'------        '),
            '[.,;:!?()\[\]{}"\u201c\u201d\u00ab\u00bb\u201e\u201f\u2039\u203a/\\|*+=<>\u2026\u2022\u00b7\u00a7\u00b6#~^_@&%$]', ' ', 'g'),
          '''', ''' ', 'g'),
        '(^|\s)-+|-+(\s|$)', ' ', 'g'),
      '\s+', ' ', 'g'))
$$;

-- Word-level Levenshtein distance (insertions, deletions, substitutions of whole words).
create function private.word_edit_distance(a text[], b text[]) returns integer
language plpgsql immutable parallel safe strict
set search_path = ''
as $$
declare
  n integer := coalesce(array_length(a, 1), 0);
  m integer := coalesce(array_length(b, 1), 0);
  prev integer[];
  cur integer[];
  i integer;
  j integer;
  ai text;
begin
  if n = 0 then return m; end if;
  if m = 0 then return n; end if;
  prev := array(select generate_series(0, m));
  cur := prev;
  for i in 1..n loop
    ai := a[i];
    cur[1] := i;
    for j in 1..m loop
      cur[j + 1] := least(prev[j + 1] + 1, cur[j] + 1, prev[j] + case when ai = b[j] then 0 else 1 end);
    end loop;
    prev := cur;
  end loop;
  return prev[m + 1];
end
$$;

-- CAT-tool fuzzy match score in percent: 100 - word edit distance / longer length, computed on
-- the normalised texts; 100 only for the same words, and one point off when the raw texts still
-- differ (case, punctuation, spacing), so an exact match always ranks above a near-exact one.
create function private.fuzzy_score(query_normalized text, query_raw text, candidate_normalized text, candidate_raw text)
returns integer
language plpgsql immutable parallel safe
set search_path = ''
as $$
declare
  a text[] := string_to_array(query_normalized, ' ');
  b text[] := string_to_array(candidate_normalized, ' ');
  longest integer := greatest(coalesce(array_length(a, 1), 0), coalesce(array_length(b, 1), 0));
  distance integer;
  score integer;
begin
  if longest = 0 then
    return 0;
  end if;
  distance := private.word_edit_distance(a, b);
  score := greatest(0, 100 - ceil(100.0 * distance / longest)::integer);
  if score = 100 and regexp_replace(btrim(query_raw), '\s+', ' ', 'g') <> regexp_replace(btrim(candidate_raw), '\s+', ' ', 'g') then
    score := 99;
  end if;
  return score;
end
$$;

grant execute on function private.normalize_text(text), private.word_edit_distance(text[], text[]),
  private.fuzzy_score(text, text, text, text) to authenticated, service_role;

-- Alignments -------------------------------------------------------------------------------------

create table public.alignments (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  -- The document pair: job descriptions of the organization, or external documents by name.
  source_document_id uuid references public.job_descriptions (id) on delete set null,
  target_document_id uuid references public.job_descriptions (id) on delete set null,
  source_name text check (source_name is null or length(source_name) <= 500),
  target_name text check (target_name is null or length(target_name) <= 500),
  source_lang text not null check (source_lang in ('en', 'fr')),
  target_lang text not null check (target_lang in ('en', 'fr')),
  status text not null default 'draft' check (status in ('draft', 'confirmed')),
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  confirmed_by uuid references auth.users (id) on delete set null,
  confirmed_at timestamptz,
  constraint alignments_languages_differ check (source_lang <> target_lang)
);
comment on table public.alignments is 'An aligned EN/FR document pair; its sentence pairs are in alignment_pairs.';
create index alignments_organization_id_idx on public.alignments (organization_id);
-- Foreign keys to documents: deleting a document looks its alignments up.
create index alignments_source_document_id_idx on public.alignments (source_document_id) where source_document_id is not null;
create index alignments_target_document_id_idx on public.alignments (target_document_id) where target_document_id is not null;
alter table public.alignments enable row level security;

create table public.alignment_pairs (
  id bigint generated always as identity primary key,
  alignment_id uuid not null references public.alignments (id) on delete cascade,
  organization_id uuid not null references public.organizations (id) on delete cascade,
  position integer not null check (position >= 0),
  source_text text not null default '' check (length(source_text) <= 10000),
  target_text text not null default '' check (length(target_text) <= 10000),
  -- Sentences on each side: 1-1, 2-1, 1-2, 1-0, 0-1, 2-2.
  bead text not null default '1-1' check (bead ~ '^[0-2]-[0-2]$' and bead <> '0-0'),
  score real check (score is null or score between 0 and 1),
  status text not null default 'pending' check (status in ('pending', 'confirmed', 'rejected')),
  confirmed_by uuid references auth.users (id) on delete set null,
  confirmed_at timestamptz,
  unique (alignment_id, position)
);
comment on table public.alignment_pairs is 'Aligned sentence pairs of an alignment, with their score and who confirmed them.';
create index alignment_pairs_organization_id_idx on public.alignment_pairs (organization_id);
alter table public.alignment_pairs enable row level security;

create trigger alignments_updated_at before update on public.alignments
  for each row execute function private.set_updated_at();
create trigger alignments_stamp before insert or update on public.alignments
  for each row execute function private.stamp_row();

-- Pairs take the alignment's organization (looked up under the caller's RLS: an alignment the
-- caller cannot see gives null, and the policy refuses the row); confirming records who/when.
create function private.alignment_pairs_before_write() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' then
    if new.alignment_id is distinct from old.alignment_id then
      raise exception using errcode = '42501', message = 'alignment_pairs.alignment_id cannot change';
    end if;
    new.organization_id := old.organization_id;
  else
    new.organization_id := (select a.organization_id from public.alignments a where a.id = new.alignment_id);
  end if;
  if private.is_end_user() and (tg_op = 'INSERT' or new.status is distinct from old.status) then
    if new.status = 'confirmed' then
      new.confirmed_by := auth.uid();
      new.confirmed_at := now();
    else
      new.confirmed_by := null;
      new.confirmed_at := null;
    end if;
  end if;
  return new;
end
$$;
revoke all on function private.alignment_pairs_before_write() from public;

create trigger alignment_pairs_before_write before insert or update on public.alignment_pairs
  for each row execute function private.alignment_pairs_before_write();

create function private.alignments_confirm() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if private.is_end_user() and new.status is distinct from old.status then
    if new.status = 'confirmed' then
      new.confirmed_by := auth.uid();
      new.confirmed_at := now();
    else
      new.confirmed_by := null;
      new.confirmed_at := null;
    end if;
  end if;
  return new;
end
$$;
revoke all on function private.alignments_confirm() from public;

create trigger alignments_confirm before update on public.alignments
  for each row execute function private.alignments_confirm();

-- Translation memory -----------------------------------------------------------------------------

create table public.tm_segments (
  id bigint generated always as identity primary key,
  -- null: the shared memory every signed-in user reads (written by the service only).
  organization_id uuid references public.organizations (id) on delete cascade,
  source_lang text not null check (source_lang in ('en', 'fr')),
  target_lang text not null check (target_lang in ('en', 'fr')),
  source_text text not null check (length(btrim(source_text)) between 1 and 10000),
  target_text text not null check (length(btrim(target_text)) between 1 and 10000),
  source_normalized text generated always as (private.normalize_text(source_text)) stored,
  target_normalized text generated always as (private.normalize_text(target_text)) stored,
  -- The normalised words as lexemes (no stemming, no stop words: exactly normalize_text's words).
  source_words tsvector generated always as (array_to_tsvector(string_to_array(private.normalize_text(source_text), ' '))) stored,
  target_words tsvector generated always as (array_to_tsvector(string_to_array(private.normalize_text(target_text), ' '))) stored,
  provenance text not null default 'user' check (provenance in ('document', 'alignment', 'import', 'user')),
  document_id uuid references public.job_descriptions (id) on delete set null,
  alignment_id uuid references public.alignments (id) on delete set null,
  quality smallint check (quality is null or quality between 0 and 100),
  usage_count integer not null default 0 check (usage_count >= 0),
  last_used_at timestamptz,
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint tm_segments_languages_differ check (source_lang <> target_lang)
);
comment on table public.tm_segments is
  'Translation memory: sentence pairs of an organization (or shared when organization_id is null), with provenance and usage. tm_search() matches either direction.';
-- Retrieval, either direction of a pair:
-- * trigram GIN on both normalised texts: concordance (LIKE '%term%') and low-threshold fuzzy
--   search (%);
-- * word GIN on both normalised texts (each word a lexeme, exactly as normalize_text splits
--   them): fuzzy candidates that share enough of the query's words (see tm_fuzzy_matches).
create index tm_segments_source_trgm_idx on public.tm_segments using gin (source_normalized extensions.gin_trgm_ops);
create index tm_segments_target_trgm_idx on public.tm_segments using gin (target_normalized extensions.gin_trgm_ops);
create index tm_segments_source_words_idx on public.tm_segments using gin (source_words);
create index tm_segments_target_words_idx on public.tm_segments using gin (target_words);
create index tm_segments_organization_id_idx on public.tm_segments (organization_id);
create index tm_segments_document_id_idx on public.tm_segments (document_id) where document_id is not null;
create index tm_segments_alignment_id_idx on public.tm_segments (alignment_id) where alignment_id is not null;
-- One row per exact pair and memory (raw texts, hashed: btree entries have a size limit).
create unique index tm_segments_pair_key on public.tm_segments
  (coalesce(organization_id, '00000000-0000-0000-0000-000000000000'::uuid), source_lang, target_lang,
   md5(source_text), md5(target_text));
alter table public.tm_segments enable row level security;

create trigger tm_segments_updated_at before update on public.tm_segments
  for each row execute function private.set_updated_at();
create trigger tm_segments_stamp before insert or update on public.tm_segments
  for each row execute function private.stamp_row();

-- A segment's document must belong to the segment's organization.
create function private.tm_segments_check_document() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.document_id is not null and (tg_op = 'INSERT' or new.document_id is distinct from old.document_id) then
    if new.organization_id is distinct from (select jd.organization_id from public.job_descriptions jd where jd.id = new.document_id) then
      raise exception using errcode = '22023',
        message = format('document %s is not a document of the segment''s organization', new.document_id);
    end if;
  end if;
  if new.alignment_id is not null and (tg_op = 'INSERT' or new.alignment_id is distinct from old.alignment_id) then
    if new.organization_id is distinct from (select a.organization_id from public.alignments a where a.id = new.alignment_id) then
      raise exception using errcode = '22023',
        message = format('alignment %s is not an alignment of the segment''s organization', new.alignment_id);
    end if;
  end if;
  return new;
end
$$;
revoke all on function private.tm_segments_check_document() from public;

create trigger tm_segments_check_document before insert or update on public.tm_segments
  for each row execute function private.tm_segments_check_document();

-- Glossary ---------------------------------------------------------------------------------------

create table public.glossary_terms (
  id uuid primary key default gen_random_uuid(),
  -- null: shared terminology (written by the service only).
  organization_id uuid references public.organizations (id) on delete cascade,
  term_en text not null check (length(btrim(term_en)) between 1 and 500),
  term_fr text not null check (length(btrim(term_fr)) between 1 and 500),
  term_en_normalized text generated always as (private.normalize_text(term_en)) stored,
  term_fr_normalized text generated always as (private.normalize_text(term_fr)) stored,
  domain text check (domain is null or length(domain) <= 100),
  -- approved: use this equivalent; forbidden: never translate term_en as term_fr (notes give the
  -- right term); pending: proposed by an editor or translator, awaiting an admin.
  status text not null default 'pending' check (status in ('approved', 'forbidden', 'pending')),
  notes text check (notes is null or length(notes) <= 10000),
  source text check (source is null or length(source) <= 500),
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.glossary_terms is 'Bilingual terminology: approved and forbidden equivalents, and pending proposals.';
create unique index glossary_terms_pair_key on public.glossary_terms
  (coalesce(organization_id, '00000000-0000-0000-0000-000000000000'::uuid), term_en_normalized, term_fr_normalized);
create index glossary_terms_organization_id_idx on public.glossary_terms (organization_id);
create index glossary_terms_en_trgm_idx on public.glossary_terms using gin (term_en_normalized extensions.gin_trgm_ops);
create index glossary_terms_fr_trgm_idx on public.glossary_terms using gin (term_fr_normalized extensions.gin_trgm_ops);
alter table public.glossary_terms enable row level security;

create trigger glossary_terms_updated_at before update on public.glossary_terms
  for each row execute function private.set_updated_at();
create trigger glossary_terms_stamp before insert or update on public.glossary_terms
  for each row execute function private.stamp_row();
