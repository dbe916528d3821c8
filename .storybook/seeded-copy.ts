// Copies of ESDC's seeded job description that stories need in a given state (long, approved):
// cloned once per stack with the stock `create_job_description` RPC, as <jd-documents> clones,
// and found again afterwards by their title.
import type { SupabaseClient } from '@supabase/supabase-js';
import { ESDC_DOCUMENT, ESDC_ORGANIZATION } from './local-stack.js';

export interface CopyTitles {
  title_en: string;
  title_fr: string;
}

/** The copy titled `titles` (and, when given, in `status`), or a new clone; `created` says which. */
export async function findOrCloneSeeded(client: SupabaseClient, titles: CopyTitles, status?: string): Promise<{ id: string; created: boolean }> {
  let lookup = client.from('job_descriptions').select('id').eq('title_en', titles.title_en);
  if (status) lookup = lookup.eq('status', status);
  const existing = await lookup.limit(1);
  if (existing.error) throw new Error(`looking up the copy "${titles.title_en}": ${existing.error.message}`);
  if (existing.data[0]) return { id: existing.data[0].id as string, created: false };
  const created = await client.rpc('create_job_description', { organization: ESDC_ORGANIZATION, kind: 'clone', source: ESDC_DOCUMENT, identification: titles });
  if (created.error) throw new Error(`cloning the seeded document into "${titles.title_en}": ${created.error.message}`);
  return { id: created.data as string, created: true };
}
