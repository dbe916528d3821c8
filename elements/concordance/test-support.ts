// Shared by <jd-concordance>'s browser tests (not shipped): a session on the stack with semantic
// search on (web-test-runner.config.mjs's `jd-semantic-stack`: its embed function talks to a
// local fake embeddings server; the shared stack has no embeddings key).
import { fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../session/define.js';
import type { JdSession } from '../session/session.js';
import { PASSWORD, uniqueCache } from '../core/test-helpers.js';
import type { Lang } from '../../domain/sections.js';

/** A <jd-session> signed in as `email` on the stack whose embed function has an embeddings service. */
export async function semanticSession(email: string, lang: Lang = 'en'): Promise<JdSession> {
  const { apiUrl, anonKey } = await executeServerCommand<{ apiUrl: string; anonKey: string }, undefined>('jd-semantic-stack');
  const session = await fixture<JdSession>(html`<jd-session
    supabase-url=${apiUrl}
    anon-key=${anonKey}
    cache-name=${uniqueCache('tm-semantic')}
    lang=${lang}
    .persistSession=${false}
    .broadcastChannel=${false}
  ></jd-session>`);
  if (!(await session.signIn(email, PASSWORD))) throw new Error(`could not sign in ${email} on the semantic stack`);
  await waitUntil(() => session.session?.user?.email === email, `${email} signed in on the semantic stack`);
  return session;
}
