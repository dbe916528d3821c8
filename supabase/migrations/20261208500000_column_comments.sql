-- Column comments for every column of the kit's tables, so Supabase's dashboard (Table editor,
-- Database > Tables) explains each field to an administrator. Tables already carry comments;
-- columns added later must bring their own (pgTAP 10-schema checks every table and column).

comment on column public.ai_requests.id is 'Row number, in order of the calls.';
comment on column public.ai_requests.organization_id is 'Organization billed for the call (its budget in ai_settings).';
comment on column public.ai_requests.user_id is 'Who asked (null once the user is deleted).';
comment on column public.ai_requests.document_id is 'Job description the request was about, if any.';
comment on column public.ai_requests.function is 'Edge Function that made the call (ai-assist, embed, compliance, …).';
comment on column public.ai_requests.provider is 'Provider that answered or failed: anthropic, openai, local or offline.';
comment on column public.ai_requests.model is 'Model name the provider reported.';
comment on column public.ai_requests.tokens_in is 'Prompt tokens the provider counted.';
comment on column public.ai_requests.tokens_out is 'Completion tokens the provider counted.';
comment on column public.ai_requests.estimated_cost is 'Estimated cost in US dollars, from the tokens and the model price list.';
comment on column public.ai_requests.latency_ms is 'Time from the request to the end of the answer, in milliseconds.';
comment on column public.ai_requests.outcome is 'success, error, timeout, fallback (another provider took over), budget_exceeded or cancelled.';
comment on column public.ai_requests.error is 'What went wrong, without keys or tokens (at most 10 000 characters).';
comment on column public.ai_requests.created_at is 'When the call was made.';

comment on column public.ai_settings.organization_id is 'Organization these settings belong to (one row each).';

comment on column public.alignment_pairs.id is 'Row number.';
comment on column public.alignment_pairs.alignment_id is 'Alignment this pair belongs to.';
comment on column public.alignment_pairs.organization_id is 'Organization of the alignment (row-level security).';
comment on column public.alignment_pairs.position is 'Order of the pair in the alignment, from 0.';
comment on column public.alignment_pairs.source_text is 'Sentence(s) in the source language.';
comment on column public.alignment_pairs.target_text is 'Sentence(s) in the target language.';
comment on column public.alignment_pairs.bead is 'How many source and target sentences the pair joins, e.g. 1-1, 2-1.';
comment on column public.alignment_pairs.score is 'The aligner''s confidence, 0 to 1.';
comment on column public.alignment_pairs.status is 'pending, confirmed (written to the translation memory) or rejected.';
comment on column public.alignment_pairs.confirmed_by is 'Who confirmed or rejected the pair.';
comment on column public.alignment_pairs.confirmed_at is 'When the pair was confirmed or rejected.';

comment on column public.alignments.id is 'Identifier.';
comment on column public.alignments.organization_id is 'Organization that owns the alignment.';
comment on column public.alignments.source_document_id is 'Job description the source text came from, if any.';
comment on column public.alignments.target_document_id is 'Job description the target text came from, if any.';
comment on column public.alignments.source_name is 'Name of the source file or document.';
comment on column public.alignments.target_name is 'Name of the target file or document.';
comment on column public.alignments.source_lang is 'Language of the source side (en or fr).';
comment on column public.alignments.target_lang is 'Language of the target side (the other one).';
comment on column public.alignments.status is 'draft while pairs are reviewed; confirmed when done.';
comment on column public.alignments.created_by is 'Who made the alignment.';
comment on column public.alignments.created_at is 'When it was made.';
comment on column public.alignments.updated_at is 'When it last changed.';
comment on column public.alignments.confirmed_by is 'Who confirmed the whole alignment.';
comment on column public.alignments.confirmed_at is 'When it was confirmed.';

comment on column public.approvals.id is 'Identifier.';
comment on column public.approvals.document_id is 'Job description under review.';
comment on column public.approvals.organization_id is 'Organization of the document.';
comment on column public.approvals.step is 'Review round number for the document, from 1.';
comment on column public.approvals.requested_by is 'Who submitted the document for review.';
comment on column public.approvals.requested_at is 'When it was submitted.';
comment on column public.approvals.request_note is 'Note of the submitter to the reviewers.';
comment on column public.approvals.reviewer_id is 'Who decided.';
comment on column public.approvals.decision is 'pending, approved, changes_requested or rejected.';
comment on column public.approvals.comment is 'Reason given with the decision (required for changes_requested and rejected).';
comment on column public.approvals.decided_at is 'When the decision was made (null while pending).';

