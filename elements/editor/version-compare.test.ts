// Issue 17, criterion 2, through the real stack: two saved versions compared per section, word by
// word, with marks in the English and the French text (and in an English and a French interface);
// restoring the older one is one change a second editor receives whole, and one "Undo restoring"
// brings the newer text back in both languages.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './define.js';
import type { JdEditor } from './editor.js';
import { withScratchEsdcDocument } from '../core/test-helpers.js';
import { appendToSection, personOn, sectionText as sectionTextOf } from './test-support.js';
import { selectionInSection } from './pane.js';

const SECTION = 'skill';

const sectionText = (el: JdEditor, lang: 'en' | 'fr') => sectionTextOf(el, lang, SECTION);
const append = (el: JdEditor, lang: 'en' | 'fr', text: string) => appendToSection(el, lang, SECTION, text);

const compared = (el: JdEditor) => el.shadowRoot!.querySelector<HTMLElement>('[part=version-compare]');
/** The texts of the marks of one kind in one language's column of a section of the comparison. */
function marks(el: JdEditor, tag: 'ins' | 'del', lang: 'en' | 'fr'): string[] {
  const column = compared(el)?.querySelector(`article[data-section-id="${SECTION}"] [data-lang="${lang}"] [lang]`);
  return Array.from(column?.querySelectorAll(`:scope > p ${tag}`) ?? []).map((m) => m.textContent ?? '');
}

