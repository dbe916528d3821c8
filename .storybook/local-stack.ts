// What the stories share: where the local stack is (virtual:jd-stack, filled in by
// .storybook/main.ts from the JD_* variables, as dev/demo-server.ts does for the demo), the
// seeded documents, and a <jd-session> on that stack around a story's elements.
import { html, type TemplateResult } from 'lit';
import type { ArgTypes, Loader } from '@storybook/web-components-vite';
import { createClient } from '@supabase/supabase-js';
import stack from 'virtual:jd-stack';
import '../elements/session/define.js';

export { stack };

/** The seeded job descriptions (supabase/seed.sql): ESDC's program officer, TC's aviation inspector. */
export const ESDC_DOCUMENT = 'e5dc0000-0000-4000-a000-00000000d001';
export const TC_DOCUMENT = '7c000000-0000-4000-a000-00000000d001';
/** ESDC, the department of the seeded accounts but editor@tc.example. */
export const ESDC_ORGANIZATION = 'e5dc0000-0000-4000-a000-000000000001';

/** Storybook's caches and stored sign-in, apart from the demo site's: one sign-in serves every story. */
export const CACHE_NAME = 'jd-storybook';

/** The seeded demo accounts (supabase/seed.sql), one per role, and their shared password. */
export const DEMO_USERS = [
  'editor@esdc.example',
  'translator@esdc.example',
  'reviewer@esdc.example',
  'viewer@esdc.example',
  'admin@esdc.example',
  'editor@tc.example',
] as const;
export type DemoUser = (typeof DEMO_USERS)[number];
export const DEMO_PASSWORD = 'demo-password-1';

/** The session's settings a story around jd-editor or jd-comments offers beside the element's own. */
export interface SessionArgs {
  lang: 'en' | 'fr';
  width: string;
  /** The demo account the story signs in as before it renders; '' shows the session's sign-in form. */
  user: DemoUser | '';
  /** Whether the session gets the sync and signaling servers' addresses ('' = none: documents stay local). */
  sync: boolean;
}

export const sessionArgs: SessionArgs = { lang: 'en', width: '100%', user: 'editor@esdc.example', sync: true };

export const sessionArgTypes: ArgTypes<SessionArgs> = {
  lang: { control: 'inline-radio', options: ['en', 'fr'], description: 'Interface language of the surrounding `<jd-session>`.', table: { category: 'jd-session' } },
  width: { control: 'text', description: 'Width of the surrounding `<jd-session>` (narrow widths stack the panes).', table: { category: 'jd-session' } },
  user: {
    control: { type: 'select', labels: { '': 'nobody (sign-in form)' } },
    options: ['', ...DEMO_USERS],
    description: `Demo account the story signs in as (password \`${DEMO_PASSWORD}\`); nobody shows the session's sign-in form.`,
    table: { category: 'jd-session' },
  },
  sync: {
    control: 'boolean',
    description: 'Give the session the sync and signaling servers; off, documents stay in this browser (IndexedDB) and show as offline.',
    table: { category: 'jd-session' },
  },
};

/** One stored sign-in (and document cache) per demo account, so stories signed in as different people do not share one. */
export function cacheNameFor(user: DemoUser | ''): string {
  return user ? `${CACHE_NAME}-${user}` : CACHE_NAME;
}

/**
 * Signs `email` in on the local stack and stores the session where a <jd-session> with
 * cacheNameFor(email) reads it (supabase-js's storage key `${cache-name}-auth`), so the story
 * opens signed in. A fresh sign-in every time: a stored session may come from an earlier stack.
 */
export async function signInAs(email: DemoUser): Promise<string> {
  const client = createClient(stack.apiUrl, stack.anonKey, {
    auth: { storageKey: `${cacheNameFor(email)}-auth`, persistSession: true, autoRefreshToken: false, detectSessionInUrl: false },
  });
  const { data, error } = await client.auth.signInWithPassword({ email, password: DEMO_PASSWORD });
  if (error || !data.session) {
    throw new Error(`Storybook could not sign ${email} in on ${stack.apiUrl}: ${error?.message ?? 'no session'}. Is the stack running (npm run stack)?`);
  }
  return data.session.access_token;
}

/** Loader of every story in a session: signs the `user` arg in before the story renders. */
export const signInLoader: Loader = async ({ args }) => {
  const user = (args as Partial<SessionArgs>).user;
  if (user) await signInAs(user);
  return {};
};

/** `content` inside a <jd-session> on the local stack, signed in as `user` (or showing the sign-in form). */
export function inSession(content: TemplateResult, { lang, width, user, sync }: SessionArgs): TemplateResult {
  return html`<jd-session
    supabase-url=${stack.apiUrl}
    anon-key=${stack.anonKey}
    sync-url=${sync ? (stack.syncUrl ?? '') : ''}
    signaling-url=${sync ? (stack.signalingUrl ?? '') : ''}
    cache-name=${cacheNameFor(user)}
    lang=${lang}
    style="display: block; width: ${width}"
    >${content}</jd-session
  >`;
}
