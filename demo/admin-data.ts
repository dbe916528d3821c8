// What the admin page reads and writes (issue 19 item 1), through the session's supabase-js
// client as the signed-in admin: row-level security decides (memberships, glossary_terms,
// ai_settings, audit_log) and RPC ai_usage_by_provider adds up this month's AI usage. Nothing
// here checks roles itself; a non-admin gets refusals or empty answers from the database.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../supabase/database.types.js';

type Client = SupabaseClient<Database>;
type Tables = Database['public']['Tables'];

export const MEMBER_ROLES = ['viewer', 'editor', 'translator', 'reviewer', 'admin'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export interface Member {
  id: string;
  userId: string;
  name: string;
  role: MemberRole;
}

/** Display names of users the admin shares a department with (profiles), by user id. */
async function namesOf(client: Client, userIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Map();
  const { data, error } = await client.from('profiles').select('id, display_name').in('id', ids);
  if (error) throw new Error(error.message);
  return new Map(data.map((p) => [p.id, p.display_name ?? '']));
}

/** The department's members and roles, by name. */
export async function listMembers(client: Client, organizationId: string): Promise<Member[]> {
  const { data, error } = await client.from('memberships').select('id, user_id, role').eq('organization_id', organizationId);
  if (error) throw new Error(error.message);
  const names = await namesOf(client, data.map((m) => m.user_id));
  return data
    .map((m) => ({ id: m.id, userId: m.user_id, name: names.get(m.user_id) || m.user_id, role: m.role as MemberRole }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Changes one membership's role; the database refuses what an admin may not do (the last admin). */
export async function setMemberRole(client: Client, membershipId: string, role: MemberRole): Promise<void> {
  const { data, error } = await client.from('memberships').update({ role }).eq('id', membershipId).select('id');
  if (error) throw new Error(error.message);
  if (data.length === 0) throw new Error('membership not found or not yours to change');
}

export type GlossaryTerm = Pick<Tables['glossary_terms']['Row'], 'id' | 'term_en' | 'term_fr' | 'domain' | 'status' | 'notes' | 'organization_id'>;
export type GlossaryStatus = 'approved' | 'forbidden' | 'pending';
export const GLOSSARY_STATUSES: readonly GlossaryStatus[] = ['approved', 'forbidden', 'pending'];
/** Terms shown per page of the glossary. */
export const GLOSSARY_PAGE_SIZE = 25;

/** The department's own terms (not the shared ones), matching `search` in either language, a page at a time. */
export async function listGlossary(client: Client, organizationId: string, search: string, page: number): Promise<{ rows: GlossaryTerm[]; total: number; page: number }> {
  let query = client
    .from('glossary_terms')
    .select('id, term_en, term_fr, domain, status, notes, organization_id', { count: 'exact' })
    .eq('organization_id', organizationId);
  const words = search.trim().replace(/[%_,()\\*"]/g, ' ').trim();
  if (words) query = query.or(`term_en.ilike.*${words}*,term_fr.ilike.*${words}*`);
  const from = page * GLOSSARY_PAGE_SIZE;
  const { data, error, count } = await query.order('term_en_normalized').order('id').range(from, from + GLOSSARY_PAGE_SIZE - 1);
  if (error) throw new Error(error.message);
  return { rows: data, total: count ?? data.length, page };
}

export interface TermInput {
  term_en: string;
  term_fr: string;
  domain: string | null;
  status: GlossaryStatus;
  notes: string | null;
}

/** Adds a term to the department's glossary, or changes one (`id`). */
export async function saveTerm(client: Client, organizationId: string, term: TermInput, id?: string): Promise<void> {
  const { error } = id
    ? await client.from('glossary_terms').update(term).eq('id', id)
    : await client.from('glossary_terms').insert({ ...term, organization_id: organizationId });
  if (error) throw new Error(error.message);
}

export const AI_PROVIDERS = ['anthropic', 'openai', 'local', 'offline'] as const;
export type AiProvider = (typeof AI_PROVIDERS)[number];

export type ProviderUsage = Database['public']['Functions']['ai_usage_by_provider']['Returns'][number];

export interface AiOverview {
  usage: ProviderUsage[];
  /** Providers ai-assist tries, in order (the defaults while the department has no settings row). */
  order: AiProvider[];
  /** Monthly cap in US dollars; null = no cap. */
  budget: number | null;
}

const DEFAULT_ORDER: AiProvider[] = ['anthropic', 'openai', 'local'];

/** This month's usage per provider, the provider order and the budget. */
export async function loadAiOverview(client: Client, organizationId: string): Promise<AiOverview> {
  const [usage, settings] = await Promise.all([
    client.rpc('ai_usage_by_provider', { organization: organizationId }),
    client.from('ai_settings').select('provider_order, monthly_budget_usd').eq('organization_id', organizationId).maybeSingle(),
  ]);
  if (usage.error) throw new Error(usage.error.message);
  if (settings.error) throw new Error(settings.error.message);
  return {
    usage: usage.data,
    order: settings.data ? (settings.data.provider_order as AiProvider[]) : DEFAULT_ORDER,
    budget: settings.data?.monthly_budget_usd ?? null,
  };
}

/** Saves the provider order and budget (ai_settings: admins insert or update their department's row). */
export async function saveAiSettings(client: Client, organizationId: string, order: readonly AiProvider[], budget: number | null): Promise<void> {
  const { error } = await client
    .from('ai_settings')
    .upsert({ organization_id: organizationId, provider_order: [...order], monthly_budget_usd: budget }, { onConflict: 'organization_id' });
  if (error) throw new Error(error.message);
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  table: string;
  action: 'INSERT' | 'UPDATE' | 'DELETE';
  rowId: string | null;
  /** The columns the change touched (an insert or delete: none listed). */
  changed: string[];
}
/** Audit rows shown per page. */
export const AUDIT_PAGE_SIZE = 20;

function changedColumns(before: unknown, after: unknown): string[] {
  if (!before || !after || typeof before !== 'object' || typeof after !== 'object') return [];
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  return Object.keys(b).filter((key) => key !== 'updated_at' && JSON.stringify(a[key]) !== JSON.stringify(b[key]));
}

/** One page of the department's audit log (`page` from 0), newest first; `more` when an older page exists. */
export async function loadAuditPage(client: Client, organizationId: string, page: number, systemName: string): Promise<{ rows: AuditEntry[]; more: boolean; page: number }> {
  const from = page * AUDIT_PAGE_SIZE;
  // One row past the page says whether there is another.
  const { data, error } = await client
    .from('audit_log')
    .select('id, at, actor, actor_role, table_name, action, row_id, old_values, new_values')
    .eq('organization_id', organizationId)
    .order('at', { ascending: false })
    .order('id', { ascending: false })
    .range(from, from + AUDIT_PAGE_SIZE);
  if (error) throw new Error(error.message);
  const rows = data.slice(0, AUDIT_PAGE_SIZE);
  const names = await namesOf(client, rows.flatMap((r) => (r.actor ? [r.actor] : [])));
  return {
    page,
    more: data.length > AUDIT_PAGE_SIZE,
    rows: rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor ? names.get(r.actor) || r.actor : `${systemName} (${r.actor_role ?? '—'})`,
      table: r.table_name,
      action: r.action as AuditEntry['action'],
      rowId: r.row_id,
      changed: changedColumns(r.old_values, r.new_values),
    })),
  };
}
