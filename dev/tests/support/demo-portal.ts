// The demo portal as `npm start` serves it, for the browser tests of the demo (site, layout,
// accessibility): the real stack in memory on free ports, the Vite-served portal, and one
// Chromium (puppeteer-core) with one page that records page errors and failed requests.
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { startStack } from '../../stack.js';
import { startDemoServer } from '../../demo-server.js';
import type { RunningStack, StackOptions } from '../../stack-types.js';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** The seeded ESDC job description (supabase/seed.sql). */
export const ESDC_DOCUMENT_ID = 'e5dc0000-0000-4000-a000-00000000d001';

export interface DemoPortal {
  stack: RunningStack;
  browser: Browser;
  page: Page;
  /** The portal's address for a hash route, e.g. `#/fr/documents`. */
  url(route: string): string;
  pageErrors: string[];
  /** Errors the page logged (a second copy of Yjs, a failed resource, …). */
  consoleErrors: string[];
  failedRequests: string[];
  stop(): Promise<void>;
}

/** What `npm start` runs, without a browser: the stack in memory on free ports and the Vite-served portal. */
export interface DemoStack {
  stack: RunningStack;
  /** The portal's address for a hash route, e.g. `#/fr/documents`. */
  url(route: string): string;
  stop(): Promise<void>;
}

/** Starts `npm start`'s stack and demo site; `options` overrides the stack's settings (e.g. no AI keys). */
export async function startDemoStack(options: Pick<StackOptions, 'functionSecrets'> = {}): Promise<DemoStack> {
  const stack = await startStack({ dataDir: 'memory', apiPort: 0, dbPort: 0, syncPort: 0, signalingPort: 0, log: () => {}, ...options });
  const demo = await startDemoServer({ apiUrl: stack.apiUrl, anonKey: stack.anonKey, syncUrl: stack.syncUrl, signalingUrl: stack.signalingUrl, port: 0 }).catch(async (error: unknown) => {
    await stack.stop();
    throw error;
  });
  const base = demo.url.replace(/\/$/, '');
  return {
    stack,
    url: (route) => `${base}/${route}`,
    async stop() {
      await demo.stop();
      await stack.stop();
    },
  };
}

export async function startDemoPortal(): Promise<DemoPortal> {
  const demo = await startDemoStack();
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const page = await browser.newPage();
  const pageErrors: string[] = [];
  const failedRequests: string[] = [];
  const consoleErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 400) failedRequests.push(`${response.status()} ${response.url()}`);
  });
  return {
    stack: demo.stack,
    browser,
    page,
    url: demo.url,
    pageErrors,
    consoleErrors,
    failedRequests,
    async stop() {
      await browser.close();
      await demo.stop();
    },
  };
}

/** Signs in by picking a demo account on the sign-in page; resolves once the document list shows. */
export async function signInWithPicker(portal: DemoPortal, email: string, lang: 'en' | 'fr' = 'en'): Promise<void> {
  const { page } = portal;
  await page.goto(portal.url(`#/${lang}/sign-in`), { waitUntil: 'load' });
  const button = await page.waitForSelector(`button.account[data-email="${email}"]`, { timeout: 20_000 });
  await button!.click();
  await page.waitForSelector('portal-documents-page table.documents', { timeout: 20_000 });
}

/** Opens a page by its address in a fresh load (not a hash change), as a bookmark would. */
export async function openFresh(portal: DemoPortal, route: string): Promise<void> {
  await portal.page.goto('about:blank');
  await portal.page.goto(portal.url(route), { waitUntil: 'load' });
}

/** Waits until the editor shows text in both panes (the document page is ready to look at). */
export async function waitForEditorText(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const editor = document.querySelector('jd-editor') as (HTMLElement & { getView(l: string): { state: { doc: { textContent: string } } } | null }) | null;
      return (editor?.getView('en')?.state.doc.textContent.length ?? 0) > 100 && (editor?.getView('fr')?.state.doc.textContent.length ?? 0) > 100;
    },
    { timeout: 30_000 },
  );
}
