// Shared by the editor's browser tests.
import { expect, waitUntil } from '@open-wc/testing';
import './define.js';
import type { JdEditor } from './editor.js';
import type { JdSession } from '../session/session.js';
import { ESDC_DOC, signedInSession, stack, uniqueCache } from '../core/test-helpers.js';
import { selectionInSection } from './pane.js';

/** An editor on `documentId` inside `session`, resolved once both panes are mounted (or it settled on a notice). */
export async function openEditor(session: JdSession, documentId = ESDC_DOC, settle: 'panes' | 'notice' = 'panes'): Promise<JdEditor> {
  const el = document.createElement('jd-editor');
  el.documentId = documentId;
  session.append(el);
  if (settle === 'panes') await waitUntil(() => el.getView('en') && el.getView('fr'), 'both panes mounted', { timeout: 8000 });
  else await waitUntil(() => el.shadowRoot?.querySelector('[part=notice][role=alert]'), 'a notice', { timeout: 8000 });
  await el.updateComplete;
  return el;
}

/** A person on a document through the sync server, in a page of their own. */
export async function personOn(email: string, documentId: string, options: { lang?: string; signaling?: boolean } = {}): Promise<{ session: JdSession; editor: JdEditor }> {
  const session = await signedInSession(email, { cacheName: uniqueCache(email.split('@')[0]), withSync: true, ...(options.lang ? { lang: options.lang } : {}) });
  if (options.signaling) {
    const { signalingUrl } = await stack();
    if (!signalingUrl) throw new Error('the local stack exports no signalingUrl');
    session.signalingUrl = signalingUrl;
  }
  const editor = await openEditor(session, documentId);
  await waitUntil(() => editor.sharedDocument!.serverSynced, `${email} synced`, { timeout: 8000 });
  return { session, editor };
}

export const workflowText = (el: JdEditor) => el.shadowRoot!.querySelector('[part=workflow]')?.textContent ?? '';
export const versionsText = (el: JdEditor) => el.shadowRoot!.querySelector('[part=versions]')?.textContent ?? '';
/** The approve / request-changes / reject buttons the review panel offers (none to those who may not decide). */
export const decisionButtons = (el: JdEditor) =>
  Array.from(el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part=workflow] button')).filter((b) => /Approve|Request changes|Reject|Approuver|Demander|Rejeter/.test(b.textContent ?? ''));

/** Waits for the editor to settle its side panel (workflow status shown). */
export const workflowShown = (el: JdEditor, text: string) => waitUntil(() => workflowText(el).includes(text), `workflow shows "${text}": ${workflowText(el)}`, { timeout: 8000 });

/**
 * After "Submit for review" was pressed: answers the compliance warning with "Submit anyway"
 * when it opens (a new document has open errors: empty sections, missing identification), so a
 * test about the submission itself goes on to it.
 */
export async function confirmSubmitWarning(el: JdEditor): Promise<void> {
  const dialog = el.shadowRoot!.querySelector<HTMLDialogElement>('dialog[part=submit-warning]')!;
  await waitUntil(() => dialog.open || workflowText(el).includes('In review'), 'the compliance warning or the submission', { timeout: 10_000 });
  if (dialog.open) Array.from(dialog.querySelectorAll('button')).find((b) => /Submit anyway/.test(b.textContent ?? ''))!.click();
}

/** The text of one section in one language, as the pane shows it. */
export function sectionText(el: JdEditor, lang: 'en' | 'fr', sectionId: string): string {
  let text = '';
  el.getView(lang)!.state.doc.forEach((node) => {
    if (node.attrs['sectionId'] === sectionId) text = node.textContent;
  });
  return text;
}

/** Appends `text` at the end of a section through the editor's API (one undoable change). */
export function appendToSection(el: JdEditor, lang: 'en' | 'fr', sectionId: string, text: string): void {
  const end = selectionInSection(el.getView(lang)!, sectionId, true);
  if (!end) throw new Error(`no section ${sectionId} in ${lang}`);
  expect(el.insertText(lang, end.from, text)).to.equal(true);
}
