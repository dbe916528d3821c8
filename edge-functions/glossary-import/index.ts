// POST /functions/v1/glossary-import?organization=<uuid>, body = a TBX-Basic file
// (content-type application/x-tbx+xml or application/xml): adds its English–French terms to the
// organization's glossary (domain/tm/tbx.ts says how entries and statuses map), all or nothing,
// in one glossary_import call (one transaction). Answer as tm-import's: { imported, updated,
// skipped, errors }. A glossary is small next to a memory: the file is read whole, up to 4 MiB,
// and at most 5 000 term pairs are imported at once.
import { readTbx } from '../../domain/tm/tbx.ts';
import { acceptImport, issueOf, json, refused, skippedHeaders, statusOfDatabaseError, type ImportAnswer } from '../_shared/exchange.ts';

declare const Deno: { serve(handler: (request: Request) => Response | Promise<Response>): unknown };

const TBX_MEDIA_TYPES = ['application/x-tbx+xml', 'application/tbx+xml', 'application/xml', 'text/xml'];
const MAX_FILE_BYTES = 4 * 1024 * 1024;
const MAX_TERMS = 5000;

/** The body as text, or null when it is larger than `limit` bytes (read no further). */
async function bodyText(request: Request, limit: number): Promise<string | null> {
  if (!request.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body) {
    size += chunk.length;
    if (size > limit) return null;
    chunks.push(chunk);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8';
  return new TextDecoder(utf16).decode(bytes);
}

Deno.serve(async (request) => {
  const accepted = acceptImport(request, { kind: 'TBX', mediaTypes: TBX_MEDIA_TYPES });
  if (accepted instanceof Response) return accepted;
  const { organization, supabase } = accepted;

  const text = await bodyText(request, MAX_FILE_BYTES);
  if (text === null) return refused(413, [{ line: 0, message: `a TBX file may be at most ${MAX_FILE_BYTES} bytes` }]);
  const result = readTbx(text);
  const skipped = Object.values(result.skipped).reduce((sum, n) => sum + n, 0);
  if (result.errors.length > 0) return refused(422, result.errors, skipped);
  if (result.entries.length > MAX_TERMS) {
    return refused(422, [{ line: 0, message: `at most ${MAX_TERMS} term pairs per import (the file has ${result.entries.length})` }], skipped);
  }
  if (result.entries.length === 0) {
    return json({ imported: 0, updated: 0, skipped, errors: [] } satisfies ImportAnswer, 200, skippedHeaders(result.skipped));
  }
  const terms = result.entries.map((entry) => ({
    line: entry.line,
    term_en: entry.termEn,
    term_fr: entry.termFr,
    status: entry.status,
    domain: entry.domain,
    notes: entry.notes,
  }));
  const { data, error } = await supabase.rpc('glossary_import', { organization, terms });
  if (error) return refused(statusOfDatabaseError(error), [issueOf(error.message)], skipped);
  const row = (data as { imported: number; updated: number }[])[0] ?? { imported: 0, updated: 0 };
  const answer: ImportAnswer = { imported: row.imported, updated: row.updated, skipped, errors: [] };
  return json(answer, 200, skippedHeaders(result.skipped));
});
