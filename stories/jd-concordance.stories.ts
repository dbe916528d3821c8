// Storybook CSF for <jd-concordance>, inside a <jd-session> on the local stack (`npm run stack`):
// sign in with a demo account (translator@esdc.example; password demo-password-1). Beside a
// <jd-editor> on the same document, live mode follows the caret (click into the French text) and
// Insert replaces the sentence under it; alone, it searches the memory.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { getStorybookHelpers } from '@wc-toolkit/storybook-helpers';
import { html } from 'lit';
import type { JdConcordance } from '../elements/concordance/concordance.js';
import { ESDC_DOCUMENT, inSession, sessionArgs, sessionArgTypes } from '../.storybook/local-stack.js';
import '../elements/concordance/define.js';
import '../elements/editor/define.js';

const { args, argTypes, template } = getStorybookHelpers<JdConcordance>('jd-concordance');

const meta: Meta = {
  title: 'Elements/jd-concordance',
  component: 'jd-concordance',
  args: {
    ...args,
    ...sessionArgs,
    'document-id': ESDC_DOCUMENT,
    live: true,
    'source-lang': 'en',
    mode: 'segment',
    // The helpers turn a null default into ''; the property takes an element, or null to find one.
    editor: null,
    withEditor: true,
  },
  argTypes: {
    ...argTypes,
    ...sessionArgTypes,
    'source-lang': { ...argTypes['source-lang'], control: 'inline-radio', options: ['en', 'fr'] },
    mode: { ...argTypes['mode'], control: 'inline-radio', options: ['segment', 'phrase'] },
    withEditor: { control: 'boolean', description: 'A `<jd-editor>` on the same document beside the panel.', table: { category: 'story' } },
  },
  render: ({ lang, width, withEditor, ...panelArgs }) => {
    const panel = template(panelArgs);
    const content = withEditor
      ? html`<div style="display: grid; grid-template-columns: minmax(0, 1fr) 22rem; gap: 1rem; align-items: start">
          <jd-editor document-id=${panelArgs['document-id']}></jd-editor>${panel}
        </div>`
      : panel;
    return inSession(content, { lang, width });
  },
};
export default meta;

type Story = StoryObj;

export const BesideEditor: Story = {};
export const French: Story = { args: { lang: 'fr' } };
/** Alone: search the memory for a sentence or a phrase, no editor to insert into. */
export const Alone: Story = { args: { withEditor: false, width: '24rem' } };
/** Accessibility story: the French panel alone, checked by axe (Accessibility panel). */
export const Accessibility: Story = {
  args: { lang: 'fr', withEditor: false, width: '24rem' },
  parameters: { a11y: { test: 'error' } },
};
