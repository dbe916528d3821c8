// Issue 13 item 3: the editor underlines the glossary terms of the paragraph under the caret and
// shows the expected equivalent on hover and when the caret enters a term. Real stack: the
// gateway's glossary_lookup under the signed-in person's RLS, the seeded ESDC document.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import './define.js';
import type { JdEditor } from './editor.js';
import { signedInSession } from '../core/test-helpers.js';
import { openEditor } from './test-support.js';
import { GLOSSARY_DEBOUNCE_MS } from './glossary-controller.js';
import type { Lang } from '../../domain/sections.js';

const underlines = (view: EditorView) => Array.from(view.dom.querySelectorAll<HTMLElement>('.jd-gloss'));
const underlined = (view: EditorView, text: string) => underlines(view).find((u) => u.textContent === text);
const live = (el: JdEditor) => el.shadowRoot!.querySelector('[data-glossary-live]')?.textContent?.trim() ?? '';
const tip = (el: JdEditor) => el.shadowRoot!.querySelector('.jd-gloss-tip')?.textContent?.trim() ?? '';

/** Focuses a pane and puts the caret at `offset` characters into the first occurrence of `text`. */
function caretIn(el: JdEditor, lang: Lang, text: string, offset = 0): void {
  const view = el.getView(lang)!;
  const range = el.findText(lang, text);
  if (!range) throw new Error(`"${text}" is not in the ${lang} pane`);
  view.focus();
  view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, range.from + offset)));
}

async function editorAs(email: string, lang = 'en'): Promise<JdEditor> {
  const session = await signedInSession(email, { lang });
  return openEditor(session);
}

