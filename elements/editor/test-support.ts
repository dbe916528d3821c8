// Shared by the editor's browser tests.
import { waitUntil } from '@open-wc/testing';
import './define.js';
import type { JdEditor } from './editor.js';
import type { JdSession } from '../session/session.js';
import { ESDC_DOC } from '../core/test-helpers.js';

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
