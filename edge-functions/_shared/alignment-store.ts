// Storing an alignment as the caller (row-level security decides): which organization it goes
// to, the beads as alignment_pairs rows, and the writes in batches under the REST body limit.
import type { SupabaseClient } from 'npm:@supabase/supabase-js@2.109.0';
import type { TextBead } from '../../domain/align/documents.ts';
import type { Warning } from '../../domain/align/legacy-import.ts';
import { RequestError } from './bilingual-input.ts';

/** A bead as alignment_pairs stores it. */
export interface PairRow {
  en: string;
  fr: string;
  /** `<English sentences>-<French sentences>`. */
  bead: string;
  score: number;
}

/** alignment_pairs.source_text / target_text hold at most this many characters. */
const MAX_PAIR_TEXT = 10_000;
/** A batch of rows stays well under the REST body limit (1 MiB): texts count 3 bytes a character. */
const BATCH_BYTES = 600 * 1024;

/**
 * The beads as rows: sentences of a bead joined by a space. Sentences left without a translation
 * (an n-0 or 0-n bead) become one row each, so every stored bead has at most three sentences a
 * side; a bead longer than a row may hold is left out, with a warning.
 */
export function pairRows(beads: readonly TextBead[], warnings: Warning[]): PairRow[] {
  const rows: PairRow[] = [];
  let tooLong = 0;
  for (const bead of beads) {
    const pieces = bead.en.length === 0 || bead.fr.length === 0 ? [...bead.en.map((s) => ({ en: [s], fr: [] as string[] })), ...bead.fr.map((s) => ({ en: [] as string[], fr: [s] }))] : [bead];
    for (const piece of pieces) {
      const row = { en: piece.en.join(' '), fr: piece.fr.join(' '), bead: `${piece.en.length}-${piece.fr.length}`, score: Math.round(bead.score * 1000) / 1000 };
      if (row.en.length > MAX_PAIR_TEXT || row.fr.length > MAX_PAIR_TEXT) tooLong++;
      else rows.push(row);
    }
  }
  if (tooLong > 0) {
    warnings.push({
      en: `${tooLong} pair(s) longer than ${MAX_PAIR_TEXT} characters on one side were not stored (a text without sentence ends?).`,
      fr: `${tooLong} paire(s) de plus de ${MAX_PAIR_TEXT} caractères d’un côté n’ont pas été enregistrées (un texte sans fin de phrase?).`,
    });
  }
  return rows;
}

/** The user id (`sub`) of the caller's access token; the gateway has verified the token. */
function callerId(request: Request): string | null {
  const token = (request.headers.get('authorization') ?? '').replace(/^Bearer\s+/i, '');
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { sub?: unknown };
    return typeof claims.sub === 'string' ? claims.sub : null;
  } catch {
    return null;
  }
}

/**
 * The organization to write in: the one asked for, or the caller's only organization where they
 * are an editor, translator or admin. Refused (403) when they may not write there; 400 when they
 * could write in several and did not say which.
 */
export async function writableOrganization(supabase: SupabaseClient, request: Request, requested: string | undefined): Promise<string> {
  const userId = callerId(request);
  if (!userId) throw new RequestError('no_write');
  const { data, error } = await supabase.from('memberships').select('organization_id').eq('user_id', userId).in('role', ['editor', 'translator', 'admin']);
  if (error) throw new Error(`memberships: ${error.message}`);
  const organizations = [...new Set((data ?? []).map((row) => String(row.organization_id)))];
  if (requested !== undefined) {
    if (!organizations.includes(requested.toLowerCase())) throw new RequestError('no_write');
    return requested.toLowerCase();
  }
  if (organizations.length === 0) throw new RequestError('no_write');
  if (organizations.length > 1) throw new RequestError('organization_required');
  return organizations[0]!;
}

/** A PostgREST error of a write as the answer the functions give. */
export function databaseRefusal(error: { code?: string; message: string }): RequestError | Error {
  if (error.code === '42501') return new RequestError('no_write');
  if (error.code === '22023' || error.code === '23514' || error.code === '22001') return new RequestError('refused', { detail: error.message });
  if (error.code === 'PGRST413') return new RequestError('too_large_to_import', { detail: error.message });
  return new Error(error.message);
}

export interface AlignmentHeader {
  organization_id: string;
  source_document_id?: string;
  target_document_id?: string;
  source_name?: string | null;
  target_name?: string | null;
}

/** Writes the alignment and its pairs as the caller; on any failure nothing stays (the alignment is deleted, its pairs cascade). */
export async function storeAlignment(supabase: SupabaseClient, header: AlignmentHeader, rows: readonly PairRow[]): Promise<string> {
  const { data, error } = await supabase
    .from('alignments')
    .insert({ ...header, source_lang: 'en', target_lang: 'fr' })
    .select('id')
    .single();
  if (error || !data) throw databaseRefusal(error ?? { message: 'the alignment was not created' });
  const alignment = String(data.id);
  try {
    let batch: Record<string, unknown>[] = [];
    let bytes = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      const { error: insertError } = await supabase.from('alignment_pairs').insert(batch);
      if (insertError) throw databaseRefusal(insertError);
      batch = [];
      bytes = 0;
    };
    for (const [position, row] of rows.entries()) {
      batch.push({ alignment_id: alignment, position, source_text: row.en, target_text: row.fr, bead: row.bead, score: row.score });
      bytes += 3 * (row.en.length + row.fr.length) + 200;
      if (bytes >= BATCH_BYTES) await flush();
    }
    await flush();
  } catch (failure) {
    await supabase.from('alignments').delete().eq('id', alignment);
    throw failure;
  }
  return alignment;
}
