// Every query and RPC call the elements make, in one place. Row-level security decides what
// comes back; nothing here trusts the client. Typed by the `Database` types generated from the
// migrations (supabase/database.types.ts): a renamed column or RPC argument fails tsc here.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../supabase/database.types.js';
import { MEMBER_ROLES, type MemberRole } from '../../domain/comment-model.js';

/** The session's client, as the elements use it. */
export type Client = SupabaseClient<Database>;

/** What the signed-in user may do with a document: decided by the server's can_open_document. */
export type AccessLevel = 'edit' | 'view' | 'none';

/** The one answer about a document that every element on it shares. */
export interface DocumentAccess {
  access: AccessLevel;
  /** The user's role in the document's organization (memberships), null when none. */
  role: MemberRole | null;
  organizationId: string | null;
  /** The server was out of reach: this is the answer remembered from the last time. */
  remembered?: boolean;
}

export const NO_ACCESS: DocumentAccess = { access: 'none', role: null, organizationId: null };

/** The request did not reach the server (status 0, or a network failure). */
export class OfflineError extends Error {
  constructor(what: string) {
    super(`${what}: no connection to the server`);
    this.name = 'OfflineError';
  }
}

const asRole = (value: unknown): MemberRole | null => (MEMBER_ROLES as readonly unknown[]).includes(value) ? (value as MemberRole) : null;

interface MembershipRow {
  organization_id: string;
  role: string;
}

/**
 * Asks the server what the user may do with the document: the access (can_open_document) and
 * the role in its organization, in one round trip. Throws OfflineError when the server is out of
 * reach, so the caller can fall back on the answer it remembered.
 */
export async function fetchDocumentAccess(client: Client, documentId: string, userId: string): Promise<DocumentAccess> {
  // Started together (a builder runs once something awaits it); the access is awaited first, so
  // offline the remembered answer is used at once, without waiting for the GETs' retries.
  const can = client.rpc('can_open_document', { doc: documentId });
  const doc = Promise.resolve(client.from('job_descriptions').select('organization_id').eq('id', documentId).maybeSingle());
  const memberships = Promise.resolve(client.from('memberships').select('organization_id, role').eq('user_id', userId));
  const answer = await Promise.resolve(can).catch(() => null);
  if (!answer || (answer.error && answer.status === 0)) throw new OfflineError('can_open_document');
  if (answer.error) return NO_ACCESS;
  const access: AccessLevel = answer.data === 'edit' ? 'edit' : answer.data === 'view' ? 'view' : 'none';
  if (access === 'none') return NO_ACCESS;
  const [docRow, membershipRows] = await Promise.all([doc, memberships]);
  const row: { organization_id: string } | null = docRow.data;
  const organizationId = row?.organization_id ?? null;
  const rows: MembershipRow[] = membershipRows.data ?? [];
  return { access, role: asRole(rows.find((m) => m.organization_id === organizationId)?.role), organizationId };
}

/** A person of the organization, for mentions and the author filter; `name` as stored. */
export interface MemberRow {
  id: string;
  role: MemberRole;
  name: string;
}

/** The organization's members with their profile names (public.profiles.display_name, as stored). */
export async function fetchMembers(client: Client, organizationId: string): Promise<MemberRow[]> {
  const memberships = await client.from('memberships').select('user_id, role').eq('organization_id', organizationId);
  if (memberships.error) throw memberships.status === 0 ? new OfflineError('memberships') : new Error(memberships.error.message);
  const rows: { user_id: string; role: string }[] = memberships.data ?? [];
  const names = await profileNames(
    client,
    rows.map((r) => r.user_id),
  );
  return rows.flatMap((r) => {
    const role = asRole(r.role);
    return role ? [{ id: r.user_id, role, name: names.get(r.user_id) ?? '' }] : [];
  });
}

/** Display names by user id (empty for people without one). */
export async function profileNames(client: Client, userIds: readonly string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const { data } = await client.from('profiles').select('id, display_name').in('id', [...userIds]);
  const rows: { id: string; display_name: string | null }[] = data ?? [];
  return new Map(rows.map((p) => [p.id, p.display_name ?? '']));
}

