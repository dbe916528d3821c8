// Storybook CSF for <jd-editor>. Needs the local stack (`npm run stack`): sign in with a demo
// account (password demo-password-1) in the session's form.
import { html } from 'lit';
import '../elements/session/define.js';
import '../elements/editor/define.js';

interface Args {
  supabaseUrl: string;
  anonKey: string;
  syncUrl: string;
  documentId: string;
  lang: 'en' | 'fr';
  readonly: boolean;
  width: string;
}

export default {
  title: 'Elements/jd-editor',
  component: 'jd-editor',
  args: {
    supabaseUrl: 'http://127.0.0.1:54321',
    anonKey: '',
    syncUrl: '',
    documentId: 'e5dc0000-0000-4000-a000-00000000d001',
    lang: 'en',
    readonly: false,
    width: '100%',
  } satisfies Args,
  render: (args: Args) => html`<jd-session supabase-url=${args.supabaseUrl} anon-key=${args.anonKey} sync-url=${args.syncUrl} lang=${args.lang} style="width:${args.width}">
    <jd-editor document-id=${args.documentId} ?readonly=${args.readonly}>
      <div slot="panel"><h2>Suggestions</h2><p>Panel slot content from the host.</p></div>
    </jd-editor>
  </jd-session>`,
};

export const Bilingual = {};
export const French = { args: { lang: 'fr' } };
export const ReadOnly = { args: { readonly: true } };
export const NarrowStacked = { args: { width: '480px' } };
export const OtherDepartmentNoAccess = { args: { documentId: '7c000000-0000-4000-a000-00000000d001' } };
