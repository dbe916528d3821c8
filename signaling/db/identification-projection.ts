// Writes the identification fields edited in the document (its `meta` map) to their
// job_descriptions columns, so lists and searches show current values. Values the
// identification rules refuse are not written (domain/identification-row.ts).
import type * as Y from 'yjs';
import { identificationRowUpdate, type IdentificationRowUpdate } from '../../domain/identification-row.js';
import type { SyncDatabase } from './sql-access.js';

export function projectIdentification(doc: Y.Doc): IdentificationRowUpdate {
  return identificationRowUpdate(doc.getMap('meta').toJSON());
}

/**
 * Updates the row's columns that differ (so updated_at and the audit log move only on a real
 * change). Run as the service: the sync server already refused the edit of anyone who may not
 * write, and end users cannot update job_descriptions directly.
 */
export async function writeIdentification(db: SyncDatabase, documentId: string, update: IdentificationRowUpdate): Promise<boolean> {
  const columns = Object.entries(update.values);
  if (columns.length === 0) return false;
  const params: unknown[] = [documentId, ...columns.map(([, value]) => value)];
  // Column names come from IDENTIFICATION_COLUMNS, never from the document.
  const set = columns.map(([column], i) => `${column} = $${i + 2}::text`).join(', ');
  const changed = columns.map(([column], i) => `${column} is distinct from $${i + 2}::text`).join(' or ');
  return db.asService(async (tx) => {
    const { rows } = await tx.query(`update public.job_descriptions set ${set} where id = $1::uuid and (${changed}) returning id`, params);
    return rows.length > 0;
  });
}