/** The document's own row (public.job_descriptions) with its organization's names. */
export interface DocumentRow {
  id: string;
  organization_id: string;
  title_en: string | null;
  title_fr: string | null;
  classification: string | null;
  position_number: string | null;
  noc_code: string | null;
  language_profile: string | null;
  status: string;
  organization_name_en: string | null;
  organization_name_fr: string | null;
}

/** One document by id, or null when it does not exist or the user may not see it. */
export async function fetchDocument(client: Client, documentId: string): Promise<DocumentRow | null> {
  const { data } = await client
    .from('job_descriptions')
    .select('id, organization_id, title_en, title_fr, classification, position_number, noc_code, language_profile, status')
    .eq('id', documentId)
    .maybeSingle();
  const row: Omit<DocumentRow, 'organization_name_en' | 'organization_name_fr'> | null = data;
  if (!row) return null;
  const org = await client.from('organizations').select('name_en, name_fr').eq('id', row.organization_id).maybeSingle();
  const organization: { name_en: string | null; name_fr: string | null } | null = org.data;
  return { ...row, organization_name_en: organization?.name_en ?? null, organization_name_fr: organization?.name_fr ?? null };
}

export interface SectionRow {
  lang: string;
  section_id: string;
  kind: string;
  position: number;
  heading: string;
  body: string;
}

/** The projected sections of a document (public.document_sections), in order. */
export async function fetchSections(client: Client, documentId: string): Promise<SectionRow[]> {
  const { data } = await client.from('document_sections').select('lang, section_id, kind, position, heading, body').eq('document_id', documentId).order('position');
  const rows: SectionRow[] = (data ?? []).map((r) => ({ ...r, kind: r.kind ?? 'custom', position: r.position ?? 0, heading: r.heading ?? '', body: r.body ?? '' }));
  return rows.sort((a, b) => a.position - b.position || a.section_id.localeCompare(b.section_id));
}

export interface VersionRow {
  id: string;
  version_number: number;
  name: string;
  note: string | null;
  created_at: string;
}

/** The document's named versions, newest first (null when the request failed). */
export async function fetchVersions(client: Client, documentId: string): Promise<VersionRow[] | null> {
  const { data } = await client.from('document_versions').select('id, version_number, name, note, created_at').eq('document_id', documentId).order('version_number', { ascending: false });
  const rows: VersionRow[] | null = Array.isArray(data) ? data : null;
  return rows;
}

/** A version's Yjs state and the updates after it, as PostgREST sends bytea (`\x…` hex). */
export interface VersionContent {
  state: string | null;
  updates: string[] | null;
}

export async function fetchVersionContent(client: Client, versionId: string): Promise<VersionContent | null> {
  const { data, error } = await client.from('document_versions').select('state, updates').eq('id', versionId).maybeSingle();
  const content: VersionContent | null = error ? null : data;
  return content;
}

/**
 * Why a request failed, as far as the interface needs to say what to do next: `status` 0 means
 * it never reached the server (offline); otherwise the HTTP status and the Postgres error code
 * (42501 not allowed, P0001 the document's state does not allow it, 22023 a bad argument).
 */
export interface RequestFailure {
  message: string;
  code: string;
  status: number;
}

/** A RequestFailure from what supabase-js returned (or threw: a network failure). */
function failureOf(error: { message?: unknown; code?: unknown } | null, status: number): RequestFailure {
  const message = typeof error?.message === 'string' ? error.message : String(error ?? 'unknown error');
  // supabase-js reports a failed fetch as status 0 (or throws a TypeError in some versions).
  const offline = status === 0 || /failed to fetch|networkerror|load failed/i.test(message);
  return { message, code: typeof error?.code === 'string' ? error.code : '', status: offline ? 0 : status };
}

