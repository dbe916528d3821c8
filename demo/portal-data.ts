// Every query the portal itself makes (the kit's elements make their own): through the session's
// supabase-js client, so row-level security decides what the signed-in user sees.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../supabase/database.types.js';

type Client = SupabaseClient<Database>;

export type DocumentRow = Database['public']['Functions']['list_documents']['Returns'][number];
export type DocumentStatus = 'draft' | 'in_review' | 'approved' | 'archived';
export const DOCUMENT_STATUSES: readonly DocumentStatus[] = ['draft', 'in_review', 'approved', 'archived'];

/** Roles that decide reviews (decide_approval): they get the review queue. */
const REVIEWING_ROLES = new Set(['reviewer', 'admin']);

export interface Membership {
  role: string;
  organizationId: string;
  nameEn: string;
  nameFr: string;
}

export interface Account {
  memberships: Membership[];
  /** Whether the user decides reviews somewhere (shows the review queue). */
  reviews: boolean;
  /** Whether the user is an admin somewhere (shows the admin page). */
  administers: boolean;
}

/** The user's roles and departments (their own memberships and the organizations they belong to). */
export async function loadAccount(client: Client, userId: string): Promise<Account> {
  const [memberships, organizations] = await Promise.all([
    client.from('memberships').select('organization_id, role').eq('user_id', userId),
    client.from('organizations').select('id, name_en, name_fr'),
  ]);
  if (memberships.error) throw new Error(memberships.error.message);
  if (organizations.error) throw new Error(organizations.error.message);
  const names = new Map(organizations.data.map((o) => [o.id, o]));
  const rows = memberships.data.map((m) => ({
    role: m.role,
    organizationId: m.organization_id,
    nameEn: names.get(m.organization_id)?.name_en ?? '',
    nameFr: names.get(m.organization_id)?.name_fr ?? '',
  }));
  return { memberships: rows, reviews: rows.some((m) => REVIEWING_ROLES.has(m.role)), administers: rows.some((m) => m.role === 'admin') };
}

/** The documents the user may open (RPC list_documents), newest change first. */
export async function listDocuments(client: Client, filters: { status?: DocumentStatus | undefined; search?: string | undefined }): Promise<DocumentRow[]> {
  const args: Database['public']['Functions']['list_documents']['Args'] = {};
  if (filters.status) args.status_filter = filters.status;
  if (filters.search?.trim()) args.search_text = filters.search.trim();
  const { data, error } = await client.rpc('list_documents', args);
  if (error) throw new Error(error.message);
  return data ?? [];
}

export type DocumentSummary = Pick<Database['public']['Tables']['job_descriptions']['Row'], 'title_en' | 'title_fr' | 'classification' | 'status'>;

/** One document's heading fields, or null when it does not exist or the user may not read it. */
export async function loadDocument(client: Client, id: string): Promise<DocumentSummary | null> {
  const { data, error } = await client
    .from('job_descriptions')
    .select('title_en, title_fr, classification, status')
    .eq('id', id)
    .maybeSingle();
  if (error) throw new Error(error.message);
  return data;
}

/** The steps of an import from Word, in order (the first is the portal's own: sending the files). */
export const IMPORT_STAGES = ['upload', 'reading', 'aligning', 'creating'] as const;
export type ImportStage = (typeof IMPORT_STAGES)[number];

export interface ImportedDocument {
  document: string;
  alignment: string;
  sections: number;
  warnings: string[];
}

/** Why an import failed: the function's message (in the UI language), or no answer at all. */
export class ImportFailure extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
  }
}

/**
 * Imports an English and a French file through the `legacy-import` function, as the signed-in
 * user, following its steps (server-sent events) with `onStage`. Rejects with ImportFailure.
 */
export async function importFromWord(client: Client, files: { en: File; fr: File }, lang: 'en' | 'fr', onStage: (stage: ImportStage) => void): Promise<ImportedDocument> {
  const body = new FormData();
  body.set('en', files.en, files.en.name);
  body.set('fr', files.fr, files.fr.name);
  onStage('upload');
  const { data, error } = await client.functions.invoke('legacy-import', { body, headers: { Accept: 'text/event-stream', 'Accept-Language': lang } });
  if (error) {
    // A refusal before the steps start (no access, too large): its JSON names the problem.
    const context = (error as { context?: unknown }).context;
    const answer = context instanceof Response ? ((await context.json().catch(() => null)) as { error?: string; code?: string } | null) : null;
    throw new ImportFailure(answer?.error ?? '', answer?.code ?? 'network');
  }
  const reader = (data as Response).body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffered += value;
    let end: number;
    while ((end = buffered.indexOf('\n\n')) >= 0) {
      const chunk = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      if (!chunk.startsWith('data: ')) continue;
      const event = JSON.parse(chunk.slice('data: '.length)) as { stage?: ImportStage; done?: ImportedDocument; error?: string; code?: string };
      if (event.stage) onStage(event.stage);
      if (event.done) return event.done;
      if (event.error !== undefined) throw new ImportFailure(event.error, event.code ?? 'internal');
    }
  }
  throw new ImportFailure('', 'network');
}
