// Storybook CSF for <jd-comments>, inside a <jd-session> on the local stack (`npm run stack`),
// signed in as the story's demo account (reviewer@esdc.example comments and resolves,
// viewer@esdc.example only reads; password demo-password-1). Beside a <jd-editor> on the same document it comments
// on the editor's selection; alone it is a reviewer's sidebar.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { getStorybookHelpers } from '@wc-toolkit/storybook-helpers';
import { html } from 'lit';
import type { JdComments } from '../elements/comments/comments.js';
import { ESDC_DOCUMENT, inSession, sessionArgs, sessionArgTypes, signInLoader } from '../.storybook/local-stack.js';
import '../elements/comments/define.js';
import '../elements/editor/define.js';

const { args, argTypes, template } = getStorybookHelpers<JdComments>('jd-comments');

const meta: Meta = {
  title: 'Elements/jd-comments',
  component: 'jd-comments',
  args: {
    ...args,
    ...sessionArgs,
    user: 'reviewer@esdc.example',
    'document-id': ESDC_DOCUMENT,
    filter: 'open',
    'lang-filter': 'all',
    // The helpers turn a null default into ''; the property takes an element, or null to find one.
    editor: null,
    withEditor: true,
  },
  argTypes: {
    ...argTypes,
    ...sessionArgTypes,
    filter: { ...argTypes['filter'], control: 'inline-radio', options: ['open', 'resolved', 'all'] },
    'lang-filter': { ...argTypes['lang-filter'], control: 'inline-radio', options: ['all', 'en', 'fr'] },
    withEditor: { control: 'boolean', description: 'A `<jd-editor>` on the same document beside the comments.', table: { category: 'story' } },
  },
  loaders: [signInLoader],
  render: ({ lang, width, user, sync, withEditor, ...commentsArgs }) => {
    const comments = template(commentsArgs);
    const content = withEditor
      ? html`<div style="display: grid; grid-template-columns: minmax(0, 1fr) 20rem; gap: 1rem; align-items: start">
          <jd-editor document-id=${commentsArgs['document-id']}></jd-editor>${comments}
        </div>`
      : comments;
    return inSession(content, { lang, width, user, sync });
  },
};
export default meta;

type Story = StoryObj;

export const BesideEditor: Story = {};
export const French: Story = { args: { lang: 'fr' } };
export const AllThreads: Story = { args: { filter: 'all' } };
/** Alone, as a reviewer's sidebar: threads are listed and answered without the text. */
export const ReviewerSidebar: Story = { args: { withEditor: false, width: '24rem' } };
/** A viewer reads the threads but may not comment, reply or resolve: the read-only state. */
export const ViewerReadOnly: Story = { args: { user: 'viewer@esdc.example', filter: 'all', withEditor: false, width: '24rem' } };
/** No thread matches the filters (only the reviewer's own mentions here): the empty state. */
export const Empty: Story = { args: { 'mentions-only': true, 'author-filter': 'nobody', withEditor: false, width: '24rem' } };
/** An ESDC reviewer on Transport Canada's description: the no-access state. */
export const NoAccess: Story = { args: { 'document-id': '7c000000-0000-4000-a000-00000000d001', withEditor: false, width: '24rem' } };
/** Nobody signed in: the session's form. */
export const SignedOut: Story = { args: { user: '', withEditor: false, width: '24rem' } };
/** Accessibility story: the French sidebar with every thread, checked by axe (Accessibility panel). */
export const Accessibility: Story = {
  args: { lang: 'fr', filter: 'all', withEditor: false, width: '24rem' },
  parameters: { a11y: { test: 'error' } },
};
