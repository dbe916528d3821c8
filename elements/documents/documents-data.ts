// The RPCs <jd-documents> calls (search_documents, waiting_for_me, create_job_description), typed
// from the generated Database type. What a user may see and create is decided by the database.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../supabase/database.types.js';

type Functions = Database['public']['Functions'];
export type SearchArgs = Functions['search_documents']['Args'];
export type SearchHit = Functions['search_documents']['Returns'][number];
export type WaitingItem = Functions['waiting_for_me']['Returns'][number];

export const DOCUMENT_STATUSES = ['draft', 'in_review', 'approved', 'archived'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** A group (PM, AO-CAI) or a group and level (PM-04), as search_documents takes it; '' for none. */
export const CLASSIFICATION_FILTER = /^[A-Z]{2,3}(-[A-Z]{2,4})?(-(0[0-9]|1[0-9]))?$/;

export async function searchDocuments(client: SupabaseClient<Database>, args: SearchArgs): Promise<SearchHit[]> {
  const { data, error } = await client.rpc('search_documents', args);
  if (error) throw new Error(error.message);
  return data ?? [];
}

export async function waitingForMe(client: SupabaseClient<Database>): Promise<WaitingItem[]> {
  const { data, error } = await client.rpc('waiting_for_me', {});
  if (error) throw new Error(error.message);
  return data ?? [];
}

/** The organizations where the user may create job descriptions (editor, translator, admin). */
export async function writableOrganizations(client: SupabaseClient<Database>, userId: string): Promise<string[]> {
  const { data, error } = await client.from('memberships').select('organization_id, role').eq('user_id', userId);
  if (error) throw new Error(error.message);
  return (data ?? []).filter((m) => ['editor', 'translator', 'admin'].includes(m.role)).map((m) => m.organization_id);
}

export async function createJobDescription(
  client: SupabaseClient<Database>,
  request: { organization: string; kind: 'blank' | 'clone'; source?: string },
): Promise<string> {
  const { data, error } = await client.rpc('create_job_description', request);
  if (error) throw new Error(error.message);
  return data;
}