/** Saves a named version (save_version); the failure, or the saved version. */
export async function saveVersion(
  client: Client,
  documentId: string,
  name: string,
  note: string | null,
): Promise<{ error: RequestFailure } | { version: { version_number: number; name: string } | null }> {
  const { data, error, status } = await Promise.resolve(client.rpc('save_version', { doc: documentId, version_name: name, version_note: note ?? undefined })).catch(
    (thrown: unknown) => ({ data: null, error: { message: String(thrown), code: '' }, status: 0 }),
  );
  if (error) return { error: failureOf(error, status) };
  const rows: { version_number: number; name: string }[] = Array.isArray(data) ? data : data ? [data] : [];
  return { version: rows[0] ?? null };
}

const DECISIONS = ['pending', 'approved', 'changes_requested', 'rejected'] as const;
type Decision = (typeof DECISIONS)[number];
const asDecision = (value: string): Decision => DECISIONS.find((d) => d === value) ?? 'pending';

/** The latest review round of a document (public.approvals). */
export interface ApprovalRow {
  step: number;
  requested_by: string | null;
  requested_at: string;
  reviewer_id: string | null;
  decision: Decision;
  comment: string | null;
  /** The version the round reviewed (pinned at submission; the approved version once approved). */
  version_number: number | null;
  decided_at: string | null;
}

export async function fetchLatestApproval(client: Client, documentId: string): Promise<ApprovalRow | null> {
  const { data } = await client
    .from('approvals')
    .select('step, requested_by, requested_at, reviewer_id, decision, comment, decided_at, version_number')
    .eq('document_id', documentId)
    .order('step', { ascending: false })
    .limit(1)
    .maybeSingle();
  return data && { ...data, decision: asDecision(data.decision) };
}

/** The document's review status alone (null when it cannot be read). */
export async function fetchDocumentStatus(client: Client, documentId: string): Promise<string | null> {
  const { data } = await client.from('job_descriptions').select('status').eq('id', documentId).maybeSingle();
  const row: { status: string } | null = data;
  return row?.status ?? null;
}

export type WorkflowStep = 'submit' | 'approved' | 'changes_requested' | 'rejected';

/** 'revise': start_revision on an approved document (editors, admins); 'reopen': an admin restores an archived one. */
export type WorkflowAction = WorkflowStep | 'reopen' | 'revise';

/**
 * Submits for review (editors), decides the open round (reviewers), starts a new revision of an
 * approved document (start_revision: editors, admins), or restores an archived document to draft
 * (admins: the job description guard decides); the failure, or null.
 */
export async function runWorkflowStep(client: Client, documentId: string, step: WorkflowAction, comment: string | null): Promise<RequestFailure | null> {
  const request =
    step === 'submit'
      ? client.rpc('submit_for_review', { doc: documentId, note: comment ?? undefined })
      : step === 'revise'
        ? client.rpc('start_revision', { doc: documentId })
        : step === 'reopen'
        ? client.from('job_descriptions').update({ status: 'draft' }).eq('id', documentId).select('id')
        : client.rpc('decide_approval', { doc: documentId, decision: step, comment: comment ?? undefined });
  const { data, error, status } = await Promise.resolve(request).catch((thrown: unknown) => ({ data: null, error: { message: String(thrown), code: '' }, status: 0 }));
  if (error) return failureOf(error, status);
  // Row-level security skips rows the caller may not update without an error: no row back means refused.
  if (step === 'reopen' && (!Array.isArray(data) || data.length === 0)) return { message: 'not allowed to reopen this document', code: '42501', status: 403 };
  return null;
}

/** What confirming a pair did: the memory's row, its uses, whether the row is new and whether this document's use was counted. */
export interface ConfirmedPair {
  segmentId: number;
  usageCount: number;
  created: boolean;
  counted: boolean;
}

/**
 * Confirms one sentence pair of a document into its organization's translation memory
 * (tm_confirm_pair: translators, editors and admins; stored English -> French; one use per
 * document). The server's message when refused (role, limits, unknown section), or the result.
 */
