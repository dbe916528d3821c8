// Issue 15 item 4: the findings of <jd-compliance> underlined in <jd-editor>'s panes while the
// panel is linked (severity in the underline's shape and data-severity), gone once fixed or
// dismissed, the message said when the caret enters one, Alt+F8 / Shift+Alt+F8 between them.
// Through the real stack: the sync server stores the findings the panel dismisses.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { Selection, TextSelection } from 'prosemirror-state';
import './define.js';
import '../editor/define.js';
import type { JdEditor } from '../editor/editor.js';
import { withScratchEsdcDocument } from '../core/test-helpers.js';
import { besideEditor, findingItems, typeInSection } from './test-support.js';

const PRONOUN_RULE = 'inclusive.generic-pronoun';
const SENTENCE = 'Reviews files; he will advise managers. Then he signs.';

/** The underlined findings of the English pane, as drawn. */
const underlines = (editor: JdEditor) => Array.from(editor.getView('en')!.dom.querySelectorAll<HTMLElement>('.jd-finding'));
const underlinedHe = (editor: JdEditor) => underlines(editor).filter((u) => u.textContent === 'he');
const selectedText = (editor: JdEditor) => {
  const { state } = editor.getView('en')!;
  return state.doc.textBetween(state.selection.from, state.selection.to);
};
const liveRegion = (editor: JdEditor) => editor.shadowRoot!.querySelector('[data-glossary-live]')!.textContent ?? '';

/** Alt+F8 (next finding) or, with Shift, Shift+Alt+F8 (previous), as real key presses. */
async function altF8(shift = false): Promise<void> {
  if (shift) await sendKeys({ down: 'Shift' });
  await sendKeys({ down: 'Alt' });
  await sendKeys({ press: 'F8' });
  await sendKeys({ up: 'Alt' });
  if (shift) await sendKeys({ up: 'Shift' });
}

/** The position just before `text` in the English pane. */
function positionOf(editor: JdEditor, text: string): number {
  const { doc } = editor.getView('en')!.state;
  let found = -1;
  doc.descendants((node, pos) => {
    if (found >= 0 || !node.isText) return found < 0;
    const index = node.text!.indexOf(text);
    if (index >= 0) found = pos + index;
    return false;
  });
  if (found < 0) throw new Error(`"${text}" is not in the English pane`);
  return found;
}

