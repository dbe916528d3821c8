// Storybook CSF for <jd-notifications>, inside a <jd-session> on the local stack (`npm run stack`):
// signed in as the story's demo account (reviewer@esdc.example; password demo-password-1). The bell counts unread notifications
// (mentions, replies to my threads, submissions, decisions) and updates while the story is open:
// mention reviewer@esdc.example in a comment from another window (the jd-comments story signed in
// as editor@esdc.example) and the count rises within the poll interval.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { getStorybookHelpers } from '@wc-toolkit/storybook-helpers';
import { html } from 'lit';
import type { JdNotifications } from '../elements/notifications/notifications.js';
import { inSession, sessionArgs, sessionArgTypes, signInLoader } from '../.storybook/local-stack.js';
import '../elements/notifications/define.js';

const { args, argTypes, template } = getStorybookHelpers<JdNotifications>('jd-notifications');

const meta: Meta = {
  title: 'Elements/jd-notifications',
  component: 'jd-notifications',
  args: { ...args, ...sessionArgs, user: 'reviewer@esdc.example', 'poll-interval': 750, 'link-template': '#/{lang}/documents/{document}', open: false },
  argTypes: { ...argTypes, ...sessionArgTypes },
  // In a header bar, as a portal places it: the panel opens under the bell, aligned to the end.
  loaders: [signInLoader],
  render: ({ lang, width, user, sync, ...notificationsArgs }) =>
    inSession(
      html`<header style="display: flex; justify-content: flex-end; padding: 0.5rem 1rem; border-bottom: 1px solid #ccc; min-height: 24rem; align-items: flex-start">
        ${template(notificationsArgs)}
      </header>`,
      { lang, width, user, sync },
    ),
};
export default meta;

type Story = StoryObj;

export const Default: Story = {};
export const French: Story = { args: { lang: 'fr' } };
/** The panel open: the newest notifications, each marked read when followed or on its button. */
export const Open: Story = { args: { open: true } };
/** The open panel of someone nobody has notified yet: the empty state. */
export const OpenEmpty: Story = { args: { user: 'viewer@esdc.example', open: true } };
/** Accessibility story: the French panel open, checked by axe (Accessibility panel). */
export const Accessibility: Story = {
  args: { lang: 'fr', open: true },
  parameters: { a11y: { test: 'error' } },
};
