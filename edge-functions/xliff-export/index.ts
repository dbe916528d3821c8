// GET /functions/v1/xliff-export?document=<uuid>: one job description as XLIFF 2.0 (English
// sources, French targets; domain/exchange/xliff.ts), for a translator's own CAT tool. Read as
// the caller: every role that may open the document (can_open_document: edit or view) exports
// it; anyone else gets 403 and not a byte of it. The text is the sections as the sync server
// last projected them (document_sections), which trails live typing by the projection's
// debounce. A job description is a few dozen kilobytes, so the file is built whole rather than
// streamed page by page like a translation memory.
import { writeXliff, XLIFF_MEDIA_TYPE } from '../../domain/exchange/xliff.ts';
import { corsHeaders, preflightResponse } from '../_shared/cors.ts';
import { callerClient, json } from '../_shared/exchange.ts';
import { accessOf, documentOf, sectionsOf } from '../_shared/job-description.ts';

declare const Deno: { serve(handler: (request: Request) => Response | Promise<Response>): unknown };

Deno.serve(async (request) => {
  const preflight = preflightResponse(request);
  if (preflight) return preflight;
  if (request.method !== 'GET') return json({ message: 'use GET' }, 405);
  const target = documentOf(new URL(request.url));
  if ('problem' in target) return json({ message: target.problem }, 400);
  const supabase = callerClient(request);
  if (!supabase) return json({ message: 'sign in: the request has no Authorization header' }, 401);
  const { documentId } = target;
  try {
    if ((await accessOf(supabase, documentId)) === null) return json({ message: `you may not read document ${documentId}` }, 403);
    const sections = await sectionsOf(supabase, documentId);
    return new Response(writeXliff({ documentId, sections }), {
      headers: {
        ...corsHeaders,
        'content-type': `${XLIFF_MEDIA_TYPE}; charset=utf-8`,
        'content-disposition': `attachment; filename="job-description-${documentId}.xlf"`,
      },
    });
  } catch (error) {
    return json({ message: (error as Error).message }, 500);
  }
});
