// A job description that exists only as rows (created through the API, imported, or seeded)
// has sections in document_sections but nothing in the Yjs log. The server gives it its first
// content from those rows when it first loads it, so that whoever opens it first (a viewer or a
// reviewer too, who may not write) sees the text, and comments can anchor to it.
// The update is the same bytes an editor's client would compute (domain/document-init.ts
// writes it as one fixed Yjs client), so a client that also seeds, or two instances seeding at
// once, add nothing twice.
import { initialContentUpdate, seedsFromRows } from '../../domain/document-init.js';
import type { SyncDatabase } from './sql-access.js';
import { appendUpdates } from './update-log.js';

interface SectionRow {
  lang: string;
  section_id: string;
  kind: string;
  heading: string;
  body: string;
}

/** Appends the document's first content from its stored sections when its Yjs log is empty; whether it did. */
export async function seedFromSections(db: SyncDatabase, documentId: string): Promise<boolean> {
  const rows = await db.asService(async (tx) => {
    const state = await tx.query(
      `select exists (select 1 from public.doc_updates where document_id = $1::uuid)
           or exists (select 1 from public.doc_snapshots where document_id = $1::uuid) as has_state`,
      [documentId],
    );
    if (state.rows[0]?.['has_state']) return [];
    const sections = await tx.query(
      `select lang, section_id, kind, heading, body from public.document_sections
        where document_id = $1::uuid order by lang, position, section_id`,
      [documentId],
    );
    return sections.rows as unknown as SectionRow[];
  });
  if (rows.length === 0) return false;
  await appendUpdates(db, documentId, [{ update: initialContentUpdate(seedsFromRows(rows)), createdBy: null }]);
  return true;
}
