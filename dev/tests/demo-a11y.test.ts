// Issue 12, criterion 4 (first part): axe-core finds nothing on any page of the demo portal, in
// English and in French: sign-in, the document list, the document page (editor and comments,
// whose open shadow roots axe walks), the review queue, the import from Word, and (issue 19
// criterion 4) the alignment workbench (a Word pair's Alignment tab) and the admin page, with its
// refusal to someone who is not an admin.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ElementHandle } from 'puppeteer-core';
import { ESDC_DOCUMENT_ID, openFresh, signInWithPicker, startDemoPortal, waitForEditorText, type DemoPortal } from './support/demo-portal.js';
import { LEGACY_EN, LEGACY_FR, legacyDocx } from './support/legacy-docx.js';

const AXE = resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js');

// In the page, as a string so the test runner's transforms add nothing to it: every violation
// with its rule, impact and the elements it names (shadow hosts included).
const RUN_AXE = `axe.run(document, { resultTypes: ['violations'] }).then((results) =>
  results.violations.map((v) => v.id + ' (' + v.impact + '): ' + v.help + ' — ' +
    v.nodes.map((n) => JSON.stringify(n.target) + ' ' + n.failureSummary.replace(/\\s+/g, ' ')).join(' | ')))`;

type Lang = 'en' | 'fr';

