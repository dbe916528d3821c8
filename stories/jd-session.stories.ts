// Storybook CSF (component story format) for <jd-session>; Storybook itself is not installed yet.
import { html } from 'lit';
import '../elements/session/define.js';

interface Args {
  supabaseUrl: string;
  anonKey: string;
  lang: 'en' | 'fr';
  allowAnonymous: boolean;
}

export default {
  title: 'Elements/jd-session',
  component: 'jd-session',
  args: { supabaseUrl: 'http://127.0.0.1:54321', anonKey: '', lang: 'en', allowAnonymous: false } satisfies Args,
  render: (args: Args) => html`<jd-session supabase-url=${args.supabaseUrl} anon-key=${args.anonKey} lang=${args.lang} ?allow-anonymous=${args.allowAnonymous}></jd-session>`,
};

export const SignInForm = {};
export const French = { args: { lang: 'fr' } };
export const WithGuestSignIn = { args: { allowAnonymous: true } };
/** Accessibility story: the form in French with the guest option, for axe in Storybook. */
export const Accessibility = { args: { lang: 'fr', allowAnonymous: true } };
