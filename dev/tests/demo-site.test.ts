// The demo site as `npm start` serves it (the local stack plus the Vite-served portal page), in
// the system's Chromium: a person signs in through <jd-session>'s form, the portal lists the
// documents they may open and opens the first one in <jd-editor> with <jd-comments> beside it,
// and the interface follows the portal's language switch. No page error along the way.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { startStack } from '../stack.js';
import { startDemoServer } from '../demo-server.js';
import type { RunningStack } from '../stack-types.js';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

describe('demo site (npm start)', { timeout: 120_000 }, () => {
  let stack: RunningStack;
  let demo: { url: string; stop(): Promise<void> };
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const failedRequests: string[] = [];

  before(async () => {
    stack = await startStack({ dataDir: 'memory', apiPort: 0, dbPort: 0, syncPort: 0, signalingPort: 0, log: () => {} });
    demo = await startDemoServer({ apiUrl: stack.apiUrl, anonKey: stack.anonKey, syncUrl: stack.syncUrl, signalingUrl: stack.signalingUrl, port: 0 });
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 1000 });
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    page.on('response', (response) => {
      if (response.status() >= 400) failedRequests.push(`${response.status()} ${response.url()}`);
    });
  });
  after(async () => {
    await browser?.close();
    await demo?.stop();
    await stack?.stop();
  });

  it('signs in, opens the first job description with its comments, and switches to French', async () => {
    await page.goto(demo.url, { waitUntil: 'load' });
    // Nothing for developers on the portal page (issue #21 item 8): no stack addresses, and the
    // service notice stays hidden while the service answers.
    const pageText = await page.$eval('main', (main) => main.textContent ?? '');
    assert.doesNotMatch(pageText, /Local stack|https?:\/\/127\.0\.0\.1/);
    assert.equal(await page.$eval('#service-status', (e) => (e as HTMLElement).hidden), true);

    // The sign-in form inside <jd-session>'s shadow root, filled with real key presses.
    await page.waitForFunction(() => document.querySelector('jd-session')?.shadowRoot?.querySelector('form[part=form] input[name=email]'), { timeout: 20_000 });
    const email = await page.evaluateHandle(() => document.querySelector('jd-session')!.shadowRoot!.querySelector<HTMLInputElement>('input[name=email]')!);
    await email.asElement()!.type('reviewer@esdc.example');
    const password = await page.evaluateHandle(() => document.querySelector('jd-session')!.shadowRoot!.querySelector<HTMLInputElement>('input[name=password]')!);
    await password.asElement()!.type('demo-password-1');
    await page.keyboard.press('Enter');

    // The portal lists what this user may open and opens the first document.
    await page.waitForFunction(() => !document.querySelector<HTMLSelectElement>('#documents')!.disabled, { timeout: 20_000 });
    const options = await page.$$eval('#documents option', (list) => list.map((o) => o.textContent ?? ''));
    assert.ok(options.some((o) => o.includes('ESDC') || o.includes('Program')), `the seeded ESDC document is offered: ${options.join(' | ')}`);
    assert.ok(!options.some((o) => o.includes('Transport')), 'nothing of another department is offered');
    await page.waitForFunction(
      () => {
        const editor = document.querySelector('jd-editor') as (HTMLElement & { getView(l: string): { state: { doc: { textContent: string } } } | null }) | null;
        return editor?.getView('en')?.state.doc.textContent.includes('Key Activities') && editor.getView('fr')?.state.doc.textContent.includes('Activités principales');
      },
      { timeout: 30_000 },
    );
    assert.match((await page.$eval('#editor-status', (e) => e.textContent)) ?? '', /Job description: (Connected|Syncing…|All changes saved)/);

    // The comments sidebar sits in the editor's panel slot, on the same document, and offers a reviewer the composer.
    const commentsDocument = await page.$eval('jd-comments', (c) => ({ slot: c.slot, id: (c as HTMLElement & { documentId: string }).documentId }));
    const editorDocument = await page.$eval('jd-editor', (e) => (e as HTMLElement & { documentId: string }).documentId);
    assert.deepEqual(commentsDocument, { slot: 'panel', id: editorDocument });
    await page.waitForFunction(() => document.querySelector('jd-comments')?.shadowRoot?.textContent?.includes('Comments'), { timeout: 10_000 });

    // The portal's language switch reaches every element.
    await page.select('#ui-lang', 'fr');
    await page.waitForFunction(() => document.querySelector('jd-editor')?.shadowRoot?.textContent?.includes('Identification du poste'), { timeout: 10_000 });
    await page.waitForFunction(() => document.querySelector('jd-comments')?.shadowRoot?.textContent?.includes('Commentaires'), { timeout: 10_000 });
    // The portal's own status line follows too (it stayed English before, issue #21 item 8).
    assert.match((await page.$eval('#editor-status', (e) => e.textContent)) ?? '', /^Description de travail : (Connecté|Synchronisation…|Toutes les modifications sont enregistrées)$/);
    assert.deepEqual(pageErrors, []);
    // Every request answered, the favicon included.
    assert.deepEqual(failedRequests, []);
  });
});
