// What the stories share: where the local stack is (virtual:jd-stack, filled in by
// .storybook/main.ts from the JD_* variables, as dev/demo-server.ts does for the demo), the
// seeded documents, and a <jd-session> on that stack around a story's elements.
import { html, type TemplateResult } from 'lit';
import type { ArgTypes } from '@storybook/web-components-vite';
import stack from 'virtual:jd-stack';
import '../elements/session/define.js';

export { stack };

/** The seeded job descriptions (supabase/seed.sql): ESDC's program officer, TC's aviation inspector. */
export const ESDC_DOCUMENT = 'e5dc0000-0000-4000-a000-00000000d001';
export const TC_DOCUMENT = '7c000000-0000-4000-a000-00000000d001';

/** Storybook's caches and stored sign-in, apart from the demo site's: one sign-in serves every story. */
export const CACHE_NAME = 'jd-storybook';

/** The session's settings a story around jd-editor or jd-comments offers beside the element's own. */
export interface SessionArgs {
  lang: 'en' | 'fr';
  width: string;
}

export const sessionArgs: SessionArgs = { lang: 'en', width: '100%' };

export const sessionArgTypes: ArgTypes<SessionArgs> = {
  lang: { control: 'inline-radio', options: ['en', 'fr'], description: 'Interface language of the surrounding `<jd-session>`.', table: { category: 'jd-session' } },
  width: { control: 'text', description: 'Width of the surrounding `<jd-session>` (narrow widths stack the panes).', table: { category: 'jd-session' } },
};

/** `content` inside a <jd-session> on the local stack: it shows the sign-in form until someone signs in. */
export function inSession(content: TemplateResult, { lang, width }: SessionArgs): TemplateResult {
  return html`<jd-session
    supabase-url=${stack.apiUrl}
    anon-key=${stack.anonKey}
    sync-url=${stack.syncUrl ?? ''}
    signaling-url=${stack.signalingUrl ?? ''}
    cache-name=${CACHE_NAME}
    lang=${lang}
    style="display: block; width: ${width}"
    >${content}</jd-session
  >`;
}
