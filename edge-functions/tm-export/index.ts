// GET /functions/v1/tm-export?format=tmx&organization=<uuid>: the organization's translation
// memory as TMX 1.4b, streamed page by page (keyset pagination on id), read as the caller, so
// row-level security decides what is in it: any member of the organization (every role may read
// its memory) gets it; a caller who is not a member gets 403 and never another department's
// segments. tm-import turns the file back into the same pairs (domain/tm/tmx.ts).
import { tmxEnd, tmxStart, tmxUnit, type TmLang, type TmxProp } from '../../domain/tm/tmx.ts';
import { corsHeaders, preflightResponse } from '../_shared/cors.ts';
import { callerClient, json, organizationOf } from '../_shared/exchange.ts';

declare const Deno: { serve(handler: (request: Request) => Response | Promise<Response>): unknown };

const PAGE = 1000;

interface SegmentRow {
  id: number;
  source_lang: TmLang;
  target_lang: TmLang;
  source_text: string;
  target_text: string;
  tmx_props: TmxProp[] | null;
  usage_count: number;
}

Deno.serve(async (request) => {
  const preflight = preflightResponse(request);
  if (preflight) return preflight;
  if (request.method !== 'GET') return json({ message: 'use GET' }, 405);
  const url = new URL(request.url);
  const format = url.searchParams.get('format');
  if (format !== 'tmx') return json({ message: `format must be tmx (got ${format ?? 'none'})` }, 400);
  const target = organizationOf(url);
  if ('problem' in target) return json({ message: target.problem }, 400);
  const supabase = callerClient(request);
  if (!supabase) return json({ message: 'sign in: the request has no Authorization header' }, 401);
  const { organization } = target;

  const { data: member, error } = await supabase.from('organizations').select('id').eq('id', organization).maybeSingle();
  if (error) return json({ message: error.message }, 500);
  if (!member) return json({ message: `you are not a member of organization ${organization}` }, 403);

  const encoder = new TextEncoder();
  let lastId = 0;
  let started = false;
  let finished = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (finished) return;
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(tmxStart({ creationTool: 'jd-kit tm-export', creationToolVersion: '1' })));
        return;
      }
      const { data, error: pageError } = await supabase
        .from('tm_segments')
        .select('id, source_lang, target_lang, source_text, target_text, tmx_props, usage_count')
        .eq('organization_id', organization)
        .gt('id', lastId)
        .order('id')
        .limit(PAGE);
      if (pageError) {
        controller.error(new Error(pageError.message));
        return;
      }
      const rows = (data ?? []) as SegmentRow[];
      const units = rows.map((row) =>
        tmxUnit({
          sourceLang: row.source_lang,
          targetLang: row.target_lang,
          sourceText: row.source_text,
          targetText: row.target_text,
          props: row.tmx_props,
          usageCount: row.usage_count,
        }),
      );
      if (rows.length > 0) lastId = rows[rows.length - 1]!.id;
      if (rows.length < PAGE) {
        finished = true;
        controller.enqueue(encoder.encode(units.join('') + tmxEnd()));
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(units.join('')));
    },
  });
  return new Response(body, {
    headers: {
      ...corsHeaders,
      'content-type': 'application/x-tmx+xml; charset=utf-8',
      'content-disposition': `attachment; filename="tm-${organization}.tmx"`,
    },
  });
});
