// What the export functions (tm-export, glossary-export) share: the checks before anything is
// read (GET, ?organization=, signed in, a member of it: asked as the caller, so a non-member
// gets 403 rather than an empty file), and a file streamed page by page with keyset pagination,
// so an export of any size never sits in memory whole.
import type { SupabaseClient } from 'npm:@supabase/supabase-js@2.109.0';
import { corsHeaders, preflightResponse } from './cors.ts';
import { callerClient, json, organizationOf } from './exchange.ts';

/** The organization and the caller's client, or the answer refusing the export. */
export async function acceptExport(
  request: Request,
  url: URL = new URL(request.url),
): Promise<{ organization: string; supabase: SupabaseClient } | Response> {
  const preflight = preflightResponse(request);
  if (preflight) return preflight;
  if (request.method !== 'GET') return json({ message: 'use GET' }, 405);
  const target = organizationOf(url);
  if ('problem' in target) return json({ message: target.problem }, 400);
  const supabase = callerClient(request);
  if (!supabase) return json({ message: 'sign in: the request has no Authorization header' }, 401);
  const { organization } = target;
  const { data: member, error } = await supabase.from('organizations').select('id').eq('id', organization).maybeSingle();
  if (error) return json({ message: error.message }, 500);
  if (!member) return json({ message: `you are not a member of organization ${organization}` }, 403);
  return { organization, supabase };
}

export interface PagedFile<Row> {
  start: string;
  end: string;
  /** The rows after `after` (null: from the first), at most `size`, in key order. */
  page(after: Row | null, size: number): Promise<Row[]>;
  write(row: Row): string;
  contentType: string;
  fileName: string;
}

const PAGE = 1000;

/** A response streaming `start`, every row written, then `end`, one page per pull. */
export function pagedFileResponse<Row>(file: PagedFile<Row>): Response {
  const encoder = new TextEncoder();
  let last: Row | null = null;
  let started = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(file.start));
        return;
      }
      let rows: Row[];
      try {
        rows = await file.page(last, PAGE);
      } catch (error) {
        controller.error(error);
        return;
      }
      const text = rows.map((row) => file.write(row)).join('');
      last = rows.at(-1) ?? last;
      if (rows.length < PAGE) {
        controller.enqueue(encoder.encode(text + file.end));
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(text));
    },
  });
  return new Response(body, {
    headers: {
      ...corsHeaders,
      'content-type': `${file.contentType}; charset=utf-8`,
      'content-disposition': `attachment; filename="${file.fileName}"`,
      // A page on another origin (the portal embedding <jd-concordance>) reads the file name from it.
      'access-control-expose-headers': 'content-disposition',
    },
  });
}
