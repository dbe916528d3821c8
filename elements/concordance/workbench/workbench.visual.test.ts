// Screenshot comparisons of the alignment workbench (issue 14 item 6): no alignment yet (the
// paste form), and an aligned text with one pair fixed by hand and one confirmed, in English and
// French, at 390 px (the whole screen: columns stacked) and 1366 px (a 44rem panel: two
// columns). Baselines: screenshots/baseline/workbench-*.png (UPDATE_SCREENSHOTS=1 rewrites them).
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Lang } from '../../../domain/sections.js';
import { expectScreenshot, NARROW, prepareVisualPage, useWidth, WIDE } from '../../core/test-screenshots.js';
import { alignPasted, openBench, type Bench, WRONG_EN, WRONG_FR } from './test-support.js';

// The alignment's name in the list carries the day it was made: kept in the layout, not drawn.
const HIDE_DATES = new CSSStyleSheet();
HIDE_DATES.replaceSync('#wb-alignment { color: transparent; }');

describe('<jd-alignment-workbench> screenshots', () => {
  before(async function () {
    this.timeout(30_000);
    await prepareVisualPage();
  });

  async function bench(lang: Lang, width: number, email = 'translator@esdc.example'): Promise<Bench> {
    await useWidth(width);
    const opened = await openBench(email, { lang, width: width === WIDE ? '44rem' : '' });
    if (email !== 'editor@tc.example') opened.bench.shadowRoot!.adoptedStyleSheets = [...opened.bench.shadowRoot!.adoptedStyleSheets, HIDE_DATES];
    return opened;
  }

  it(`the keyboard help open, and a pair's button focused from the keyboard with its tooltip, FR, ${NARROW} px`, async function () {
    this.timeout(30_000);
    const { session, panel, bench: wb } = await bench('fr', NARROW);
    try {
      await alignPasted(wb, WRONG_EN, WRONG_FR);
      wb.shadowRoot!.querySelector<HTMLDetailsElement>('[part=help]')!.open = true;
      wb.shadowRoot!.querySelector<HTMLElement>('[part~=pair][data-index="0"]')!.focus();
      await sendKeys({ press: 'Tab' });
      await waitUntil(() => wb.shadowRoot!.activeElement?.matches('[part=actions] button'), 'the merge button focused');
      await expectScreenshot(panel, `workbench-keyboard-fr-${NARROW}`);
    } finally {
      session.remove();
    }
  });

  for (const lang of ['en', 'fr'] as const) {
    it(`no alignment open: the paste form, ${lang.toUpperCase()}, ${NARROW} px`, async function () {
      this.timeout(20_000);
      // Transport Canada's editor: no test makes alignments there, so the list is empty whatever ran before.
      const { session, panel, bench: wb } = await bench(lang, NARROW, 'editor@tc.example');
      try {
        // The list is read (whatever it holds): the form is open while no alignment is.
        await waitUntil(() => wb.work.phase === 'idle' && wb.shadowRoot!.querySelector('[part=new][open]'), 'paste form open');
        await expectScreenshot(panel, `workbench-new-${lang}-${NARROW}`);
      } finally {
        session.remove();
      }
    });

    for (const width of [NARROW, WIDE]) {
      it(`pairs with confidence, one merged by hand and one confirmed, ${lang.toUpperCase()}, ${width} px`, async function () {
        this.timeout(30_000);
        const { session, panel, bench: wb } = await bench(lang, width);
        try {
          await alignPasted(wb, WRONG_EN, WRONG_FR);
          wb.merge(2);
          wb.confirm([0]);
          await wb.whenSaved();
          expect(wb.work.failure).to.equal(null);
          // Nothing focused: no focus ring in the shot; the help closed.
          (wb.shadowRoot!.activeElement as HTMLElement | null)?.blur();
          await expectScreenshot(panel, `workbench-pairs-${lang}-${width}`);
        } finally {
          session.remove();
        }
      });
    }
  }
});
