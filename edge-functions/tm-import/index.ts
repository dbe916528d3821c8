// POST /functions/v1/tm-import?organization=<uuid>, body = a TMX 1.4b file
// (content-type application/x-tmx+xml): adds its English–French pairs to the organization's
// translation memory, all or nothing. Answer: { imported, updated, skipped, errors: [{ line,
// message }] }; 200 when written, 422 when the file is refused (nothing written), 403 for a
// caller who is not an admin of the organization, 400/401/405/415 for a wrong request.
//
// Why it is all or nothing and still streams: the body is read chunk by chunk through the
// streaming TMX reader (domain/tm/tmx.ts), so at most one chunk and one batch are in memory,
// whatever the size of the file. Each batch of pairs is staged as the caller with
// tm_import_stage (a REST body is at most 1 MiB, so one call cannot carry a large file); the
// memory itself is untouched until the whole file has been read without error, and then
// tm_import_commit moves every staged pair into tm_segments in one statement. When the file
// turns out to be invalid (at any line), or staging refuses a pair, the staged rows are deleted
// and the answer names the line: tm_segments never saw any of it. The reasons pairs were
// skipped (units without both English and French) are in the X-Skipped-Reasons header (JSON).
import { TmxReader, type TmxPair } from '../../domain/tm/tmx.ts';
import { acceptImport, issueOf, json, refused, skippedHeaders, statusOfDatabaseError, type ImportAnswer } from '../_shared/exchange.ts';

declare const Deno: { serve(handler: (request: Request) => Response | Promise<Response>): unknown };

const TMX_MEDIA_TYPES = ['application/x-tmx+xml', 'application/xml', 'text/xml'];
/** A batch stays well under the REST body limit (1 MiB): texts count 3 bytes a character. */
const BATCH_PAIRS = 2000;
const BATCH_BYTES = 600 * 1024;

function pairBytes(pair: TmxPair): number {
  return 3 * (pair.sourceText.length + pair.targetText.length) + 200;
}

Deno.serve(async (request) => {
  const accepted = acceptImport(request, { kind: 'TMX', mediaTypes: TMX_MEDIA_TYPES });
  if (accepted instanceof Response) return accepted;
  const { organization, supabase } = accepted;
  if (!request.body) return refused(422, [{ line: 1, message: 'the body is empty: send the TMX file' }]);

  const session = crypto.randomUUID();
  const reader = new TmxReader();
  let batch: TmxPair[] = [];
  let batchBytes = 0;
  let staged = 0;

  async function stage(): Promise<Response | null> {
    if (batch.length === 0) return null;
    const segments = batch.map((pair) => ({
      line: pair.line,
      source_lang: pair.sourceLang,
      target_lang: pair.targetLang,
      source_text: pair.sourceText,
      target_text: pair.targetText,
      props: pair.props,
    }));
    batch = [];
    batchBytes = 0;
    const { error } = await supabase.rpc('tm_import_stage', { organization, session, segments });
    if (!error) {
      staged += segments.length;
      return null;
    }
    return refused(statusOfDatabaseError(error), [issueOf(error.message)]);
  }

  async function take(pairs: TmxPair[]): Promise<Response | null> {
    for (const pair of pairs) {
      batch.push(pair);
      batchBytes += pairBytes(pair);
      if (batch.length >= BATCH_PAIRS || batchBytes >= BATCH_BYTES) {
        const failure = await stage();
        if (failure) return failure;
      }
    }
    return null;
  }

  async function discard(answer: Response): Promise<Response> {
    if (staged > 0) await supabase.from('tm_import_rows').delete().eq('session_id', session);
    return answer;
  }

  const skippedTotal = () => Object.values(reader.summary().skipped).reduce((sum, n) => sum + n, 0);
  const body = request.body.getReader();
  try {
    for (;;) {
      const { done, value } = await body.read();
      const pairs = done ? reader.close() : reader.write(value);
      if (reader.summary().errors.length > 0) break;
      const failure = await take(pairs);
      if (failure) return await discard(failure);
      if (done) break;
    }
  } finally {
    body.releaseLock();
  }
  const summary = reader.summary();
  if (summary.errors.length > 0) {
    await request.body.cancel().catch(() => {});
    return await discard(refused(422, summary.errors, skippedTotal()));
  }
  const failure = await stage();
  if (failure) return await discard(failure);

  const { data, error } = await supabase.rpc('tm_import_commit', { organization, session });
  if (error) return await discard(refused(statusOfDatabaseError(error), [issueOf(error.message)]));
  const row = (data as { imported: number; updated: number }[])[0] ?? { imported: 0, updated: 0 };
  const answer: ImportAnswer = { imported: row.imported, updated: row.updated, skipped: skippedTotal(), errors: [] };
  return json(answer, 200, skippedHeaders(summary.skipped));
});