export async function confirmTmPair(
  client: Client,
  pair: { documentId: string; sectionId: string; sourceLang: 'en' | 'fr'; sourceText: string; targetText: string },
): Promise<{ error: string } | { confirmed: ConfirmedPair | null }> {
  const { data, error } = await client.rpc('tm_confirm_pair', {
    doc: pair.documentId,
    section_id: pair.sectionId,
    source_lang: pair.sourceLang,
    source_text: pair.sourceText,
    target_text: pair.targetText,
  });
  if (error) return { error: error.message };
  const row = data[0];
  return { confirmed: row ? { segmentId: row.segment_id, usageCount: row.usage_count, created: row.created, counted: row.counted } : null };
}

/** A semantic TM match (tm_semantic_search): similarity is cosine similarity in percent. */
export type SemanticMatch = Database['public']['Functions']['tm_semantic_search']['Returns'][number];

/** Semantic search is off (no embeddings key on the server), on with its matches, or failed. */
export type SemanticMatches = { enabled: false } | { enabled: true; matches: SemanticMatch[] } | { error: string };

/**
 * Semantic matches for `query` (the `embed` function embeds it, then tm_semantic_search runs as
 * the caller, so RLS decides what comes back), as their own kind beside tm_search's fuzzy ones.
 * `{ enabled: false }` when the server has no embeddings key: the element says semantic search
 * is off. Usage is charged to `organizationId`, or to the caller's first organization.
 */
export async function semanticMatches(
  client: Client,
  query: string,
  langs: { source: 'en' | 'fr'; target: 'en' | 'fr' },
  options: { organizationId?: string; maxResults?: number } = {},
): Promise<SemanticMatches> {
  const { data, error } = await client.functions.invoke<{ enabled: true; matches: SemanticMatch[] }>('embed', {
    body: {
      query,
      source_lang: langs.source,
      target_lang: langs.target,
      ...(options.organizationId ? { organization: options.organizationId } : {}),
      ...(options.maxResults ? { max_results: options.maxResults } : {}),
    },
  });
  if (error) {
    const response = (error as { context?: unknown }).context;
    if (response instanceof Response) {
      if (response.status === 503) return { enabled: false };
      const body = (await response.json().catch(() => null)) as { error?: string } | null;
      return { error: body?.error ?? `semantic search failed (${response.status})` };
    }
    return { error: (error as Error).message };
  }
  return data ?? { error: 'semantic search answered nothing' };
}

/**
 * Whether the server can answer semantic matches (an embeddings key is configured), without
 * spending a provider call: the element shows "semantic search is off" when it cannot. A server
 * out of reach or refusing counts as off.
 */
export async function semanticSearchEnabled(client: Client): Promise<boolean> {
  const { data, error } = await client.functions.invoke<{ enabled: boolean }>('embed', { method: 'GET' });
  return !error && data?.enabled === true;
}

// ---- Translation memory and glossary (<jd-concordance>) -------------------------------------

/** A fuzzy match of tm_search: the memory's row, its score and where it comes from. */
export type TmMatch = Database['public']['Functions']['tm_search']['Returns'][number];
/** A segment of concordance_search containing the phrase (`source` is in the searched language). */
export type ConcordanceHit = Database['public']['Functions']['concordance_search']['Returns'][number];
/** A glossary entry of glossary_lookup found in the text. */
export type GlossaryHitRow = Database['public']['Functions']['glossary_lookup']['Returns'][number];

/** The rows of an RPC, or its failure (status 0: offline; an aborted request throws AbortError). */
async function rpcRows<T>(request: PromiseLike<{ data: T[] | null; error: { message?: unknown; code?: unknown } | null; status: number }>): Promise<{ rows: T[] } | { error: RequestFailure }> {
  const { data, error, status } = await Promise.resolve(request).catch((thrown: unknown) => {
    if (thrown instanceof DOMException && thrown.name === 'AbortError') throw thrown;
    return { data: null, error: { message: String(thrown), code: '' }, status: 0 };
  });
  if (error) return { error: failureOf(error, status) };
  return { rows: data ?? [] };
}

