-- Issue 15, criterion 4: compliance findings kept current by the sync server, and dismissals that
-- survive recomputation.
--  * finding_key: the rule findings' stable key (rule, language, section, the offending words and
--    which occurrence of them), written by the sync server's compliance hook
--    (signaling/sync/compliance-hook.ts), which replaces a document's keyed rows with the current
--    findings and leaves every other row (AI findings, rows written by hand) alone. A finding
--    whose key is still found keeps its row, so its status and dismissal stay.
--  * excerpt: the offending words as written (or the name of what is missing).
--  * dismissed_reason: why it was dismissed; who and when are resolved_by / resolved_at (set by
--    private.compliance_findings_status). Cleared when the finding is reopened.
--  * dismiss_compliance_finding(finding_id, reason): the way members dismiss; end users may update
--    only status and dismissed_reason (the rest is what the rules found).

alter table public.compliance_findings
  add column finding_key text check (finding_key is null or length(finding_key) between 1 and 500),
  add column excerpt text check (excerpt is null or length(excerpt) <= 10000),
  add column dismissed_reason text check (dismissed_reason is null or length(btrim(dismissed_reason)) between 1 and 1000);

comment on column public.compliance_findings.finding_key is
  'Stable key of a rule finding (rule, language, section, words, occurrence), written by the sync server; null for rows it did not write.';
comment on column public.compliance_findings.excerpt is 'The offending words as written, or the name of what is missing.';
comment on column public.compliance_findings.dismissed_reason is 'Why the finding was dismissed (who and when: resolved_by, resolved_at).';

create unique index compliance_findings_document_key_idx on public.compliance_findings (document_id, finding_key)
  where finding_key is not null;

-- Reopening (or resolving) a dismissed finding forgets why it was dismissed.
create function private.compliance_findings_dismissal() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.status <> 'dismissed' then
    new.dismissed_reason := null;
  end if;
  return new;
end
$$;
revoke all on function private.compliance_findings_dismissal() from public;

create trigger compliance_findings_dismissal before insert or update on public.compliance_findings
  for each row execute function private.compliance_findings_dismissal();

revoke update on public.compliance_findings from authenticated;
grant update (status, dismissed_reason) on public.compliance_findings to authenticated;

create function public.dismiss_compliance_finding(finding_id uuid, reason text)
returns public.compliance_findings
language plpgsql
set search_path = ''
as $$
declare
  target public.compliance_findings;
  caller_role text;
begin
  perform private.check_not_null('finding_id', finding_id);
  perform private.check_not_null('reason', reason);
  if length(btrim(reason)) = 0 then
    raise exception using errcode = '22023', message = 'reason must say why the finding is dismissed (it is empty)';
  end if;
  perform private.check_text('reason', btrim(reason), 1000);
  select * into target from public.compliance_findings f where f.id = finding_id;
  if target.id is null then
    raise exception using errcode = '42501',
      message = format('compliance finding %s does not exist or you are not a member of its organization', finding_id);
  end if;
  caller_role := private.my_role(target.organization_id);
  if caller_role is null or caller_role not in ('editor', 'translator', 'reviewer', 'admin') then
    raise exception using errcode = '42501',
      message = format('your role (%s) cannot dismiss findings; this needs editor, translator, reviewer or admin', coalesce(caller_role, 'none'));
  end if;
  -- Runs as the caller: the update policy and the column grants apply, and the status trigger
  -- records who dismissed it and when.
  update public.compliance_findings f
     set status = 'dismissed', dismissed_reason = btrim(reason)
   where f.id = finding_id
  returning * into target;
  return target;
end
$$;
revoke all on function public.dismiss_compliance_finding(uuid, text) from public, anon;
grant execute on function public.dismiss_compliance_finding(uuid, text) to authenticated;
comment on function public.dismiss_compliance_finding(uuid, text) is
  'Dismisses a compliance finding with a reason (1 to 1000 characters): editors, translators, reviewers and admins of its organization.';
