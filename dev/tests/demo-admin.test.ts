// The demo's admin page (issue 19 item 1), as `npm start` serves it, in Chromium: the department's
// admin finds it in the menu, changes a member's role and sees it kept, adds a glossary term and
// forbids it, imports a TMX memory through tm-import, sees this month's AI usage per provider and
// sets the budget, and reads who did all that in the audit log, newest first. Someone who is not an
// admin has no menu entry and is told they lack access at the address, with nothing of the admin
// data loaded. No page error.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { openFresh, signInWithPicker, startDemoPortal, type DemoPortal } from './support/demo-portal.js';
import { ESDC_ORGANIZATION_ID, recordAiUsage } from './support/admin-usage.js';
import { tmxOf } from './support/tm-exchange.js';

const text = (page: Page, selector: string) => page.$eval(selector, (element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim());
const rowsOf = (page: Page, selector: string) =>
  page.$$eval(`${selector} tbody tr`, (rows) => rows.map((row) => (row.textContent ?? '').replace(/\s+/g, ' ').trim()));

/** The id of Valérie Viewer (supabase/seed.sql). */
const VIEWER_ID = 'e5dc0000-0000-4000-a000-000000000101';

async function signOut(page: Page): Promise<void> {
  await page.click('button.sign-out');
  await page.waitForSelector('portal-sign-in-page button.account', { timeout: 10_000 });
}

describe('demo admin page (issue 19 item 1)', { timeout: 180_000 }, () => {
  let portal: DemoPortal;
  const adminRequests: string[] = [];

  before(async () => {
    portal = await startDemoPortal();
    await portal.page.setViewport({ width: 1366, height: 1000 });
    await recordAiUsage(portal.stack);
  });
  after(async () => {
    await portal?.stop();
  });

  it('an admin finds the page in the menu and changes a member’s role', async () => {
    const { page } = portal;
    await signInWithPicker(portal, 'admin@esdc.example');
    await page.waitForFunction(() => document.querySelector('nav.menu a[href$="/admin"]'), { timeout: 10_000 });
    assert.deepEqual(await page.$$eval('nav.menu a', (links) => links.map((a) => a.textContent?.trim())), ['Job descriptions', 'Review queue', 'Administration']);
    await page.click('nav.menu a[href$="/admin"]');
    await page.waitForSelector('portal-admin-members table tbody tr', { timeout: 20_000 });
    assert.equal(await text(page, 'h1'), 'Administration');
    assert.equal(await page.$eval('nav.menu a[href$="/admin"]', (a) => a.getAttribute('aria-current')), 'page');
    assert.match(await text(page, 'portal-admin-page .intro'), /Employment and Social Development Canada \(demo\)/);
    const members = await rowsOf(page, 'portal-admin-members');
    assert.equal(members.length, 5, members.join(' | '));
    assert.ok(members.some((m) => m.startsWith('Valérie Viewer')));

    const row = `portal-admin-members tr[data-user="${VIEWER_ID}"]`;
    assert.equal(await page.$eval(`${row} select`, (s) => (s as HTMLSelectElement).value), 'viewer');
    await page.select(`${row} select`, 'editor');
    await page.click(`${row} button.member-save`);
    await page.waitForFunction(() => document.querySelector('portal-admin-members [role=status]')?.textContent?.includes('The role of Valérie Viewer is now Editor.'), { timeout: 10_000 });
    // Kept: a fresh load reads it back from the database.
    await openFresh(portal, '#/en/admin');
    await page.waitForSelector(`${row} select`, { timeout: 20_000 });
    assert.equal(await page.$eval(`${row} select`, (s) => (s as HTMLSelectElement).value), 'editor');
  });

  it('the last admin cannot be demoted: the database’s reason is shown and nothing changes', async () => {
    const { page } = portal;
    const row = 'portal-admin-members tr[data-user="e5dc0000-0000-4000-a000-000000000105"]';
    await page.select(`${row} select`, 'viewer');
    await page.click(`${row} button.member-save`);
    await page.waitForFunction(() => document.querySelector('portal-admin-members [role=alert]')?.textContent?.includes('Nothing was changed. an organization must keep at least one admin'), {
      timeout: 10_000,
    });
  });

  it('adds a glossary term, finds it by its French, and forbids it', async () => {
    const { page } = portal;
    // An empty English term is named, with the field marked and focused.
    await page.type('#term-fr', 'prestation des services');
    await page.click('form.term-form button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#glossary-error')?.textContent?.includes('Enter the english term.'), { timeout: 10_000 });
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'term-en');
    assert.equal(await page.$eval('#term-en', (i) => i.getAttribute('aria-invalid')), 'true');

    await page.type('#term-en', 'service delivery');
    await page.type('#term-domain', 'programs');
    await page.click('form.term-form button[type=submit]');
    await page.waitForFunction(() => document.querySelector('portal-admin-glossary [role=status]')?.textContent?.includes('“service delivery” was added to the glossary.'), { timeout: 10_000 });
    assert.equal(await page.$eval('#term-en', (i) => (i as HTMLInputElement).value), '', 'the form is ready for the next term');

    await page.type('#glossary-search', 'prestation');
    await page.click('portal-admin-glossary form.filters button[type=submit]');
    await page.waitForFunction(() => document.querySelectorAll('portal-admin-glossary table tbody tr').length === 1, { timeout: 10_000 });
    assert.match((await rowsOf(page, 'portal-admin-glossary'))[0]!, /^service delivery prestation des services programs Approved/);

    await page.click('portal-admin-glossary tbody button[aria-label="Forbid “service delivery”"]');
    await page.waitForFunction(() => document.querySelector('portal-admin-glossary tbody .status')?.textContent?.trim() === 'Forbidden', { timeout: 10_000 });

    // Edit: the form fills with the term; the change is saved in place.
    await page.click('portal-admin-glossary tbody button[aria-label="Edit “service delivery”"]');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'term-en');
    assert.equal(await page.$eval('#term-fr', (i) => (i as HTMLInputElement).value), 'prestation des services');
    await page.type('#term-notes', 'Say « prestation de services ».');
    await page.click('form.term-form button[type=submit]');
    await page.waitForFunction(() => document.querySelector('portal-admin-glossary [role=status]')?.textContent?.includes('“service delivery” was saved.'), { timeout: 10_000 });
    assert.equal(await text(page, '#term-form-heading'), 'Add a term');
  });

  it('imports a TMX memory into the department through tm-import, from the files section', async () => {
    const { page } = portal;
    const scratch = mkdtempSync(join(tmpdir(), 'demo-admin-'));
    try {
      const file = join(scratch, 'esdc-memory.tmx');
      writeFileSync(file, tmxOf([{ en: 'Maintains the grants register.', fr: 'Tient le registre des subventions.' }]));
      const input = (await page.$('portal-admin-files input[type=file][data-kind=tmx]')) as ElementHandle<HTMLInputElement>;
      await input.uploadFile(file);
      await page.waitForFunction(() => document.querySelector('portal-admin-files [role=status]')?.textContent?.includes('esdc-memory.tmx: 1 imported'), { timeout: 30_000 });
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
    const stored = await portal.stack.database.runAsOwner(async (tx) =>
      (await tx.query<{ organization_id: string }>(`select organization_id from public.tm_segments where source_text = 'Maintains the grants register.'`)).rows,
    );
    assert.deepEqual(stored, [{ organization_id: ESDC_ORGANIZATION_ID }]);
  });

  it('shows this month’s AI usage per provider and sets the budget and the provider order', async () => {
    const { page } = portal;
    await page.waitForSelector('portal-admin-ai table tbody tr', { timeout: 10_000 });
    assert.deepEqual(await rowsOf(page, 'portal-admin-ai'), ['Anthropic (Claude) 1 2,000 1,500 US$3.50', 'OpenAI 2 1,500 1,000 US$1.00']);
    assert.equal(await text(page, '.ai-summary'), 'US$4.50 spent this month; no monthly budget is set.');

    await page.type('#ai-budget', 'ten');
    await page.click('form.ai-settings button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#ai-error')?.textContent?.includes('Enter the budget as an amount'), { timeout: 10_000 });
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'ai-budget');

    await page.$eval('#ai-budget', (i) => ((i as HTMLInputElement).value = ''));
    await page.type('#ai-budget', '10');
    // The offline provider first, Anthropic not used.
    await page.click('#use-offline');
    for (let i = 0; i < 3; i++) await page.click('button[aria-label="Move Offline (memory, glossary and rules; no cost) up"]');
    await page.click('#use-anthropic');
    await page.click('form.ai-settings button[type=submit]');
    await page.waitForFunction(() => document.querySelector('portal-admin-ai [role=status]')?.textContent?.includes('The budget and providers were saved.'), { timeout: 10_000 });
    await page.waitForFunction(() => document.querySelector('.ai-summary')?.textContent?.includes('US$4.50 spent of a US$10.00 monthly budget.'), { timeout: 10_000 });
    const saved = await portal.stack.database.runAsOwner(async (tx) =>
      (await tx.query<{ order: string; budget: string }>(`select array_to_string(provider_order, ',') as order, monthly_budget_usd::text as budget from public.ai_settings`)).rows,
    );
    assert.deepEqual(saved, [{ order: 'offline,openai,local', budget: '10.00' }]);
  });

  it('keyboard: a provider moves with Enter and keeps the focus; a role changes from the keyboard alone', async () => {
    const { page } = portal;
    const focused = () => page.evaluate(() => ({ label: document.activeElement?.getAttribute('aria-label'), rank: [...document.querySelectorAll('#ai-order li')].findIndex((li) => li.contains(document.activeElement)) + 1 }));
    // Saved order above: offline, openai, local, anthropic (unused). Local moves up once.
    await page.focus('button[aria-label="Move Local server (OpenAI-compatible) up"]');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('#ai-order li:nth-child(2) label')?.textContent?.includes('Local server'), { timeout: 10_000 });
    assert.deepEqual(await focused(), { label: 'Move Local server (OpenAI-compatible) up', rank: 2 });
    await page.keyboard.press('Enter');
    // At the top its up button is disabled: the focus goes to its other button, never lost.
    await page.waitForFunction(() => document.querySelector('#ai-order li:nth-child(1) label')?.textContent?.includes('Local server'), { timeout: 10_000 });
    assert.deepEqual(await focused(), { label: 'Move Local server (OpenAI-compatible) down', rank: 1 });
    // Saved a second time: the department's settings row is updated in place.
    await page.$eval('#ai-budget', (i) => ((i as HTMLInputElement).value = ''));
    await page.type('#ai-budget', '12,5');
    await page.click('form.ai-settings button[type=submit]');
    await page.waitForFunction(() => document.querySelector('.ai-summary')?.textContent?.includes('US$4.50 spent of a US$12.50 monthly budget.'), { timeout: 10_000 });
    const saved = await portal.stack.database.runAsOwner(async (tx) =>
      (await tx.query<{ order: string; budget: string }>(`select array_to_string(provider_order, ',') as order, monthly_budget_usd::text as budget from public.ai_settings`)).rows,
    );
    assert.deepEqual(saved, [{ order: 'local,offline,openai', budget: '12.50' }]);

    const row = 'portal-admin-members tr[data-user="e5dc0000-0000-4000-a000-000000000103"]';
    await page.focus(`${row} select`);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Change role of Thérèse Traductrice');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('portal-admin-members [role=status]')?.textContent?.includes('The role of Thérèse Traductrice is now Reviewer.'), { timeout: 10_000 });
  });

  it('the audit log shows who did what, newest first, a page at a time', async () => {
    const { page } = portal;
    await page.waitForSelector('portal-admin-audit table tbody tr', { timeout: 10_000 });
    const rows = await rowsOf(page, 'portal-admin-audit');
    assert.equal(rows.length, 20, 'a page of 20');
    assert.match(rows[0]!, /Alain Admin Changed: membership role$/, 'the last change (the keyboard test’s) comes first');
    assert.ok(rows.some((r) => /Alain Admin Changed: AI settings provider_order, monthly_budget_usd/.test(r)), rows.join(' | '));
    assert.ok(rows.some((r) => /Alain Admin Changed: glossary term status/.test(r)), rows.join(' | '));
    assert.ok(rows.some((r) => /Alain Admin Added: glossary term/.test(r)), rows.join(' | '));
    assert.ok(rows.some((r) => /Alain Admin Changed: membership role/.test(r)), rows.join(' | '));
    assert.ok(rows.some((r) => /Alain Admin Added: AI settings —/.test(r)), rows.join(' | '));
    const times = await page.$$eval('portal-admin-audit tbody time', (list) => list.map((t) => Date.parse(t.getAttribute('datetime')!)));
    assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first');
    await page.click('portal-admin-audit nav.pager button:last-child');
    await page.waitForFunction(() => document.querySelector('portal-admin-audit caption')?.textContent?.includes('page 2'), { timeout: 10_000 });
    const older = await page.$$eval('portal-admin-audit tbody time', (list) => list.map((t) => Date.parse(t.getAttribute('datetime')!)));
    assert.ok(older.length > 0 && older[0]! <= times.at(-1)!, 'the next page is older');
  });

  it('someone who is not an admin has no menu entry and is told they lack access', async () => {
    const { page } = portal;
    await signOut(page);
    await signInWithPicker(portal, 'reviewer@esdc.example');
    assert.deepEqual(await page.$$eval('nav.menu a', (links) => links.map((a) => a.textContent?.trim())), ['Job descriptions', 'Review queue']);
    page.on('request', (request) => {
      if (/ai_usage_by_provider|audit_log|glossary_terms|ai_settings/.test(request.url())) adminRequests.push(request.url());
    });
    await openFresh(portal, '#/fr/admin');
    await page.waitForSelector('portal-admin-page .admin-no-access', { timeout: 20_000 });
    assert.equal(await text(page, '.admin-no-access'), 'Vous n’avez pas accès à cette page. Seuls les administrateurs et administratrices d’un ministère la gèrent.');
    assert.equal(await page.$('portal-admin-members, portal-admin-audit'), null);
    assert.deepEqual(adminRequests, [], 'no admin data is asked for');
  });

  it('no page error along the way', () => {
    assert.deepEqual(portal.pageErrors, []);
    // The refused demotion above is the one request the database answered with an error (and
    // the browser's one line about it).
    assert.equal(portal.failedRequests.length, 1, portal.failedRequests.join('\n'));
    assert.match(portal.failedRequests[0]!, /^403 .*\/rest\/v1\/memberships/);
    assert.deepEqual(portal.consoleErrors, ['Failed to load resource: the server responded with a status of 403 (Forbidden)']);
  });
});
