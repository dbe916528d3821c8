// Screenshot comparisons of <jd-concordance>'s main states (issue 13 item 1): results with the
// glossary above them, a phrase in context, nothing found, a failure, the memory and glossary files. The panel is shot alone,
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
  async function panel(lang: Lang, width: number, semantic = false, email = 'translator@esdc.example'): Promise<JdConcordance> {
    await useWidth(width);
    const session = semantic
      ? await semanticSession(email, lang)
      : await signedInSession(email, { cacheName: uniqueCache('visual-tm'), lang });
    const el = document.createElement('jd-concordance');
    if (width === WIDE) el.style.width = '24rem';
    session.append(el);
    await waitUntil(() => el.shadowRoot?.querySelector('[part=base]'), 'concordance shown', { timeout: 8000 });
    // The files disclosure comes once the user's memberships are read: shot with it, every time.
    await waitUntil(() => el.shadowRoot?.querySelector('[part=exchange]'), 'the files disclosure shown', { timeout: 8000 });
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

  // Issue 13 item 6: the memory and glossary files, open, for an admin after a refused import (its line listed) and for a translator (exports only).
  for (const lang of ['en', 'fr'] as const) {
    for (const width of [WIDE, NARROW]) {
      it(`memory and glossary files, an admin after a refused import, ${lang.toUpperCase()}, ${width} px`, async function () {
        this.timeout(30_000);
        const el = await panel(lang, width, false, 'admin@esdc.example');
        (el.shadowRoot!.querySelector('[part=exchange]') as HTMLDetailsElement).open = true;
        const tmx = '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n<header srclang="en" creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" datatype="plaintext"/>\n<body>\n<tu><tuv xml:lang="en"><seg>Open</tuv></tu>\n</body>\n</tmx>\n';
        await el.exchange.importFile('tmx', new File([tmx], 'memoire-2026.tmx', { type: 'application/x-tmx+xml' }));
        expect(el.exchange.state.phase).to.equal('refused');
        await el.updateComplete;
        await expectScreenshot(el, `concordance-files-admin-${lang}-${width}`);
      });
    }
    it(`memory and glossary files, a translator (exports only), ${lang.toUpperCase()}, ${NARROW} px`, async function () {
      const el = await panel(lang, NARROW);
      (el.shadowRoot!.querySelector('[part=exchange]') as HTMLDetailsElement).open = true;
      await el.updateComplete;
      await expectScreenshot(el, `concordance-files-translator-${lang}-${NARROW}`);
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
