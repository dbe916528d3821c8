// Storybook CSF for <jd-concordance>, inside a <jd-session> on the local stack (`npm run stack`):
// signed in as the story's demo account (translator@esdc.example; password demo-password-1). Beside a
// <jd-editor> on the same document, live mode follows the caret (click into the French text) and
// Insert replaces the sentence under it; alone, it searches the memory.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { getStorybookHelpers } from '@wc-toolkit/storybook-helpers';
import { html } from 'lit';
import type { JdConcordance } from '../elements/concordance/concordance.js';
import { ESDC_DOCUMENT, inSession, sessionArgs, sessionArgTypes, signInLoader } from '../.storybook/local-stack.js';
import { isOpen, until } from '../.storybook/conditions.js';
import '../elements/concordance/define.js';
import '../elements/editor/define.js';

const { args, argTypes, template } = getStorybookHelpers<JdConcordance>('jd-concordance');

const meta: Meta = {
  title: 'Elements/jd-concordance',
  component: 'jd-concordance',
  args: {
    ...args,
    ...sessionArgs,
    user: 'translator@esdc.example',
    'document-id': ESDC_DOCUMENT,
    live: true,
    'source-lang': 'en',
    mode: 'segment',
    view: 'search',
    'alignment-id': '',
    // The helpers turn a null default into ''; the property takes an element, or null to find one.
    editor: null,
    withEditor: true,
  },
  argTypes: {
    ...argTypes,
    ...sessionArgTypes,
    'source-lang': { ...argTypes['source-lang'], control: 'inline-radio', options: ['en', 'fr'] },
    mode: { ...argTypes['mode'], control: 'inline-radio', options: ['segment', 'phrase'] },
    view: { ...argTypes['view'], control: 'inline-radio', options: ['search', 'alignment'] },
    withEditor: { control: 'boolean', description: 'A `<jd-editor>` on the same document beside the panel.', table: { category: 'story' } },
  },
  loaders: [signInLoader],
  render: ({ lang, width, user, sync, withEditor, ...panelArgs }) => {
    const panel = template(panelArgs);
    const content = withEditor
      ? html`<div style="display: grid; grid-template-columns: minmax(0, 1fr) 22rem; gap: 1rem; align-items: start">
          <jd-editor document-id=${panelArgs['document-id']}></jd-editor>${panel}
        </div>`
      : panel;
    return inSession(content, { lang, width, user, sync });
  },
};
export default meta;

type Story = StoryObj;

export const BesideEditor: Story = {};
export const French: Story = { args: { lang: 'fr' } };
/** Alone: search the memory for a sentence or a phrase, no editor to insert into. */
export const Alone: Story = { args: { withEditor: false, width: '24rem' } };
/** Searches `query` in the story's panel once it has opened the document; resolves when the results are shown. */
async function searchFor(canvasElement: HTMLElement, query: string): Promise<void> {
  const panel = canvasElement.querySelector<JdConcordance>('jd-concordance')!;
  await until(() => isOpen(panel), 'the concordance panel to open its document');
  await panel.search(query);
}
/**
 * A search with no AI key on the stack: the fuzzy matches and glossary terms come from the
 * translation memory, and the panel says that semantic search (embeddings) is off.
 */
export const SearchWithoutAiKey: Story = {
  args: { withEditor: false, width: '24rem' },
  play: ({ canvasElement }) => searchFor(canvasElement, 'Prepares briefing notes and presentations for the senior management team.'),
};
/** A search that finds nothing: the empty state. */
export const NoMatches: Story = {
  args: { withEditor: false, width: '24rem' },
  play: ({ canvasElement }) => searchFor(canvasElement, 'zzyzx quuxwibble'),
};
/** The panel's Alignment tab: the alignment workbench (see its own stories). */
export const AlignmentTab: Story = { args: { view: 'alignment', withEditor: false } };
/** Nobody signed in: the session's form; the panel waits for a sign-in. */
export const SignedOut: Story = { args: { user: '', withEditor: false, width: '24rem' } };
/** Accessibility story: the French panel alone, checked by axe (Accessibility panel). */
export const Accessibility: Story = {
  args: { lang: 'fr', withEditor: false, width: '24rem' },
  parameters: { a11y: { test: 'error' } },
};