/** Fuzzy matches of a sentence (tm_search: word-level CAT score, the caller's memory and the shared one). */
export function tmSearch(client: Client, query: string, sourceLang: 'en' | 'fr', options: { minScore?: number; maxResults?: number; signal?: AbortSignal } = {}) {
  const request = client.rpc('tm_search', {
    query,
    source_lang: sourceLang,
    target_lang: sourceLang === 'en' ? 'fr' : 'en',
    ...(options.minScore === undefined ? {} : { min_score: options.minScore }),
    ...(options.maxResults === undefined ? {} : { max_results: options.maxResults }),
  });
  return rpcRows<TmMatch>(options.signal ? request.abortSignal(options.signal) : request);
}

/** Segments whose text in `lang` contains a phrase (concordance_search). */
export function concordanceSearch(client: Client, term: string, lang: 'en' | 'fr', options: { maxResults?: number; signal?: AbortSignal } = {}) {
  const request = client.rpc('concordance_search', { term, lang, ...(options.maxResults === undefined ? {} : { max_results: options.maxResults }) });
  return rpcRows<ConcordanceHit>(options.signal ? request.abortSignal(options.signal) : request);
}

/** The glossary terms of a text in `lang` (glossary_lookup: approved, forbidden with their approved equivalents, pending). */
export function glossaryLookup(client: Client, text: string, lang: 'en' | 'fr', options: { signal?: AbortSignal } = {}) {
  const request = client.rpc('glossary_lookup', { input_text: text, lang });
  return rpcRows<GlossaryHitRow>(options.signal ? request.abortSignal(options.signal) : request);
}

// ---- XLIFF exchange of one job description (issue 13 item 6; elements/editor/xliff-controller.ts) ----

/** The French xliff-import found for one section: targets of segments h and p1…pn, null where none. */
export interface XliffImportedSection {
  id: string;
  fr: { heading: string | null; blocks: (string | null)[] };
}

/** What xliff-import answers, valid or refused (then `errors` name the lines and `sections` is empty). */
export interface XliffImportAnswer {
  sections: XliffImportedSection[];
  updated: number;
  unchanged: number;
  errors: { line: number; message: string }[];
}

/** The failure of a function call: its status, and the message of its JSON answer when it has one. */
async function functionFailure(error: unknown, fallback: string): Promise<RequestFailure & { body: unknown }> {
  const response = (error as { context?: unknown }).context;
  if (!(response instanceof Response)) return { ...failureOf(error as { message?: unknown }, 0), body: null };
  const body = (await response.json().catch(() => null)) as { message?: unknown; errors?: { message?: unknown }[] } | null;
  const message = typeof body?.message === 'string' ? body.message : typeof body?.errors?.[0]?.message === 'string' ? body.errors[0].message : fallback;
  return { message, code: '', status: response.status, body };
}

/** The document as XLIFF 2.0 (xliff-export, as the caller: RLS and the review lock decide). */
export async function exportXliff(client: Client, documentId: string): Promise<{ text: string } | { error: RequestFailure }> {
  const { data, error } = await client.functions.invoke<string>(`xliff-export?document=${encodeURIComponent(documentId)}`, { method: 'GET' });
  if (error) return { error: await functionFailure(error, 'the export failed') };
  return typeof data === 'string' ? { text: data } : { error: { message: 'the export answered no file', code: '', status: 500 } };
}

/** Sends a translated XLIFF to xliff-import: its answer (200 valid, 422 refused with lines in `lang`), or the failure. */
export async function importXliff(client: Client, documentId: string, file: string, lang: 'en' | 'fr' = 'en'): Promise<{ answer: XliffImportAnswer } | { error: RequestFailure }> {
  const { data, error } = await client.functions.invoke<XliffImportAnswer>(`xliff-import?document=${encodeURIComponent(documentId)}`, {
    method: 'POST',
    // The file's problems come back in the interface language.
    headers: { 'Content-Type': 'application/xliff+xml', 'Accept-Language': lang },
    body: file,
  });
  if (!error) return data ? { answer: data } : { error: { message: 'the import answered nothing', code: '', status: 500 } };
  const failure = await functionFailure(error, 'the import failed');
  const body = failure.body as Partial<XliffImportAnswer> | null;
  if (failure.status === 422 && Array.isArray(body?.errors)) return { answer: { sections: [], updated: 0, unchanged: 0, errors: body.errors } };
  return { error: { message: failure.message, code: failure.code, status: failure.status } };
}

