-- waiting_for_me lists mentions (issue 17 item 4, left over): comments now record whom they
-- mention (comments.mentions, 20261207700000_notifications.sql), so a mention of me in an open
-- comment thread waits for me like a review does.
--
-- A mention waits while its thread is open (the thread's first comment unresolved) and I have not
-- written in that thread since: answering or resolving it takes it off the queue. One row per
-- document (its newest such mention; note is that comment's text, at most 200 characters).
-- SECURITY INVOKER as before: row-level security of comments and job_descriptions applies, so
-- only the caller's current departments count.

create or replace function public.waiting_for_me(max_results integer default 50)
returns table (
  id uuid,
  organization_id uuid,
  title_en text,
  title_fr text,
  classification text,
  status text,
  reason text,
  since timestamptz,
  note text
)
language plpgsql stable
set search_path = ''
as $$
begin
  perform private.check_range('max_results', max_results, 1, 100);
  if current_user = 'anon' or auth.uid() is null then
    return;
  end if;
  return query
    select w.* from (
      -- Reviews open to my role: in review, the open round not submitted by me.
      select jd.id, jd.organization_id, jd.title_en, jd.title_fr, jd.classification, jd.status,
             'review'::text, a.requested_at, a.request_note
        from public.job_descriptions jd
        join public.approvals a on a.document_id = jd.id and a.decision = 'pending'
       where jd.status = 'in_review'
         and jd.organization_id in (select private.my_org_ids('{reviewer,admin}'))
         and a.requested_by is distinct from auth.uid()
      union all
      -- My submissions sent back: the last round, submitted by me, not approved, still a draft.
      select jd.id, jd.organization_id, jd.title_en, jd.title_fr, jd.classification, jd.status,
             a.decision, a.decided_at, a.comment
        from public.job_descriptions jd
        join lateral (
          select l.* from public.approvals l where l.document_id = jd.id order by l.step desc limit 1
        ) a on true
       where jd.status = 'draft'
         and jd.organization_id in (select private.my_org_ids('{editor,translator,admin}'))
         and a.requested_by = auth.uid()
         and a.decision in ('changes_requested', 'rejected')
      union all
      -- Mentions of me in open threads that I have not answered, the newest per document.
      (select distinct on (jd.id)
             jd.id, jd.organization_id, jd.title_en, jd.title_fr, jd.classification, jd.status,
             'mention'::text, c.created_at, left(c.body, 200)
        from public.comments c
        join public.comments root on root.id = coalesce(c.parent_id, c.id)
        join public.job_descriptions jd on jd.id = c.document_id
       where auth.uid() = any (c.mentions)
         and c.author_id is distinct from auth.uid()
         and root.resolved_at is null
         and c.organization_id in (select private.my_org_ids())
         and not exists (
           select 1 from public.comments mine
            where coalesce(mine.parent_id, mine.id) = root.id
              and mine.author_id = auth.uid()
              and mine.created_at > c.created_at)
       order by jd.id, c.created_at desc)
    ) w
    order by 8 desc, 1
    limit max_results;
end
$$;
comment on function public.waiting_for_me(integer) is
  'What waits for the caller: reason review (in review in a department where they review, not submitted by them), changes_requested / rejected (their last submission was sent back; note is the reviewer''s reason) or mention (they are mentioned in an open comment thread they have not answered since; note is the comment, at most 200 characters; the newest per document).';
