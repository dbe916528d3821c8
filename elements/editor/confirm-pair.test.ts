// Issue 13 item 4: a translator confirms one sentence pair from the editor (toolbar button or
// Ctrl+Enter) into the translation memory through tm_confirm_pair on the real stack, and a
// <jd-concordance> in the same page then finds it. Without a pair at the caret the button says
// why and does nothing.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { TextSelection } from 'prosemirror-state';
import './define.js';
import '../concordance/define.js';
import type { JdEditor } from './editor.js';
import type { JdConcordance } from '../concordance/concordance.js';
import type { Lang } from '../../domain/sections.js';
import { ESDC_DOC, signedInSession, uniqueCache } from '../core/test-helpers.js';
import { openEditor } from './test-support.js';

// The sixth sentence of "Key activities" in ESDC's seeded job description, in both languages.
const SOURCE_EN = 'Prepares briefing notes, correspondence and reports for senior management.';
const TARGET_FR = "Prépare des notes d'information, de la correspondance et des rapports à l'intention de la haute direction.";

const button = (el: JdEditor) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part=toolbar] > [part~=confirm-pair]')!;
const said = (el: JdEditor) => el.shadowRoot!.querySelector('.sticky > p[role=status]')?.textContent?.trim() ?? '';
const tooltipOf = (b: HTMLElement) => b.querySelector('.jd-tooltip')!.textContent!.trim();

/** Places the caret in `text` of a pane, as a click would (the pane focused). */
function caretInto(editor: JdEditor, lang: Lang, text: string, offset = 1): void {
  const range = editor.findText(lang, text);
  expect(range, text).to.not.equal(null);
  const view = editor.getView(lang)!;
  view.focus();
  view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, range!.from + offset)));
}

/** Replaces a sentence of a pane with `text` (this page only: the editor has no sync server). */
function rewrite(editor: JdEditor, lang: Lang, from: string, text: string): void {
  const range = editor.findText(lang, from);
  expect(range, from).to.not.equal(null);
  expect(editor.replaceRange(lang, range!.from, range!.to, text)).to.equal(true);
}

async function openAs(email: string, lang: Lang = 'en') {
  const session = await signedInSession(email, { cacheName: uniqueCache('confirm-pair'), lang });
  const editor = await openEditor(session, ESDC_DOC);
  await waitUntil(() => editor.editable, 'the document editable', { timeout: 8000 });
  return { session, editor };
}

describe('<jd-editor> add this pair to the translation memory', () => {
  it('confirms the caret’s sentence and its pair with Ctrl+Enter, and the concordance then finds it', async () => {
    const { session, editor } = await openAs('translator@esdc.example');
    try {
      const word = `zq${Date.now().toString(36)}`;
      const en = `Prepares ${word} briefing notes for senior management.`;
      const fr = `Prépare des notes ${word} pour la haute direction.`;
      rewrite(editor, 'en', SOURCE_EN, en);
      rewrite(editor, 'fr', TARGET_FR, fr);

      // The section's heading is no sentence: nothing to pair, and the button says why.
      caretInto(editor, 'fr', 'Activités principales', 2);
      await waitUntil(() => button(editor).getAttribute('aria-disabled') === 'true', 'unavailable in a heading');
      const reason = 'To add a pair to the memory, place the cursor in a sentence that has its translation in the other language.';
      expect(tooltipOf(button(editor))).to.equal(`Add this sentence pair to the translation memory (Ctrl+Enter) — ${reason}`);
      expect(button(editor).getAttribute('aria-label')).to.equal(tooltipOf(button(editor)));
      button(editor).click();
      await waitUntil(() => said(editor) === reason, 'the reason said on click');

      const concordance = document.createElement('jd-concordance') as JdConcordance;
      session.append(concordance);
      await concordance.search(word, { mode: 'phrase', sourceLang: 'en' });
      expect(concordance.searchState.phase === 'done' && concordance.searchState.segments.length).to.equal(0);

      // In the French sentence: the English one at the same place is its pair.
      caretInto(editor, 'fr', fr, 3);
      await waitUntil(() => !button(editor).hasAttribute('aria-disabled'), 'available in a paired sentence');
      expect(tooltipOf(button(editor))).to.equal('Add this sentence pair to the translation memory (Ctrl+Enter)');
      expect(button(editor).getAttribute('aria-keyshortcuts')).to.equal('Control+Enter');
      await sendKeys({ down: 'Control' });
      await sendKeys({ press: 'Enter' });
      await sendKeys({ up: 'Control' });
      await waitUntil(() => said(editor) === 'Added to the translation memory.', `added (${said(editor)})`, { timeout: 8000 });
      // Ctrl+Enter split nothing: the sentence is as it was.
      expect(editor.findText('fr', fr)).to.not.equal(null);

      await concordance.search(word, { mode: 'phrase', sourceLang: 'en' });
      const state = concordance.searchState;
      if (state.phase !== 'done') throw new Error(JSON.stringify(state));
      expect(state.segments.map((s) => [s.source, s.target])).to.deep.equal([[en, fr]]);

      // Again, from the toolbar: the memory has it, this document's use counted once.
      caretInto(editor, 'en', en, 3);
      button(editor).click();
      await waitUntil(() => said(editor) === 'Already in the memory (used once).', `known (${said(editor)})`, { timeout: 8000 });
    } finally {
      session.remove();
    }
  });

  for (const lang of ['en', 'fr'] as const) {
    it(`is accessible with the action unavailable and available (${lang.toUpperCase()})`, async () => {
      const { session, editor } = await openAs('translator@esdc.example', lang);
      try {
        caretInto(editor, 'en', 'Key Activities', 2);
        await waitUntil(() => button(editor).getAttribute('aria-disabled') === 'true', 'unavailable in a heading');
        if (lang === 'fr') expect(tooltipOf(button(editor))).to.equal('Ajouter cette paire de phrases à la mémoire de traduction (Ctrl+Entrée) — Pour ajouter une paire à la mémoire, placez le curseur dans une phrase qui a sa traduction dans l’autre langue.');
        await expect(editor).to.be.accessible();
        caretInto(editor, 'en', SOURCE_EN, 3);
        await waitUntil(() => !button(editor).hasAttribute('aria-disabled'), 'available');
        if (lang === 'fr') expect(button(editor).getAttribute('aria-label')).to.equal('Ajouter cette paire de phrases à la mémoire de traduction');
        await expect(editor).to.be.accessible();
      } finally {
        session.remove();
      }
    });
  }
});
