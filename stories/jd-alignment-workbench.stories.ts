// Storybook CSF for <jd-alignment-workbench>, inside a <jd-session> on the local stack
// (`npm run stack`), signed in as the story's demo account (translator@esdc.example aligns and
// confirms pairs into the memory; password demo-password-1). It lists the alignments the user
// can read and aligns two pasted texts in the browser; <jd-concordance view="alignment"> shows it
// as the panel's Alignment tab.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { getStorybookHelpers } from '@wc-toolkit/storybook-helpers';
import type { JdAlignmentWorkbench } from '../elements/concordance/workbench/workbench.js';
import { inSession, sessionArgs, sessionArgTypes, signInLoader } from '../.storybook/local-stack.js';
import '../elements/concordance/define.js';

const { args, argTypes, template } = getStorybookHelpers<JdAlignmentWorkbench>('jd-alignment-workbench');

const meta: Meta = {
  title: 'Elements/jd-alignment-workbench',
  component: 'jd-alignment-workbench',
  args: { ...args, ...sessionArgs, user: 'translator@esdc.example', 'alignment-id': '' },
  argTypes: { ...argTypes, ...sessionArgTypes },
  loaders: [signInLoader],
  render: ({ lang, width, user, sync, ...workbenchArgs }) => inSession(template(workbenchArgs), { lang, width, user, sync }),
};
export default meta;

type Story = StoryObj;

/** A translator: the alignments of the department (none yet on a fresh stack) and the form aligning two pasted texts. */
export const Translator: Story = {};
export const French: Story = { args: { lang: 'fr' } };
/** On a phone's width: the two columns of a pair stack. */
export const Narrow: Story = { args: { width: '24rem' } };
/** A viewer reads alignments but may not confirm pairs into the memory. */
export const Viewer: Story = { args: { user: 'viewer@esdc.example' } };
/** Nobody signed in: the session's form. */
export const SignedOut: Story = { args: { user: '' } };
/** Accessibility story: the French workbench, checked by axe (Accessibility panel). */
export const Accessibility: Story = {
  args: { lang: 'fr' },
  parameters: { a11y: { test: 'error' } },
};