describe('<jd-compliance> findings underlined in <jd-editor>', () => {
  it('underlines a generic pronoun as a warning (dashed), says its message at the caret, and removes it once fixed', async function () {
    this.timeout(40_000);
    await withScratchEsdcDocument('Highlights fixed', async (documentId) => {
      const { session, editor, el } = await besideEditor(documentId);
      try {
        await typeInSection(editor, 'key-activities', SENTENCE);
        await waitUntil(() => underlinedHe(editor).length === 2, 'both "he" underlined', { timeout: 8000 });
        const [first] = underlinedHe(editor);
        expect(first!.dataset['severity']).to.equal('warning');
        expect(first!.classList.contains('jd-finding-warning')).to.equal(true);
        expect(getComputedStyle(first!).textDecorationStyle).to.equal('dashed');
        expect(first!.dataset['finding']).to.match(/^Warning: .*they/);

        // Keyboard: the caret into the first "he" (Alt+F8 from the start of the sentence) says the message.
        const view = editor.getView('en')!;
        view.focus();
        view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, positionOf(editor, 'Reviews files;'))));
        await altF8();
        expect(selectedText(editor)).to.equal('he');
        await waitUntil(() => liveRegion(editor).includes('Warning:'), 'the finding is announced', { timeout: 4000 });
        expect(liveRegion(editor)).to.include('they');
        expect(editor.shadowRoot!.querySelector('[part=glossary-tip]')?.textContent).to.include('they');
        // Typing hides the tip (it would cover the next line); Backspace takes the space away again.
        await sendKeys({ press: 'ArrowLeft' });
        await sendKeys({ type: ' ' });
        await waitUntil(() => !editor.shadowRoot!.querySelector('[part=glossary-tip]'), 'typing hides the tip');
        await sendKeys({ press: 'Backspace' });
        expect(editor.getView('en')!.state.doc.textContent).to.include(SENTENCE);

        // Both fixed in the panel: the underlines go with them.
        for (let i = 0; i < 2; i++) {
          await waitUntil(() => findingItems(el, PRONOUN_RULE)[0]?.querySelector('[part=apply]'), 'a fix to apply', { timeout: 8000 });
          findingItems(el, PRONOUN_RULE)[0]!.querySelector<HTMLButtonElement>('[part=apply]')!.click();
          await waitUntil(() => underlinedHe(editor).length === 1 - i, `${2 - i - 1} "he" left underlined`, { timeout: 8000 });
        }
        expect(underlines(editor).every((u) => u.textContent !== 'he')).to.equal(true);
      } finally {
        session.remove();
      }
    });
  });

  it('Alt+F8 and Shift+Alt+F8 move to the next and previous finding of the pane, round from the last to the first', async function () {
    this.timeout(40_000);
    await withScratchEsdcDocument('Highlights keyboard', async (documentId) => {
      const { session, editor } = await besideEditor(documentId);
      try {
        await typeInSection(editor, 'key-activities', SENTENCE);
        await waitUntil(() => underlinedHe(editor).length === 2, 'both "he" underlined', { timeout: 8000 });
        const marks = editor.shownFindings('en');
        expect(marks.length).to.be.at.least(2);
        const view = editor.getView('en')!;
        view.focus();
        view.dispatch(view.state.tr.setSelection(Selection.atStart(view.state.doc)));
        const selection = () => ({ from: view.state.selection.from, to: view.state.selection.to });
        const at = (i: number) => ({ from: marks[i]!.from, to: marks[i]!.to });

        await altF8();
        expect(selection()).to.deep.equal(at(0));
        await altF8();
        expect(selection()).to.deep.equal(at(1));
        await altF8(true);
        expect(selection()).to.deep.equal(at(0));
        await altF8(true);
        expect(selection(), 'previous from the first goes round to the last').to.deep.equal(at(marks.length - 1));
        await altF8();
        expect(selection(), 'next from the last goes round to the first').to.deep.equal(at(0));
        // Moving between findings is not an edit.
        expect(view.state.doc.textContent).to.include(SENTENCE);
      } finally {
        session.remove();
      }
    });
  });

  it('removes the underline of a dismissed finding, keeps the others, and all of them when the panel leaves', async function () {
    this.timeout(40_000);
    await withScratchEsdcDocument('Highlights dismissed', async (documentId) => {
      const { session, editor, el } = await besideEditor(documentId);
      try {
        await typeInSection(editor, 'key-activities', SENTENCE);
        await waitUntil(() => underlinedHe(editor).length === 2, 'both "he" underlined', { timeout: 8000 });
        await waitUntil(async () => {
          const { data } = await session.client!.from('compliance_findings').select('id').eq('document_id', documentId).eq('rule_id', PRONOUN_RULE);
          return data?.length === 2;
        }, 'the findings are stored by the sync server', { timeout: 15_000 });
        const second = el.findings.filter((f) => f.id === PRONOUN_RULE)[1]!;
        expect(await el.dismiss(second, 'Quoted from the collective agreement')).to.equal(true);
        await waitUntil(() => underlinedHe(editor).length === 1, 'the dismissed one is no longer underlined', { timeout: 8000 });
        // The one left is the first "he", not the dismissed second one.
        const left = editor.shownFindings('en').find((m) => editor.getView('en')!.state.doc.textBetween(m.from, m.to) === 'he')!;
        expect(left.from).to.be.below(positionOf(editor, 'Then he'));

        el.remove();
        await waitUntil(() => underlines(editor).length === 0, 'no underline once the panel is gone', { timeout: 4000 });
      } finally {
        session.remove();
      }
    });
  });
});
