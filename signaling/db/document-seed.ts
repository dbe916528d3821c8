// A job description that exists only as rows (created through the API, imported, or seeded)
// has sections in document_sections and its identification in job_descriptions, but nothing in
// the Yjs log. The server gives it its first content from those rows when it first loads it, so
// that whoever opens it first (a viewer or a reviewer too, who may not write) sees the text and
// the identification fields, and comments can anchor to the text.
// The updates are the same bytes an editor's client would compute (domain/document-init.ts
// writes them as fixed Yjs clients), so a client that also seeds, or two instances seeding at
// once, add nothing twice.
import { initialContentUpdate, initialMetaUpdate, seedsFromRows, stateVectorHasInitialMeta, updateHasInitialMeta, type IdentificationRow } from '../../domain/document-init.js';
import { toBytes, type SqlTransaction, type SyncDatabase } from './sql-access.js';
import { appendUpdates, type PendingUpdate } from './update-log.js';

interface SectionRow {
  lang: string;
  section_id: string;
  kind: string;
  heading: string;
  body: string;
}

/** What a load seeded. */
export interface Seeded {
  /** The sections, into a log that was empty. */
  content: boolean;
  /** The identification fields (meta), into a log that did not have them yet. */
  meta: boolean;
}

/** The document's identification as meta keys: its own columns and its organization's names. */
async function identificationRow(tx: SqlTransaction, documentId: string): Promise<IdentificationRow | null> {
  const { rows } = await tx.query(
    `select d.title_en, d.title_fr, d.classification, d.position_number, d.noc_code, d.language_profile,
            o.name_en as department, o.name_fr as department_fr
       from public.job_descriptions d join public.organizations o on o.id = d.organization_id
      where d.id = $1::uuid`,
    [documentId],
  );
  return (rows[0] as IdentificationRow | undefined) ?? null;
}

/**
 * Whether the stored log holds the identification seed. Documents seeded before meta was had
 * only their sections: their meta is seeded on their next load. The snapshot's state vector
 * answers once a compaction folded the seed in; until then the tail is read.
 */
async function logHasMeta(tx: SqlTransaction, documentId: string): Promise<boolean> {
  const snapshot = await tx.query('select state_vector, last_seq from public.doc_snapshots where document_id = $1::uuid', [documentId]);
  const stateVector = snapshot.rows[0]?.['state_vector'];
  if (stateVector && stateVectorHasInitialMeta(toBytes(stateVector))) return true;
  const tail = await tx.query('select update from public.doc_updates where document_id = $1::uuid and coalesce(seq_end, seq) > $2::bigint', [
    documentId,
    snapshot.rows[0]?.['last_seq'] ?? 0,
  ]);
  return tail.rows.some((row) => {
    try {
      return updateHasInitialMeta(toBytes(row['update']));
    } catch {
      // An update Yjs cannot read (the room logs and skips it when it loads) holds no seed.
      return false;
    }
  });
}

/**
 * Appends the document's first content from its stored sections when its Yjs log is empty, and
 * its identification fields from its row when the log does not have them yet (a field someone
 * has typed meanwhile keeps its value: see domain/document-init.ts).
 */
export async function seedDocument(db: SyncDatabase, documentId: string): Promise<Seeded> {
  const updates = await db.asService(async (tx) => {
    const state = await tx.query(
      `select exists (select 1 from public.doc_updates where document_id = $1::uuid)
           or exists (select 1 from public.doc_snapshots where document_id = $1::uuid) as has_state`,
      [documentId],
    );
    const hasState = Boolean(state.rows[0]?.['has_state']);
    const seeded: { content?: Uint8Array; meta?: Uint8Array } = {};
    if (!hasState) {
      const sections = await tx.query(
        `select lang, section_id, kind, heading, body from public.document_sections
          where document_id = $1::uuid order by lang, position, section_id`,
        [documentId],
      );
      const rows = sections.rows as unknown as SectionRow[];
      if (rows.length > 0) seeded.content = initialContentUpdate(seedsFromRows(rows));
    }
    if (!hasState || !(await logHasMeta(tx, documentId))) {
      const row = await identificationRow(tx, documentId);
      const meta = row ? initialMetaUpdate(row) : null;
      // A row without any identification makes an empty update: nothing to store.
      if (meta && updateHasInitialMeta(meta)) seeded.meta = meta;
    }
    return seeded;
  });
  const pending: PendingUpdate[] = [updates.content, updates.meta].flatMap((update) => (update ? [{ update, createdBy: null }] : []));
  if (pending.length > 0) await appendUpdates(db, documentId, pending);
  return { content: updates.content !== undefined, meta: updates.meta !== undefined };
}
