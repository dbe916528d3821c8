import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { TextSelection } from 'prosemirror-state';
import type { JdEditor } from './editor.js';
import { openEditor } from './test-support.js';
import { createDocument, signedInSession } from '../core/test-helpers.js';

const buttons = (el: JdEditor) => Array.from(el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part=toolbar] > button'));
const focused = (el: JdEditor) => el.shadowRoot!.activeElement;

/** Selects `text` in the English pane; its range. */
function select(el: JdEditor, text: string): { from: number; to: number } {
  const view = el.getView('en')!;
  const range = el.findText('en', text);
  if (!range) throw new Error(`"${text}" is not in the English pane`);
  view.focus();
  view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, range.from, range.to)));
  return range;
}

/**
 * A fresh document (so formatting never touches what other tests read) with one known sentence;
 * in Transport Canada, because other tests count ESDC's documents.
 */
async function editorWithText(lang: 'en' | 'fr' = 'en'): Promise<JdEditor> {
  const session = await signedInSession('editor@tc.example', { lang, withSync: true });
  const id = await createDocument(session, `Toolbar ${Date.now()}`);
  const el = await openEditor(session, id);
  const view = el.getView('en')!;
  let at = -1;
  view.state.doc.descendants((node, pos) => {
    if (at < 0 && node.type.name === 'paragraph') at = pos + 1;
    return at < 0;
  });
  view.dispatch(view.state.tr.insertText('Advises managers on staffing.', at));
  return el;
}

describe('<jd-editor> toolbar', () => {
  afterEach(() => document.querySelectorAll('jd-session').forEach((s) => s.remove()));

  it('is one tab stop; arrows, Home and End move between its buttons', async () => {
    const el = await editorWithText();
    const all = buttons(el);
    expect(all.length).to.be.greaterThan(8);
    expect(all.filter((b) => b.tabIndex === 0)).to.have.length(1);
    all[0]!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(focused(el)).to.equal(all[1]);
    expect(all[1]!.tabIndex).to.equal(0);
    expect(all[0]!.tabIndex).to.equal(-1);
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    expect(focused(el)).to.equal(all[all.length - 1]);
    await sendKeys({ press: 'ArrowRight' }); // wraps
    await el.updateComplete;
    expect(focused(el)).to.equal(all[0]);
    await sendKeys({ press: 'ArrowLeft' }); // wraps back
    await el.updateComplete;
    expect(focused(el)).to.equal(all[all.length - 1]);
    await sendKeys({ press: 'Home' });
    await el.updateComplete;
    expect(focused(el)).to.equal(all[0]);
    // Tab leaves the toolbar rather than walking through it.
    await sendKeys({ press: 'Tab' });
    expect(buttons(el)).not.to.include(focused(el));
  });

  it('shows which formats are on at the selection (aria-pressed)', async () => {
    const el = await editorWithText();
    const bold = buttons(el).find((b) => b.title === 'Bold')!;
    select(el, 'managers');
    await el.updateComplete;
    expect(bold.getAttribute('aria-pressed')).to.equal('false');
    bold.click();
    await el.updateComplete;
    expect(bold.getAttribute('aria-pressed')).to.equal('true');
    select(el, 'staffing');
    await el.updateComplete;
    expect(bold.getAttribute('aria-pressed')).to.equal('false');
    expect(buttons(el).find((b) => b.title === 'Paragraph')!.getAttribute('aria-pressed')).to.equal('true');
  });

  it('links the selection from a form in the page, refuses unsafe addresses, edits and removes links', async () => {
    const el = await editorWithText();
    const range = select(el, 'managers');
    const linkButton = buttons(el).find((b) => b.title === 'Link')!;
    linkButton.click();
    await el.updateComplete;
    const form = () => el.shadowRoot!.querySelector<HTMLFormElement>('[part=link-form]');
    expect(form()).to.not.equal(null);
    expect(linkButton.getAttribute('aria-expanded')).to.equal('true');
    await waitUntil(() => focused(el) === form()!.querySelector('input'), 'the address field has focus');
    await expect(el).to.be.accessible();

    // An unsafe address is refused with a message, and nothing is linked.
    await sendKeys({ type: 'javascript:alert(1)' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(form()!.querySelector('[role=alert]')!.textContent).to.contain('https://');
    expect(form()!.querySelector('input')!.getAttribute('aria-invalid')).to.equal('true');
    const view = el.getView('en')!;
    const link = view.state.schema.marks['link']!;
    expect(view.state.doc.rangeHasMark(range.from, range.to, link)).to.equal(false);

    // A real address links exactly the selection, closes the form and gives focus back to the text.
    form()!.querySelector('input')!.value = '';
    await sendKeys({ type: 'https://www.canada.ca/en/treasury-board-secretariat.html' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(form()).to.equal(null);
    expect(view.hasFocus()).to.equal(true);
    expect(view.state.doc.rangeHasMark(range.from, range.to, link)).to.equal(true);
    expect(view.state.doc.rangeHasMark(range.to, range.to + 1, link)).to.equal(false);
    const anchor = el.shadowRoot!.querySelector<HTMLAnchorElement>('#pane-en a')!;
    expect(anchor.href).to.equal('https://www.canada.ca/en/treasury-board-secretariat.html');

    // With the caret inside the link, the form opens on its address and can remove the whole link.
    view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, range.from + 3)));
    await el.updateComplete;
    expect(linkButton.classList.contains('pressed')).to.equal(true);
    linkButton.click();
    await el.updateComplete;
    expect(form()!.querySelector('input')!.value).to.equal('https://www.canada.ca/en/treasury-board-secretariat.html');
    const remove = Array.from(form()!.querySelectorAll('button')).find((b) => b.textContent!.trim() === 'Remove link')!;
    remove.click();
    await el.updateComplete;
    expect(view.state.doc.rangeHasMark(range.from, range.to, link)).to.equal(false);

    // Escape closes the form without changing anything.
    linkButton.click();
    await el.updateComplete;
    await waitUntil(() => focused(el) === form()!.querySelector('input'), 'the address field has focus again');
    await sendKeys({ type: 'https://example.org' });
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(form()).to.equal(null);
    expect(view.state.doc.rangeHasMark(range.from, range.to, link)).to.equal(false);
  });

  it('speaks French in French, link form included', async () => {
    const el = await editorWithText('fr');
    select(el, 'managers');
    buttons(el).find((b) => b.title === 'Lien')!.click();
    await el.updateComplete;
    const form = el.shadowRoot!.querySelector('[part=link-form]')!;
    expect(form.textContent).to.contain('Adresse du lien');
    expect(form.textContent).to.contain('Appliquer le lien');
    await expect(el).to.be.accessible();
  });
});
