// Writes the plain-text projection of a job description (domain/section-rows.ts) into
// document_sections.
import type { SyncDatabase } from './sql-access.js';
import type { SectionRow } from '../../domain/section-rows.js';

export { projectSections, type SectionRow } from '../../domain/section-rows.js';

/**
 * Replaces the document's rows with the current projection in one transaction. A document
 * with no section in either language has not been initialised from its stored sections yet
 * (the editor does that on first open): its rows are left as they are, never wiped.
 */
export async function writeSections(db: SyncDatabase, documentId: string, rows: SectionRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.asService(async (tx) => {
    await tx.query('delete from public.document_sections where document_id = $1::uuid', [documentId]);
    const params: unknown[] = [documentId];
    const values = rows.map((r) => {
      params.push(r.lang, r.sectionId, r.kind, r.position, r.heading, r.body);
      const p = params.length;
      return `($1::uuid, $${p - 5}, $${p - 4}, $${p - 3}, $${p - 2}::int, $${p - 1}, $${p}, now())`;
    });
    await tx.query(
      `insert into public.document_sections (document_id, lang, section_id, kind, position, heading, body, updated_at) values ${values.join(', ')}`,
      params,
    );
  });
}
