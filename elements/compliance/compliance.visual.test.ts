// Screenshot comparisons of <jd-compliance> (issue 15 item 4) on the screenshot fixture's job
// description: the summary badge and the findings by severity and section, in English and in
// French, as an 18rem side panel at 1366 px and as the whole screen at 390 px. Baselines:
// screenshots/baseline/compliance-*.png (UPDATE_SCREENSHOTS=1 rewrites them).
import { waitUntil } from '@open-wc/testing';
import './define.js';
import { editorOn, expectScreenshot, NARROW, PEOPLE, screenshotsOfFixture, useWidth, WIDE } from '../core/test-screenshots.js';

describe('<jd-compliance> screenshots', () => {
  const fixtureId = screenshotsOfFixture();

  for (const lang of ['en', 'fr'] as const) {
    for (const width of [NARROW, WIDE]) {
      it(`findings of the fixture, ${lang.toUpperCase()}, ${width} px`, async function () {
        this.timeout(30_000);
        await useWidth(width);
        const editor = await editorOn(fixtureId(), PEOPLE.editor.email, { lang });
        const el = document.createElement('jd-compliance');
        el.documentId = fixtureId();
        if (width === WIDE) el.style.width = '18rem';
        editor.closest('jd-session')!.append(el);
        await waitUntil(() => el.checkRuns > 0 && el.linkedEditor === editor, 'the first check shown beside the editor', { timeout: 15_000 });
        editor.style.display = 'none';
        await el.updateComplete;
        await expectScreenshot(el, `compliance-findings-${lang}-${width}`);
      });
    }
  }
});
