-- Compliance findings as the sync server stores them (signaling/sync/compliance-hook.ts, issue 15
-- criterion 4): keyed rule findings of a document, read by its organization's members (a
-- reviewer sees them without opening the editor), by no other organization; a dismissal records
-- who and why, through dismiss_compliance_finding; end users change only status and reason.
begin;
select plan(17);

-- What the hook writes, as the sync server's database owner ---------------------------------------
insert into public.compliance_findings (id, document_id, organization_id, rule_id, severity, lang, section_id, message_en, message_fr, suggestion, finding_key, excerpt)
values
  ('cf000000-0000-4000-a000-000000000001', 'e5dc0000-0000-4000-a000-00000000d001', 'e5dc0000-0000-4000-a000-000000000001',
   'inclusive.generic-pronoun', 'warning', 'en', 'skill', 'A generic pronoun.', 'Un pronom générique.', 'they',
   'inclusive.generic-pronoun|en|skill|He|0', 'He'),
  ('cf000000-0000-4000-a000-000000000002', 'e5dc0000-0000-4000-a000-00000000d001', 'e5dc0000-0000-4000-a000-000000000001',
   'bilingual.quantities', 'error', null, 'key-activities', 'A number differs.', 'Un nombre diffère.', null,
   'bilingual.quantities|both|key-activities|2,3 M$|0', '2,3 M$');

select throws_ok(
  $$insert into public.compliance_findings (document_id, rule_id, severity, message_en, message_fr, finding_key)
    values ('e5dc0000-0000-4000-a000-00000000d001', 'inclusive.generic-pronoun', 'warning', 'x', 'x', 'inclusive.generic-pronoun|en|skill|He|0')$$,
  '23505', null, 'a key is one finding of its document');

-- Reading ----------------------------------------------------------------------------------------
select tests.login('reviewer');
select results_eq(
  $$select rule_id, severity, coalesce(lang, 'both'), section_id, excerpt, status from public.compliance_findings
     where document_id = 'e5dc0000-0000-4000-a000-00000000d001' and finding_key is not null order by severity, rule_id$$,
  $$values ('bilingual.quantities', 'error', 'both', 'key-activities', '2,3 M$', 'open'), ('inclusive.generic-pronoun', 'warning', 'en', 'skill', 'He', 'open')$$,
  'a reviewer of the organization sees the stored findings');
select tests.login('viewer');
select is((select count(*)::int from public.compliance_findings where id::text like 'cf000000%'), 2, 'so does a viewer of the organization');
select tests.login('tc_editor');
select is((select count(*)::int from public.compliance_findings where id::text like 'cf000000%'), 0, 'another organization sees none');
select is((select count(*)::int from public.compliance_findings where document_id = 'e5dc0000-0000-4000-a000-00000000d001'), 0, 'not even by document id');
select throws_ok(
  $$select public.dismiss_compliance_finding('cf000000-0000-4000-a000-000000000001', 'not ours')$$,
  '42501', 'compliance finding cf000000-0000-4000-a000-000000000001 does not exist or you are not a member of its organization',
  'nor dismisses one');
select tests.login('anon');
select throws_ok(
  $$select public.dismiss_compliance_finding('cf000000-0000-4000-a000-000000000001', 'x')$$,
  '42501', null, 'anon cannot call the dismissal');

-- Dismissing -------------------------------------------------------------------------------------
select tests.login('viewer');
select throws_ok(
  $$select public.dismiss_compliance_finding('cf000000-0000-4000-a000-000000000001', 'Quoted from the collective agreement.')$$,
  '42501', 'your role (viewer) cannot dismiss findings; this needs editor, translator, reviewer or admin',
  'a viewer cannot dismiss');
select tests.login('reviewer');
select throws_ok(
  $$select public.dismiss_compliance_finding('cf000000-0000-4000-a000-000000000001', '   ')$$,
  '22023', 'reason must say why the finding is dismissed (it is empty)', 'a dismissal needs a reason');
select throws_ok(
  $$select public.dismiss_compliance_finding('cf000000-0000-4000-a000-000000000001', repeat('x', 1001))$$,
  '22023', null, 'of at most 1000 characters');
select is(
  (select status || ' / ' || dismissed_reason || ' / ' || (resolved_by = tests.uid('reviewer'))::text || ' / ' || (resolved_at is not null)::text
     from public.dismiss_compliance_finding('cf000000-0000-4000-a000-000000000001', '  "He" quotes the Minister''s speech.  ')),
  'dismissed / "He" quotes the Minister''s speech. / true / true',
  'a reviewer dismisses with a reason: status, why, who and when are recorded');
select tests.login('editor');
select is(
  (select dismissed_reason from public.compliance_findings where id = 'cf000000-0000-4000-a000-000000000001'),
  '"He" quotes the Minister''s speech.', 'the organization reads why');
select throws_ok(
  $$update public.compliance_findings set message_en = 'rewritten' where id = 'cf000000-0000-4000-a000-000000000002'$$,
  '42501', null, 'an editor cannot rewrite what the rules found');
select throws_ok(
  $$update public.compliance_findings set finding_key = 'other' where id = 'cf000000-0000-4000-a000-000000000002'$$,
  '42501', null, 'nor its key');
select is(
  (select coalesce(dismissed_reason, 'none') || ' / ' || coalesce(resolved_by::text, 'nobody')
     from (select * from public.compliance_findings where id = 'cf000000-0000-4000-a000-000000000001') f),
  '"He" quotes the Minister''s speech. / ' || tests.uid('reviewer')::text, 'the dismissal names the reviewer');

-- Recomputation keeps the dismissal: the hook rewrites the row's messages by key, not its status.
reset role;
update public.compliance_findings set message_en = 'A generic pronoun (reworded).'
 where document_id = 'e5dc0000-0000-4000-a000-00000000d001' and finding_key = 'inclusive.generic-pronoun|en|skill|He|0';
select is(
  (select status || ' / ' || dismissed_reason from public.compliance_findings where id = 'cf000000-0000-4000-a000-000000000001'),
  'dismissed / "He" quotes the Minister''s speech.', 'the service rewriting a finding keeps its dismissal');

-- Reopening forgets the reason.
select tests.login('reviewer');
update public.compliance_findings set status = 'open' where id = 'cf000000-0000-4000-a000-000000000001';
select is(
  (select status || ' / ' || coalesce(dismissed_reason, 'no reason') || ' / ' || coalesce(resolved_by::text, 'nobody') from public.compliance_findings where id = 'cf000000-0000-4000-a000-000000000001'),
  'open / no reason / nobody', 'a reopened finding has no dismissal any more');

select * from finish();
rollback;
