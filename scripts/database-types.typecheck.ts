// Compiled by `npm run test:types`, never run: proves that supabase/database.types.ts types the
// stock client. Each `@ts-expect-error` fails the type check if typing is lost (an untyped
// client accepts anything, so the expected error would be missing).
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { Database, Tables, TablesInsert } from '../supabase/database.types.js';

type DocumentSummary = Database['public']['Functions']['list_documents']['Returns'][number];

export async function typedQueries(url: string, key: string): Promise<void> {
  const client: SupabaseClient<Database> = createClient<Database>(url, key);

  const titles = await client.from('job_descriptions').select('id, title_en').eq('id', 'a-uuid').maybeSingle();
  const row: { id: string; title_en: string | null } | null = titles.data;
  // @ts-expect-error title_en is nullable text: not a plain string
  const title: string | undefined = titles.data?.title_en;
  // @ts-expect-error only the selected columns are in the result
  void titles.data?.status;
  // @ts-expect-error no such table
  void client.from('job_description');

  const documents = await client.rpc('list_documents', { search_text: 'analyst', max_results: 20 });
  const firstTitle: string | undefined = documents.data?.[0]?.title_fr;
  // @ts-expect-error list_documents has no `search` argument
  void client.rpc('list_documents', { search: 'analyst' });
  // @ts-expect-error max_results is an integer argument
  void client.rpc('list_documents', { max_results: '20' });
  // @ts-expect-error no such function
  void client.rpc('list_document');

  const insert: TablesInsert<'job_descriptions'> = { organization_id: 'an-org-uuid', title_en: 'Analyst' };
  // @ts-expect-error organization_id is required on insert
  const incomplete: TablesInsert<'job_descriptions'> = { title_en: 'Analyst' };
  // @ts-expect-error classification_group is a generated column: never written
  await client.from('job_descriptions').update({ classification_group: 'AS' }).eq('id', 'a-uuid');

  const summary: DocumentSummary | undefined = documents.data?.[0];
  const full: Tables<'job_descriptions'> | undefined = undefined;
  void [row, title, firstTitle, insert, incomplete, summary, full];
}
