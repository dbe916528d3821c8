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
  return { memberships: rows, reviews: rows.some((m) => REVIEWING_ROLES.has(m.role)) };
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
