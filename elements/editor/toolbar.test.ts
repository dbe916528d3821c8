import { expect, waitUntil } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import { TextSelection } from 'prosemirror-state';
import * as gcds from '@gcds-core/tokens/build/web/js/tokens.js';
import { THEME_TOKENS } from '../core/tokens.js';
import type { JdEditor } from './editor.js';
import { openEditor } from './test-support.js';
import { createDocument, signedInSession } from '../core/test-helpers.js';

const buttons = (el: JdEditor) => Array.from(el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part=toolbar] > button'));
const focused = (el: JdEditor) => el.shadowRoot!.activeElement;
const tooltipOf = (button: HTMLElement) => button.querySelector<HTMLElement>(':scope > .jd-tooltip')!;
const shown = (tip: HTMLElement) => getComputedStyle(tip).display !== 'none';
/** The accessible name Chromium computes: aria-label, else the text outside the (aria-hidden) tooltip. */
const nameOf = (button: HTMLElement) =>
  button.getAttribute('aria-label') ?? Array.from(button.querySelectorAll(':scope > :not([aria-hidden=true])')).map((n) => n.textContent).join('').trim();
/** '#26374a' → 'rgb(38, 55, 74)', as getComputedStyle writes colours. */
const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
/** Presses an aria-keyshortcuts chord ("Control+Shift+8") the way a person does: modifiers held, then the key. */
async function pressShortcut(shortcut: string): Promise<void> {
  const keys = shortcut.split('+').map((k) => (/^[A-Z]$/.test(k) ? `Key${k}` : /^[0-9]$/.test(k) ? `Digit${k}` : k));
  const key = keys.pop()!;
  for (const modifier of keys) await sendKeys({ down: modifier });
  await sendKeys({ press: key });
  for (const modifier of keys.reverse()) await sendKeys({ up: modifier });
}

