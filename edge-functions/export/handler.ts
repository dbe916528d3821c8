// What the `export` function answers, apart from Deno.serve (index.ts):
//   GET ?document=<uuid>&format=docx|pdf&lang=en|fr|both
// The job description as the caller reads it (can_open_document, then job_descriptions,
// document_sections, approvals, document_versions and profiles under row-level security), in
// the TBS layout (domain/export/export-model.ts), as a Word or PDF file to download.
// Bad parameters: 400 naming each; no Authorization: 401; a document the caller cannot open: 404.
import type { SupabaseClient } from 'npm:@supabase/supabase-js@2.109.0';
import { z } from 'npm:zod@4.6.7';
import { EXPORT_LANGUAGES, exportBlocks, exportFileName, type ExportApproval, type ExportFormat, type ExportInput, type ExportLanguages } from '../../domain/export/export-model.ts';
import type { Lang } from '../../domain/sections.ts';
import { corsHeaders, preflightResponse } from '../_shared/cors.ts';
import { json } from '../_shared/exchange.ts';
import { accessOf } from '../_shared/job-description.ts';
import { writeDocx } from './docx-writer.ts';
import { writePdf } from './pdf-writer.ts';

const MEDIA_TYPES: Record<ExportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

const Params = z.object({
  document: z.uuid({ error: 'document must be the uuid of a job description (?document=<uuid>)' }),
  format: z.enum(['docx', 'pdf'], { error: 'format must be docx or pdf (?format=docx|pdf)' }),
  lang: z.enum(EXPORT_LANGUAGES, { error: 'lang must be en, fr or both (?lang=en|fr|both)' }),
});

/** The parameters, or every problem with them (one message per bad parameter). */
export function paramsOf(url: URL): { document: string; format: ExportFormat; lang: ExportLanguages } | { problem: string } {
  const raw = { document: url.searchParams.get('document') ?? '', format: url.searchParams.get('format') ?? '', lang: url.searchParams.get('lang') ?? '' };
  const parsed = Params.safeParse(raw);
  if (!parsed.success) return { problem: parsed.error.issues.map((issue) => issue.message).join('; ') };
  return { ...parsed.data, document: parsed.data.document.toLowerCase() };
}

/** Reads what an export shows, as the caller; null when they may not open the document. */
export type ExportReader = (documentId: string) => Promise<ExportInput | null>;

const must = <T>(result: { data: T; error: { message: string } | null }, what: string): T => {
  if (result.error) throw new Error(`reading ${what}: ${result.error.message}`);
  return result.data;
};

/** The approval behind an approved document: its latest approved round, the version it names, the approver. */
async function approvalOf(supabase: SupabaseClient, documentId: string): Promise<ExportApproval | null> {
  const round = must(
    await supabase.from('approvals').select('reviewer_id, decided_at, version_number').eq('document_id', documentId).eq('decision', 'approved').order('decided_at', { ascending: false }).limit(1).maybeSingle(),
    'the approval',
  ) as { reviewer_id: string | null; decided_at: string; version_number: number | null } | null;
  if (!round) return null;
  // The version the round pinned when it was submitted (approvals.version_number); rounds from
  // before pinning name none: then the latest version saved up to the decision.
  const version = round.version_number !== null
    ? { version_number: round.version_number }
    : (must(
        await supabase.from('document_versions').select('version_number').eq('document_id', documentId).lte('created_at', round.decided_at).order('version_number', { ascending: false }).limit(1).maybeSingle(),
        'the approved version',
      ) as { version_number: number } | null);
  const approver = round.reviewer_id
    ? (must(await supabase.from('profiles').select('display_name').eq('id', round.reviewer_id).maybeSingle(), 'the approver') as { display_name: string | null } | null)
    : null;
  return { versionNumber: version?.version_number ?? null, approver: approver?.display_name ?? null, decidedAt: round.decided_at };
}

/** A reader through supabase-js as the caller (their JWT), so can_open_document and RLS decide. */
export function readerFor(supabase: SupabaseClient): ExportReader {
  return async (documentId) => {
    if ((await accessOf(supabase, documentId)) === null) return null;
    const row = must(
      await supabase.from('job_descriptions').select('status, title_en, title_fr, classification, noc_code, position_number, language_profile').eq('id', documentId).maybeSingle(),
      'the document',
    ) as ({ status: string } & ExportInput['identification']) | null;
    if (!row) return null;
    const sections = must(await supabase.from('document_sections').select('lang, section_id, heading, body, position').eq('document_id', documentId), "the document's sections") as {
      lang: Lang;
      section_id: string;
      heading: string | null;
      body: string | null;
      position: number | null;
    }[];
    const { status, ...identification } = row;
    return {
      identification,
      sections: sections.map((s) => ({ lang: s.lang, sectionId: s.section_id, heading: s.heading ?? '', body: s.body ?? '', position: s.position ?? 0 })),
      approval: status === 'approved' ? await approvalOf(supabase, documentId) : null,
    };
  };
}

/** The answer to one request; `reader` is null when the request has no Authorization header. */
export async function handleExport(request: Request, reader: (request: Request) => ExportReader | null): Promise<Response> {
  const preflight = preflightResponse(request);
  if (preflight) return preflight;
  if (request.method !== 'GET') return json({ error: 'use GET ?document=<uuid>&format=docx|pdf&lang=en|fr|both' }, 405);
  const params = paramsOf(new URL(request.url));
  if ('problem' in params) return json({ error: params.problem }, 400);
  const read = reader(request);
  if (!read) return json({ error: 'sign in: the request has no Authorization header' }, 401);
  try {
    const input = await read(params.document);
    if (!input) return json({ error: 'no such document, or you may not read it' }, 404);
    const blocks = exportBlocks(input);
    const bytes = params.format === 'docx' ? await writeDocx(blocks, params.lang) : await writePdf(blocks, params.lang);
    return new Response(bytes, {
      headers: {
        ...corsHeaders,
        'content-type': MEDIA_TYPES[params.format],
        'content-disposition': `attachment; filename="${exportFileName(input.identification, params.lang, params.format)}"`,
        'access-control-expose-headers': 'content-disposition',
        'cache-control': 'private, no-store',
      },
    });
  } catch (error) {
    return json({ error: (error as Error).message }, 500);
  }
}
