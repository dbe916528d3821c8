// What the <jd-compliance> browser tests share: the panel beside ESDC's editor on a scratch
// document, typing into a section key by key, and the listed findings of a rule.
import { waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { TextSelection } from 'prosemirror-state';
import type { JdCompliance } from './compliance.js';
import type { JdEditor } from '../editor/editor.js';
import type { JdSession } from '../session/session.js';
import { personOn } from '../editor/test-support.js';

export const root = (el: JdCompliance) => el.shadowRoot!;
export const findingItems = (el: JdCompliance, rule: string) => Array.from(root(el).querySelectorAll<HTMLElement>(`[part=finding][data-rule="${rule}"]`));
export const englishText = (editor: JdEditor) => editor.getView('en')!.state.doc.textContent;

export async function complianceIn(session: JdSession, documentId: string): Promise<JdCompliance> {
  const el = document.createElement('jd-compliance');
  el.documentId = documentId;
  session.append(el);
  await waitUntil(() => root(el).querySelector('[part=base]'), 'compliance panel shown', { timeout: 8000 });
  return el;
}

/** Places the caret at the end of the first paragraph of an English section and types `text` there, key by key. */
export async function typeInSection(editor: JdEditor, sectionId: string, text: string): Promise<void> {
  const view = editor.getView('en')!;
  let at = -1;
  view.state.doc.forEach((section, offset) => {
    if (section.attrs['sectionId'] !== sectionId) return;
    section.forEach((child, childOffset) => {
      if (at < 0 && child.type.name === 'paragraph') at = offset + 1 + childOffset + child.nodeSize - 1;
    });
  });
  if (at < 0) throw new Error(`no paragraph in ${sectionId}`);
  view.focus();
  view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, at)));
  await sendKeys({ type: text });
}

/** ESDC's editor on a scratch document through the sync server, the panel beside the editor. */
export async function besideEditor(documentId: string, lang = 'en'): Promise<{ session: JdSession; editor: JdEditor; el: JdCompliance }> {
  const { session, editor } = await personOn('editor@esdc.example', documentId, { lang });
  const el = await complianceIn(session, documentId);
  await waitUntil(() => el.linkedEditor === editor, 'the panel found the editor', { timeout: 8000 });
  return { session, editor, el };
}

