// Screenshot comparisons of <jd-notifications>: the list open over a portal header, at 390 and
// 1366 px, in English and French, with fixed notifications (the poller is stopped so the server's
// rows, whose times vary, never reach the picture). Baselines: screenshots/baseline/notifications-*.png.
import { waitUntil } from '@open-wc/testing';
import './define.js';
import type { JdNotifications } from './notifications.js';
import type { NotificationItem } from '../core/data-access.js';
import { signedInSession, uniqueCache, ESDC_DOC } from '../core/test-helpers.js';
import { expectScreenshot, FIXED_TIME, NARROW, PEOPLE, prepareVisualPage, useWidth, WIDE } from '../core/test-screenshots.js';

const at = (minutesBefore: number) => new Date(FIXED_TIME - minutesBefore * 60_000).toISOString();
const title = { en: 'Program Officer, Grants and Contributions', fr: 'Agent de programme, subventions et contributions' };
const ITEMS: NotificationItem[] = [
  { id: 'n1', kind: 'mention', documentId: ESDC_DOC, documentTitle: title, commentId: 'c1', commentExcerpt: '@Rachel Reviewer is “grants” the TBS wording here?', decision: null, actorName: 'Eddie Editor', createdAt: at(2), readAt: null },
  { id: 'n2', kind: 'submission', documentId: ESDC_DOC, documentTitle: title, commentId: null, commentExcerpt: null, decision: null, actorName: 'Thérèse Traductrice', createdAt: at(60), readAt: null },
  { id: 'n3', kind: 'decision', documentId: ESDC_DOC, documentTitle: title, commentId: null, commentExcerpt: null, decision: 'changes_requested', actorName: 'Alain Admin', createdAt: at(60 * 24), readAt: at(60) },
];

/** A header-like strip with the element at its end, tall enough for the open list. */
async function inHeader(lang: 'en' | 'fr'): Promise<{ frame: HTMLElement; el: JdNotifications }> {
  const session = await signedInSession(PEOPLE.reviewer.email, { cacheName: uniqueCache('visual-notifications'), lang });
  const frame = document.createElement('div');
  frame.style.cssText = 'display:flex;justify-content:flex-end;padding:8px;min-height:680px;box-sizing:border-box;background:#fff';
  const el = document.createElement('jd-notifications');
  // Fixed data: no polling (the controller's poll is replaced before it is first scheduled).
  el.notifications.poll = () => Promise.resolve();
  frame.append(el);
  session.append(frame);
  // After the first update, which starts the controller from nothing for the signed-in user.
  await el.updateComplete;
  el.notifications.items = ITEMS;
  el.notifications.unread = 2;
  el.notifications.loaded = true;
  el.open = true;
  el.requestUpdate();
  await el.updateComplete;
  await waitUntil(() => el.shadowRoot!.querySelectorAll('[part~=item]').length === ITEMS.length, 'the fixed notifications');
  (document.activeElement as HTMLElement | null)?.blur();
  return { frame, el };
}

describe('<jd-notifications> screenshots', () => {
  before(async function () {
    this.timeout(20_000);
    await prepareVisualPage();
  });

  for (const lang of ['en', 'fr'] as const) {
    for (const width of [NARROW, WIDE]) {
      it(`open list, ${lang.toUpperCase()}, ${width} px`, async () => {
        await useWidth(width);
        const { frame } = await inHeader(lang);
        await expectScreenshot(frame, `notifications-open-${lang}-${width}`);
        frame.closest('jd-session')?.remove();
      });
    }
  }
});
