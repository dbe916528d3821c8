// Issue 19, criterion 1: the whole flow of the demo portal end to end, as people do it, against
// what `npm start` runs (the stack in memory on free ports, the Vite-served demo, no AI key so
// the offline provider answers), with playwright-core driving the Debian Chromium. An editor
// signs in through the picker, opens the seeded job description, edits the English and the French
// text, comments on a sentence, has the AI improve it and accepts, inserts a translation-memory
// match found in <jd-concordance>, sees the compliance findings and clears the one the insert
// raised, and submits for review; a reviewer in a second browser context approves, and the
// editor's page shows the approved, read-only document. After every step the test asserts what
// the person sees and saves a screenshot as test-artifacts/e2e/<nn>-<step>.png.
import assert from 'node:assert/strict';
import { mkdir, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { ESDC_DOCUMENT_ID, startDemoStack, type DemoStack } from './support/demo-portal.js';
import { signInDemoUser } from './stack-fixture.js';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const ARTIFACTS = resolve(import.meta.dirname, '../../test-artifacts/e2e');
/** Long enough for a loaded 2-core machine (the first page load builds the demo with Vite). */
const STEP_TIMEOUT = 30_000;

const TITLE = 'Program Officer, Grants and Contributions';
/** The seeded key activity the new lines follow (the last one of the section, in each language). */
const LAST_ACTIVITY = { en: 'Maintains accurate records in the grants', fr: 'Tient à jour des dossiers exacts' } as const;
const NEW_EN = 'He manages the regional budget.';
const IMPROVED_EN = 'They manage the regional budget.';
const NEW_FR = 'Gère le budget régional.';
const COMMENT = 'Which budget? Name the program it funds.';
/** A shared translation-memory segment (supabase/seed.sql) and its translation. */
const TM_SOURCE = 'Prepares briefing notes and presentations for senior management.';
const TM_TARGET = "Prépare des notes d'information et des présentations à l'intention de la haute direction.";

/** Text as a person sees it, spaces collapsed. */
async function visibleText(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

describe('demo portal end to end (issue 19 criterion 1)', { timeout: 300_000 }, () => {
  let demo: DemoStack;
  let browser: Browser;
  const pageErrors: string[] = [];
  let shot = 0;

  /** Saves what the page shows, `focus` scrolled into view first (what the step changed). */
  async function screenshot(page: Page, step: string, focus?: Locator): Promise<void> {
    await focus?.scrollIntoViewIfNeeded();
    shot += 1;
    await page.screenshot({ path: resolve(ARTIFACTS, `${String(shot).padStart(2, '0')}-${step}.png`) });
  }

  async function newPerson(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-CA' });
    context.setDefaultTimeout(STEP_TIMEOUT);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    return { context, page };
  }

  /** Signs in by picking the account on the demo's sign-in page; resolves once the job descriptions are listed. */
  async function signIn(page: Page, name: string): Promise<void> {
    await page.goto(demo.url('#/en/sign-in'));
    await page.getByRole('button', { name: new RegExp(name) }).click();
    await page.getByRole('link', { name: TITLE }).waitFor();
  }

  /** Opens the seeded job description from the list; resolves once both panes show its text. */
  async function openSeededDocument(page: Page): Promise<void> {
    await page.getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await pane(page, 'en').getByText(LAST_ACTIVITY.en).waitFor();
    await pane(page, 'fr').getByText(LAST_ACTIVITY.fr).waitFor();
  }

  const pane = (page: Page, lang: 'en' | 'fr') => page.getByRole('textbox', { name: lang === 'en' ? 'English text' : 'French text', exact: true });
  const reviewBadge = (page: Page) => page.locator('jd-editor [part~="review-badge"]');

  /** Puts the caret at the end of the last key activity and starts a new one (Enter), as a person would. */
  async function newKeyActivity(page: Page, lang: 'en' | 'fr'): Promise<void> {
    const last = pane(page, lang).getByText(LAST_ACTIVITY[lang]);
    // The line may wrap: Ctrl+End would leave the section, End only reaches the end of a visual
    // line. A click in its last line's bottom right corner, then End.
    const box = (await last.boundingBox())!;
    await last.click({ position: { x: box.width - 2, y: box.height - 4 } });
    await page.keyboard.press('End');
    // ProseMirror reads the browser's selection on selectionchange; on a loaded machine an Enter
    // sent before that lands nowhere useful. Wait until the caret is at the paragraph's end, then
    // until Enter has made the new empty paragraph.
    const caret = (expectEmpty: boolean) =>
      page.waitForFunction(
        ({ lang, text, expectEmpty }) => {
          const view = (document.querySelector('jd-editor') as unknown as { getView(l: string): { state: { selection: { empty: boolean; $from: { parent: { textContent: string; type: { name: string } }; parentOffset: number } } } } }).getView(lang);
          const { selection } = view.state;
          const { parent, parentOffset } = selection.$from;
          if (!selection.empty) return false;
          return expectEmpty ? parent.type.name === 'paragraph' && parent.textContent === '' : parent.textContent.startsWith(text) && parentOffset === parent.textContent.length;
        },
        { lang, text: LAST_ACTIVITY[lang], expectEmpty },
      );
    await caret(false);
    await page.keyboard.press('Enter');
    await caret(true);
  }

  /** Selects a whole line of a pane by keyboard (click at its end, Shift+Home). */
  async function selectLine(page: Page, lang: 'en' | 'fr', text: string): Promise<void> {
    const line = pane(page, lang).getByText(text, { exact: true });
    const box = (await line.boundingBox())!;
    await line.click({ position: { x: box.width - 2, y: box.height / 2 } });
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+Home');
    // ProseMirror reads the browser's selection on its selectionchange event: wait for it.
    await page.waitForFunction(
      ({ lang, text }) => {
        const state = (document.querySelector('jd-editor') as unknown as { getView(l: string): { state: { selection: { from: number; to: number }; doc: { textBetween(a: number, b: number): string } } } }).getView(lang).state;
        return state.doc.textBetween(state.selection.from, state.selection.to) === text;
      },
      { lang, text },
    );
  }

  before(async () => {
    await rm(ARTIFACTS, { recursive: true, force: true });
    await mkdir(ARTIFACTS, { recursive: true });
    // No provider key: the `ai-assist` function answers with its offline provider.
    demo = await startDemoStack({ functionSecrets: {} });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });

  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it('an editor edits, comments, improves with AI, inserts a TM match, checks compliance and submits; a reviewer approves', async () => {
    const { page } = await newPerson();
    try {
      await editorAndReviewer(page);
    } catch (error) {
      // What the pages showed when a step failed.
      for (const [index, open] of browser.contexts().flatMap((c) => c.pages()).entries()) await open.screenshot({ path: resolve(ARTIFACTS, `failed-${index}.png`) }).catch(() => undefined);
      throw error;
    }
  });

  /** The flow, from the editor's page (`page`); the reviewer gets a second browser context. */
  async function editorAndReviewer(page: Page): Promise<void> {
    await signIn(page, 'Eddie Editor');
    assert.match(await visibleText(page.locator('.who-name')), /Eddie Editor/);
    await screenshot(page, 'signed-in');

    await openSeededDocument(page);
    assert.equal(await reviewBadge(page).getAttribute('data-status'), 'draft');
    await screenshot(page, 'document');

    // Both languages: a new key activity in each pane.
    await newKeyActivity(page, 'en');
    await page.keyboard.type(NEW_EN);
    // A new paragraph (a key activity), not a sub-heading (elements/core/schema.ts).
    await pane(page, 'en').locator('p').getByText(NEW_EN, { exact: true }).waitFor();
    // The live compliance check flags the generic "He" (the AI step below rewrites it).
    const pronounFinding = page.locator('jd-compliance [part="finding"][data-rule="inclusive.generic-pronoun"]');
    await pronounFinding.waitFor();
    assert.match(await visibleText(pronounFinding), /^A gendered pronoun refers to whoever holds .* English He → They /);
    await screenshot(page, 'english-edited', pane(page, 'en').getByText(NEW_EN, { exact: true }));

    await newKeyActivity(page, 'fr');
    await page.keyboard.type(NEW_FR);
    await pane(page, 'fr').locator('p').getByText(NEW_FR, { exact: true }).waitFor();
    await screenshot(page, 'french-edited', pane(page, 'fr').getByText(NEW_FR, { exact: true }));

    // A comment on the new English line: select it, Comment, write, Add comment.
    await selectLine(page, 'en', NEW_EN);
    await page.locator('jd-editor').getByRole('button', { name: 'Comment', exact: true }).click();
    const compose = page.getByRole('form', { name: `New comment on “${NEW_EN}”` });
    await compose.getByRole('textbox', { name: 'Comment' }).fill(COMMENT);
    await compose.getByRole('button', { name: 'Add comment' }).click();
    const thread = page.locator('jd-comments').getByRole('listitem').filter({ hasText: COMMENT });
    await thread.waitFor();
    // The thread quotes the selected text and names its author.
    assert.ok((await visibleText(thread)).startsWith(`${NEW_EN} Eddie Editor · `), await visibleText(thread));
    await screenshot(page, 'commented', thread);

    // AI improve on the same line: the offline provider rewrites the generic "He"; accept all.
    await selectLine(page, 'en', NEW_EN);
    const ai = page.locator('jd-editor [part="ai"]');
    await ai.getByRole('combobox', { name: 'Task' }).selectOption('improve');
    assert.match(await visibleText(ai.locator('[data-ai-where]')), /the selection in the English text/);
    await ai.getByRole('button', { name: 'Suggest' }).click();
    await ai.locator('[data-ai-diff]').waitFor();
    // The diff shows the rewrite as word changes; the list under it names each one.
    assert.match(await visibleText(ai.locator('[data-ai-changes]')), /replace “He” with “They”.*replace “manages” with “manage”|replace “He manages” with “They manage”/);
    assert.match(await visibleText(ai.locator('[data-ai-meta]')), /offline/);
    await screenshot(page, 'ai-suggestion', ai.locator('[data-ai-diff]'));
    await ai.getByRole('button', { name: 'Accept all' }).click();
    await pane(page, 'en').getByText(IMPROVED_EN, { exact: true }).waitFor();
    assert.equal(await pane(page, 'en').getByText(NEW_EN, { exact: true }).count(), 0);
    await pronounFinding.waitFor({ state: 'detached' });
    await screenshot(page, 'ai-accepted', pane(page, 'en').getByText(IMPROVED_EN, { exact: true }));

    // Translation memory: a new, empty French key activity; search the shared memory, insert the match.
    await newKeyActivity(page, 'fr');
    const concordance = page.locator('jd-concordance');
    await concordance.getByRole('searchbox', { name: 'Sentence or phrase' }).fill(TM_SOURCE);
    await concordance.getByRole('button', { name: 'Search', exact: true }).click();
    const insert = concordance.getByRole('button', { name: `Insert into the French text: ${TM_TARGET}` });
    await insert.waitFor();
    await screenshot(page, 'tm-match', insert);
    await insert.click();
    await pane(page, 'fr').getByText(TM_TARGET, { exact: true }).waitFor();
    await screenshot(page, 'tm-inserted', pane(page, 'fr').getByText(TM_TARGET, { exact: true }));

    // Compliance: the French text now has one key activity more than the English; the live check lists it.
    const countFinding = page.locator('jd-compliance [part="finding"][data-rule="bilingual.key-activity-count"]');
    await countFinding.waitFor();
    assert.equal(await countFinding.getAttribute('data-severity'), 'error');
    assert.match(await visibleText(countFinding), /do not list the same number of key activities\. \(English 8, French 9\)/);
    await screenshot(page, 'compliance-finding', countFinding);
    // Writing the English key activity clears it.
    await newKeyActivity(page, 'en');
    await page.keyboard.type(TM_SOURCE);
    await countFinding.waitFor({ state: 'detached' });
    assert.equal(await page.locator('jd-compliance [part="finding"][data-severity="error"]').count(), 0);
    await screenshot(page, 'compliance-cleared', page.locator('jd-compliance'));

    // Submit: the stored findings (what "Submit for review" reads) trail typing by the sync
    // server's projection debounce; wait until they carry no error, as a person would see the panel settle.
    await waitForStoredErrors(0);
    await page.locator('jd-editor').getByRole('button', { name: 'Submit for review' }).click();
    await page.locator('jd-editor [part~="review-badge"][data-status="in_review"]').waitFor();
    await page.locator('portal-document-page .status-in_review').waitFor();
    assert.equal(await pane(page, 'en').getAttribute('aria-readonly'), 'true');
    await screenshot(page, 'submitted');

    // The reviewer, in a second browser context, approves.
    const reviewer = await newPerson();
    await signIn(reviewer.page, 'Rachel Reviewer');
    // The portal's review queue lists the submitted job description.
    await reviewer.page.getByRole('navigation', { name: 'Portal menu' }).getByRole('link', { name: 'Review queue' }).click();
    await reviewer.page.getByRole('heading', { level: 1, name: 'Review queue' }).waitFor();
    await reviewer.page.getByRole('table', { name: 'Waiting for review (1)' }).getByRole('link', { name: TITLE }).waitFor();
    await screenshot(reviewer.page, 'review-queue');
    await openSeededDocument(reviewer.page);
    await pane(reviewer.page, 'en').getByText(IMPROVED_EN, { exact: true }).waitFor();
    await pane(reviewer.page, 'fr').getByText(TM_TARGET, { exact: true }).waitFor();
    await reviewer.page.locator('jd-comments').getByRole('listitem').filter({ hasText: COMMENT }).waitFor();
    await screenshot(reviewer.page, 'reviewer-opens');
    await reviewer.page.locator('jd-editor').getByRole('button', { name: 'Approve', exact: true }).click();
    await reviewer.page.locator('jd-editor [part~="review-badge"][data-status="approved"]').waitFor();
    await screenshot(reviewer.page, 'reviewer-approved');

    // The editor's page follows: approved (the editor's badge and the portal's status beside it,
    // which listens to jd-workflow), and the text is read-only.
    await page.locator('jd-editor [part~="review-badge"][data-status="approved"]').waitFor();
    assert.equal(await visibleText(page.locator('portal-document-page .document-facts .status')), 'Approved');
    await page.locator('jd-editor').getByText(/Approved: the text is locked|Approved on/).first().waitFor();
    assert.equal(await pane(page, 'en').getAttribute('aria-readonly'), 'true');
    assert.equal(await pane(page, 'fr').getAttribute('aria-readonly'), 'true');
    // Typing changes nothing.
    const approvedText = await pane(page, 'en').textContent();
    await pane(page, 'en').getByText(IMPROVED_EN, { exact: true }).click();
    await page.keyboard.type('Not any more.');
    assert.equal(await pane(page, 'en').textContent(), approvedText);
    await screenshot(page, 'editor-sees-approved', page.locator('jd-editor [part~="review-badge"]'));

    assert.deepEqual(pageErrors, []);
    await reviewer.context.close();
    await page.context().close();
  }

  /** Waits until the seeded document's stored open compliance errors number `count` (read as the editor). */
  async function waitForStoredErrors(count: number): Promise<void> {
    const { supabase } = await signInDemoUser(demo.stack, 'editor@esdc.example');
    const deadline = Date.now() + STEP_TIMEOUT;
    for (;;) {
      const { count: open, error } = await supabase
        .from('compliance_findings')
        .select('id', { count: 'exact', head: true })
        .eq('document_id', ESDC_DOCUMENT_ID)
        .eq('severity', 'error')
        .eq('status', 'open')
        .eq('source', 'rules');
      if (error) throw new Error(`compliance_findings: ${error.message}`);
      if (open === count) return;
      if (Date.now() > deadline) throw new Error(`the stored open errors are ${open}, not ${count}`);
      await new Promise((done) => setTimeout(done, 250));
    }
  }
});