const NAMES = {
  en: ['Undo (Ctrl+Z)', 'Redo (Ctrl+Y)', 'Bold (Ctrl+B)', 'Italic (Ctrl+I)', 'Link', 'Sub-heading (Ctrl+Alt+3)', 'Paragraph (Ctrl+Alt+0)', 'Bulleted list (Ctrl+Shift+8)', 'Numbered list (Ctrl+Shift+9)', 'Add a section', 'Add this sentence pair to the translation memory (Ctrl+Enter) — To add a pair to the memory, place the cursor in a sentence that has its translation in the other language.'],
  fr: ['Annuler (Ctrl+Z)', 'Rétablir (Ctrl+Y)', 'Gras (Ctrl+B)', 'Italique (Ctrl+I)', 'Lien', 'Intertitre (Ctrl+Alt+3)', 'Paragraphe (Ctrl+Alt+0)', 'Liste à puces (Ctrl+Maj+8)', 'Liste numérotée (Ctrl+Maj+9)', 'Ajouter une section', 'Ajouter cette paire de phrases à la mémoire de traduction (Ctrl+Entrée) — Pour ajouter une paire à la mémoire, placez le curseur dans une phrase qui a sa traduction dans l’autre langue.'],
};

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
    const bold = buttons(el).find((b) => b.getAttribute('aria-label') === 'Bold')!;
    select(el, 'managers');
    await el.updateComplete;
    expect(bold.getAttribute('aria-pressed')).to.equal('false');
    bold.click();
    await el.updateComplete;
    expect(bold.getAttribute('aria-pressed')).to.equal('true');
    select(el, 'staffing');
    await el.updateComplete;
    expect(bold.getAttribute('aria-pressed')).to.equal('false');
    expect(buttons(el).find((b) => b.getAttribute('aria-label') === 'Paragraph')!.getAttribute('aria-pressed')).to.equal('true');
  });

  it('links the selection from a form in the page, refuses unsafe addresses, edits and removes links', async () => {
    const el = await editorWithText();
    const range = select(el, 'managers');
    const linkButton = buttons(el).find((b) => b.getAttribute('aria-label') === 'Link')!;
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
    buttons(el).find((b) => b.getAttribute('aria-label') === 'Lien')!.click();
    await el.updateComplete;
    const form = el.shadowRoot!.querySelector('[part=link-form]')!;
    expect(form.textContent).to.contain('Adresse du lien');
    expect(form.textContent).to.contain('Appliquer le lien');
    await expect(el).to.be.accessible();
  });

  for (const lang of ['en', 'fr'] as const) {
    it(`shows SVG icons with a name and a tooltip naming the shortcut, on keyboard focus, in ${lang === 'en' ? 'English' : 'French'}`, async () => {
      const el = await editorWithText(lang);
      const all = buttons(el);
      expect(all.map((b) => tooltipOf(b).textContent)).to.deep.equal(NAMES[lang]);
      for (const [i, button] of all.entries()) {
        // The name is the tooltip's text without the shortcut; the shortcut is also given to assistive technology.
        // An action unavailable now (no sentence pair at the caret) is named by its whole tooltip: name, shortcut and why.
        const unavailable = button.getAttribute('aria-disabled') === 'true';
        expect(nameOf(button)).to.equal(unavailable ? NAMES[lang][i] : NAMES[lang][i]!.replace(/ \(.*\)$/, ''));
        expect(button.hasAttribute('aria-keyshortcuts')).to.equal(unavailable || NAMES[lang][i]!.endsWith(')'));
        const svg = button.querySelector(':scope > svg')!;
        expect(svg, `${nameOf(button)} has an SVG icon`).to.not.equal(null);
        expect(svg.getAttribute('aria-hidden')).to.equal('true');
        expect(svg.getAttribute('focusable')).to.equal('false');
        expect(svg.querySelector('path, line')).to.not.equal(null);
        // No text glyph drawn as an icon: the only text in the button is its tooltip.
        expect(button.textContent!.trim()).to.equal(tooltipOf(button).textContent);
        expect(button.hasAttribute('title'), 'no native tooltip beside ours').to.equal(false);
        expect(shown(tooltipOf(button))).to.equal(false);
      }
      // Keyboard focus shows the focused button's tooltip, and only that one.
      all[0]!.focus();
      for (let i = 1; i < all.length; i++) {
        await sendKeys({ press: 'ArrowRight' });
        await el.updateComplete;
        expect(focused(el)).to.equal(all[i]);
        expect(all.map((b) => shown(tooltipOf(b)))).to.deep.equal(all.map((_, j) => j === i));
        const box = tooltipOf(all[i]!).getBoundingClientRect();
        expect(box.left).to.be.at.least(0);
        expect(box.right).to.be.at.most(document.documentElement.clientWidth);
      }
      await expect(el).to.be.accessible();
    });
  }

  it('keeps a tooltip while the pointer moves onto it, hides it with Escape, and keeps it in the viewport', async () => {
    const el = await editorWithText();
    try {
      await setViewport({ width: 320, height: 640 });
      const all = buttons(el);
      const center = (r: DOMRect) => [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)] as [number, number];
      for (const button of [all[0]!, all.at(-1)!]) {
        // The identification form above the toolbar is taller than a 640 px screen at 320 px wide: the pointer can only reach what is in view.
        button.scrollIntoView({ block: 'center' });
        await sendMouse({ type: 'move', position: center(button.getBoundingClientRect()) });
        await waitUntil(() => shown(tooltipOf(button)), 'hover shows the tooltip');
        const tip = tooltipOf(button);
        await waitUntil(() => tip.getBoundingClientRect().left >= 0 && tip.getBoundingClientRect().right <= document.documentElement.clientWidth, 'the tooltip fits the 320 px viewport');
        await sendMouse({ type: 'move', position: center(tip.getBoundingClientRect()) });
        expect(shown(tip), 'the pointer can rest on the tooltip').to.equal(true);
      }
      // Escape hides it without moving the pointer or the focus.
      await sendKeys({ press: 'Escape' });
      expect(shown(tooltipOf(all.at(-1)!))).to.equal(false);
      // Keyboard focus: Escape hides it too, and it comes back on the next button.
      all[2]!.focus();
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      expect(shown(tooltipOf(all[3]!))).to.equal(true);
      await sendKeys({ press: 'Escape' });
      expect(focused(el)).to.equal(all[3]);
      expect(shown(tooltipOf(all[3]!))).to.equal(false);
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      expect(shown(tooltipOf(all[4]!))).to.equal(true);
      // A click on a tooltip is not a click on its button.
      await sendMouse({ type: 'move', position: center(all[2]!.getBoundingClientRect()) });
      await waitUntil(() => shown(tooltipOf(all[2]!)));
      select(el, 'managers');
      tooltipOf(all[2]!).click();
      await el.updateComplete;
      expect(all[2]!.getAttribute('aria-pressed')).to.equal('false');
    } finally {
      await resetMouse();
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('does what each tooltip says when its shortcut is pressed in the text', async () => {
    const el = await editorWithText();
    // In toolbar order: bold, italic, sub-heading, paragraph (back from the sub-heading), bulleted list, numbered list.
    const formats = buttons(el).filter((b) => b.hasAttribute('aria-pressed') && b.hasAttribute('aria-keyshortcuts'));
    expect(formats.map(nameOf)).to.deep.equal(['Bold', 'Italic', 'Sub-heading', 'Paragraph', 'Bulleted list', 'Numbered list']);
    for (const button of formats) {
      select(el, 'managers');
      const keys = button.getAttribute('aria-keyshortcuts')!;
      await pressShortcut(keys);
      await el.updateComplete;
      expect(button.getAttribute('aria-pressed'), `${nameOf(button)}: ${keys}`).to.equal('true');
      if (button.getAttribute('aria-label') === 'Bold' || button.getAttribute('aria-label') === 'Italic') {
        await pressShortcut(keys);
        await el.updateComplete;
        expect(button.getAttribute('aria-pressed'), `${nameOf(button)} toggles off`).to.equal('false');
      }
      if (button.getAttribute('aria-label') === 'Bulleted list') {
        // Out of the list again (Mod-[, lift list item), so the numbered list starts from a paragraph.
        await pressShortcut('Control+BracketLeft');
        await el.updateComplete;
        expect(button.getAttribute('aria-pressed')).to.equal('false');
      }
    }
  });

  it('takes its colours, font and focus ring from the GC Design System tokens, and a portal re-themes them', async () => {
    const el = await editorWithText();
    const host = getComputedStyle(el);
    for (const [alias, { value }] of Object.entries(THEME_TOKENS)) expect(host.getPropertyValue(alias).trim(), alias).to.equal(value);
    expect(host.color).to.equal(rgb(gcds.GcdsTextPrimary));
    expect(host.fontFamily).to.match(/^"?Noto Sans"?, sans-serif$/);
    const bold = buttons(el).find((b) => b.getAttribute('aria-label') === 'Bold')!;
    expect(getComputedStyle(bold).color).to.equal(rgb(gcds.GcdsButtonSecondaryDefaultText));
    select(el, 'managers');
    bold.click();
    await el.updateComplete;
    expect(getComputedStyle(bold).backgroundColor).to.equal(rgb(gcds.GcdsButtonPrimaryDefaultBackground));
    // Keyboard focus: the GCDS focus ring (4 px of the focus colour); a pressed toggle stays visibly pressed.
    const paragraph = buttons(el).find((b) => b.getAttribute('aria-label') === 'Paragraph')!;
    paragraph.focus();
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'ArrowRight' });
    expect(focused(el)).to.equal(paragraph);
    const ring = getComputedStyle(paragraph);
    expect(ring.outlineColor).to.equal(rgb(gcds.GcdsFocusBorder));
    expect(ring.outlineWidth).to.equal(`${parseFloat(gcds.GcdsOutlineWidth) * 16}px`);
    expect(ring.backgroundColor).to.equal(rgb(gcds.GcdsButtonPrimaryDefaultBackground));

    // A portal sets --jd-* on the element or any ancestor.
    el.style.setProperty('--jd-color-primary', 'rgb(10, 20, 30)');
    el.closest('jd-session')!.style.setProperty('--jd-color-focus', 'rgb(200, 0, 100)');
    expect(getComputedStyle(bold).backgroundColor).to.equal('rgb(10, 20, 30)');
    expect(getComputedStyle(paragraph).outlineColor).to.equal('rgb(200, 0, 100)');
  });
});
