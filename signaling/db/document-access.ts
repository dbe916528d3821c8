// Who may open a document is decided by Postgres, as that user: `can_open_document` runs under
// RLS with the caller's role and claims, so the sync server never re-implements access rules.
import type { ApiRole, SyncDatabase } from './sql-access.js';

export type AccessDecision = 'edit' | 'view' | 'forbidden' | 'not-found';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isDocumentId = (value: string) => UUID.test(value);

export async function decideAccess(
  db: SyncDatabase,
  role: ApiRole,
  claims: Record<string, unknown>,
  documentId: string,
): Promise<AccessDecision> {
  if (!isDocumentId(documentId)) return 'not-found';
  const { rows } = await db.asUser(role, claims, (tx) =>
    tx.query('select public.can_open_document($1::uuid) as access', [documentId]),
  );
  const access = rows[0]?.['access'];
  if (access === 'edit' || access === 'view') return access;
  // null means "not found or no access" to the caller; the distinct close codes (4403 vs 4404)
  // need the difference, which only the service can see.
  const exists = await db.asService((tx) =>
    tx.query('select 1 from public.job_descriptions where id = $1::uuid', [documentId]),
  );
  return exists.rows.length > 0 ? 'forbidden' : 'not-found';
}
