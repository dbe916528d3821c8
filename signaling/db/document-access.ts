// Who may open a document is decided by Postgres, as that user: `can_open_document` runs under
// RLS with the caller's role and claims, so the sync server never re-implements access rules.
import type { ApiRole, SyncDatabase } from './sql-access.js';

/**
 * 'none' covers both "no such document" and "another organization's document": the caller must
 * not be able to tell an existing document id from a random one, so the servers answer both the
 * same way (4403) and never ask the service whether the row exists.
 */
export type AccessDecision = 'edit' | 'view' | 'none';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isDocumentId = (value: string) => UUID.test(value);

/**
 * The one spelling of a document id the servers use for access checks, rooms and signaling
 * topics (Postgres prints uuids in lower case); null when `value` is not a uuid. Without it,
 * case variants of one id would each load their own copy of the document.
 */
export const canonicalDocumentId = (value: string): string | null => (isDocumentId(value) ? value.toLowerCase() : null);

export async function decideAccess(
  db: SyncDatabase,
  role: ApiRole,
  claims: Record<string, unknown>,
  documentId: string,
): Promise<AccessDecision> {
  const id = canonicalDocumentId(documentId);
  if (id === null) return 'none';
  const { rows } = await db.asUser(role, claims, (tx) => tx.query('select public.can_open_document($1::uuid) as access', [id]));
  const access = rows[0]?.['access'];
  return access === 'edit' || access === 'view' ? access : 'none';
}