describe('demo portal accessibility (axe, issue 12 criterion 4)', { timeout: 300_000 }, () => {
  let portal: DemoPortal;

  before(async () => {
    portal = await startDemoPortal();
    await portal.page.setViewport({ width: 1366, height: 900 });
  });
  after(async () => {
    await portal?.stop();
  });

  async function violations(): Promise<string[]> {
    await portal.page.evaluate(() => document.fonts.ready.then(() => undefined));
    if (!(await portal.page.evaluate(() => 'axe' in window))) await portal.page.addScriptTag({ path: AXE });
    return (await portal.page.evaluate(RUN_AXE)) as string[];
  }

  for (const lang of ['en', 'fr'] as Lang[]) {
    it(`sign-in page (${lang})`, async () => {
      await openFresh(portal, `#/${lang}/sign-in`);
      await portal.page.waitForSelector('portal-sign-in-page button.account', { timeout: 20_000 });
      await portal.page.waitForFunction(() => document.querySelector('jd-session')?.shadowRoot?.querySelector('form[part=form]'), { timeout: 20_000 });
      assert.equal(await portal.page.evaluate(() => document.documentElement.lang), lang);
      assert.deepEqual(await violations(), []);
    });
  }

  it('keyboard: the skip link comes first and shows, an account is picked and signed out with the keyboard, focus is visible', async () => {
    const { page } = portal;
    await openFresh(portal, '#/en/sign-in');
    await page.waitForSelector('portal-sign-in-page button.account', { timeout: 20_000 });
    const focused = () =>
      page.evaluate(() => {
        const element = document.activeElement as HTMLElement;
        const box = element.getBoundingClientRect();
        const style = getComputedStyle(element);
        return {
          what: element.matches('.skip-link') ? 'skip link' : element.matches('main') ? 'main' : element.matches('button.account') ? `account ${element.dataset['email']}` : element.tagName,
          inView: box.width > 1 && box.height > 1 && box.top >= 0 && box.bottom <= innerHeight,
          ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
        };
      });
    await page.keyboard.press('Tab');
    assert.deepEqual(await focused(), { what: 'skip link', inView: true, ring: true });
    await page.keyboard.press('Enter');
    assert.equal((await focused()).what, 'main');
    await page.keyboard.press('Tab');
    assert.deepEqual(await focused(), { what: 'account editor@esdc.example', inView: true, ring: true });
    await page.keyboard.press('Enter');
    await page.waitForSelector('table.documents tbody tr', { timeout: 20_000 });
    await page.focus('button.sign-out');
    assert.equal((await focused()).ring, true);
    await page.keyboard.press('Enter');
    await page.waitForSelector('portal-sign-in-page button.account', { timeout: 10_000 });
  });

  it('signs in as a reviewer (every page below is theirs)', async () => {
    await signInWithPicker(portal, 'reviewer@esdc.example');
  });

  for (const lang of ['en', 'fr'] as Lang[]) {
    it(`document list (${lang})`, async () => {
      await openFresh(portal, `#/${lang}/documents`);
      await portal.page.waitForSelector('table.documents tbody tr', { timeout: 20_000 });
      await portal.page.waitForFunction(() => document.querySelector('nav.menu a[href$="/review"]'), { timeout: 10_000 });
      assert.deepEqual(await violations(), []);
    });

    it(`document page (${lang})`, async () => {
      await openFresh(portal, `#/${lang}/documents/${ESDC_DOCUMENT_ID}`);
      await waitForEditorText(portal.page);
      await portal.page.waitForFunction(() => document.querySelector('jd-comments')?.shadowRoot?.querySelector('[part=base]'), { timeout: 20_000 });
      assert.deepEqual(await violations(), []);
    });

    it(`import from Word (${lang}), with a form error and its steps`, async () => {
      await openFresh(portal, `#/${lang}/import`);
      await portal.page.waitForSelector('portal-import-page form', { timeout: 20_000 });
      assert.deepEqual(await violations(), []);
      await portal.page.click('portal-import-page button[type=submit]');
      await portal.page.waitForSelector('#import-error', { timeout: 10_000 });
      assert.deepEqual(await violations(), []);
    });

    it(`review queue (${lang})`, async () => {
      await openFresh(portal, `#/${lang}/review`);
      await portal.page.waitForSelector('portal-documents-page[review] .notice', { timeout: 20_000 });
      assert.deepEqual(await violations(), []);
    });
  }

  for (const lang of ['en', 'fr'] as Lang[]) {
    it(`admin page refused to a reviewer (${lang})`, async () => {
      await openFresh(portal, `#/${lang}/admin`);
      await portal.page.waitForSelector('portal-admin-page .admin-no-access', { timeout: 20_000 });
      assert.deepEqual(await violations(), []);
    });
  }

  it('signs in as the department’s admin (the admin page is theirs)', async () => {
    await portal.page.click('button.sign-out');
    await portal.page.waitForSelector('portal-sign-in-page button.account', { timeout: 10_000 });
    await signInWithPicker(portal, 'admin@esdc.example');
  });

  for (const lang of ['en', 'fr'] as Lang[]) {
    it(`admin page (${lang}), with its form errors shown`, async () => {
      const { page } = portal;
      await openFresh(portal, `#/${lang}/admin`);
      await page.waitForSelector('portal-admin-members table tbody tr', { timeout: 20_000 });
      await page.waitForSelector('portal-admin-glossary table tbody tr', { timeout: 20_000 });
      await page.waitForSelector('portal-admin-ai form.ai-settings', { timeout: 20_000 });
      await page.waitForSelector('portal-admin-audit table tbody tr', { timeout: 20_000 });
      await page.waitForSelector('portal-admin-files details[open] .exchange-group', { timeout: 20_000 });
      assert.deepEqual(await violations(), []);
      await page.click('form.term-form button[type=submit]');
      await page.waitForSelector('#glossary-error .notice', { timeout: 10_000 });
      await page.type('#ai-budget', 'x');
      await page.click('form.ai-settings button[type=submit]');
      await page.waitForSelector('#ai-error .notice', { timeout: 10_000 });
      await page.click('portal-admin-glossary tbody button');
      await page.waitForFunction(() => document.querySelector('#term-form-heading')?.textContent?.includes('“') || document.querySelector('#term-form-heading')?.textContent?.includes('«'), { timeout: 10_000 });
      assert.deepEqual(await violations(), []);
    });
  }

  it('alignment workbench (en, fr): a Word pair imported by the admin opens in the Alignment tab', async () => {
    const { page } = portal;
    const scratch = mkdtempSync(join(tmpdir(), 'demo-a11y-'));
    try {
      const en = join(scratch, 'program-officer-en.docx');
      const fr = join(scratch, 'agent-programme-fr.docx');
      writeFileSync(en, await legacyDocx(LEGACY_EN));
      writeFileSync(fr, await legacyDocx(LEGACY_FR));
      await openFresh(portal, '#/en/import');
      await page.waitForSelector('portal-import-page form', { timeout: 20_000 });
      await ((await page.$('#import-en')) as ElementHandle<HTMLInputElement>).uploadFile(en);
      await ((await page.$('#import-fr')) as ElementHandle<HTMLInputElement>).uploadFile(fr);
      await page.click('portal-import-page button[type=submit]');
      await page.waitForFunction(() => /^#\/en\/documents\/[0-9a-f-]{36}\/alignment\/[0-9a-f-]{36}$/.test(location.hash), { timeout: 60_000 });
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
    const workbenchReady = () =>
      page.waitForFunction(() => {
        const workbench = document.querySelector('jd-concordance')?.shadowRoot?.querySelector('jd-alignment-workbench') as (HTMLElement & { pairs: readonly unknown[] }) | null;
        return (workbench?.pairs.length ?? 0) > 0;
      }, { timeout: 30_000 });
    await waitForEditorText(page);
    await workbenchReady();
    assert.deepEqual(await violations(), []);
    await openFresh(portal, page.url().split('#')[1]!.replace('/en/', '#/fr/'));
    await waitForEditorText(page);
    await workbenchReady();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
    assert.deepEqual(await violations(), []);
  });

  it('no page error along the way', () => {
    assert.deepEqual(portal.pageErrors, []);
    assert.deepEqual(portal.failedRequests, []);
    assert.deepEqual(portal.consoleErrors, []);
  });
});
