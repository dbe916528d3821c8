// Storybook CSF for <jd-editor>, inside a <jd-session> on the local stack (`npm run stack`):
// sign in with a demo account (editor@esdc.example, password demo-password-1) in the session's
// form and the editor opens ESDC's seeded job description.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { getStorybookHelpers } from '@wc-toolkit/storybook-helpers';
import { html } from 'lit';
import type { JdEditor } from '../elements/editor/editor.js';
import { ESDC_DOCUMENT, inSession, sessionArgs, sessionArgTypes, TC_DOCUMENT } from '../.storybook/local-stack.js';
import '../elements/editor/define.js';

const { args, argTypes, template } = getStorybookHelpers<JdEditor>('jd-editor');

const panel = html`<div slot="panel"><h2>Suggestions</h2><p>Panel slot content from the host.</p></div>`;

const meta: Meta = {
  title: 'Elements/jd-editor',
  component: 'jd-editor',
  args: { ...args, ...sessionArgs, 'document-id': ESDC_DOCUMENT, commenting: false },
  argTypes: { ...argTypes, ...sessionArgTypes },
  render: ({ lang, width, ...editorArgs }) => inSession(template(editorArgs, panel), { lang, width }),
};
export default meta;

type Story = StoryObj;

export const Bilingual: Story = {};
export const French: Story = { args: { lang: 'fr' } };
export const ReadOnly: Story = { args: { readonly: true } };
export const NarrowStacked: Story = { args: { width: '480px' } };
/** An ESDC account may not open Transport Canada's description: the no-access notice. */
export const OtherDepartmentNoAccess: Story = { args: { 'document-id': TC_DOCUMENT } };
/** Accessibility story: the French interface, read-only, checked by axe (Accessibility panel). */
export const Accessibility: Story = {
  args: { lang: 'fr', readonly: true },
  parameters: { a11y: { test: 'error' } },
};
