// Shared by the element tests (not shipped): reaching the local stack and signing people in.
import { fixture, html, waitUntil } from '@open-wc/testing';
import '../session/define.js';
import type { JdSession } from '../session/session.js';

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
