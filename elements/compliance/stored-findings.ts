// The document's stored rule findings (compliance_findings rows the sync server's hook keeps
// current), read and dismissed as the signed-in user: RLS decides what they see, and
// dismiss_compliance_finding who may dismiss.
import type { Client } from '../core/data-access.js';
import type { LiveFinding } from './findings-protocol.js';

export interface StoredFinding {
  id: string;
  finding_key: string | null;
  rule_id: string;
  lang: 'en' | 'fr' | null;
  section_id: string | null;
  excerpt: string | null;
  status: string;
  dismissed_reason: string | null;
}

/** The document's keyed (rule) findings. */
export async function fetchStoredFindings(client: Client, documentId: string): Promise<StoredFinding[]> {
  const { data, error } = await client
    .from('compliance_findings')
    .select('id, finding_key, rule_id, lang, section_id, excerpt, status, dismissed_reason')
    .eq('document_id', documentId)
    .not('finding_key', 'is', null);
  if (error) throw new Error(error.message);
  return (data ?? []) as StoredFinding[];
}

/** The stored rows by finding_key. */
export const byKey = (rows: readonly StoredFinding[]): Map<string, StoredFinding> => new Map(rows.flatMap((r) => (r.finding_key === null ? [] : [[r.finding_key, r] as const])));

/** The stored row of a live finding: by its key, or (a key too long to be stored readable) by its rule, language and words. */
export function storedRowOf(rows: readonly StoredFinding[], index: ReadonlyMap<string, StoredFinding>, finding: LiveFinding): StoredFinding | null {
  if (finding.key !== null) return index.get(finding.key) ?? null;
  const lang = finding.lang === 'both' ? null : finding.lang;
  return rows.find((r) => r.rule_id === finding.id && r.lang === lang && r.excerpt !== null && finding.text.startsWith(r.excerpt)) ?? null;
}

/** Dismisses a stored finding with a reason; the error message on failure. */
export async function dismissStoredFinding(client: Client, findingId: string, reason: string): Promise<string | null> {
  const { error } = await client.rpc('dismiss_compliance_finding', { finding_id: findingId, reason });
  return error ? error.message : null;
}
