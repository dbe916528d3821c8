// Shared by the element tests (not shipped): reaching the local stack and signing people in.
import { fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../session/define.js';
import type { JdSession } from '../session/session.js';
import {
  SYNC_COMMAND,
  SYNC_METRICS_COMMAND,
  syncErrorCount,
  type SyncCommandAction,
  type SyncCommandPayload,
  type SyncCommandResult,
  type SyncMetricsPayload,
} from '../../dev/sync-command.js';
import { NETWORK_COMMAND, type NetworkCommandPayload } from '../../dev/network-command.js';

export interface StackSettings {
  apiUrl: string;
  anonKey: string;
  syncUrl?: string;
  signalingUrl?: string;
}

const STACK_MODULE = '/__jd-stack.js';

export async function stack(): Promise<StackSettings> {
  return (await import(/* @vite-ignore */ STACK_MODULE)) as StackSettings;
}

/** The sync server URL, or a failure that says what is missing. */
export async function syncUrl(): Promise<string> {
  const settings = await stack();
  if (!settings.syncUrl) throw new Error('The local stack does not export syncUrl yet (the sync server is not wired into dev/stack.ts).');
  return settings.syncUrl;
}

export const PASSWORD = 'demo-password-1';
export const ESDC_DOC = 'e5dc0000-0000-4000-a000-00000000d001';
export const TC_DOC = '7c000000-0000-4000-a000-00000000d001';

let counter = 0;
/** A unique name per simulated page: its IndexedDB caches and stored sign-in never mix. */
export const uniqueCache = (label = 'page') => `jd-test-${label}-${Date.now()}-${counter++}`;

/** A <jd-session> on the stack, signed in as `email` (null: left signed out). */
export async function signedInSession(
  email: string | null,
  options: { cacheName?: string; lang?: string; withSync?: boolean } = {},
): Promise<JdSession> {
  const settings = await stack();
  const el = await fixture<JdSession>(html`<jd-session
    supabase-url=${settings.apiUrl}
    anon-key=${settings.anonKey}
    cache-name=${options.cacheName ?? uniqueCache()}
    lang=${options.lang ?? 'en'}
    .persistSession=${false}
    .broadcastChannel=${false}
  ></jd-session>`);
  if (options.withSync) el.syncUrl = await syncUrl();
  if (email) {
    const user = await el.signIn(email, PASSWORD);
    if (!user) throw new Error(`could not sign in ${email}`);
    await waitUntil(() => el.session?.user?.email === email, `session for ${email}`);
  }
  return el;
}

/** A sync server of this test file's own, which the test may stop and start for real. */
export interface OwnSyncServer {
  /** ws:// URL, the same after a restart. */
  readonly url: string;
  /** Graceful stop: clients are closed with 1012, what they sent is in the database. */
  stop(): Promise<void>;
  /** Starts it again on the same port; clients reconnect on their own. */
  start(): Promise<void>;
  /** Stops it for good (call it when the test ends; later calls do nothing). */
  close(): Promise<void>;
}

/**
 * Starts a dedicated sync server instance for this test file through the `jd-stack-sync` server
 * command (dev/sync-command.ts): other test files keep the stack's shared sync server, so
 * stopping this one cannot cut them off. Open through it only documents no other test uses.
 */
export async function ownSyncServer(): Promise<OwnSyncServer> {
  const run = (action: SyncCommandAction) => executeServerCommand<SyncCommandResult, SyncCommandPayload>(SYNC_COMMAND, { action });
  const { url } = await run('open');
  let closed = false;
  return {
    url,
    stop: async () => void (await run('stop')),
    start: async () => void (await run('start')),
    close: async () => {
      if (closed) return;
      closed = true;
      await run('close');
    },
  };
}

/**
 * How many updates the sync server at `url` (the stack's or this file's own) has refused because
 * the sender may only read: `jd_sync_errors_total{kind="read-only"}` of its /metrics. A test takes
 * it before a read-only client writes and waits for it to grow, instead of sleeping.
 */
export async function refusedReadOnlyUpdates(url: string): Promise<number> {
  return syncErrors(url, 'read-only');
}

/**
 * `jd_sync_errors_total{kind}` of the sync server at `url`: e.g. 'update-refused', the updates
 * its guard refused (text from a member whose access is view, a comment breaking the rules).
 */
export async function syncErrors(url: string, kind: string): Promise<number> {
  const metrics = await executeServerCommand<string, SyncMetricsPayload>(SYNC_METRICS_COMMAND, { url });
  return syncErrorCount(metrics, kind);
}

/**
 * A new, empty job description in the organization of `session`'s user (an editor), through RLS;
 * its id. It stays in that organization's list_documents for the rest of the run, and
 * session.test.ts expects ESDC's editor to see exactly one: create as editor@tc.example.
 */
export async function createDocument(session: JdSession, title: string): Promise<string> {
  const client = session.client;
  const userId = session.user?.id;
  if (!client || !userId) throw new Error('the session is not signed in');
  const { data: orgRows, error: orgError } = await client.from('memberships').select('organization_id').eq('user_id', userId).limit(1);
  const orgs: { organization_id: string }[] | null = orgRows;
  if (orgError || !orgs?.[0]) throw new Error(`no organization for the signed-in user: ${orgError?.message ?? 'no membership'}`);
  const { data, error } = await client
    .from('job_descriptions')
    .insert({ organization_id: orgs[0].organization_id, title_en: title, title_fr: title })
    .select('id')
    .single();
  const row: { id: string } | null = data;
  if (error || !row) throw new Error(`could not create a document: ${error?.message ?? 'no row'}`);
  return row.id;
}

/** A job description of ESDC's (where every role has a seeded user) that a test may change freely, and its removal. */
export interface ScratchDocument {
  id: string;
  /** Deletes it (as ESDC's admin): ESDC's lists are as seeded again for the files that follow. */
  remove(): Promise<void>;
}

/**
 * A new ESDC job description for workflow and comment tests, created by admin@esdc.example:
 * the seeded one stays as other files expect it (its status, its threads), and session.test.ts
 * still sees exactly one ESDC document once `remove()` ran. Call it in a `finally`.
 */
export async function scratchEsdcDocument(title: string): Promise<ScratchDocument> {
  const admin = await signedInSession('admin@esdc.example', { cacheName: uniqueCache('scratch-admin') });
  const id = await createDocument(admin, title);
  return {
    id,
    remove: async () => {
      const { error } = await admin.client!.from('job_descriptions').delete().eq('id', id);
      admin.remove();
      if (error) throw new Error(`could not delete the scratch document: ${error.message}`);
    },
  };
}

/** Runs `test` on a scratch ESDC document (scratchEsdcDocument) and removes it afterwards, whatever happens. */
export async function withScratchEsdcDocument(title: string, test: (documentId: string) => Promise<void>): Promise<void> {
  const scratch = await scratchEsdcDocument(title);
  try {
    await test(scratch.id);
  } finally {
    await scratch.remove();
  }
}

/** Starts watching for hostile markup that runs: every hostile string in the tests sets `window.pwned`. */
export function watchForHostileScripts(): { ran(): boolean } {
  const w = window as unknown as { pwned?: boolean };
  delete w.pwned;
  return { ran: () => w.pwned !== undefined };
}

/**
 * Cuts this test's page off the stack's API gateway for real (true: its requests fail as without
 * a network) or restores it (false), through the `jd-network` server command
 * (dev/network-command.ts). Restore it in a `finally`.
 */
export async function cutOffApi(cut: boolean): Promise<void> {
  const { apiUrl } = await stack();
  await executeServerCommand<boolean, NetworkCommandPayload>(NETWORK_COMMAND, { blocked: cut ? [apiUrl] : [] });
}
