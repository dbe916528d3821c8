// Screenshot comparisons of <jd-editor>'s main states (issue 12, criterion 2): a layout change
// that moves, hides or overlaps something fails here. Baselines: screenshots/baseline/editor-*.png;
// `npm run test:screenshots:update` rewrites them after an intended change.
import { expect, waitUntil } from '@open-wc/testing';
import { TextSelection } from 'prosemirror-state';
import './define.js';
import type { JdEditor } from './editor.js';
import { ownSyncServer } from '../core/test-helpers.js';
import { aloneIn, editorOn, expectScreenshot, NARROW, PEOPLE, screenshotsOfFixture, useWidth, WIDE } from '../core/test-screenshots.js';

describe('<jd-editor> screenshots', () => {
  const fixtureId = screenshotsOfFixture();

  /** `email`'s editor on the fixture, in `lang`, at `width`, listing only its own user. */
  async function editorOf(email: string, lang: 'en' | 'fr', width: number, syncUrl?: string): Promise<JdEditor> {
    await useWidth(width);
    const el = await editorOn(fixtureId(), email, { lang, ...(syncUrl ? { syncUrl } : {}) });
    await aloneIn(el);
    return el;
  }

  for (const lang of ['en', 'fr'] as const) {
    for (const width of [WIDE, NARROW]) {
      it(`editable, ${lang.toUpperCase()}, ${width} px`, async function () {
        this.timeout(20_000);
        const el = await editorOf(PEOPLE.editor.email, lang, width);
        expect(el.editable).to.equal(true);
        await expectScreenshot(el, `editor-editable-${lang}-${width}`);
      });
    }
  }

  for (const lang of ['en', 'fr'] as const) {
    it(`read-only for a viewer, ${lang.toUpperCase()}`, async function () {
      this.timeout(20_000);
      const el = await editorOf(PEOPLE.viewer.email, lang, WIDE);
      await waitUntil(() => el.matches(':state(read-only)'), 'read-only');
      await expectScreenshot(el, `editor-read-only-${lang}-${WIDE}`);
    });
  }

  it('reconnecting: the sync server went down', async function () {
    this.timeout(30_000);
    const server = await ownSyncServer();
    try {
      const el = await editorOf(PEOPLE.editor.email, 'en', WIDE, server.url);
      await server.stop();
      // Connected once, then dropped: the provider retries, and the status says so (not "offline").
      await waitUntil(() => el.status === 'reconnecting', `reconnecting (status ${el.status})`, { timeout: 8000 });
      await expectScreenshot(el, `editor-reconnecting-en-${WIDE}`);
    } finally {
      await server.close();
    }
  });

  for (const lang of ['en', 'fr'] as const) {
    it(`link form open on a selection, ${lang.toUpperCase()}`, async function () {
      this.timeout(20_000);
      const el = await editorOf(PEOPLE.editor.email, lang, WIDE);
      const view = el.getView(lang)!;
      const range = el.findText(lang, lang === 'en' ? 'grants and contributions' : 'subventions et de contributions')!;
      expect(range, 'the phrase to link').to.not.equal(null);
      view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, range.from, range.to)));
      // The link button is the toolbar's only disclosure button (it opens the form under the toolbar).
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part=toolbar] button[aria-expanded]')!.click();
      await waitUntil(() => el.shadowRoot!.querySelector('[part=link-form] input') === el.shadowRoot!.activeElement, 'the link form open with focus in its field');
      await expectScreenshot(el, `editor-link-form-${lang}-${WIDE}`);
    });
  }

  // Issue 13 item 3: the glossary terms of the paragraph under the caret, the caret on one.
  for (const lang of ['en', 'fr'] as const) {
    it(`glossary term under the caret, ${lang.toUpperCase()}`, async function () {
      this.timeout(20_000);
      const el = await editorOf(PEOPLE.editor.email, lang, WIDE);
      const view = el.getView(lang)!;
      const term = lang === 'en' ? 'skills development' : 'développement des compétences';
      const range = el.findText(lang, term)!;
      view.focus();
      view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, range.from + 3)));
      await waitUntil(() => el.shadowRoot!.querySelector('.jd-gloss-tip'), 'the glossary tip', { timeout: 5000 });
      await expectScreenshot(el, `editor-glossary-${lang}-${WIDE}`);
    });
  }

  // Last: it adds a version to the fixture, which the versions panel of later tests would list.
  let beforeReview: number | null = null;
  it('a past version shown beside the text', async function () {
    this.timeout(20_000);
    const el = await editorOf(PEOPLE.editor.email, 'en', WIDE);
    const number = await el.saveVersion('Before review');
    expect(number, 'the saved version').to.be.a('number');
    beforeReview = number;
    expect(await el.viewVersion(number!)).to.equal(true);
    await waitUntil(() => el.shadowRoot!.querySelector('[part=version-view]'), 'the version view');
    await expectScreenshot(el, `editor-version-view-en-${WIDE}`);
  });

  // After the one above: "Before review" against a version with a sentence changed in each
  // language, shown under the panes, in both interface languages and at both widths.
  let compared: { from: number; to: number } | null = null;
  for (const lang of ['en', 'fr'] as const) {
    for (const width of [WIDE, NARROW]) {
      it(`two versions compared, ${lang.toUpperCase()}, ${width} px`, async function () {
        this.timeout(30_000);
        const el = await editorOf(PEOPLE.editor.email, lang, width);
        compared ??= await changeAndSave(el);
        expect(await el.compareVersions(compared.from, compared.to)).to.equal(true);
        await waitUntil(() => el.shadowRoot!.querySelector('[part=version-compare] ins'), 'the comparison with its marks');
        await expectScreenshot(el, `editor-compare-${lang}-${width}`);
      });
    }
  }

  /** Changes a sentence of each language's first section and saves that as a second version. */
  async function changeAndSave(el: JdEditor): Promise<{ from: number; to: number }> {
    const from = beforeReview;
    expect(from, 'the version saved above').to.be.a('number');
    const changes = { en: ['Delivers', 'Provides'], fr: ['Exécute', 'Assure'] } as const;
    for (const [lang, [before, after]] of Object.entries(changes) as [keyof typeof changes, readonly [string, string]][]) {
      const range = el.findText(lang, before);
      expect(range, `"${before}" in the ${lang} text`).to.not.equal(null);
      const view = el.getView(lang)!;
      view.dispatch(view.state.tr.insertText(after, range!.from, range!.to));
    }
    await waitUntil(() => el.status === 'saved', 'the change on the server', { timeout: 8000 });
    const to = await el.saveVersion('After review');
    expect(to, 'the second version').to.be.a('number');
    return { from: from!, to: to! };
  }
});
