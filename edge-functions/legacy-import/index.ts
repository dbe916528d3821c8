// `legacy-import` (issue 14 item 5): an old English and French job description of the same
// position (Word .docx, HTML or plain text) becomes a new job description of the caller's
// organization, with its identification fields and TBS sections filled, and the alignment of the
// pair stored for the translation memory.
//
//   POST multipart/form-data  en, fr (files), organization? (uuid)
//   → 201 { document, alignment, sections, identification, warnings }
//
// All or nothing: both files are read and aligned before anything is written, and the writes are
// one RPC (import_job_description: the document row, its sections, the alignment and its pairs
// in one transaction, as the caller). A file that cannot be read is refused with a 4xx
// `{ error, code }` naming it, in the caller's language, and nothing is created. The sections
// reach the document's Y.Doc as every stored document's do: the sync server seeds an empty
// document from document_sections when it first loads it.
import { z } from 'npm:zod@4.6.7';
import { importLegacyPair } from '../../domain/align/legacy-import.ts';
import { LANGS } from '../../domain/sections.ts';
import { errorResponse, json, mediaTypeOf, multipartDocuments, parseWith, readBody, RequestError } from '../_shared/bilingual-input.ts';
import { databaseRefusal, pairRows, writableOrganization } from '../_shared/alignment-store.ts';
import { callerClient } from '../_shared/exchange.ts';
import { preflightResponse } from '../_shared/cors.ts';
import { requestLang } from '../_shared/request-lang.ts';

declare const Deno: { serve(handler: (request: Request) => Response | Promise<Response>): unknown };

const Organization = z.uuid('organization must be a UUID').optional();
/** What one RPC call may carry: the REST body limit is 1 MiB. */
const MAX_RPC_BYTES = 900 * 1024;

async function handle(request: Request): Promise<Response> {
  if (request.method !== 'POST') throw new RequestError('method');
  const supabase = callerClient(request);
  if (!supabase) throw new RequestError('unauthenticated');
  if (mediaTypeOf(request) !== 'multipart/form-data') throw new RequestError('media_type');
  const { documents, fields } = await multipartDocuments(request, await readBody(request));
  const requested = fields.get('organization');
  const organization = await writableOrganization(supabase, request, parseWith(Organization, typeof requested === 'string' && requested !== '' ? requested : undefined));

  const draft = importLegacyPair(documents.en.paragraphs, documents.fr.paragraphs);
  const warnings = [...draft.warnings];
  const pairs = pairRows(draft.pairs, warnings);
  const sections = LANGS.flatMap((lang) =>
    draft.sections[lang].map((s, position) => ({ lang, section_id: s.sectionId, kind: s.kind, position, heading: s.heading, body: s.paragraphs.join('\n') })),
  );
  const args = {
    organization,
    identification: draft.identification,
    sections,
    pairs,
    source_name: documents.en.name?.slice(0, 500) ?? null,
    target_name: documents.fr.name?.slice(0, 500) ?? null,
  };
  const bytes = new TextEncoder().encode(JSON.stringify(args)).byteLength;
  if (bytes > MAX_RPC_BYTES) throw new RequestError('too_large_to_import', { detail: `${Math.round(bytes / 1024)} KiB of text and pairs, at most ${MAX_RPC_BYTES / 1024} KiB` });
  const { data, error } = await supabase.rpc('import_job_description', args);
  if (error) throw databaseRefusal(error);
  const created = data as { document: string; alignment: string; sections: number };
  return json({ ...created, identification: draft.identification, warnings }, 201);
}

Deno.serve(async (request) => {
  const preflight = preflightResponse(request);
  if (preflight) return preflight;
  try {
    return await handle(request);
  } catch (error) {
    if (error instanceof RequestError) return errorResponse(error, requestLang(request));
    console.error('legacy-import failed', error);
    return json({ error: 'The import failed on the server; nothing was created.', code: 'internal' }, 500);
  }
});
