// Storybook CSF for <jd-compliance>, inside a <jd-session> on the local stack (`npm run stack`):
// signed in as the story's demo account (editor@esdc.example; password demo-password-1). Beside a
// <jd-editor> on the same document the findings follow the text as it is typed (type "he will"
// in Key Activities); "Show in text" and "Apply fix" act on the editor.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { getStorybookHelpers } from '@wc-toolkit/storybook-helpers';
import { html } from 'lit';
import type { JdCompliance } from '../elements/compliance/compliance.js';
import { ESDC_DOCUMENT, inSession, sessionArgs, sessionArgTypes, signInLoader } from '../.storybook/local-stack.js';
import { longDocument } from '../.storybook/long-document.js';
import '../elements/compliance/define.js';
import '../elements/editor/define.js';

const { args, argTypes, template } = getStorybookHelpers<JdCompliance>('jd-compliance');

const meta: Meta = {
  title: 'Elements/jd-compliance',
  component: 'jd-compliance',
  args: {
    ...args,
    ...sessionArgs,
    'document-id': ESDC_DOCUMENT,
    'show-dismissed': false,
    // The helpers turn a null default into ''; the property takes an element, or null to find one.
    editor: null,
  },
  argTypes: { ...argTypes, ...sessionArgTypes },
  loaders: [signInLoader],
  render: ({ lang, width, user, sync, ...panelArgs }) =>
    inSession(
      html`<div style="display: grid; grid-template-columns: minmax(0, 1fr) 18rem; gap: 1rem; align-items: start">
        <jd-editor document-id=${panelArgs['document-id']}></jd-editor>${template(panelArgs)}
      </div>`,
      { lang, width, user, sync },
    ),
};
export default meta;

type Story = StoryObj;

export const BesideEditor: Story = {};
export const French: Story = { args: { lang: 'fr' } };
/** A viewer sees the findings but may not apply fixes or dismiss them. */
export const Viewer: Story = { args: { user: 'viewer@esdc.example' } };
/** The rules run on a long description (each paragraph six times). */
export const LongDocument: Story = {
  loaders: [async () => ({ documentId: await longDocument() })],
  args: { 'document-id': '' },
  render: (storyArgs, context) => meta.render!({ ...storyArgs, 'document-id': context.loaded['documentId'] as string }, context),
};
/** Nobody signed in: the session's form. */
export const SignedOut: Story = { args: { user: '' } };
/** Accessibility story: the French panel beside the editor, checked by axe (Accessibility panel). */
export const Accessibility: Story = {
  args: { lang: 'fr' },
  parameters: { a11y: { test: 'error' } },
};
