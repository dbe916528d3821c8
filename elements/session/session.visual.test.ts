// Screenshot comparisons of <jd-session>'s main states (issue 12, criterion 2): the sign-in form,
// a refused sign-in and the signed-in line. Baselines: screenshots/baseline/session-*.png.
import { waitUntil } from '@open-wc/testing';
import './define.js';
import type { JdSession } from './session.js';
import { signedInSession, uniqueCache } from '../core/test-helpers.js';
import { expectScreenshot, NARROW, PEOPLE, prepareVisualPage, useWidth, WIDE } from '../core/test-screenshots.js';

const part = (el: JdSession, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~=${name}]`);

// Each test's <jd-session> is an open-wc fixture: removed after the test.
describe('<jd-session> screenshots', () => {
  before(async function () {
    this.timeout(20_000);
    await prepareVisualPage();
  });

  for (const lang of ['en', 'fr'] as const) {
    it(`sign-in form, ${lang.toUpperCase()}`, async () => {
      await useWidth(NARROW);
      const session = await signedInSession(null, { cacheName: uniqueCache('visual-session'), lang });
      await waitUntil(() => part(session, 'form'), 'the sign-in form');
      await expectScreenshot(session, `session-sign-in-${lang}-${NARROW}`);
    });

    it(`sign-in refused, ${lang.toUpperCase()}`, async () => {
      await useWidth(NARROW);
      const session = await signedInSession(null, { cacheName: uniqueCache('visual-session'), lang });
      const form = part(session, 'form') as HTMLFormElement;
      form.querySelector<HTMLInputElement>('input[name=email]')!.value = PEOPLE.editor.email;
      form.querySelector<HTMLInputElement>('input[name=password]')!.value = 'not-the-password';
      form.requestSubmit();
      await waitUntil(() => part(session, 'error')?.textContent?.trim() && !form.querySelector('button[disabled]'), 'the sign-in error', { timeout: 8000 });
      // The page's focus would otherwise stay wherever the last test left it.
      (document.activeElement as HTMLElement | null)?.blur();
      await expectScreenshot(session, `session-sign-in-error-${lang}-${NARROW}`);
    });
  }

  for (const width of [NARROW, WIDE]) {
    it(`signed in, EN, ${width} px`, async () => {
      await useWidth(width);
      const session = await signedInSession(PEOPLE.editor.email, { cacheName: uniqueCache('visual-session') });
      await waitUntil(() => part(session, 'account'), 'the signed-in line');
      await expectScreenshot(session, `session-signed-in-en-${width}`);
    });
  }
});