comment on column public.audit_log.id is 'Row number, in order of the changes.';
comment on column public.audit_log.organization_id is 'Organization the changed row belongs to.';
comment on column public.audit_log.table_name is 'Table that changed.';
comment on column public.audit_log.row_id is 'Primary key of the changed row, as text.';
comment on column public.audit_log.action is 'INSERT, UPDATE or DELETE.';
comment on column public.audit_log.actor is 'User who made the change (null for the service).';
comment on column public.audit_log.actor_role is 'Database role of the change (authenticated, service_role, …).';
comment on column public.audit_log.old_values is 'The row before the change (UPDATE, DELETE).';
comment on column public.audit_log.new_values is 'The row after the change (INSERT, UPDATE).';
comment on column public.audit_log.at is 'When the change was made.';

comment on column public.classification_groups.code is 'Group or sub-group code, e.g. PM or AS or EC or FI or CS-ITS.';
comment on column public.classification_groups.name_en is 'Name in English.';
comment on column public.classification_groups.name_fr is 'Name in French.';
comment on column public.classification_groups.source_key is 'Key of the entry in the Treasury Board source list it came from.';

comment on column public.comments.id is 'Identifier (the id of the thread or reply in the Yjs document).';
comment on column public.comments.document_id is 'Job description the comment is on.';
comment on column public.comments.organization_id is 'Organization of the document.';
comment on column public.comments.parent_id is 'The thread a reply belongs to (null for the first comment of a thread).';
comment on column public.comments.lang is 'Pane the comment is anchored in (en or fr).';
comment on column public.comments.section_id is 'Section the anchor is in.';
comment on column public.comments.anchor_text is 'The commented text when the comment was written.';
comment on column public.comments.anchor is 'Position of the anchor in the Yjs document (relative positions, encoded).';
comment on column public.comments.body is 'Text of the comment (1 to 10 000 characters).';
comment on column public.comments.author_id is 'Who wrote it.';
comment on column public.comments.created_at is 'When it was written.';
comment on column public.comments.updated_at is 'When it last changed.';
comment on column public.comments.resolved_by is 'Who resolved the thread.';
comment on column public.comments.resolved_at is 'When the thread was resolved.';

comment on column public.compliance_findings.id is 'Identifier.';
comment on column public.compliance_findings.document_id is 'Job description the finding is about.';
comment on column public.compliance_findings.organization_id is 'Organization of the document.';
comment on column public.compliance_findings.rule_id is 'Rule that found it (e.g. gender-neutral, plain-language.passive).';
comment on column public.compliance_findings.severity is 'error, warning or info.';
comment on column public.compliance_findings.lang is 'Language of the text it is about.';
comment on column public.compliance_findings.section_id is 'Section it is in, if any.';
comment on column public.compliance_findings.range_start is 'Start of the offending text in the section, in characters.';
comment on column public.compliance_findings.range_end is 'End of the offending text in the section, in characters.';
comment on column public.compliance_findings.message_en is 'What is wrong, in English.';
comment on column public.compliance_findings.message_fr is 'What is wrong, in French.';
comment on column public.compliance_findings.suggestion is 'Proposed replacement text, if any.';
comment on column public.compliance_findings.source is 'rules (the rule engine) or ai (an AI compliance review).';
comment on column public.compliance_findings.status is 'open, resolved (fixed in the text) or dismissed (with a reason).';
comment on column public.compliance_findings.created_by is 'Who ran the check that found it (null for the sync server).';
comment on column public.compliance_findings.created_at is 'When it was found.';
comment on column public.compliance_findings.updated_at is 'When it last changed.';
comment on column public.compliance_findings.resolved_by is 'Who resolved or dismissed it.';
comment on column public.compliance_findings.resolved_at is 'When it was resolved or dismissed.';

comment on column public.doc_snapshots.document_id is 'Job description.';
comment on column public.doc_snapshots.state is 'Yjs update holding the whole document up to last_seq.';
comment on column public.doc_snapshots.state_vector is 'Yjs state vector of state.';
comment on column public.doc_snapshots.last_seq is 'Last doc_updates sequence number folded into state (rows covering seqs past it are kept).';
comment on column public.doc_snapshots.updated_at is 'When the snapshot was last written.';

