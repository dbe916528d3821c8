// What the XLIFF functions (xliff-export, xliff-import) share: the `?document=` argument, what
// the caller may do with that document (can_open_document, asked as the caller, so the review
// lock and membership decide exactly as they do for the sync server), and its sections as the
// sync server projected them (document_sections, read as the caller under RLS).
import type { SupabaseClient } from 'npm:@supabase/supabase-js@2.109.0';
import { z } from 'npm:zod@4.6.7';
import { sectionTextOf, type XliffSection } from '../../domain/exchange/xliff.ts';

const documentParam = z.uuid({ error: 'document must be the uuid of a job description (?document=<uuid>)' });

/** The `?document=` uuid, or the message saying what is wrong with it. */
export function documentOf(url: URL): { documentId: string } | { problem: string } {
  const parsed = documentParam.safeParse(url.searchParams.get('document') ?? '');
  return parsed.success ? { documentId: parsed.data.toLowerCase() } : { problem: parsed.error.issues[0]!.message };
}

/** edit | view | null (no such document, or not the caller's to read). */
export async function accessOf(supabase: SupabaseClient, documentId: string): Promise<'edit' | 'view' | null> {
  const { data, error } = await supabase.rpc('can_open_document', { doc: documentId });
  if (error) throw new Error(error.message);
  return data === 'edit' || data === 'view' ? data : null;
}

/** Why a caller who may read a document may not change it: the review lock, else their role. */
export async function readOnlyReason(supabase: SupabaseClient, documentId: string): Promise<string> {
  const { data } = await supabase.from('job_descriptions').select('status').eq('id', documentId).maybeSingle();
  const status = (data as { status?: string } | null)?.status;
  return status && status !== 'draft'
    ? `the document is ${status.replace('_', ' ')}: only a draft is edited (reopen it as a draft first)`
    : 'your role may read this document but not change it (editors, translators and admins edit)';
}

interface SectionRow {
  lang: 'en' | 'fr';
  section_id: string;
  kind: string | null;
  position: number | null;
  heading: string | null;
  body: string | null;
}

/** The document's sections in English order, each with its French (null when it has none). */
export async function sectionsOf(supabase: SupabaseClient, documentId: string): Promise<XliffSection[]> {
  const { data, error } = await supabase
    .from('document_sections')
    .select('lang, section_id, kind, position, heading, body')
    .eq('document_id', documentId)
    .order('position');
  if (error) throw new Error(error.message);
  const rows = data as SectionRow[];
  const french = new Map(rows.filter((r) => r.lang === 'fr').map((r) => [r.section_id, r]));
  return rows
    .filter((r) => r.lang === 'en')
    .map((r) => {
      const fr = french.get(r.section_id);
      return { sectionId: r.section_id, kind: r.kind ?? 'custom', en: sectionTextOf(r), fr: fr ? sectionTextOf(fr) : null };
    });
}