describe('<jd-editor> glossary terms (issue 13, item 3)', () => {
  afterEach(() => document.querySelectorAll('jd-session').forEach((s) => s.remove()));

  it('underlines the terms of the English paragraph under the caret and shows the equivalent on caret and hover', async function () {
    this.timeout(20_000);
    const el = await editorAs('translator@esdc.example');
    const view = el.getView('en')!;
    expect(underlines(view), 'nothing underlined before the caret is in a paragraph').to.have.length(0);
    caretIn(el, 'en', 'Delivers grants');
    await waitUntil(() => underlined(view, 'skills development'), 'the ESDC term underlined', { timeout: 5000 });
    const term = underlined(view, 'skills development')!;
    expect(term.classList.contains('jd-gloss-approved')).to.equal(true);
    // Only the paragraph being edited: "Key Activities" paragraphs hold no underline.
    expect(underlines(view).every((u) => u.closest('p') === term.closest('p'))).to.equal(true);
    expect(live(el), 'nothing announced before the caret is on a term').to.equal('');

    caretIn(el, 'en', 'skills development', 3);
    await waitUntil(() => live(el) === 'Glossary: skills development → développement des compétences', `caret announcement: ${live(el)}`);
    expect(tip(el)).to.equal('Glossary: skills development → développement des compétences');
    await expect(el).to.be.accessible();

    // Caret away from the term, then the pointer over it.
    caretIn(el, 'en', 'Delivers grants');
    await waitUntil(() => tip(el) === '' && live(el) === '', 'tip hidden when the caret leaves the term');
    term.dispatchEvent(new MouseEvent('mouseover', { bubbles: true, composed: true }));
    await waitUntil(() => tip(el) === 'Glossary: skills development → développement des compétences', `hover tip: ${tip(el)}`);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => tip(el) === '', 'Escape hides the tip');

    // Another paragraph: the first one's underlines go.
    caretIn(el, 'en', 'Negotiates contribution agreements');
    await waitUntil(() => !underlined(view, 'skills development'), 'underlines follow the caret');
  });

  it('asks the server once per paragraph text: moving back to a looked-up paragraph uses the cache', async function () {
    this.timeout(20_000);
    // supabase-js takes the global fetch when the session creates its client: spy on it first.
    const realFetch = window.fetch;
    let lookups = 0;
    window.fetch = (input, init) => {
      if (String(input instanceof Request ? input.url : input).includes('/rpc/glossary_lookup')) lookups++;
      return realFetch(input, init);
    };
    try {
      const el = await editorAs('translator@esdc.example');
      const view = el.getView('en')!;
      caretIn(el, 'en', 'Delivers grants');
      await waitUntil(() => underlined(view, 'skills development'), 'first paragraph underlined', { timeout: 5000 });
      caretIn(el, 'en', 'Provides guidance to junior program officers');
      await waitUntil(() => lookups === 2, `second paragraph looked up (${lookups})`, { timeout: 5000 });
      const asked = lookups;
      caretIn(el, 'en', 'Delivers grants', 5);
      // Straight from the cache: underlined without waiting for the debounce.
      expect(underlined(view, 'skills development'), 'underlined at once from the cache').to.not.equal(undefined);
      caretIn(el, 'en', 'Delivers grants', 9);
      // A request, if any, would leave after the debounce: wait past it (a negative needs a time bound).
      const since = performance.now();
      await waitUntil(() => performance.now() - since > 2 * GLOSSARY_DEBOUNCE_MS, 'past the debounce', { interval: 50 });
      expect(lookups, 'no request for a cached paragraph').to.equal(asked);
    } finally {
      window.fetch = realFetch;
    }
  });

  it('underlines French terms however they are written, in the French interface', async function () {
    this.timeout(20_000);
    const el = await editorAs('translator@esdc.example', 'fr');
    const view = el.getView('fr')!;
    caretIn(el, 'fr', 'Exécute des programmes');
    await waitUntil(() => underlined(view, 'demandeurs') && underlined(view, 'développement des compétences'), 'French terms underlined', { timeout: 5000 });
    caretIn(el, 'fr', 'demandeurs', 2);
    await waitUntil(() => live(el) === 'Lexique : demandeur → applicant', `caret announcement: ${live(el)}`);
    expect(underlines(el.getView('en')!), 'the other pane holds no underline').to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('underlines a typed term after the debounce, marks a forbidden one with its replacement, never another department\'s', async function () {
    this.timeout(20_000);
    const el = await editorAs('translator@esdc.example', 'fr');
    const view = el.getView('fr')!;
    caretIn(el, 'fr', 'Exécute des programmes');
    await waitUntil(() => underlined(view, 'demandeurs'), 'first lookup', { timeout: 5000 });
    // Typed at the end of the paragraph: a forbidden calque, then Transport Canada's term.
    const end = view.state.selection.$head.end();
    view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, end)));
    await sendKeys({ type: ' Un email sur l\'inspection sur l\'aire de trafic.' });
    await waitUntil(() => underlined(view, 'email'), 'the typed forbidden term underlined', { timeout: 5000 });
    const forbidden = underlined(view, 'email')!;
    expect(forbidden.classList.contains('jd-gloss-forbidden')).to.equal(true);
    expect(forbidden.dataset['gloss']).to.equal('À éviter : « email »; « courriel ».');
    expect(underlined(view, 'inspection sur l\'aire de trafic'), 'TC\'s term is not ESDC\'s').to.equal(undefined);
    expect(underlined(view, 'demandeurs'), 'earlier terms stay underlined').to.not.equal(undefined);
  });

  it('never underlines ESDC\'s terms for Transport Canada', async function () {
    this.timeout(20_000);
    const session = await signedInSession('editor@tc.example');
    const el = await openEditor(session, '7c000000-0000-4000-a000-00000000d001');
    const view = el.getView('en')!;
    let paragraphEnd = -1;
    view.state.doc.descendants((node, pos) => {
      if (paragraphEnd < 0 && node.type.name === 'paragraph' && node.textContent) paragraphEnd = pos + node.nodeSize - 1;
      return paragraphEnd < 0;
    });
    view.focus();
    view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, paragraphEnd)));
    await sendKeys({ type: ' An aerodrome and skills development.' });
    // The lookup that found TC's term also answered for ESDC's.
    await waitUntil(() => underlined(view, 'aerodrome'), 'TC\'s own term underlined', { timeout: 5000 });
    expect(underlined(view, 'skills development'), 'ESDC\'s term is not TC\'s').to.equal(undefined);
  });
});
