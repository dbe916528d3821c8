-- Translation memory growth (issue 13, item 4): approved work becomes translation memory, once.
--
-- * Approving a review round (approvals.decision pending -> approved) queues one harvest job in
--   private.tm_harvest_jobs, in the approving transaction, with the document's sections as they
--   were approved (a copy of document_sections), and announces it on `jd_tm_harvest`. The job is
--   durable: a sync server that is down, or misses the notification, finds it when it sweeps.
-- * The sync server's harvest worker (signaling/tm/harvest-worker.ts) claims a job
--   (tm_harvest_claim: `for update skip locked` plus a lease, so instances share the queue and a
--   crashed worker's job is taken again once its lease ends), pairs the English and French
--   sections by section id, aligns their sentences with domain/align, and hands the pairs to
--   tm_harvest_complete, which writes them and marks the job done in one transaction: a job is
--   written completely or not at all, and a job already done writes nothing again.
-- * Every write goes through private.tm_record_pair, which never adds a second row for a pair
--   the memory already holds (the same texts, or the same normalised words) and counts uses per
--   document: private.tm_segment_sources holds one row per (segment, document), and
--   usage_count goes up by one only when a document contributes the pair for the first time.
--   Re-approving an unchanged document, or a job that runs twice, therefore changes no count;
--   another document with the same sentence adds one. (tm_add_segment keeps its own rule: one
--   more use per call.)
-- * tm_confirm_pair lets a translator, editor or admin of the document's organization confirm
--   one pair from the editor, through the same function.

-- Which documents contributed which segment (the provenance behind usage_count) ----------------

create table private.tm_segment_sources (
  segment_id bigint not null references public.tm_segments (id) on delete cascade,
  document_id uuid not null references public.job_descriptions (id) on delete cascade,
  section_id text check (section_id is null or length(section_id) <= 200),
  -- The review round whose approval brought the pair (null: confirmed by hand).
  approval_id uuid references public.approvals (id) on delete set null,
  -- When the document was approved (or the pair confirmed), latest first.
  used_at timestamptz not null,
  confirmed_by uuid references auth.users (id) on delete set null,
  primary key (segment_id, document_id)
);
comment on table private.tm_segment_sources is
  'One row per translation-memory segment and document that contributed it (approval or confirmation): usage_count counts these.';
create index tm_segment_sources_document_id_idx on private.tm_segment_sources (document_id);

-- Finding a segment with the same normalised words in the organization's memory.
create index tm_segments_normalized_pair_idx on public.tm_segments
  (organization_id, md5(source_normalized), md5(target_normalized));

-- The queue ----------------------------------------------------------------------------------------

create table private.tm_harvest_jobs (
  id bigint generated always as identity primary key,
  -- One job per approval: the round that was approved.
  approval_id uuid not null unique references public.approvals (id) on delete cascade,
  document_id uuid not null references public.job_descriptions (id) on delete cascade,
  organization_id uuid not null references public.organizations (id) on delete cascade,
  approved_at timestamptz not null,
  -- The approved text: [{section_id, lang, heading, body}] from document_sections.
  sections jsonb not null default '[]'::jsonb check (jsonb_typeof(sections) = 'array'),
  state text not null default 'pending' check (state in ('pending', 'done', 'failed')),
  attempts integer not null default 0 check (attempts >= 0),
  -- Set when a worker claims the job; another worker may take it once the lease has passed.
  claimed_at timestamptz,
  error text,
  pairs_written integer check (pairs_written is null or pairs_written >= 0),
  created_at timestamptz not null default now(),
  done_at timestamptz
);
comment on table private.tm_harvest_jobs is
  'Approved documents whose sentence pairs the sync server''s harvest worker writes to tm_segments (one job per approval).';
create index tm_harvest_jobs_pending_idx on private.tm_harvest_jobs (id) where state = 'pending';
create index tm_harvest_jobs_document_id_idx on private.tm_harvest_jobs (document_id);

revoke all on private.tm_segment_sources, private.tm_harvest_jobs from public, anon, authenticated, service_role;

-- SECURITY DEFINER: the reviewer who approves may not write the queue; the trigger does it for
-- the approval and nothing else.
create function private.tm_harvest_enqueue() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  job_id bigint;
begin
  insert into private.tm_harvest_jobs (approval_id, document_id, organization_id, approved_at, sections)
  values (new.id, new.document_id, new.organization_id, coalesce(new.decided_at, now()),
          (select coalesce(jsonb_agg(jsonb_build_object('section_id', ds.section_id, 'lang', ds.lang,
                                                        'heading', ds.heading, 'body', ds.body)
                                     order by ds.lang, ds.position, ds.section_id), '[]'::jsonb)
             from public.document_sections ds where ds.document_id = new.document_id))
  on conflict (approval_id) do nothing
  returning id into job_id;
  if job_id is not null then
    perform pg_notify('jd_tm_harvest', json_build_object('job_id', job_id, 'document_id', new.document_id)::text);
  end if;
  return null;
end
$$;
revoke all on function private.tm_harvest_enqueue() from public;

create trigger approvals_tm_harvest after update on public.approvals
  for each row when (new.decision = 'approved' and old.decision is distinct from 'approved')
  execute function private.tm_harvest_enqueue();

-- Writing one pair ---------------------------------------------------------------------------------

-- Records that `doc` uses the pair, in the memory of the document's organization: finds the
-- memory's row for it (the same texts, else the same normalised words) or adds one, and counts one
-- more use when this document had not contributed it yet. A pair that is not worth keeping
-- (empty, over the segment limits, or the same words on both sides: numbers, codes, names) gives
-- no row. SECURITY DEFINER: it writes tm_segment_sources, which no end user may write; so a
-- signed-in caller (a `sub` in the claims) must be a translator, editor or admin of the document,
-- checked here whoever calls. The worker (the database owner) and the service have no `sub`.
create function private.tm_record_pair(
  doc uuid, source_lang text, target_lang text, source_text text, target_text text,
  provenance text, section_id text, approval uuid, used_at timestamptz, confirmed_by uuid
)
returns table (segment_id bigint, usage_count integer, created boolean, counted boolean)
language plpgsql security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  org uuid;
  src text := btrim(tm_record_pair.source_text);
  tgt text := btrim(tm_record_pair.target_text);
  seg bigint;
  is_new boolean := false;
  is_counted boolean;
  uses integer;
begin
  if (select auth.uid()) is not null then
    perform private.require_document_role(doc, '{editor,translator,admin}', 'add to the translation memory');
  end if;
  org := (select jd.organization_id from public.job_descriptions jd where jd.id = doc);
  if org is null then
    raise exception using errcode = '22023', message = format('document %s does not exist', doc);
  end if;
  if src is null or tgt is null or src = '' or tgt = ''
     or length(src) > private.tm_limit('characters') or length(tgt) > private.tm_limit('characters')
     or private.word_count(src) > private.tm_limit('words') or private.word_count(tgt) > private.tm_limit('words')
     or private.word_count(src) = 0 or private.normalize_text(src) = private.normalize_text(tgt) then
    return;
  end if;
  select s.id into seg from public.tm_segments s
   where coalesce(s.organization_id, '00000000-0000-0000-0000-000000000000'::uuid) = org
     and s.source_lang = tm_record_pair.source_lang and s.target_lang = tm_record_pair.target_lang
     and md5(s.source_text) = md5(src) and md5(s.target_text) = md5(tgt);
  if seg is null then
    select s.id into seg from public.tm_segments s
     where s.organization_id = org
       and md5(s.source_normalized) = md5(private.normalize_text(src))
       and md5(s.target_normalized) = md5(private.normalize_text(tgt))
       and s.source_lang = tm_record_pair.source_lang and s.target_lang = tm_record_pair.target_lang
     order by s.id limit 1;
  end if;
  if seg is null then
    insert into public.tm_segments as s (organization_id, source_lang, target_lang, source_text, target_text,
                                         provenance, document_id, created_by)
    values (org, tm_record_pair.source_lang, tm_record_pair.target_lang, src, tgt, tm_record_pair.provenance, doc,
            coalesce(tm_record_pair.confirmed_by, auth.uid()))
    on conflict (coalesce(organization_id, '00000000-0000-0000-0000-000000000000'::uuid), source_lang, target_lang,
                 md5(source_text), md5(target_text))
    do nothing
    returning s.id into seg;
    is_new := seg is not null;
    if seg is null then -- written by a concurrent transaction since the lookup
      select s.id into seg from public.tm_segments s
       where s.organization_id = org and s.source_lang = tm_record_pair.source_lang
         and s.target_lang = tm_record_pair.target_lang and md5(s.source_text) = md5(src) and md5(s.target_text) = md5(tgt);
    end if;
  end if;
  insert into private.tm_segment_sources as t (segment_id, document_id, section_id, approval_id, used_at, confirmed_by)
  values (seg, doc, tm_record_pair.section_id, approval, tm_record_pair.used_at, tm_record_pair.confirmed_by)
  on conflict (segment_id, document_id) do update
     set section_id = excluded.section_id, approval_id = coalesce(excluded.approval_id, t.approval_id),
         used_at = greatest(t.used_at, excluded.used_at), confirmed_by = coalesce(excluded.confirmed_by, t.confirmed_by)
  returning (t.xmax = 0) into is_counted;
  if is_counted then
    -- The row points at the latest document that used it; approved work outranks other provenance.
    update public.tm_segments s
       set usage_count = s.usage_count + 1,
           last_used_at = greatest(s.last_used_at, tm_record_pair.used_at),
           document_id = doc,
           provenance = case when tm_record_pair.provenance = 'document' then 'document' else s.provenance end
     where s.id = seg
    returning s.usage_count into uses;
  else
    select s.usage_count into uses from public.tm_segments s where s.id = seg;
  end if;
  return query select seg, uses, is_new, is_counted;
end
$$;
revoke all on function private.tm_record_pair(uuid, text, text, text, text, text, text, uuid, timestamptz, uuid) from public, anon;
grant execute on function private.tm_record_pair(uuid, text, text, text, text, text, text, uuid, timestamptz, uuid) to authenticated, service_role;

-- The worker's side ---------------------------------------------------------------------------------

-- Claims the oldest pending job that no live worker holds (skip locked: instances do not wait for
-- each other; the lease: a worker that died mid-job leaves it to the next). Counts the attempt.
create function private.tm_harvest_claim(lease_seconds integer)
returns table (job_id bigint, document_id uuid, organization_id uuid, approved_at timestamptz, sections jsonb, attempts integer)
language sql
set search_path = ''
as $$
  update private.tm_harvest_jobs j
     set attempts = j.attempts + 1, claimed_at = clock_timestamp()
   where j.id = (select q.id from private.tm_harvest_jobs q
                  where q.state = 'pending'
                    and (q.claimed_at is null or q.claimed_at < clock_timestamp() - make_interval(secs => lease_seconds))
                  order by q.id limit 1
                    for update skip locked)
  returning j.id, j.document_id, j.organization_id, j.approved_at, j.sections, j.attempts
$$;

-- Writes a claimed job's pairs ([{section_id, en, fr}]) and marks it done, in the caller's
-- transaction. Returns the number of pairs recorded, or null when the job was no longer pending
-- (done by another worker whose lease had passed): nothing is written twice.
create function private.tm_harvest_complete(job bigint, pairs jsonb) returns integer
language plpgsql
set search_path = ''
as $$
declare
  j private.tm_harvest_jobs;
  pair jsonb;
  written integer := 0;
  recorded bigint;
begin
  if pairs is null or jsonb_typeof(pairs) <> 'array' then
    raise exception using errcode = '22023', message = 'pairs must be a JSON array of {section_id, en, fr}';
  end if;
  select * into j from private.tm_harvest_jobs q where q.id = job for update;
  if not found then
    raise exception using errcode = '22023', message = format('TM harvest job %s does not exist', job);
  end if;
  if j.state <> 'pending' then
    return null;
  end if;
  for pair in select value from jsonb_array_elements(pairs) loop
    select r.segment_id into recorded
      from private.tm_record_pair(j.document_id, 'en', 'fr', pair->>'en', pair->>'fr', 'document',
                                  left(pair->>'section_id', 200), j.approval_id, j.approved_at, null) r;
    if recorded is not null then
      written := written + 1;
    end if;
    recorded := null;
  end loop;
  update private.tm_harvest_jobs set state = 'done', done_at = now(), pairs_written = written, error = null where id = job;
  return written;
end
$$;

-- A job that failed: kept pending for another attempt, or given up after max_attempts.
create function private.tm_harvest_fail(job bigint, message text, max_attempts integer) returns void
language sql
set search_path = ''
as $$
  update private.tm_harvest_jobs
     set error = left(message, 2000), claimed_at = null,
         state = case when attempts >= max_attempts then 'failed' else 'pending' end
   where id = job and state = 'pending'
$$;

revoke all on function private.tm_harvest_claim(integer), private.tm_harvest_complete(bigint, jsonb),
  private.tm_harvest_fail(bigint, text, integer) from public;

-- Confirming one pair from the editor --------------------------------------------------------------

-- SECURITY INVOKER like every RPC: the caller's role on the document is checked here (clear
-- errors first) and again by tm_record_pair, which records the use. Pairs are stored English -> French whichever side the translator started from (tm_search matches
-- either direction), so a confirmed pair and the same pair harvested are one row.
create function public.tm_confirm_pair(source_text text, target_text text, source_lang text, doc uuid, section_id text)
returns table (segment_id bigint, usage_count integer, created boolean, counted boolean)
language plpgsql
set search_path = ''
as $$
#variable_conflict use_column
declare
  en text;
  fr text;