describe('<jd-editor> version comparison and restore', () => {
  it('compares two versions word by word in both languages, restores the older one for everyone in one change, and undoes it in one step', async function () {
    this.timeout(60_000);
    await withScratchEsdcDocument('Compare versions test', async (documentId) => {
      const a = await personOn('editor@esdc.example', documentId);
      const b = await personOn('admin@esdc.example', documentId, { lang: 'fr' });
      const saveNow = async (name: string) => {
        await waitUntil(() => a.editor.status === 'saved', 'the edits are on the server', { timeout: 8000 });
        const n = await a.editor.saveVersion(name);
        expect(n, `version ${name}`).to.be.a('number');
        return n!;
      };
      append(a.editor, 'en', ' Alpha-EN-mark.');
      append(a.editor, 'fr', ' Marque-FR-alpha.');
      const older = await saveNow('First draft');
      const saved = { en: sectionText(a.editor, 'en'), fr: sectionText(a.editor, 'fr') };
      append(a.editor, 'en', ' Beta-EN-mark.');
      append(a.editor, 'fr', ' Marque-FR-beta.');
      const newer = await saveNow('Second draft');
      const latest = { en: sectionText(a.editor, 'en'), fr: sectionText(a.editor, 'fr') };

      // Compare through the panel's form: from the first to the second version.
      const form = a.editor.shadowRoot!.querySelector<HTMLFormElement>('[part=compare]');
      expect(form, 'the compare form').not.to.equal(null);
      (form!.elements.namedItem('compare-from') as HTMLSelectElement).value = String(older);
      (form!.elements.namedItem('compare-to') as HTMLSelectElement).value = String(newer);
      form!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
      await waitUntil(() => marks(a.editor, 'ins', 'en').length > 0, 'the comparison shown', { timeout: 8000 });
      expect(compared(a.editor)!.querySelector('h2')!.textContent).to.contain('First draft').and.contain('Second draft');
      expect(marks(a.editor, 'ins', 'en').join(' ')).to.contain('Beta-EN-mark.').and.not.contain('Alpha-EN-mark');
      expect(marks(a.editor, 'ins', 'fr').join(' ')).to.contain('Marque-FR-beta.').and.not.contain('Marque-FR-alpha');
      expect(marks(a.editor, 'del', 'en')).to.deep.equal([]);
      // Not by colour alone: added words are underlined, removed ones struck through, and both are named.
      const ins = compared(a.editor)!.querySelector('ins')!;
      expect(getComputedStyle(ins).textDecorationLine).to.equal('underline');
      expect(ins.querySelector('.visually-hidden')!.textContent).to.equal('added:');

      // The other way round in the French interface: the newer words are removals there.
      await b.editor.updateComplete;
      expect(await b.editor.compareVersions(newer, older)).to.equal(true);
      await b.editor.updateComplete;
      expect(marks(b.editor, 'del', 'en').join(' ')).to.contain('Beta-EN-mark.');
      expect(marks(b.editor, 'del', 'fr').join(' ')).to.contain('Marque-FR-beta.');
      expect(getComputedStyle(compared(b.editor)!.querySelector('del')!).textDecorationLine).to.equal('line-through');
      expect(compared(b.editor)!.querySelector('del .visually-hidden')!.textContent).to.equal('supprimé :');
      expect(compared(b.editor)!.textContent).to.contain('Modifications de la version');

      // A version against the current text.
      append(a.editor, 'en', ' Gamma-EN-live.');
      expect(await a.editor.compareVersions(newer)).to.equal(true);
      await a.editor.updateComplete;
      expect(marks(a.editor, 'ins', 'en').join(' ')).to.contain('Gamma-EN-live.');
      expect(compared(a.editor)!.querySelector('h2')!.textContent).to.contain('the current text');
      await waitUntil(() => sectionText(b.editor, 'en').includes('Gamma-EN-live'), 'the live edit reaches the second editor', { timeout: 8000 });

      // The second editor records, after every transaction, which of the newer texts it holds:
      // a restore seen in parts would show one language restored and the other not.
      const doc = b.editor.ydoc!;
      const states: string[] = [];
      const record = () => {
        const en = doc.getXmlFragment('en').toString().includes('Beta-EN-mark');
        const fr = doc.getXmlFragment('fr').toString().includes('Marque-FR-beta');
        states.push(`${en ? 'newer' : 'older'}/${fr ? 'newer' : 'older'}`);
      };
      doc.on('afterTransaction', record);

      expect(await a.editor.restoreVersion(older)).to.equal(true);
      for (const lang of ['en', 'fr'] as const) expect(sectionText(a.editor, lang), `${lang} after restoring`).to.equal(saved[lang]);
      await waitUntil(() => sectionText(b.editor, 'en') === saved.en && sectionText(b.editor, 'fr') === saved.fr, 'the restored text reaches the second editor', { timeout: 8000 });
      expect(states.filter((s) => s === 'older/newer' || s === 'newer/older'), `states seen: ${states.join(', ')}`).to.deep.equal([]);

      // One step undoes it, in both languages, and the second editor sees that too.
      const undo = a.editor.shadowRoot!.querySelector<HTMLButtonElement>('[part=undo-restore]');
      expect(undo?.textContent).to.contain('First draft');
      undo!.click();
      for (const lang of ['en', 'fr'] as const) expect(sectionText(a.editor, lang), `${lang} after undoing`).to.equal(lang === 'en' ? `${latest.en} Gamma-EN-live.` : latest.fr);
      await waitUntil(() => sectionText(b.editor, 'en').includes('Gamma-EN-live') && sectionText(b.editor, 'fr') === latest.fr, 'the undo reaches the second editor', { timeout: 8000 });
      expect(states.filter((s) => s === 'older/newer' || s === 'newer/older'), `states seen: ${states.join(', ')}`).to.deep.equal([]);
      doc.off('afterTransaction', record);
      await a.editor.updateComplete;
      expect(a.editor.shadowRoot!.querySelector('[part=undo-restore]'), 'nothing left to undo').to.equal(null);
      for (const person of [a, b]) person.session.remove();
    });
  });

  it("undoes a restore with Ctrl+Z in a pane when it is the user's latest step there, after what was typed since, and redoes it with Ctrl+Y", async function () {
    this.timeout(60_000);
    await withScratchEsdcDocument('Undo restore by keyboard test', async (documentId) => {
      const { session, editor } = await personOn('editor@esdc.example', documentId);
      const both = () => ({ en: sectionText(editor, 'en'), fr: sectionText(editor, 'fr') });
      const ctrl = async (key: string) => {
        await sendKeys({ down: 'Control' });
        await sendKeys({ press: key });
        await sendKeys({ up: 'Control' });
      };
      append(editor, 'en', ' Alpha-EN.');
      append(editor, 'fr', ' Alpha-FR.');
      await waitUntil(() => editor.status === 'saved', 'the edits are on the server', { timeout: 8000 });
      const version = await editor.saveVersion('Keyboard draft');
      const saved = both();
      append(editor, 'en', ' Beta-EN.');
      append(editor, 'fr', ' Beta-FR.');
      const latest = both();
      expect(await editor.restoreVersion(version!)).to.equal(true);
      expect(both()).to.deep.equal(saved);

      // Typed in the English pane after the restore: the first Ctrl+Z there takes that back.
      const view = editor.getView('en')!;
      view.focus();
      view.dispatch(view.state.tr.setSelection(selectionInSection(view, SECTION, true)!));
      await sendKeys({ type: ' Delta' });
      expect(sectionText(editor, 'en')).to.equal(`${saved.en} Delta`);
      await ctrl('z');
      expect(both(), 'the typing undone, the restore kept').to.deep.equal(saved);
      // The next one undoes the restore, in both languages at once, and says so.
      await ctrl('z');
      expect(both(), 'the restore undone').to.deep.equal(latest);
      await editor.updateComplete;
      expect(editor.shadowRoot!.querySelector('[part=undo-restore]'), 'no restore left to undo').to.equal(null);
      expect(editor.shadowRoot!.textContent).to.contain('Restoring Keyboard draft was undone.');
      // Ctrl+Y brings it back, and the toolbar's Undo reverts it again.
      await ctrl('y');
      expect(both(), 'the restore redone').to.deep.equal(saved);
      await editor.updateComplete;
      editor.shadowRoot!.querySelector<HTMLButtonElement>('[part~=toolbar] button[aria-keyshortcuts="Control+Z"]')!.click();
      expect(both(), "the toolbar's Undo").to.deep.equal(latest);
      // The French pane had nothing typed since: Ctrl+Z there is the restore's too.
      await ctrl('y');
      expect(both()).to.deep.equal(saved);
      editor.getView('fr')!.focus();
      await ctrl('z');
      expect(both(), 'Ctrl+Z in the French pane').to.deep.equal(latest);
      session.remove();
    });
  });
});