comment on column public.doc_updates.id is 'Row number.';
comment on column public.doc_updates.document_id is 'Job description.';
comment on column public.doc_updates.seq is 'First sequence number the row covers; every update of a document has its own seq, from 1, without gaps (a merged row covers seq..seq_end).';
comment on column public.doc_updates.update is 'Yjs update (binary, version 1 encoding): the merge of the updates seq..seq_end.';
comment on column public.doc_updates.created_at is 'When the sync server stored it.';

comment on column public.document_sections.document_id is 'Job description.';
comment on column public.document_sections.lang is 'Language of the section (en or fr).';
comment on column public.document_sections.section_id is 'Stable identifier of the section, the same in both languages.';
comment on column public.document_sections.kind is 'Kind of section (TBS template), e.g. key_activities.';
comment on column public.document_sections.position is 'Order of the section in the document, from 0.';
comment on column public.document_sections.heading is 'Section heading as plain text.';
comment on column public.document_sections.body is 'Section text as plain text.';
comment on column public.document_sections.updated_at is 'When the sync server last wrote the section.';

comment on column public.document_versions.id is 'Identifier.';
comment on column public.document_versions.document_id is 'Job description.';
comment on column public.document_versions.organization_id is 'Organization of the document.';
comment on column public.document_versions.version_number is 'Version number within the document, from 1.';
comment on column public.document_versions.name is 'Name of the version.';
comment on column public.document_versions.note is 'Note about the version.';
comment on column public.document_versions.seq is 'Last doc_updates sequence number the version contains.';
comment on column public.document_versions.state is 'Yjs state of the whole document at that point.';
comment on column public.document_versions.updates is 'Updates after the snapshot that make up the version, when kept.';
comment on column public.document_versions.metadata is 'Identification fields at that point (titles, classification, …).';
comment on column public.document_versions.sections is 'Plain text of every section at that point, per language.';
comment on column public.document_versions.created_by is 'Who saved the version.';
comment on column public.document_versions.created_at is 'When it was saved.';

comment on column public.glossary_terms.id is 'Identifier.';
comment on column public.glossary_terms.organization_id is 'Organization that owns the term (null: shared by every department).';
comment on column public.glossary_terms.term_en is 'English term.';
comment on column public.glossary_terms.term_fr is 'French term.';
comment on column public.glossary_terms.term_en_normalized is 'English term folded for lookups (lower case, no accents).';
comment on column public.glossary_terms.term_fr_normalized is 'French term folded for lookups (lower case, no accents).';
comment on column public.glossary_terms.domain is 'Subject field, e.g. HR or finance.';
comment on column public.glossary_terms.status is 'approved, forbidden (use the approved equivalent instead) or pending (a proposal).';
comment on column public.glossary_terms.notes is 'Usage notes.';
comment on column public.glossary_terms.source is 'Where the term comes from (e.g. TERMIUM Plus, a TBX file).';
comment on column public.glossary_terms.created_by is 'Who added it.';
comment on column public.glossary_terms.created_at is 'When it was added.';
comment on column public.glossary_terms.updated_at is 'When it last changed.';
comment on column public.glossary_terms.term_en_key is 'Matching key of the English term (accents, case and plurals folded).';
comment on column public.glossary_terms.term_fr_key is 'Matching key of the French term (accents, case, elision and plurals folded).';

comment on column public.job_descriptions.id is 'Identifier (also the Yjs document and sync room name).';
comment on column public.job_descriptions.organization_id is 'Department that owns the job description.';
comment on column public.job_descriptions.title_en is 'Position title in English.';
comment on column public.job_descriptions.title_fr is 'Position title in French.';
comment on column public.job_descriptions.classification is 'Group, sub-group and level, e.g. PM-04 or CS-ITS-03.';
comment on column public.job_descriptions.classification_group is 'Group or sub-group part of classification (classification_groups.code).';
comment on column public.job_descriptions.position_number is 'Position number in the department.';
comment on column public.job_descriptions.noc_code is 'National Occupational Classification 2021 code (4 or 5 digits).';
comment on column public.job_descriptions.language_profile is 'Language requirements, e.g. BBB or CBC/CBC.';
comment on column public.job_descriptions.status is 'draft, in_review, approved or archived. Only a draft is editable.';
comment on column public.job_descriptions.created_by is 'Who created it.';
comment on column public.job_descriptions.created_at is 'When it was created.';
comment on column public.job_descriptions.updated_at is 'When it last changed.';