begin
  perform private.check_not_null('doc', doc);
  perform private.check_segment_text('source_text', tm_confirm_pair.source_text);
  perform private.check_segment_text('target_text', tm_confirm_pair.target_text);
  perform private.check_lang('source_lang', tm_confirm_pair.source_lang);
  perform private.check_text('section_id', tm_confirm_pair.section_id, 200);
  perform private.require_document_role(doc, '{editor,translator,admin}', 'confirm translation memory pairs');
  if not exists (select 1 from public.document_sections ds
                  where ds.document_id = doc and ds.section_id = tm_confirm_pair.section_id) then
    raise exception using errcode = '22023',
      message = format('section_id %s is not a section of document %s', left(quote_literal(tm_confirm_pair.section_id), 60), doc);
  end if;
  if private.normalize_text(tm_confirm_pair.source_text) = private.normalize_text(tm_confirm_pair.target_text) then
    raise exception using errcode = '22023',
      message = 'source_text and target_text have the same words: there is nothing to translate';
  end if;
  if tm_confirm_pair.source_lang = 'en' then
    en := tm_confirm_pair.source_text; fr := tm_confirm_pair.target_text;
  else
    en := tm_confirm_pair.target_text; fr := tm_confirm_pair.source_text;
  end if;
  return query select r.segment_id, r.usage_count, r.created, r.counted
    from private.tm_record_pair(doc, 'en', 'fr', en, fr, 'user', tm_confirm_pair.section_id, null, now(),
                                (select auth.uid())) r;
end
$$;
comment on function public.tm_confirm_pair(text, text, text, uuid, text) is
  'Confirms one EN/FR pair of a document into its organization''s translation memory (stored English -> French); one use per document.';
revoke all on function public.tm_confirm_pair(text, text, text, uuid, text) from public, anon;
grant execute on function public.tm_confirm_pair(text, text, text, uuid, text) to authenticated, service_role;
