// The demo portal as `npm start` serves it (the local stack plus the Vite-served portal), in the
// system's Chromium: a person signs in through <jd-session>'s own form, sees only their
// department's job descriptions, opens one (the editor with its comments in the panel slot),
// switches the language with the header's toggle (every element follows), submits it for review,
// and the reviewer finds it in the review queue. No page error, no failed request.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ElementHandle, Page } from 'puppeteer-core';
import { ESDC_DOCUMENT_ID, signInWithPicker, startDemoPortal, waitForEditorText, type DemoPortal } from './support/demo-portal.js';

const text = (page: Page, selector: string) => page.$eval(selector, (element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim());

async function signOut(page: Page): Promise<void> {
  await page.click('button.sign-out');
  await page.waitForSelector('portal-sign-in-page button.account', { timeout: 10_000 });
}

describe('demo site (npm start)', { timeout: 180_000 }, () => {
  let portal: DemoPortal;

  before(async () => {
    portal = await startDemoPortal();
    await portal.page.setViewport({ width: 1366, height: 1000 });
  });
  after(async () => {
    await portal?.stop();
  });

  it('signs in with the form, lists only the department’s documents, opens one and follows the language toggle', async () => {
    const { page } = portal;
    await page.goto(portal.url('#/en/documents'), { waitUntil: 'load' });
    // Signed out, a page of the portal shows the sign-in page at its address; nothing for
    // developers on it (no stack addresses) and no service notice while the service answers.
    await page.waitForSelector('portal-sign-in-page h1', { timeout: 20_000 });
    assert.equal(await text(page, 'h1'), 'Sign in');
    assert.doesNotMatch(await text(page, 'main'), /Local stack|https?:\/\/127\.0\.0\.1/);
    assert.equal(await page.$('main .notice.error'), null);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');

    // The sign-in form inside <jd-session>'s shadow root, filled with real key presses.
    await page.waitForFunction(() => document.querySelector('jd-session')?.shadowRoot?.querySelector('form[part=form] input[name=email]'), { timeout: 20_000 });
    const email = await page.evaluateHandle(() => document.querySelector('jd-session')!.shadowRoot!.querySelector<HTMLInputElement>('input[name=email]')!);
    await email.asElement()!.type('reviewer@esdc.example');
    const password = await page.evaluateHandle(() => document.querySelector('jd-session')!.shadowRoot!.querySelector<HTMLInputElement>('input[name=password]')!);
    await password.asElement()!.type('demo-password-1');
    await page.keyboard.press('Enter');

    // The page asked for appears: the reviewer's department's documents only, with their role in the header.
    await page.waitForSelector('table.documents tbody tr', { timeout: 20_000 });
    assert.equal(await text(page, 'h1'), 'Job descriptions');
    const rows = await page.$$eval('table.documents tbody tr', (list) => list.map((row) => (row.textContent ?? '').replace(/\s+/g, ' ')));
    assert.equal(rows.length, 1, rows.join(' | '));
    assert.match(rows[0]!, /Program Officer, Grants and Contributions.*PM-04.*Draft.*Employment and Social Development Canada/);
    assert.doesNotMatch(await text(page, 'main'), /Transport|Civil Aviation/, 'nothing of another department is offered');
    await page.waitForFunction(() => document.querySelector('.who')?.textContent?.includes('Role: Reviewer'), { timeout: 10_000 });
    assert.match(await text(page, '.who'), /Signed in as Rachel Reviewer/);
    assert.match(await text(page, '.department'), /^Employment and Social Development Canada \(demo\)$/);
    assert.deepEqual(await page.$$eval('nav.menu a', (links) => links.map((a) => a.textContent?.trim())), ['Job descriptions', 'Review queue']);

    // Search and status filter go through list_documents: no match gives the empty state.
    await page.type('#search', 'Inspector');
    await page.click('form.filters button[type=submit]');
    await page.waitForFunction(() => document.querySelector('portal-documents-page .notice')?.textContent?.includes('No job description matches'), { timeout: 10_000 });
    // A search the server refuses (longer than list_documents allows; the field's maxlength is
    // bypassed) shows the error state with what to do, and a way to try again.
    await page.$eval('#search', (input) => ((input as HTMLInputElement).value = 'x'.repeat(501)));
    await page.click('form.filters button[type=submit]');
    await page.waitForSelector('portal-documents-page .notice.error[role=alert] button', { timeout: 10_000 });
    assert.match(await text(page, 'portal-documents-page .notice.error'), /could not be loaded\. Check your connection and try again\..*search_text/);
    await page.$eval('#search', (input) => ((input as HTMLInputElement).value = ''));
    await page.select('#status', 'draft');
    await page.waitForSelector('table.documents tbody tr', { timeout: 10_000 });

    // The document page: the title as the heading, the editor and the comments in its panel slot on the same document.
    await page.click('table.documents tbody a');
    await waitForEditorText(page);
    assert.equal(page.url().split('#')[1], `/en/documents/${ESDC_DOCUMENT_ID}`);
    assert.equal(await text(page, 'h1'), 'Program Officer, Grants and Contributions');
    const commentsDocument = await page.$eval('jd-comments', (c) => ({ slot: c.slot, id: c.documentId, parent: c.parentElement?.tagName }));
    assert.deepEqual(commentsDocument, { slot: 'panel', id: ESDC_DOCUMENT_ID, parent: 'JD-EDITOR' });
    await page.waitForFunction(() => document.querySelector('jd-comments')?.shadowRoot?.textContent?.includes('Comments'), { timeout: 10_000 });

    // The header's language toggle: the same page in French, and every element follows.
    const toggle = await page.$eval('a.lang-toggle', (a) => ({ text: a.textContent?.trim(), lang: a.lang, href: a.getAttribute('href') }));
    assert.deepEqual(toggle, { text: 'Français', lang: 'fr', href: `#/fr/documents/${ESDC_DOCUMENT_ID}` });
    await page.click('a.lang-toggle');
    await page.waitForFunction(() => document.documentElement.lang === 'fr', { timeout: 10_000 });
    await page.waitForFunction(() => document.querySelector('h1')?.textContent?.trim() === 'Agent de programme, subventions et contributions', { timeout: 10_000 });
    await page.waitForFunction(() => document.querySelector('jd-editor')?.shadowRoot?.textContent?.includes('Identification du poste'), { timeout: 10_000 });
    await page.waitForFunction(() => document.querySelector('jd-comments')?.shadowRoot?.textContent?.includes('Commentaires'), { timeout: 10_000 });
    await page.waitForFunction(() => document.querySelector('jd-session')?.shadowRoot?.host.getAttribute('lang') === 'fr', { timeout: 10_000 });
    assert.match(await text(page, '.who'), /Connecté\(e\) : Rachel Reviewer Rôle : Révision/);
    assert.equal(await page.$eval('a.lang-toggle', (a) => a.lang), 'en');
    await page.waitForFunction(() => document.title === 'Agent de programme, subventions et contributions — Portail RH (démo)', { timeout: 10_000 });

    // The review queue is empty while the document is a draft.
    await page.click('nav.menu a[href="#/fr/review"]');
    await page.waitForFunction(() => document.querySelector('portal-documents-page .notice')?.textContent?.includes('Rien n’attend votre examen'), { timeout: 10_000 });
    await signOut(page);
    assert.deepEqual(portal.pageErrors, []);
    // Every request answered (fonts, favicon, data) but the search refused on purpose above.
    assert.deepEqual(portal.failedRequests.map((r) => r.replace(/^(\d+) .*\/(rpc\/\w+).*$/, '$1 $2')), ['400 rpc/list_documents']);
    assert.deepEqual(portal.consoleErrors.filter((e) => !/status of 400/.test(e)), []);
    portal.failedRequests.length = 0;
    portal.consoleErrors.length = 0;
  });

  it('an editor submits the document for review and the reviewer finds it in the review queue', async () => {
    const { page } = portal;
    await signInWithPicker(portal, 'editor@esdc.example', 'fr');
    // An editor decides no review: no review queue in the menu.
    await page.waitForFunction(() => document.querySelector('.who')?.textContent?.includes('Rédaction'), { timeout: 10_000 });
    assert.deepEqual(await page.$$eval('nav.menu a', (links) => links.map((a) => a.textContent?.trim())), ['Descriptions de travail']);
    await page.click('table.documents tbody a');
    await waitForEditorText(page);
    const submit = await page.waitForFunction(() => document.querySelector('jd-editor')?.shadowRoot?.querySelector<HTMLButtonElement>('[part=workflow] button.primary'), { timeout: 10_000 });
    await (submit.asElement() as ElementHandle<HTMLButtonElement>).click();
    // The page's status follows the editor's workflow event.
    await page.waitForFunction(() => document.querySelector('.document-facts .status')?.textContent?.trim() === 'En examen', { timeout: 10_000 });
    await signOut(page);

    await signInWithPicker(portal, 'reviewer@esdc.example', 'en');
    await page.click('nav.menu a[href="#/en/review"]');
    await page.waitForSelector('portal-documents-page[review] table.documents tbody tr', { timeout: 10_000 });
    const queue = await page.$$eval('table.documents tbody tr', (list) => list.map((row) => (row.textContent ?? '').replace(/\s+/g, ' ')));
    assert.equal(queue.length, 1);
    assert.match(queue[0]!, /Program Officer, Grants and Contributions.*In review/);
    await signOut(page);
  });

  it('a user of another department sees only their own department’s document', async () => {
    const { page } = portal;
    await signInWithPicker(portal, 'editor@tc.example');
    const rows = await page.$$eval('table.documents tbody tr', (list) => list.map((row) => (row.textContent ?? '').replace(/\s+/g, ' ')));
    assert.equal(rows.length, 1);
    assert.match(rows[0]!, /Civil Aviation Safety Inspector.*AO-CAI-02.*Transport Canada/);
    assert.doesNotMatch(await text(page, 'main'), /Employment and Social Development|Program Officer/);
    // Another department's document by its address: refused, nothing of it shown.
    await page.goto(portal.url(`#/en/documents/${ESDC_DOCUMENT_ID}`), { waitUntil: 'load' });
    await page.waitForSelector('portal-document-page .notice.error', { timeout: 10_000 });
    assert.equal(await page.$('jd-editor'), null);
    assert.doesNotMatch(await text(page, 'main'), /Program Officer/);
    assert.deepEqual(portal.pageErrors, []);
    assert.deepEqual(portal.failedRequests, []);
    // Among them a second copy of Yjs, which Vite served when checkouts shared its dependency cache.
    assert.deepEqual(portal.consoleErrors, []);
  });
  it('the list page embeds <jd-documents>: what waits for me, full-text search and New open documents', async () => {
    const { page } = portal;
    await signOut(page);
    portal.failedRequests.length = 0;
    // The reviewer: the document the editor submitted above waits for them, and opens from the queue.
    await signInWithPicker(portal, 'reviewer@esdc.example', 'fr');
    const item = await page.waitForSelector('portal-documents-page jd-documents >>> [part=waiting-item][data-reason=review]', { timeout: 20_000 });
    assert.match(await item!.evaluate((li) => (li.textContent ?? '').replace(/\s+/g, ' ')), /Agent de programme.*Révision demandée/);
    await (await item!.$('button[part=title]'))!.click();
    await page.waitForFunction((id) => location.hash === `#/fr/documents/${id}`, { timeout: 10_000 }, ESDC_DOCUMENT_ID);
    await signOut(page);

    // The editor: a phrase of the French body finds the document first, its words marked; a
    // result opens its document; New creates a blank draft and opens it.
    await signInWithPicker(portal, 'editor@esdc.example', 'en');
    const query = await page.waitForSelector('portal-documents-page jd-documents >>> input[name=query]', { timeout: 20_000 });
    await query!.type("surveille l'avancement des projets financés");
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () => [...(document.querySelector('jd-documents')?.shadowRoot?.querySelectorAll('[part=result]:first-child [part=snippet] mark') ?? [])].some((mark) => mark.textContent === 'Surveille'),
      { timeout: 10_000 },
    );
    const first = await page.$('jd-documents >>> [part=result] button[part=title]');
    assert.equal(await first!.evaluate((b) => b.closest('[part=result]')?.getAttribute('data-id')), ESDC_DOCUMENT_ID);
    await first!.click();
    await page.waitForFunction((id) => location.hash === `#/en/documents/${id}`, { timeout: 10_000 }, ESDC_DOCUMENT_ID);
    await page.click('nav.menu a[href="#/en/documents"]');
    const create = await page.waitForSelector('portal-documents-page jd-documents >>> [part=new] button[type=button]', { timeout: 20_000 });
    await create!.click();
    await page.waitForFunction((id) => /^#\/en\/documents\/[0-9a-f-]{36}$/.test(location.hash) && !location.hash.endsWith(id), { timeout: 10_000 }, ESDC_DOCUMENT_ID);
    await page.waitForSelector('portal-document-page jd-editor', { timeout: 20_000 });
    assert.deepEqual(portal.pageErrors, []);
    assert.deepEqual(portal.failedRequests, []);
    assert.deepEqual(portal.consoleErrors, []);
  });
});
