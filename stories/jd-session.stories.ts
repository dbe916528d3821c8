// Storybook CSF for <jd-session>. Controls and docs come from the custom-elements manifest.
// With the local stack running (`npm run stack`) the form signs in with a demo account, e.g.
// editor@esdc.example, password demo-password-1.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { getStorybookHelpers } from '@wc-toolkit/storybook-helpers';
import { html } from 'lit';
import type { JdSession } from '../elements/session/session.js';
import { CACHE_NAME, cacheNameFor, signInAs, stack } from '../.storybook/local-stack.js';
import '../elements/session/define.js';

const { args, argTypes, template } = getStorybookHelpers<JdSession>('jd-session');

const meta: Meta = {
  title: 'Elements/jd-session',
  component: 'jd-session',
  args: {
    ...args,
    'supabase-url': stack.apiUrl,
    'anon-key': stack.anonKey,
    'sync-url': stack.syncUrl ?? '',
    'signaling-url': stack.signalingUrl ?? '',
    lang: 'en',
    // Its own stored sign-in, so the form shows here even after signing in in another story.
    'cache-name': `${CACHE_NAME}-session`,
    // The helpers turn a null default into '', which would mean "the host signs in" (no form).
    accessToken: null,
    roomPassword: null,
  },
  argTypes: { ...argTypes, lang: { ...argTypes['lang'], control: { type: 'inline-radio', labels: { '': "page's" } }, options: ['', 'en', 'fr'] } },
  render: (storyArgs) => template(storyArgs, html`<p>Elements inside the session (default slot).</p>`),
};
export default meta;

type Story = StoryObj;

export const SignInForm: Story = {};
export const French: Story = { args: { lang: 'fr' } };
export const WithGuestSignIn: Story = { args: { 'allow-anonymous': true } };
/** Signed in (editor@esdc.example, signed in before the story renders): the account line and its sign-out button. */
export const SignedIn: Story = {
  args: { 'cache-name': cacheNameFor('editor@esdc.example') },
  loaders: [async () => ({ token: await signInAs('editor@esdc.example') })],
};
/** A host portal's own sign-in: its token (`accessToken`) instead of the form; every element uses it. */
export const HostToken: Story = {
  loaders: [async () => ({ token: await signInAs('translator@esdc.example') })],
  render: (storyArgs, { loaded }) => template({ ...storyArgs, accessToken: loaded['token'] as string }, html`<p>Elements inside the session (default slot).</p>`),
};
/** Accessibility story: the form in French with the guest option, checked by axe (Accessibility panel). */
export const Accessibility: Story = {
  args: { lang: 'fr', 'allow-anonymous': true },
  parameters: { a11y: { test: 'error' } },
};
