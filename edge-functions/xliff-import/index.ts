// POST /functions/v1/xliff-import?document=<uuid>, body = a translated XLIFF 2.0 file of that
// document (content-type application/xliff+xml): validates it against the document and answers
// the French it gives each section. It writes nothing: the editor applies the answer to the
// Y.Doc in one transaction, so the change reaches everyone through the sync server (which checks
// edit rights on every update) and is one undo step for the translator. A function writing the
// text itself would bypass both: the sync server is the only writer of a document's text.
//
// Answer: { sections: [{ id, fr: { heading, blocks } }], updated, unchanged, errors: [{ line,
// message }] }. `heading`/`blocks[k]` are the targets of segments h/p(k+1), null where the file
// has none (the French there is left alone). `updated` counts the sections whose French differs
// from the stored sections (document_sections), `unchanged` the others. 200 when valid; 422 when
// refused (nothing to apply, every problem with its line); 403 unless the caller may edit the
// document now (can_open_document = edit: an editor, translator or admin, on a draft), with the
// reason; 400/401/405/413/415 for a wrong request. The problems of a file are in the caller's
// Accept-Language (English or French): the editor shows them to the person who imported it.
import { MAX_XLIFF_ERRORS, readXliff, XLIFF_MEDIA_TYPE, type SectionTarget, type XliffIssue, type XliffSection } from '../../domain/exchange/xliff.ts';
import { preflightResponse } from '../_shared/cors.ts';
import { requestLang } from '../_shared/request-lang.ts';
import { callerClient, json } from '../_shared/exchange.ts';
import { accessOf, documentOf, readOnlyReason, sectionsOf } from '../_shared/job-description.ts';

declare const Deno: { serve(handler: (request: Request) => Response | Promise<Response>): unknown };

const MEDIA_TYPES = [XLIFF_MEDIA_TYPE, 'application/x-xliff+xml', 'application/xml', 'text/xml'];
/** A job description's XLIFF is tens of kilobytes; 5 MiB leaves room for CAT-tool extras. */
const MAX_XLIFF_BYTES = 5 * 1024 * 1024;

interface ImportedSection {
  id: string;
  fr: { heading: string | null; blocks: (string | null)[] };
}

interface XliffImportAnswer {
  sections: ImportedSection[];
  updated: number;
  unchanged: number;
  errors: XliffIssue[];
}

function refused(status: number, message: string, line = 0): Response {
  const answer: XliffImportAnswer = { sections: [], updated: 0, unchanged: 0, errors: [{ line, message }] };
  return json(answer, status);
}

/** Whether applying the targets would change the stored French of a section. */
function changes(section: XliffSection | undefined, target: SectionTarget): boolean {
  const fr = section?.fr;
  if (!fr) return target.heading !== null || target.blocks.some((b) => b !== null);
  if (target.heading !== null && target.heading !== fr.heading) return true;
  return target.blocks.some((block, k) => block !== null && block !== fr.blocks[k]);
}

/** The body as text, or null when it is larger than the limit. */
async function readBody(body: ReadableStream<Uint8Array>): Promise<string | null> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const reader = body.getReader();
  let text = '';
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > MAX_XLIFF_BYTES) {
      await reader.cancel().catch(() => {});
      return null;
    }
    text += decoder.decode(value, { stream: true });
  }
}

Deno.serve(async (request) => {
  const preflight = preflightResponse(request);
  if (preflight) return preflight;
  if (request.method !== 'POST') return refused(405, 'use POST with the XLIFF file as the body');
  const target = documentOf(new URL(request.url));
  if ('problem' in target) return refused(400, target.problem);
  const mediaType = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!MEDIA_TYPES.includes(mediaType)) return refused(415, `content-type must be ${XLIFF_MEDIA_TYPE} (got ${mediaType || 'none'})`);
  const supabase = callerClient(request);
  if (!supabase) return refused(401, 'sign in: the request has no Authorization header');
  const { documentId } = target;
  try {
    const access = await accessOf(supabase, documentId);
    if (access === null) return refused(403, `you may not read document ${documentId}`);
    if (access !== 'edit') return refused(403, `you may not change document ${documentId}: ${await readOnlyReason(supabase, documentId)}`);
    const lang = requestLang(request);
    const french = lang === 'fr';
    if (!request.body) return refused(422, french ? 'le corps est vide : envoyez le fichier XLIFF traduit' : 'the body is empty: send the translated XLIFF file', 1);
    let text: string | null;
    try {
      text = await readBody(request.body);
    } catch {
      return refused(422, french ? 'le fichier n’est pas en UTF-8' : 'the file is not UTF-8', 1);
    }
    if (text === null) return refused(413, `the file is larger than ${MAX_XLIFF_BYTES} bytes`);

    const sections = await sectionsOf(supabase, documentId);
    const read = readXliff(text.replace(/^\uFEFF/, ''), { documentId, sectionIds: new Set(sections.map((s) => s.sectionId)), lang });
    if (read.errors.length > 0) {
      const answer: XliffImportAnswer = { sections: [], updated: 0, unchanged: 0, errors: read.errors.slice(0, MAX_XLIFF_ERRORS) };
      return json(answer, 422);
    }
    const byId = new Map(sections.map((s) => [s.sectionId, s]));
    const updated = read.targets.filter((t) => changes(byId.get(t.sectionId), t)).length;
    const answer: XliffImportAnswer = {
      sections: read.targets.map((t) => ({ id: t.sectionId, fr: { heading: t.heading, blocks: t.blocks } })),
      updated,
      unchanged: read.targets.length - updated,
      errors: [],
    };
    return json(answer);
  } catch (error) {
    return refused(500, (error as Error).message);
  }
});
