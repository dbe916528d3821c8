// The workbench's reads and writes, as the signed-in user through supabase-js: what the user may
// read and write is decided by the database (RLS on alignments and alignment_pairs; the
// alignment_save_pairs RPC writes confirmed pairs into the memory in the same transaction).
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../../supabase/database.types.js';
import type { Lang } from '../../../domain/sections.js';
import { fromStored, toStored, type WorkPair } from './pairs.js';

type Client = SupabaseClient<Database>;

/** An alignment the user can read, as the list shows it. */
export interface AlignmentSummary {
  id: string;
  name: string;
  sourceLang: Lang;
  createdAt: string;
}

/** A failed read or write, with the database's words. */
export class AlignmentStoreError extends Error {}

const LIST_LIMIT = 100;

function fail(what: string, error: { message: string } | null): never {
  throw new AlignmentStoreError(`${what}: ${error?.message ?? 'no answer'}`);
}

/** The alignments the user can read, newest first. */
export async function listAlignments(client: Client): Promise<AlignmentSummary[]> {
  const { data, error } = await client
    .from('alignments')
    .select('id, source_name, target_name, source_lang, created_at')
    .order('created_at', { ascending: false })
    .limit(LIST_LIMIT);
  if (error || !data) fail('Could not list the alignments', error);
  return data.map((row) => ({
    id: row.id,
    name: [row.source_name, row.target_name].filter(Boolean).join(' ↔ ') || row.id,
    sourceLang: row.source_lang === 'fr' ? 'fr' : 'en',
    createdAt: row.created_at,
  }));
}

/** An alignment's pairs in order. */
export async function loadPairs(client: Client, alignment: AlignmentSummary): Promise<WorkPair[]> {
  const { data, error } = await client
    .from('alignment_pairs')
    .select('position, source_text, target_text, bead, score, status')
    .eq('alignment_id', alignment.id)
    .order('position')
    .limit(20000);
  if (error || !data) fail('Could not read the alignment’s pairs', error);
  return data.map((row) => fromStored(row, alignment.sourceLang));
}

/** The one organization whose alignments the user may write (translator, editor or admin). */
async function writableOrganization(client: Client, userId: string): Promise<string> {
  const { data, error } = await client.from('memberships').select('organization_id').eq('user_id', userId).in('role', ['translator', 'editor', 'admin']);
  if (error || !data) fail('Could not find your organization', error);
  const orgs = [...new Set(data.map((row) => row.organization_id))];
  if (orgs.length !== 1) throw new AlignmentStoreError(orgs.length === 0 ? 'Only translators, editors and admins can save alignments.' : 'You belong to several organizations: the workbench cannot tell which one to save into.');
  return orgs[0]!;
}

/** A new English -> French alignment of two pasted texts, with its pairs. */
export async function createAlignment(client: Client, userId: string, names: { en: string; fr: string }, pairs: readonly WorkPair[]): Promise<AlignmentSummary> {
  const organization = await writableOrganization(client, userId);
  const { data, error } = await client
    .from('alignments')
    .insert({ organization_id: organization, source_lang: 'en', target_lang: 'fr', source_name: names.en.slice(0, 500), target_name: names.fr.slice(0, 500) })
    .select('id, source_name, target_name, created_at')
    .single();
  if (error || !data) fail('Could not save the alignment', error);
  const summary: AlignmentSummary = { id: data.id, name: `${data.source_name} ↔ ${data.target_name}`, sourceLang: 'en', createdAt: data.created_at };
  await savePairs(client, summary, pairs);
  return summary;
}

/** Makes the stored pairs the workbench's (confirmed ones into the memory, unconfirmed ones out). */
export async function savePairs(client: Client, alignment: AlignmentSummary, pairs: readonly WorkPair[]): Promise<void> {
  const { error } = await client.rpc('alignment_save_pairs', { alignment: alignment.id, pairs: pairs.map((pair) => toStored(pair, alignment.sourceLang)) });
  if (error) fail('Could not save the pairs', error);
}
