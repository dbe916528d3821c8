// Storybook CSF for <jd-documents>, inside a <jd-session> on the local stack (`npm run stack`):
// signed in as the story's demo account (editor@esdc.example searches, creates and clones;
// reviewer@esdc.example finds the reviews waiting for them; password demo-password-1). Search a
// phrase of the seeded French text, e.g. « surveille l'avancement des projets financés ».
// Choosing or creating a document fires jd-document-open / jd-document-created, which a portal
// turns into navigation; here the story shows the last one under the element.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { getStorybookHelpers } from '@wc-toolkit/storybook-helpers';
import { html } from 'lit';
import type { JdDocuments } from '../elements/documents/documents.js';
import type { JdDocumentCreatedEvent, JdDocumentOpenEvent } from '../elements/documents/events.js';
import { inSession, sessionArgs, sessionArgTypes, signInLoader } from '../.storybook/local-stack.js';
import '../elements/documents/define.js';

const { args, argTypes, template } = getStorybookHelpers<JdDocuments>('jd-documents');

/** Writes the event a portal would navigate on into the story's output line. */
function showEvent(event: JdDocumentOpenEvent | JdDocumentCreatedEvent): void {
  const output = (event.currentTarget as HTMLElement).closest('.story')?.querySelector('output');
  if (output) output.textContent = `${event.type}: ${event.documentId}`;
}

const meta: Meta = {
  title: 'Elements/jd-documents',
  component: 'jd-documents',
  args: { ...args, ...sessionArgs, 'organization-id': '', 'hide-queue': false },
  argTypes: { ...argTypes, ...sessionArgTypes },
  loaders: [signInLoader],
  render: ({ lang, width, user, sync, ...documentsArgs }) =>
    inSession(
      html`<div class="story" @jd-document-open=${showEvent} @jd-document-created=${showEvent}>
        ${template(documentsArgs)}
        <p><output aria-live="polite"></output></p>
      </div>`,
      { lang, width, user, sync },
    ),
};
export default meta;

type Story = StoryObj;

export const Default: Story = {};
export const French: Story = { args: { lang: 'fr' } };
/** Without the "waiting for me" queue, for a portal that shows it elsewhere. */
export const WithoutQueue: Story = { args: { 'hide-queue': true } };
/** On a phone's width: the filters wrap under the search field. */
export const Narrow: Story = { args: { width: '24rem' } };
/** A reviewer: the reviews waiting for them head the list. */
export const Reviewer: Story = { args: { user: 'reviewer@esdc.example' } };
/** A viewer may search and open but not create or clone: read-only. */
export const Viewer: Story = { args: { user: 'viewer@esdc.example' } };
/** Nobody signed in: the session's form. */
export const SignedOut: Story = { args: { user: '' } };
/** Accessibility story: the French element, checked by axe (Accessibility panel). */
export const Accessibility: Story = {
  args: { lang: 'fr' },
  parameters: { a11y: { test: 'error' } },
};