comment on column public.memberships.id is 'Identifier.';
comment on column public.memberships.organization_id is 'Department.';
comment on column public.memberships.user_id is 'User.';
comment on column public.memberships.role is 'viewer, editor, translator, reviewer or admin.';
comment on column public.memberships.created_by is 'Who added the member.';
comment on column public.memberships.created_at is 'When the member was added.';
comment on column public.memberships.updated_at is 'When the role last changed.';

comment on column public.notifications.id is 'Identifier.';
comment on column public.notifications.recipient_id is 'Who the notification is for.';
comment on column public.notifications.organization_id is 'Department of the document.';
comment on column public.notifications.kind is 'mention, reply, submission or decision.';
comment on column public.notifications.document_id is 'Job description it is about.';
comment on column public.notifications.comment_id is 'Comment of a mention or reply.';
comment on column public.notifications.approval_id is 'Review round of a submission or decision.';
comment on column public.notifications.actor_id is 'Who did what the notification reports.';
comment on column public.notifications.created_at is 'When it was made.';
comment on column public.notifications.read_at is 'When the recipient marked it read (null: unread).';

comment on column public.organizations.id is 'Identifier.';
comment on column public.organizations.slug is 'Short name used in addresses, e.g. esdc.';
comment on column public.organizations.name_en is 'Name in English.';
comment on column public.organizations.name_fr is 'Name in French.';
comment on column public.organizations.created_at is 'When it was created.';
comment on column public.organizations.updated_at is 'When it last changed.';

comment on column public.profiles.id is 'The auth user (auth.users.id).';
comment on column public.profiles.display_name is 'Name shown to other users (presence, comments).';
comment on column public.profiles.preferred_language is 'Interface language the user prefers (en or fr).';
comment on column public.profiles.created_at is 'When the profile was created.';
comment on column public.profiles.updated_at is 'When it last changed.';

comment on column public.tm_import_rows.id is 'Row number.';
comment on column public.tm_import_rows.session_id is 'Import this row belongs to.';
comment on column public.tm_import_rows.organization_id is 'Organization the import is for.';
comment on column public.tm_import_rows.line is 'Line of the TMX file the unit starts on.';
comment on column public.tm_import_rows.source_lang is 'Source language (en or fr).';
comment on column public.tm_import_rows.target_lang is 'Target language.';
comment on column public.tm_import_rows.source_text is 'Source segment.';
comment on column public.tm_import_rows.target_text is 'Target segment.';
comment on column public.tm_import_rows.tmx_props is 'TMX <prop> elements of the unit.';
comment on column public.tm_import_rows.created_by is 'Admin who staged the import.';
comment on column public.tm_import_rows.created_at is 'When the row was staged.';

comment on column public.tm_segments.id is 'Row number.';
comment on column public.tm_segments.organization_id is 'Department that owns the segment (null: shared).';
comment on column public.tm_segments.source_lang is 'Source language (en or fr).';
comment on column public.tm_segments.target_lang is 'Target language (the other one).';
comment on column public.tm_segments.source_text is 'Source sentence as written.';
comment on column public.tm_segments.target_text is 'Its translation as written.';
comment on column public.tm_segments.source_normalized is 'Source folded for matching (case, spacing).';
comment on column public.tm_segments.target_normalized is 'Target folded for matching.';
comment on column public.tm_segments.source_words is 'Words of the source, for the fuzzy search candidates.';
comment on column public.tm_segments.target_words is 'Words of the target, for searches in the other direction.';
comment on column public.tm_segments.provenance is 'Where the pair came from: document (an approved job description), alignment, import (TMX) or user.';
comment on column public.tm_segments.document_id is 'Job description the pair came from, if any.';
comment on column public.tm_segments.alignment_id is 'Alignment the pair came from, if any.';
comment on column public.tm_segments.quality is 'Quality score 0 to 100, when known.';
comment on column public.tm_segments.usage_count is 'How many times the pair was confirmed, harvested again or inserted.';
comment on column public.tm_segments.last_used_at is 'When it was last used.';
comment on column public.tm_segments.created_by is 'Who added it.';
comment on column public.tm_segments.created_at is 'When it was added.';
comment on column public.tm_segments.updated_at is 'When it last changed.';
-- The embedding column exists only where pgvector does (a self-hosted server without it skips the
-- semantic-search migrations).
do $$
begin
  if exists (select 1 from pg_attribute where attrelid = 'public.tm_segments'::regclass and attname = 'embedding' and not attisdropped) then
    comment on column public.tm_segments.embedding is 'Embedding of the source text (text-embedding-3-small, 1536 dimensions) for semantic matches; written by the service only.';
  end if;
end
$$;
