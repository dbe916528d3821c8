// GET /functions/v1/tm-export?format=tmx&organization=<uuid>: the organization's translation
// memory as TMX 1.4b, streamed page by page, read as the caller, so row-level security decides
// what is in it: any member of the organization (every role may read its memory) gets it; a
// caller who is not a member gets 403 and never another department's segments. tm-import turns
// the file back into the same pairs (domain/tm/tmx.ts).
import { tmxEnd, tmxStart, tmxUnit, type TmLang, type TmxProp } from '../../domain/tm/tmx.ts';
import { json } from '../_shared/exchange.ts';
import { acceptExport, pagedFileResponse } from '../_shared/export-stream.ts';

declare const Deno: { serve(handler: (request: Request) => Response | Promise<Response>): unknown };

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
  const url = new URL(request.url);
  const format = url.searchParams.get('format');
  if (request.method === 'GET' && format !== 'tmx') return json({ message: `format must be tmx (got ${format ?? 'none'})` }, 400);
  const accepted = await acceptExport(request, url);
  if (accepted instanceof Response) return accepted;
  const { organization, supabase } = accepted;

  return pagedFileResponse<SegmentRow>({
    start: tmxStart({ creationTool: 'jd-kit tm-export', creationToolVersion: '1' }),
    end: tmxEnd(),
    async page(after, size) {
      const { data, error } = await supabase
        .from('tm_segments')
        .select('id, source_lang, target_lang, source_text, target_text, tmx_props, usage_count')
        .eq('organization_id', organization)
        .gt('id', after?.id ?? 0)
        .order('id')
        .limit(size);
      if (error) throw new Error(error.message);
      return data as SegmentRow[];
    },
    write: (row) =>
      tmxUnit({
        sourceLang: row.source_lang,
        targetLang: row.target_lang,
        sourceText: row.source_text,
        targetText: row.target_text,
        props: row.tmx_props,
        usageCount: row.usage_count,
      }),
    contentType: 'application/x-tmx+xml',
    fileName: `tm-${organization}.tmx`,
  });
});
