// `legacy-import` (issue 14 item 5): an old English and French job description of the same
// position (Word .docx, HTML or plain text) becomes a new job description of the caller's
// organization, with its identification fields and TBS sections filled, and the alignment of the
// pair stored for the translation memory.
//
//   POST multipart/form-data  en, fr (files), organization? (uuid)
//   → 201 { document, alignment, sections, identification, warnings }   (warnings in the caller's language)
//   With `Accept: text/event-stream`: 200 and events `{ stage: reading | aligning | creating }`,
//   then `{ done: <the answer above> }` or `{ error, code, status }` (what the portal's progress shows).
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
import type { SupabaseClient } from 'npm:@supabase/supabase-js@2.109.0';
import { errorMessage, json, mediaTypeOf, multipartDocuments, parseWith, readBody, RequestError, serveBilingual } from '../_shared/bilingual-input.ts';
import { databaseRefusal, pairRows, writableOrganization } from '../_shared/alignment-store.ts';
import { callerClient } from '../_shared/exchange.ts';
import { withCors } from '../_shared/cors.ts';
import { requestLang } from '../_shared/request-lang.ts';

const Organization = z.uuid('organization must be a UUID').optional();
/** What one RPC call may carry: the REST body limit is 1 MiB. */
const MAX_RPC_BYTES = 900 * 1024;

/** The steps after the upload, in order; a caller who asks for text/event-stream is told as each starts. */
type Stage = 'reading' | 'aligning' | 'creating';

/** Reads, aligns and creates; throws a RequestError for what the caller must fix. */
async function runImport(request: Request, supabase: SupabaseClient, body: Uint8Array<ArrayBuffer>, stage: (stage: Stage) => void): Promise<Record<string, unknown>> {
  stage('reading');
  const { documents, fields } = await multipartDocuments(request, body);
  const requested = fields.get('organization');
  const organization = await writableOrganization(supabase, request, parseWith(Organization, typeof requested === 'string' && requested !== '' ? requested : undefined));

  stage('aligning');
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

  stage('creating');
  const { data, error } = await supabase.rpc('import_job_description', args);
  if (error) throw databaseRefusal(error);
  const created = data as { document: string; alignment: string; sections: number };
  const lang = requestLang(request);
  return { ...created, identification: draft.identification, warnings: warnings.map((w) => w[lang]) };
}

const FAILED = 'The import failed on the server; nothing was created.';

/**
 * The import as server-sent events: `{"stage": …}` as each step starts, then `{"done": answer}`
 * or `{"error", "code", "status"}`. The upload is over when the stream starts.
 */
function eventStream(request: Request, supabase: SupabaseClient, body: Uint8Array<ArrayBuffer>): Response {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: unknown) => controller.enqueue(encoder.encode(`data: ${JSON.stringify(event)}\n\n`));
      try {
        send({ done: await runImport(request, supabase, body, (stage) => send({ stage })) });
      } catch (error) {
        if (error instanceof RequestError) send({ error: errorMessage(error, requestLang(request)), code: error.code, status: error.status });
        else {
          console.error('legacy-import failed', error);
          send({ error: FAILED, code: 'internal', status: 500 });
        }
      }
      controller.close();
    },
  });
  return withCors(new Response(stream, { status: 200, headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store' } }));
}

async function handle(request: Request): Promise<Response> {
  if (request.method !== 'POST') throw new RequestError('method');
  const supabase = callerClient(request);
  if (!supabase) throw new RequestError('unauthenticated');
  if (mediaTypeOf(request) !== 'multipart/form-data') throw new RequestError('media_type');
  const body = await readBody(request);
  if ((request.headers.get('accept') ?? '').includes('text/event-stream')) return eventStream(request, supabase, body);
  return json(await runImport(request, supabase, body, () => {}), 201);
}

serveBilingual('legacy-import', FAILED, handle);
