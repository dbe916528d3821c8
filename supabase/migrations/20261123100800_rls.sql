-- Row-level security: one policy per table and operation, for `authenticated` only.
--
-- Role matrix (membership role in the row's organization):
--   viewer      reads
--   editor      reads; writes documents, versions, comments, TM, alignments, findings; proposes glossary terms
--   translator  same as editor
--   reviewer    reads; comments; decides approvals; updates findings
--   admin       everything an editor does; decides approvals; manages memberships, the
--               organization, the glossary; deletes documents; reads the audit log and all AI usage
--   anon        nothing but the reference table of classification groups (grants revoked)
--   service_role  bypasses RLS (sync server, functions acting for the system); still cannot
--               change the audit log, document versions or Yjs updates (grants revoked)
-- Nobody sees or changes another organization's rows, whatever their role. Shared TM segments
-- and glossary terms (organization_id null) are readable by every signed-in user and written by
-- the service only.
--
-- Policies call private.my_org_ids(roles) / private.my_document_ids(roles) inside `in (select …)`
-- so the caller's organizations are computed once per statement; auth.uid() is read inside
-- them, and elsewhere wrapped as (select auth.uid()). Every column a policy filters on is
-- indexed (organization_id, document_id, user_id, author_id, id).

-- organizations -----------------------------------------------------------------------------------
create policy organizations_select on public.organizations for select to authenticated
  using (id in (select private.my_org_ids()));
create policy organizations_update on public.organizations for update to authenticated
  using (id in (select private.my_org_ids('{admin}')))
  with check (id in (select private.my_org_ids('{admin}')));
-- insert, delete: the service only (provisioning).

-- memberships -------------------------------------------------------------------------------------
create policy memberships_select on public.memberships for select to authenticated
  using (organization_id in (select private.my_org_ids()));
create policy memberships_insert on public.memberships for insert to authenticated
  with check (organization_id in (select private.my_org_ids('{admin}')));
create policy memberships_update on public.memberships for update to authenticated
  using (organization_id in (select private.my_org_ids('{admin}')))
  with check (organization_id in (select private.my_org_ids('{admin}')));
create policy memberships_delete on public.memberships for delete to authenticated
  using (organization_id in (select private.my_org_ids('{admin}')));

-- profiles ----------------------------------------------------------------------------------------
create policy profiles_select on public.profiles for select to authenticated
  using (id = (select auth.uid()) or id in (select private.my_colleague_ids()));
create policy profiles_insert on public.profiles for insert to authenticated
  with check (id = (select auth.uid()));
create policy profiles_update on public.profiles for update to authenticated
  using (id = (select auth.uid()))
  with check (id = (select auth.uid()));
-- delete: with the auth user (cascade).

-- classification_groups (reference data) ----------------------------------------------------------
create policy classification_groups_select on public.classification_groups for select to anon, authenticated
  using (true);

-- job_descriptions --------------------------------------------------------------------------------
create policy job_descriptions_select on public.job_descriptions for select to authenticated
  using (organization_id in (select private.my_org_ids()));
create policy job_descriptions_insert on public.job_descriptions for insert to authenticated
  with check (organization_id in (select private.my_org_ids('{editor,translator,admin}')));
create policy job_descriptions_update on public.job_descriptions for update to authenticated
  using (organization_id in (select private.my_org_ids('{editor,translator,admin}')))
  with check (organization_id in (select private.my_org_ids('{editor,translator,admin}')));
create policy job_descriptions_delete on public.job_descriptions for delete to authenticated
  using (organization_id in (select private.my_org_ids('{admin}')));

-- doc_updates (append-only) -----------------------------------------------------------------------
create policy doc_updates_select on public.doc_updates for select to authenticated
  using (document_id in (select private.my_document_ids()));
create policy doc_updates_insert on public.doc_updates for insert to authenticated
  with check (document_id in (select private.my_document_ids('{editor,translator,admin}')));
-- update: nobody; delete: the service (compaction).

-- doc_snapshots, document_sections (written by the service) ---------------------------------------
create policy doc_snapshots_select on public.doc_snapshots for select to authenticated
  using (document_id in (select private.my_document_ids()));
create policy document_sections_select on public.document_sections for select to authenticated
  using (document_id in (select private.my_document_ids()));

-- document_versions (immutable) -------------------------------------------------------------------
create policy document_versions_select on public.document_versions for select to authenticated
  using (organization_id in (select private.my_org_ids()));
create policy document_versions_insert on public.document_versions for insert to authenticated
  with check (organization_id in (select private.my_org_ids('{editor,translator,admin}')));

-- comments ----------------------------------------------------------------------------------------
create policy comments_select on public.comments for select to authenticated
  using (organization_id in (select private.my_org_ids()));
create policy comments_insert on public.comments for insert to authenticated
  with check (organization_id in (select private.my_org_ids('{editor,translator,reviewer,admin}')));
-- Editing the text is limited to the author by private.guard_comment(); resolving is open to all commenters.
create policy comments_update on public.comments for update to authenticated
  using (organization_id in (select private.my_org_ids('{editor,translator,reviewer,admin}')))
  with check (organization_id in (select private.my_org_ids('{editor,translator,reviewer,admin}')));
create policy comments_delete on public.comments for delete to authenticated
  using (organization_id in (select private.my_org_ids('{admin}'))
         or (author_id = (select auth.uid())
             and organization_id in (select private.my_org_ids('{editor,translator,reviewer,admin}'))));

-- tm_segments -------------------------------------------------------------------------------------
create policy tm_segments_select on public.tm_segments for select to authenticated
  using (organization_id is null or organization_id in (select private.my_org_ids()));
create policy tm_segments_insert on public.tm_segments for insert to authenticated
  with check (organization_id in (select private.my_org_ids('{editor,translator,admin}')));
create policy tm_segments_update on public.tm_segments for update to authenticated
  using (organization_id in (select private.my_org_ids('{editor,translator,admin}')))
  with check (organization_id in (select private.my_org_ids('{editor,translator,admin}')));
create policy tm_segments_delete on public.tm_segments for delete to authenticated
  using (organization_id in (select private.my_org_ids('{editor,translator,admin}')));

-- glossary_terms ----------------------------------------------------------------------------------
create policy glossary_terms_select on public.glossary_terms for select to authenticated
  using (organization_id is null or organization_id in (select private.my_org_ids()));
-- Admins add any term; editors and translators propose (status pending).
create policy glossary_terms_insert on public.glossary_terms for insert to authenticated
  with check (organization_id in (select private.my_org_ids('{admin}'))
              or (status = 'pending' and organization_id in (select private.my_org_ids('{editor,translator}'))));
create policy glossary_terms_update on public.glossary_terms for update to authenticated
  using (organization_id in (select private.my_org_ids('{admin}')))
  with check (organization_id in (select private.my_org_ids('{admin}')));
create policy glossary_terms_delete on public.glossary_terms for delete to authenticated
  using (organization_id in (select private.my_org_ids('{admin}')));

-- alignments, alignment_pairs ---------------------------------------------------------------------
create policy alignments_select on public.alignments for select to authenticated
  using (organization_id in (select private.my_org_ids()));
create policy alignments_insert on public.alignments for insert to authenticated
  with check (organization_id in (select private.my_org_ids('{editor,translator,admin}')));
create policy alignments_update on public.alignments for update to authenticated
  using (organization_id in (select private.my_org_ids('{editor,translator,admin}')))
  with check (organization_id in (select private.my_org_ids('{editor,translator,admin}')));
create policy alignments_delete on public.alignments for delete to authenticated
  using (organization_id in (select private.my_org_ids('{editor,translator,admin}')));

create policy alignment_pairs_select on public.alignment_pairs for select to authenticated
  using (organization_id in (select private.my_org_ids()));
create policy alignment_pairs_insert on public.alignment_pairs for insert to authenticated
  with check (organization_id in (select private.my_org_ids('{editor,translator,admin}')));
create policy alignment_pairs_update on public.alignment_pairs for update to authenticated
  using (organization_id in (select private.my_org_ids('{editor,translator,admin}')))
  with check (organization_id in (select private.my_org_ids('{editor,translator,admin}')));
create policy alignment_pairs_delete on public.alignment_pairs for delete to authenticated
  using (organization_id in (select private.my_org_ids('{editor,translator,admin}')));

-- ai_requests (append-only usage records) ---------------------------------------------------------
-- Admins read their organization's usage; everyone reads their own.
create policy ai_requests_select on public.ai_requests for select to authenticated
  using (organization_id in (select private.my_org_ids('{admin}'))
         or (user_id = (select auth.uid()) and organization_id in (select private.my_org_ids())));
create policy ai_requests_insert on public.ai_requests for insert to authenticated
  with check (user_id = (select auth.uid()) and organization_id in (select private.my_org_ids()));

-- compliance_findings -----------------------------------------------------------------------------
create policy compliance_findings_select on public.compliance_findings for select to authenticated
  using (organization_id in (select private.my_org_ids()));
create policy compliance_findings_insert on public.compliance_findings for insert to authenticated
  with check (organization_id in (select private.my_org_ids('{editor,translator,admin}')));
create policy compliance_findings_update on public.compliance_findings for update to authenticated
  using (organization_id in (select private.my_org_ids('{editor,translator,reviewer,admin}')))
  with check (organization_id in (select private.my_org_ids('{editor,translator,reviewer,admin}')));
create policy compliance_findings_delete on public.compliance_findings for delete to authenticated
  using (organization_id in (select private.my_org_ids('{editor,translator,admin}')));

-- approvals ---------------------------------------------------------------------------------------
create policy approvals_select on public.approvals for select to authenticated
  using (organization_id in (select private.my_org_ids()));
create policy approvals_insert on public.approvals for insert to authenticated
  with check (organization_id in (select private.my_org_ids('{editor,translator,admin}')));
create policy approvals_update on public.approvals for update to authenticated
  using (organization_id in (select private.my_org_ids('{reviewer,admin}')))
  with check (organization_id in (select private.my_org_ids('{reviewer,admin}')));
-- delete: nobody (the record of a review stays; it goes only with its document).

-- audit_log ---------------------------------------------------------------------------------------
create policy audit_log_select on public.audit_log for select to authenticated
  using (organization_id in (select private.my_org_ids('{admin}')));

-- Grants ------------------------------------------------------------------------------------------
-- Supabase grants ALL on new public tables to anon, authenticated and service_role; take back
-- what no policy should ever have to stop.

-- anon: no access to tenant data at all (403 rather than silently empty results).
revoke all on public.organizations, public.memberships, public.profiles, public.job_descriptions,
  public.doc_updates, public.doc_snapshots, public.document_sections, public.document_versions,
  public.comments, public.tm_segments, public.glossary_terms, public.alignments, public.alignment_pairs,
  public.ai_requests, public.compliance_findings, public.approvals, public.audit_log
  from anon;
revoke all on public.classification_groups from anon, authenticated;
grant select on public.classification_groups to anon, authenticated;

-- TRUNCATE, REFERENCES and TRIGGER are outside RLS: never for API roles.
revoke truncate, references, trigger on public.organizations, public.memberships, public.profiles,
  public.job_descriptions, public.doc_updates, public.doc_snapshots, public.document_sections,
  public.document_versions, public.comments, public.tm_segments, public.glossary_terms, public.alignments,
  public.alignment_pairs, public.ai_requests, public.compliance_findings, public.approvals, public.audit_log
  from authenticated, service_role;

revoke insert, delete on public.organizations from authenticated;
revoke delete on public.profiles from authenticated;
-- Admins change a member's role, nothing else.
revoke update on public.memberships from authenticated;
grant update (role) on public.memberships to authenticated;
-- Identification fields and status; id, organization, creator and timestamps are not writable.
revoke update on public.job_descriptions from authenticated;
grant update (title_en, title_fr, classification, position_number, noc_code, language_profile, status)
  on public.job_descriptions to authenticated;
revoke update, delete on public.doc_updates from authenticated;
revoke update on public.doc_updates from service_role;
revoke insert, update, delete on public.doc_snapshots, public.document_sections from authenticated;
revoke update, delete on public.document_versions from authenticated, service_role;
revoke update, delete on public.ai_requests from authenticated;
revoke delete on public.approvals from authenticated;
revoke insert, update, delete on public.audit_log from authenticated, service_role;
