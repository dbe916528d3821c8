// Screenshot comparisons of <jd-documents> (issue 17 item 4): the search form and a result with
// its highlighted snippet, in English and French, at 390 and 1366 px. The results come from the
// screenshot fixture's fixed text (found as its creator, "Only mine"); the date of the last
// change is hidden (it is the day the test runs). Baselines: screenshots/baseline/documents-*.png
// (UPDATE_SCREENSHOTS=1 rewrites them).
import { waitUntil } from '@open-wc/testing';
import './define.js';
import type { JdDocuments } from './documents.js';
import { expectScreenshot, NARROW, screenshotsOfFixture, useWidth, WIDE } from '../core/test-screenshots.js';
import { signedInSession, uniqueCache } from '../core/test-helpers.js';

const QUERY = { en: 'funding proposals', fr: 'propositions de financement' } as const;

const undated = new CSSStyleSheet();
undated.replaceSync('jd-documents::part(date) { visibility: hidden; }');

describe('<jd-documents> screenshots', () => {
  const fixtureId = screenshotsOfFixture();
  before(() => {
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, undated];
  });

  for (const lang of ['en', 'fr'] as const) {
    for (const width of [NARROW, WIDE]) {
      it(`a search with its highlighted result, ${lang.toUpperCase()}, ${width} px`, async function () {
        this.timeout(30_000);
        await useWidth(width);
        // The fixture's creator, so that "Only mine" leaves the fixture alone among the results.
        const session = await signedInSession('admin@esdc.example', { cacheName: uniqueCache('documents-visual'), lang });
        const el: JdDocuments = document.createElement('jd-documents');
        el.hideQueue = true;
        session.append(el);
        await waitUntil(() => el.shadowRoot?.querySelector('form[part=search]'), 'the search form');
        const form = el.shadowRoot!.querySelector('form')!;
        form.querySelector<HTMLInputElement>('input[type=search]')!.value = QUERY[lang];
        form.querySelector<HTMLInputElement>('input[type=search]')!.dispatchEvent(new Event('input'));
        form.querySelector<HTMLInputElement>('input[name=mine]')!.click();
        // The sync server projects the fixture's text into document_sections after its debounce.
        await waitUntil(async () => {
          await el.search(0);
          const ids = Array.from(el.shadowRoot!.querySelectorAll<HTMLElement>('[part=result]')).map((li) => li.dataset['id']);
          return ids.length === 1 && ids[0] === fixtureId() && el.shadowRoot!.querySelector('[part=snippet] mark') !== null;
        }, 'the fixture found with a snippet', { timeout: 15_000, interval: 500 });
        try {
          await expectScreenshot(el, `documents-search-${lang}-${width}`);
        } finally {
          session.remove();
        }
      });
    }
  }
});
