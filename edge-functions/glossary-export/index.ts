// GET /functions/v1/glossary-export?organization=<uuid>: the organization's approved and
// forbidden glossary terms as TBX-Basic (domain/tm/tbx.ts), streamed page by page, read as the
// caller (row-level security: any member reads their organization's glossary; a non-member gets
// 403). Pending proposals are not terminology yet and stay out. glossary-import reads the file
// back to the same pairs.
import { tbxEnd, tbxEntry, tbxStart, type GlossaryStatus } from '../../domain/tm/tbx.ts';
import { acceptExport, pagedFileResponse } from '../_shared/export-stream.ts';

declare const Deno: { serve(handler: (request: Request) => Response | Promise<Response>): unknown };

interface TermRow {
  id: string;
  term_en: string;
  term_fr: string;
  status: GlossaryStatus;
  domain: string | null;
  notes: string | null;
}

Deno.serve(async (request) => {
  const accepted = await acceptExport(request);
  if (accepted instanceof Response) return accepted;
  const { organization, supabase } = accepted;

  return pagedFileResponse<TermRow>({
    start: tbxStart(),
    end: tbxEnd(),
    async page(after, size) {
      let query = supabase
        .from('glossary_terms')
        .select('id, term_en, term_fr, status, domain, notes')
        .eq('organization_id', organization)
        .in('status', ['approved', 'forbidden'])
        .order('id')
        .limit(size);
      if (after) query = query.gt('id', after.id);
      const { data, error } = await query;
      if (error) throw new Error(error.message);
      return data as TermRow[];
    },
    write: (row) => tbxEntry({ termEn: row.term_en, termFr: row.term_fr, status: row.status, domain: row.domain, notes: row.notes }),
    contentType: 'application/x-tbx+xml',
    fileName: `glossary-${organization}.tbx`,
  });
});
