// Screenshot comparisons of <jd-concordance>'s main states (issue 13 item 1): results with the
// glossary above them, a phrase in context, nothing found, a failure. The panel is shot alone,
// as wide as a side panel at 1366 px and as the whole screen at 390 px. Baselines:
// screenshots/baseline/concordance-*.png (UPDATE_SCREENSHOTS=1 rewrites them).
import { expect, waitUntil } from '@open-wc/testing';
import './define.js';
import type { JdConcordance } from './concordance.js';
import type { Lang } from '../../domain/sections.js';
import { signedInSession, uniqueCache } from '../core/test-helpers.js';
import { expectScreenshot, NARROW, prepareVisualPage, useWidth, WIDE } from '../core/test-screenshots.js';

// The last use of a segment is the time the seed ran: it differs on every run, so the fuzzy
// matches' provenance line is kept in the layout but not drawn.
const HIDE_DATES = new CSSStyleSheet();
HIDE_DATES.replaceSync('jd-concordance.hide-dates::part(provenance) { visibility: hidden; }');

describe('<jd-concordance> screenshots', () => {
  before(async function () {
    this.timeout(30_000);
    await prepareVisualPage();
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, HIDE_DATES];
  });

  /** The translator's panel alone, in `lang`, at `width` (a 24rem side panel on a wide screen). */
  async function panel(lang: Lang, width: number): Promise<JdConcordance> {
    await useWidth(width);
    const session = await signedInSession('translator@esdc.example', { cacheName: uniqueCache('visual-tm'), lang });
    const el = document.createElement('jd-concordance');
    if (width === WIDE) el.style.width = '24rem';
    session.append(el);
    await waitUntil(() => el.shadowRoot?.querySelector('[part=base]'), 'concordance shown', { timeout: 8000 });
    return el;
  }

  for (const lang of ['en', 'fr'] as const) {
    for (const width of [NARROW, WIDE]) {
      it(`matches with terminology, ${lang.toUpperCase()}, ${width} px`, async function () {
        this.timeout(20_000);
        const el = await panel(lang, width);
        el.classList.add('hide-dates');
        await el.search('Provides advice and guidance to the manager on procurement at the meeting.');
        expect(el.searchState.phase).to.equal('done');
        await expectScreenshot(el, `concordance-matches-${lang}-${width}`);
      });
    }
  }

  it(`a phrase in context, EN, ${WIDE} px`, async function () {
    this.timeout(20_000);
    const el = await panel('en', WIDE);
    await el.search('official languages', { mode: 'phrase' });
    expect(el.searchState.phase).to.equal('done');
    await expectScreenshot(el, `concordance-phrase-en-${WIDE}`);
  });

  for (const lang of ['en', 'fr'] as const) {
    it(`nothing found, ${lang.toUpperCase()}`, async function () {
      this.timeout(20_000);
      const el = await panel(lang, NARROW);
      await el.search('Zzyzx quux frobnicates the widget.');
      await waitUntil(() => el.matches(':state(empty)') || el.searchState.phase === 'done', 'searched');
      await expectScreenshot(el, `concordance-empty-${lang}-${NARROW}`);
    });
  }

  it('a failed search says what to do, FR', async function () {
    this.timeout(20_000);
    const el = await panel('fr', NARROW);
    await el.search('x'.repeat(2001));
    expect(el.searchState.phase).to.equal('error');
    await expectScreenshot(el, `concordance-error-fr-${NARROW}`);
  });
});
