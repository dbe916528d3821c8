// Storybook CSF for <jd-editor>, inside a <jd-session> on the local stack (`npm run stack`),
// signed in as the story's demo account (the `user` control; password demo-password-1): the
// editor opens ESDC's seeded job description.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { getStorybookHelpers } from '@wc-toolkit/storybook-helpers';
import { html } from 'lit';
import type { JdEditor } from '../elements/editor/editor.js';
import type { JdSession } from '../elements/session/session.js';
import { ESDC_DOCUMENT, inSession, sessionArgs, sessionArgTypes, signInLoader, TC_DOCUMENT } from '../.storybook/local-stack.js';
import { startCollaborator } from '../.storybook/collaborator.js';
import { longDocument } from '../.storybook/long-document.js';
import { approvedDocument } from '../.storybook/approved-document.js';
import { whenStatus } from '../.storybook/conditions.js';
import '../elements/editor/define.js';

const { args, argTypes, template } = getStorybookHelpers<JdEditor>('jd-editor');

const panel = html`<div slot="panel"><h2>Suggestions</h2><p>Panel slot content from the host.</p></div>`;

const meta: Meta = {
  title: 'Elements/jd-editor',
  component: 'jd-editor',
  args: { ...args, ...sessionArgs, 'document-id': ESDC_DOCUMENT, commenting: false },
  argTypes: { ...argTypes, ...sessionArgTypes },
  loaders: [signInLoader],
  render: ({ lang, width, user, sync, ...editorArgs }) => inSession(template(editorArgs, panel), { lang, width, user, sync }),
};
export default meta;

type Story = StoryObj;

export const Bilingual: Story = {};
export const French: Story = { args: { lang: 'fr' } };
/** The `readonly` attribute: a portal shows the text without letting it change. */
export const ReadOnly: Story = { args: { readonly: true } };
/** An approved description is frozen for everyone: who approved it and when, and "Start a new revision" for its editor. */
export const Approved: Story = {
  loaders: [async () => ({ documentId: await approvedDocument() })],
  render: ({ lang, width, user, sync, ...editorArgs }, { loaded }) =>
    inSession(template({ ...editorArgs, 'document-id': loaded['documentId'] as string }, panel), { lang, width, user, sync }),
};
/** Read-only by role: a viewer of the department reads both languages and changes nothing. */
export const Viewer: Story = { args: { user: 'viewer@esdc.example' } };
export const NarrowStacked: Story = { args: { width: '480px' } };
/** An ESDC account may not open Transport Canada's description: the no-access notice. */
export const OtherDepartmentNoAccess: Story = { args: { 'document-id': TC_DOCUMENT } };
/** Nobody signed in: the session's form, and the editor's signed-out notice once it is gone. */
export const SignedOut: Story = { args: { user: '' } };
/**
 * Offline: the document opened and synced, then the connection dropped (the sync server is
 * unreachable). Typing goes on; the status says so and the changes sync when it is back.
 */
export const Offline: Story = {
  play: async ({ canvasElement }) => {
    const editor = canvasElement.querySelector('jd-editor')!;
    await whenStatus(editor, ['connected', 'saved']);
    const session = canvasElement.querySelector<JdSession>('jd-session')!;
    const lease = session.documents.acquire(ESDC_DOCUMENT);
    lease.document.disconnect();
    lease.release();
    await whenStatus(editor, ['offline', 'reconnecting']);
  },
};
/** No sync server configured: the document lives in this browser only (IndexedDB) and shows as offline. */
export const LocalOnly: Story = { args: { sync: false } };
/**
 * Concurrent editing: Thérèse (translator@esdc.example), a second Y client on the sync server,
 * types in the French text and erases it again; her labelled cursor and her avatar show here.
 */
export const ConcurrentEditing: Story = {
  beforeEach: async () =>
    startCollaborator({
      email: 'translator@esdc.example',
      name: 'Thérèse Traductrice',
      documentId: ESDC_DOCUMENT,
      lang: 'fr',
      sentence: ' Elle collabore avec les partenaires régionaux.',
    }),
};
/** A long description (each paragraph six times): the panes scroll together, section by section. */
export const LongDocument: Story = {
  loaders: [async () => ({ documentId: await longDocument() })],
  render: ({ lang, width, user, sync, ...editorArgs }, { loaded }) =>
    inSession(template({ ...editorArgs, 'document-id': loaded['documentId'] as string }, panel), { lang, width, user, sync }),
};
/** AI assistance with no AI key configured: the offline provider (translation memory, glossary, rules) answers. */
export const AiAssistOffline: Story = { args: { 'ai-assist': true } };
/** Accessibility story: the French interface, read-only, checked by axe (Accessibility panel). */
export const Accessibility: Story = {
  args: { lang: 'fr', readonly: true },
  parameters: { a11y: { test: 'error' } },
};
