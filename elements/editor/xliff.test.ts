// Issue 13 item 6: XLIFF export and import in <jd-editor>, on the real stack (gateway, function
// host, sync server). A translator exports a scratch ESDC description, changes the French of two
// sections in the file as a CAT tool would, and imports it through the panel's file input: the
// French pane changes, a second person sees it through the sync server, one Ctrl+Z in the French
// text brings the old French back everywhere. A viewer's editor refuses with the reason; a
// broken file is refused with its line.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { TextSelection } from 'prosemirror-state';
import './define.js';
import type { JdEditor } from './editor.js';
import { ESDC_DOC, withScratchEsdcDocument } from '../core/test-helpers.js';
import { personOn } from './test-support.js';

const frenchText = (el: JdEditor) => el.getView('fr')!.state.doc.textBetween(0, el.getView('fr')!.state.doc.content.size, '\n');
const notice = (el: JdEditor) => el.shadowRoot!.querySelector('[data-xliff-notice]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const panelButton = (el: JdEditor, action: 'export' | 'import') => el.shadowRoot!.querySelector<HTMLButtonElement>(`[part=xliff] button[data-xliff=${action}]`)!;

/** Types `text` at the end of the first paragraph of a section, as one change. */
function typeInSection(el: JdEditor, lang: 'en' | 'fr', sectionId: string, text: string): void {
  const view = el.getView(lang)!;
  let at = -1;
  view.state.doc.forEach((section, offset) => {
    if (section.attrs['sectionId'] !== sectionId) return;
    section.forEach((child, childOffset) => {
      if (at < 0 && child.type.name === 'paragraph') at = offset + 1 + childOffset + child.nodeSize - 1;
    });
  });
  if (at < 0) throw new Error(`no paragraph in ${lang} ${sectionId}`);
  el.insertText(lang, at, text);
}

/**
 * Presses "Import XLIFF" and chooses a file in the picker it opens, as the person would (a test
 * cannot drive the browser's own dialog: the file input's click is caught and answered).
 */
function importThroughPanel(el: JdEditor, text: string): void {
  const realClick = HTMLInputElement.prototype.click;
  HTMLInputElement.prototype.click = function (this: HTMLInputElement) {
    if (this.type !== 'file') return realClick.call(this);
    const files = new DataTransfer();
    files.items.add(new File([text], 'translated.xlf', { type: 'application/xliff+xml' }));
    this.files = files.files;
    this.dispatchEvent(new Event('change'));
  };
  try {
    panelButton(el, 'import').click();
  } finally {
    HTMLInputElement.prototype.click = realClick;
  }
}

/** The export once the sync server has projected `expected` (the export reads that projection). */
async function exportHolding(el: JdEditor, expected: string): Promise<string> {
  let text: string | null = null;
  await waitUntil(
    async () => {
      text = await el.exportXliff();
      return text?.includes(expected) ?? false;
    },
    `the export holds "${expected}"`,
    { timeout: 15_000, interval: 300 },
  );
  return text!;
}

describe('<jd-editor> XLIFF export and import (issue 13, item 6)', () => {
  afterEach(() => document.querySelectorAll('jd-session').forEach((s) => s.remove()));

  it('imports changed French as one undo step that reaches the other person through the sync server', async function () {
    this.timeout(60_000);
    await withScratchEsdcDocument('XLIFF round trip', async (documentId) => {
      const translator = await personOn('translator@esdc.example', documentId);
      const other = await personOn('editor@esdc.example', documentId);
      const el = translator.editor;
      typeInSection(el, 'en', 'key-activities', 'Negotiates contribution agreements.');
      typeInSection(el, 'fr', 'key-activities', 'Négocie des accords de contribution.');
      await waitUntil(() => frenchText(other.editor).includes('Négocie des accords de contribution.'), 'the other person has the old French', { timeout: 8000 });

      const exported = await exportHolding(el, '<target>Négocie des accords de contribution.</target>');
      expect(exported).to.include('<source>Negotiates contribution agreements.</source>');
      // What the translator's CAT tool changes: a paragraph of one section, the heading of another.
      const translated = exported
        .replace('<target>Négocie des accords de contribution.</target>', '<target>Négocie des ententes de contribution.</target>')
        .replace('<target>Compétences</target>', '<target>Compétences requises</target>');
      expect(translated).to.not.equal(exported);

      importThroughPanel(el, translated);
      await waitUntil(() => frenchText(el).includes('Négocie des ententes de contribution.'), 'the French pane changed', { timeout: 10_000 });
      expect(frenchText(el)).to.include('Compétences requises');
      expect(frenchText(el)).to.not.include('Négocie des accords de contribution.');
      expect(notice(el)).to.include('French updated in 2 sections');
      await waitUntil(
        () => frenchText(other.editor).includes('Négocie des ententes de contribution.') && frenchText(other.editor).includes('Compétences requises'),
        'the other person sees the imported French through the sync server',
        { timeout: 8000 },
      );

      // One Ctrl+Z in the French text reverts both sections.
      const view = el.getView('fr')!;
      view.focus();
      view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, el.findText('fr', 'Négocie des ententes')!.from)));
      await sendKeys({ down: 'Control' });
      await sendKeys({ press: 'z' });
      await sendKeys({ up: 'Control' });
      await waitUntil(() => frenchText(el).includes('Négocie des accords de contribution.'), `undone: ${frenchText(el).slice(0, 300)}`, { timeout: 5000 });
      expect(frenchText(el)).to.not.include('Compétences requises');
      expect(frenchText(el), 'the text typed before the import stays').to.include('Négocie des accords de contribution.');
      await waitUntil(
        () => frenchText(other.editor).includes('Négocie des accords de contribution.') && !frenchText(other.editor).includes('Compétences requises'),
        'the other person sees the undo',
        { timeout: 8000 },
      );
      await expect(el).to.be.accessible();
    });
  });

  it('lists the problems of a refused file by line and changes nothing', async function () {
    this.timeout(30_000);
    await withScratchEsdcDocument('XLIFF refused', async (documentId) => {
      const { editor: el } = await personOn('translator@esdc.example', documentId, { lang: 'fr' });
      const before = frenchText(el);
      const broken = `<?xml version="1.0"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en-CA" trgLang="fr-CA">\n<file id="f1" original="job-description/${documentId}">\n<unit id="section-nope"><segment id="h"><source/><target>x</target></segment></unit>\n</file>\n</xliff>\n`;
      expect(await el.importXliff(broken)).to.equal(false);
      expect(notice(el)).to.include('Le fichier n’a pas été importé : 1 problème.');
      expect(notice(el)).to.include('Ligne 4 : l’unité « section-nope » n’est pas une section de ce document');
      expect(el.shadowRoot!.querySelector('[data-xliff-notice] [role=alert]')!.textContent, 'in the alert region').to.include('Ligne 4');
      expect(frenchText(el)).to.equal(before);
      await expect(el, 'accessible in French with the problems listed').to.be.accessible();
    });
  });

  it('a viewer exports, and the import button refuses with the reason', async function () {
    this.timeout(20_000);
    const { editor: el } = await personOn('viewer@esdc.example', ESDC_DOC);
    const exported = await el.exportXliff();
    expect(exported).to.include('<unit id="section-key-activities"');
    panelButton(el, 'import').click();
    await el.updateComplete;
    expect(notice(el)).to.include('Import refused: you can view this job description but not change it.');
    expect(await el.importXliff(exported!)).to.equal(false);
    await expect(el).to.be.accessible();
  });
});
