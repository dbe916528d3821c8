// Issue 14 item 5 and acceptance criterion 4: in the demo portal (the real stack, the Vite-served
// portal, Chromium), an editor imports an English and a French Word file written with `docx`;
// the steps show as they happen; the new job description opens in <jd-editor> with the
// recognised sections in both panes. A missing file and an unreadable file get a clear message in
// the UI language, and nothing is created.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ElementHandle, Page } from 'puppeteer-core';
import { signInWithPicker, startDemoPortal, type DemoPortal } from './support/demo-portal.js';
import { LEGACY_EN, LEGACY_FR, legacyDocx } from './support/legacy-docx.js';

const text = (page: Page, selector: string) => page.$eval(selector, (element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim());

/** The section headings of one pane of the editor, in order. */
const paneHeadings = (page: Page, lang: 'en' | 'fr') =>
  page.evaluate((l) => {
    const editor = document.querySelector('jd-editor') as (HTMLElement & { getView(l: string): { state: { doc: { descendants(f: (node: { type: { name: string }; textContent: string }) => void): void } } } | null }) | null;
    const headings: string[] = [];
    editor?.getView(l)?.state.doc.descendants((node) => {
      if (node.type.name === 'heading') headings.push(node.textContent);
    });
    return headings;
  }, lang);

async function upload(page: Page, selector: string, file: string): Promise<void> {
  const input = (await page.$(selector)) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(file);
}

describe('demo portal: import from Word', { timeout: 240_000 }, () => {
  let portal: DemoPortal;
  let scratch: string;
  const files = { en: '', fr: '', broken: '' };

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'demo-import-'));
    files.en = join(scratch, 'program-officer-en.docx');
    files.fr = join(scratch, 'agent-programme-fr.docx');
    files.broken = join(scratch, 'agent-programme-fr.pdf');
    writeFileSync(files.en, await legacyDocx(LEGACY_EN));
    writeFileSync(files.fr, await legacyDocx(LEGACY_FR));
    writeFileSync(files.broken, new Uint8Array([0x25, 0x50, 0x44, 0x46, 0, 1, 2, 3, 0xff]));
    portal = await startDemoPortal();
    await portal.page.setViewport({ width: 1366, height: 1000 });
    await signInWithPicker(portal, 'editor@esdc.example');
  });
  after(async () => {
    await portal?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('names the missing file and the unreadable one, in French, and creates nothing', async () => {
    const { page } = portal;
    await page.goto(portal.url('#/fr/documents'), { waitUntil: 'load' });
    await page.waitForSelector('table.documents tbody tr', { timeout: 20_000 });
    const before = (await page.$$('table.documents tbody tr')).length;
    await page.click('a.button-link');
    await page.waitForSelector('portal-import-page form', { timeout: 10_000 });
    assert.equal(await text(page, 'h1'), 'Importer une description de travail depuis Word');

    await upload(page, '#import-en', files.en);
    await page.click('portal-import-page button[type=submit]');
    await page.waitForSelector('#import-error', { timeout: 10_000 });
    assert.equal(await text(page, '#import-error'), 'Choisissez le fichier français avant d’importer.');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'import-fr', 'focus goes to the file that is missing');
    assert.equal(await page.$eval('#import-fr', (input) => input.getAttribute('aria-invalid')), 'true');

    await upload(page, '#import-fr', files.broken);
    await page.click('portal-import-page button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#import-error')?.textContent?.includes('illisible'), { timeout: 30_000 });
    assert.equal(
      await text(page, '#import-error'),
      'Rien n’a été importé. Le fichier français (agent-programme-fr.pdf) est illisible : ce n’est pas un fichier Word (.docx), HTML ou texte brut (UTF-8).',
    );
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'import-error', 'focus goes to the message');

    await page.goto(portal.url('#/fr/documents'), { waitUntil: 'load' });
    await page.waitForSelector('table.documents tbody tr', { timeout: 20_000 });
    assert.equal((await page.$$('table.documents tbody tr')).length, before, 'nothing was created');
  });

  it('imports a Word pair, shows the steps, and opens the new job description with its sections in both panes', async () => {
    const { page } = portal;
    await page.goto(portal.url('#/en/import'), { waitUntil: 'load' });
    await page.waitForSelector('portal-import-page form', { timeout: 20_000 });
    assert.equal(await text(page, 'h1'), 'Import a job description from Word');
    // Every step the page shows as current, in order.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seenSteps: string[] }).seenSteps = seen;
      new MutationObserver(() => {
        const current = document.querySelector('.import-step.current')?.textContent?.replace(/\s+/g, ' ').trim();
        if (current && seen.at(-1) !== current) seen.push(current);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await upload(page, '#import-en', files.en);
    await upload(page, '#import-fr', files.fr);
    await page.click('portal-import-page button[type=submit]');

    // The new document opens with its alignment in the translation memory's Alignment tab.
    await page.waitForFunction(() => /^#\/en\/documents\/[0-9a-f-]{36}\/alignment\/[0-9a-f-]{36}$/.test(location.hash), { timeout: 60_000 });
    const steps = await page.evaluate(() => (window as unknown as { seenSteps: string[] }).seenSteps);
    // Steps that follow each other within one render may not all be seen; those seen are in order.
    const order = ['Sending the files', 'Reading the files', 'Recognising the sections and aligning the sentences', 'Creating the job description'];
    const seen = steps.map((s) => order.indexOf(s.replace(/\s*\(in progress\)$/, '').replace(/^…\s*/, '')));
    assert.equal(seen[0], 0, `the first step shown is sending the files: ${steps.join(' | ')}`);
    assert.ok(seen.every((index, i) => index >= 0 && (i === 0 || index > seen[i - 1]!)), steps.join(' | '));
    await page.waitForFunction(() => (document.querySelector('jd-editor') as (HTMLElement & { getView(l: string): { state: { doc: { childCount: number } } } | null }) | null)?.getView('fr')?.state.doc.childCount === 6, { timeout: 30_000 });
    assert.deepEqual(await paneHeadings(page, 'en'), ['1. Client Service Results', '2. Key Activities:', 'SKILL', 'Effort', 'Responsibility', 'Working Conditions']);
    assert.deepEqual(await paneHeadings(page, 'fr'), ['1. Résultats axés sur le service à la clientèle', '2. Activités principales :', 'COMPÉTENCES', 'Effort', 'Responsabilité', 'Conditions de travail']);
    await page.waitForFunction(() => document.querySelector('h1')?.textContent?.trim() === 'Program Officer', { timeout: 20_000 });
    const panes = await page.evaluate(() => {
      const editor = document.querySelector('jd-editor') as HTMLElement & { getView(l: string): { state: { doc: { textContent: string } } } | null };
      return { en: editor.getView('en')!.state.doc.textContent, fr: editor.getView('fr')!.state.doc.textContent };
    });
    assert.match(panes.en, /Monitors 25 contribution agreements a year\./);
    assert.match(panes.fr, /Surveille 25 accords de contribution par année\./);

    // The pair's sentences are offered for the TM: the workbench shows the imported alignment.
    const workbenchPairs = () =>
      page.evaluate(() => {
        const concordance = document.querySelector('jd-concordance') as (HTMLElement & { view: string }) | null;
        const workbench = concordance?.shadowRoot?.querySelector('jd-alignment-workbench') as (HTMLElement & { pairs: readonly { en: readonly string[]; fr: readonly string[]; status: string }[] }) | null;
        return { view: concordance?.view, pairs: workbench?.pairs.map((p) => ({ en: p.en.join(' '), fr: p.fr.join(' '), status: p.status })) ?? [] };
      });
    await page.waitForFunction(() => {
      const workbench = document.querySelector('jd-concordance')?.shadowRoot?.querySelector('jd-alignment-workbench') as (HTMLElement & { pairs: readonly unknown[] }) | null;
      return (workbench?.pairs.length ?? 0) > 0;
    }, { timeout: 30_000 });
    const shown = await workbenchPairs();
    assert.equal(shown.view, 'alignment');
    assert.ok(
      shown.pairs.some((p) => p.en === 'Monitors 25 contribution agreements a year.' && p.fr === 'Surveille 25 accords de contribution par année.' && p.status === 'pending'),
      JSON.stringify(shown.pairs.slice(0, 6)),
    );
    assert.deepEqual(portal.pageErrors, []);
  });
});