/** An open error finding of a document, as the "submit for review" warning lists it. */
export interface OpenErrorFinding {
  id: string;
  rule_id: string;
  lang: 'en' | 'fr' | null;
  section_id: string | null;
  excerpt: string | null;
  message_en: string;
  message_fr: string;
}

/**
 * The document's rule findings of severity error that are still open (not dismissed, not
 * resolved), as the sync server's compliance hook stored them for the text it holds; AI findings
 * are advisory and left out. At most `limit` rows, and how many there are in all.
 */
export async function fetchOpenErrorFindings(client: Client, documentId: string, limit = 50): Promise<{ rows: OpenErrorFinding[]; count: number } | { error: RequestFailure }> {
  const request = client
    .from('compliance_findings')
    .select('id, rule_id, lang, section_id, excerpt, message_en, message_fr', { count: 'exact' })
    .eq('document_id', documentId)
    .eq('severity', 'error')
    .eq('status', 'open')
    .eq('source', 'rules')
    .order('created_at')
    .limit(limit);
  const { data, error, status, count } = await Promise.resolve(request).catch((thrown: unknown) => ({ data: null, error: { message: String(thrown), code: '' }, status: 0, count: null }));
  if (error) return { error: failureOf(error, status) };
  const rows = (data ?? []) as OpenErrorFinding[];
  return { rows, count: count ?? rows.length };
}

// Notifications (issue 17 item 5) ------------------------------------------------------------------

export type NotificationKind = 'mention' | 'submission' | 'decision' | 'reply';

/** One of the signed-in user's notifications, as list_notifications gives it. */
export interface NotificationItem {
  id: string;
  kind: NotificationKind;
  documentId: string;
  documentTitle: { en: string | null; fr: string | null };
  commentId: string | null;
  commentExcerpt: string | null;
  decision: string | null;
  actorName: string | null;
  createdAt: string;
  readAt: string | null;
}

/** What the notifications element polls: unread count and the time of the newest notification. */
export interface NotificationState {
  unread: number;
  latest: string | null;
}

export async function fetchNotificationState(client: Client): Promise<NotificationState | { error: RequestFailure }> {
  const { data, error, status } = await client.rpc('notification_state');
  if (error) return { error: failureOf(error, status) };
  const row = data?.[0];
  return { unread: Number(row?.unread ?? 0), latest: row?.latest ?? null };
}

export async function fetchNotifications(client: Client, max = 30): Promise<NotificationItem[] | { error: RequestFailure }> {
  const { data, error, status } = await client.rpc('list_notifications', { max_results: max });
  if (error) return { error: failureOf(error, status) };
  return (data ?? []).map((r) => ({
    id: r.id,
    kind: r.kind as NotificationKind,
    documentId: r.document_id,
    documentTitle: { en: r.document_title_en ?? null, fr: r.document_title_fr ?? null },
    commentId: r.comment_id ?? null,
    commentExcerpt: r.comment_excerpt ?? null,
    decision: r.decision ?? null,
    actorName: r.actor_name ?? null,
    createdAt: r.created_at,
    readAt: r.read_at ?? null,
  }));
}

/** Marks one notification read (`id`) or all of them (null); the failure, or null. */
export async function markNotificationsRead(client: Client, id: string | null): Promise<RequestFailure | null> {
  const { error, status } = id ? await client.rpc('mark_notification_read', { notification: id }) : await client.rpc('mark_all_notifications_read');
  return error ? failureOf(error, status) : null;
}
