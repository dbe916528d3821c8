// "Apply fix" then Ctrl+Z, as a user does it: the text typed and stored by the sync server first,
// the fix applied from the panel's button, then one Ctrl+Z. The fix must be the step undone (the
// typed text stays), whether the shortcut is pressed in the text or still on the panel.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './define.js';
import '../editor/define.js';
import { withScratchEsdcDocument } from '../core/test-helpers.js';
import { besideEditor, englishText, findingItems, typeInSection } from './test-support.js';
import type { JdCompliance } from './compliance.js';
import type { JdEditor } from '../editor/editor.js';

const PRONOUN_RULE = 'inclusive.generic-pronoun';
const SENTENCE = 'Reviews files; he will advise managers.';
const FIXED = 'Reviews files; they will advise managers.';

async function pressKeys(key: string): Promise<void> {
  await sendKeys({ down: 'Control' });
  await sendKeys({ press: key });
  await sendKeys({ up: 'Control' });
}

/** Types the sentence, waits until the sync server has it, then applies the pronoun fix from the keyboard (focus on the button, Enter). */
async function typeStoreAndFix(editor: JdEditor, el: JdCompliance): Promise<void> {
  await typeInSection(editor, 'key-activities', SENTENCE);
  await waitUntil(() => findingItems(el, PRONOUN_RULE).length === 1, 'the generic pronoun finding is listed', { timeout: 8000 });
  await waitUntil(() => editor.status === 'saved', `the sync server has the text (status ${editor.status})`, { timeout: 8000 });
  findingItems(el, PRONOUN_RULE)[0]!.querySelector<HTMLButtonElement>('[part=apply]')!.focus();
  await sendKeys({ press: 'Enter' });
  await waitUntil(() => englishText(editor).includes(FIXED), 'the fix is in the text', { timeout: 8000 });
  await waitUntil(() => findingItems(el, PRONOUN_RULE).length === 0, 'the finding is gone once fixed', { timeout: 8000 });
}

describe('<jd-compliance> apply fix, then undo', () => {
  it('Ctrl+Z in the text after the stored text was fixed undoes the fix, not the typing', async function () {
    this.timeout(30_000);
    await withScratchEsdcDocument('Apply fix undo in text', async (documentId) => {
      const { session, editor, el } = await besideEditor(documentId);
      try {
        await typeStoreAndFix(editor, el);
        editor.getView('en')!.focus();
        await pressKeys('z');
        await waitUntil(() => englishText(editor).includes(SENTENCE), `one undo brings "he" back: ${englishText(editor)}`, { timeout: 8000 });
        expect(englishText(editor)).to.not.include('they');
      } finally {
        session.remove();
      }
    });
  });

  it('Ctrl+Z with focus still on the panel undoes the fix, not the typing; Ctrl+Y there redoes it', async function () {
    this.timeout(30_000);
    await withScratchEsdcDocument('Apply fix undo in panel', async (documentId) => {
      const { session, editor, el } = await besideEditor(documentId);
      try {
        await typeStoreAndFix(editor, el);
        expect(document.activeElement).to.equal(el, 'focus is still on the panel');
        await pressKeys('z');
        await waitUntil(() => englishText(editor).includes(SENTENCE), `one undo brings "he" back: ${englishText(editor)}`, { timeout: 8000 });
        expect(englishText(editor)).to.not.include('they');
        await pressKeys('y');
        await waitUntil(() => englishText(editor).includes(FIXED), `Ctrl+Y in the panel redoes the fix: ${englishText(editor)}`, { timeout: 8000 });
      } finally {
        session.remove();
      }
    });
  });
});
