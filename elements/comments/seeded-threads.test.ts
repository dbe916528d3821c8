// The seeded ESDC document's comment threads exist as public.comments rows (supabase/seed.sql);
// the sync server makes them threads of the Y.Doc when it loads the document, so a person opening
// it sees them in <jd-comments>. Other test files share the stack's database and may change the
// document: this looks for the seeded threads by their bodies only.
import { expect, waitUntil } from '@open-wc/testing';
import './define.js';
import type { JdComments } from './comments.js';
import { signedInSession, ESDC_DOC } from '../core/test-helpers.js';

const FR_THREAD = 'Le Bureau de la traduction préfère « relève » ou « détermine » à « cerne » dans ce contexte. On uniformise?';
const FR_REPLY = 'D\'accord pour « détermine ». Je le change dans l\'anglais aussi : « Identifies ».';
const EN_THREAD = 'Please confirm this is still the current policy title after the 2022 update.';

const root = (el: HTMLElement) => el.shadowRoot!;

describe('<jd-comments> on the seeded document', () => {
  it('shows the threads that exist only as comment rows, with their reply, authors and quotes', async function () {
    // Signing in, the first load of the document on the server (seeding) and the sync take a few seconds on a busy machine.
    this.timeout(40_000);
    const session = await signedInSession('viewer@esdc.example', { withSync: true });
    const el = document.createElement('jd-comments') as JdComments;
    el.documentId = ESDC_DOC;
    el.filter = 'all';
    session.append(el);
    await waitUntil(() => [FR_THREAD, EN_THREAD].every((body) => el.threads.some((t) => t.body === body)), 'the seeded threads', { timeout: 15000 });
    const shown = (body: string) =>
      Array.from(root(el).querySelectorAll<HTMLElement>('[part~=thread]')).find((item) => item.querySelector('[part=body]')?.textContent?.includes(body.slice(0, 40)));
    await waitUntil(() => shown(FR_THREAD) && shown(EN_THREAD), 'the seeded threads listed', { timeout: 15000 });
    const fr = shown(FR_THREAD)!;
    expect(fr, 'the French thread is listed').to.not.equal(undefined);
    expect(fr.querySelector('[part=quote]')!.textContent).to.contain('Cerne les risques');
    expect(fr.querySelector('[part=replies]')!.textContent).to.contain(FR_REPLY.slice(0, 30));
    const en = shown(EN_THREAD)!;
    expect(en, 'the English thread is listed').to.not.equal(undefined);
    expect(en.querySelector('[part=quote]')!.textContent).to.contain('Policy on Transfer Payments');
    // Authors by their profile names, and an anchor that resolves (not "text removed").
    const thread = el.threads.find((t) => t.body === EN_THREAD)!;
    expect(thread.authorName).to.not.equal('');
    expect(en.querySelector('[part=meta]')!.textContent).to.contain(thread.authorName);
    expect(en.querySelector('[part=removed]')).to.equal(null);
    session.remove();
  });
});
