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
import { semanticSession } from './test-support.js';

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

  /** The translator's panel alone, in `lang`, at `width` (a 24rem side panel on a wide screen); `semantic`: on the stack with semantic search on. */
  async function panel(lang: Lang, width: number, semantic = false): Promise<JdConcordance> {
    await useWidth(width);
    const session = semantic
      ? await semanticSession('translator@esdc.example', lang)
      : await signedInSession('translator@esdc.example', { cacheName: uniqueCache('visual-tm'), lang });
    const el = document.createElement('jd-concordance');
    if (width === WIDE) el.style.width = '24rem';
    session.append(el);
    await waitUntil(() => el.shadowRoot?.querySelector('[part=base]'), 'concordance shown', { timeout: 8000 });
    return el;
  }

  /** Searches and waits until the semantic half has answered too (matches, off or a failure). */
  async function searched(el: JdConcordance, query: string, options: { mode?: 'segment' | 'phrase' } = {}): Promise<void> {
    await el.search(query, options);
    await waitUntil(() => el.semanticState.phase !== 'loading', 'the semantic answer', { timeout: 15_000 });
    await el.updateComplete;
  }

  for (const lang of ['en', 'fr'] as const) {
    for (const width of [NARROW, WIDE]) {
      it(`matches with terminology, ${lang.toUpperCase()}, ${width} px`, async function () {
        this.timeout(20_000);
        const el = await panel(lang, width);
        el.classList.add('hide-dates');
        await searched(el, 'Provides advice and guidance to the manager on procurement at the meeting.');
        expect(el.searchState.phase).to.equal('done');
        await expectScreenshot(el, `concordance-matches-${lang}-${width}`);
      });
    }
  }

  it(`a phrase in context, EN, ${WIDE} px`, async function () {
    this.timeout(20_000);
    const el = await panel('en', WIDE);
    await searched(el, 'official languages', { mode: 'phrase' });
    expect(el.searchState.phase).to.equal('done');
    await expectScreenshot(el, `concordance-phrase-en-${WIDE}`);
  });

  for (const lang of ['en', 'fr'] as const) {
    it(`nothing found, ${lang.toUpperCase()}`, async function () {
      this.timeout(20_000);
      const el = await panel(lang, NARROW);
      await searched(el, 'Zzyzx quux frobnicates the widget.');
      await waitUntil(() => el.matches(':state(empty)') || el.searchState.phase === 'done', 'searched');
      await expectScreenshot(el, `concordance-empty-${lang}-${NARROW}`);
    });
  }

  it('a failed search says what to do, FR', async function () {
    this.timeout(20_000);
    const el = await panel('fr', NARROW);
    await searched(el, 'x'.repeat(2001));
    expect(el.searchState.phase).to.equal('error');
    await expectScreenshot(el, `concordance-error-fr-${NARROW}`);
  });

  for (const [lang, width] of [['en', NARROW], ['fr', WIDE]] as const) {
    it(`a match whose number differs, with its warning, ${lang.toUpperCase()}, ${width} px`, async function () {
      this.timeout(20_000);
      const el = await panel(lang, width);
      el.classList.add('hide-dates');
      await searched(el, 'Processes financial transactions and verifies invoices under section 33 of the Financial Administration Act.');
      expect(el.shadowRoot!.querySelector('[part=warning]')).to.not.equal(null);
      await expectScreenshot(el, `concordance-warning-${lang}-${width}`);
    });
  }

  for (const [lang, width] of [['en', WIDE], ['fr', NARROW]] as const) {
    it(`matches similar in meaning beside the fuzzy ones, ${lang.toUpperCase()}, ${width} px`, async function () {
      this.timeout(90_000);
      const el = await panel(lang, width, true);
      el.classList.add('hide-dates');
      // The stack embeds its seeded memory in the background: search until the sentence is found by meaning.
      await waitUntil(
        async () => {
          await searched(el, 'Evaluates performance, assigns work and supervises a team of employees.');
          return el.semanticState.phase === 'done' && el.semanticState.matches.some((m) => m.source.startsWith('Supervises a team of employees'));
        },
        'the seeded sentence found by meaning',
        { timeout: 80_000, interval: 500 },
      );
      await expectScreenshot(el, `concordance-semantic-${lang}-${width}`);
    });
  }
});
