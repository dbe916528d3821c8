// The static Storybook as a person's browser shows it: the build folder served over loopback
// HTTP, one headless Debian Chromium (playwright-core) and a few tabs, each reused for story
// after story, recording the console errors, uncaught page errors and failed requests each
// story or docs page causes.
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Hono } from 'hono';
import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { chromium, type Browser, type Page } from 'playwright-core';

const CHROMIUM = process.env['CHROME_PATH'] ?? '/usr/bin/chromium';
const VIEWPORT = { width: 1366, height: 900 };

/** What went wrong while one story or docs page was open; empty when it rendered cleanly. */
export type Problems = string[];

export interface StorybookTab {
  page: Page;
  /** Opens `iframe.html?id=<id>&viewMode=<mode>` and waits until it has rendered; returns its problems. */
  open(id: string, viewMode: 'story' | 'docs', expectedTag: string): Promise<Problems>;
  /** Saves what the page shows now at each width (px) as `<folder>/<name>-<width>.png`. */
  screenshot(folder: string, name: string, widths: readonly number[]): Promise<void>;
}

export interface StorybookBrowser {
  baseUrl: string;
  /** A new tab with storage of its own (sign-ins, document caches), apart from the other tabs'. */
  tab(): Promise<StorybookTab>;
  close(): Promise<void>;
}

function serveFolder(root: string): Promise<{ server: ServerType; url: string }> {
  const app = new Hono();
  // Chromium asks every new origin for /favicon.ico, which a Storybook build does not have: no
  // icon, rather than a 404 in the console of the first page opened.
  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.use('*', serveStatic({ root }));
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) =>
      resolve({ server, url: `http://127.0.0.1:${info.port}` }),
    );
  });
}

/**
 * In the page: whether the story (or docs page) has finished rendering. Storybook's preview
 * (window.__STORYBOOK_PREVIEW__) keeps the current render; a story's ends in the phase
 * `completed`, then `finished` (after its loaders, render, play function and afterEach), or `errored`; a docs page is done once
 * its blocks are drawn (the component's description and its arguments table).
 */
function renderState(viewMode: 'story' | 'docs'): 'completed' | 'errored' | null {
  const preview = (window as unknown as { __STORYBOOK_PREVIEW__?: { currentRender?: { phase?: string } } }).__STORYBOOK_PREVIEW__;
  if (document.body.classList.contains('sb-show-errordisplay')) return 'errored';
  if (viewMode === 'story') {
    const phase = preview?.currentRender?.phase;
    if (phase === 'errored' || phase === 'aborted') return 'errored';
    return phase === 'completed' || phase === 'finished' ? 'completed' : null;
  }
  const docs = document.querySelector('#storybook-docs .sbdocs-content');
  return docs?.querySelector('.docblock-argstable') && docs.querySelector('h1') ? 'completed' : null;
}

/**
 * In the page: what is wrong with the rendered element `tag`, or null when it is upgraded and
 * draws something (its shadow root holds elements or text), and, where the story signs a demo
 * account in, the session around it is signed in. With `untilFine` it answers whether nothing
 * is wrong (a condition to wait for). Self-contained: Playwright sends its source to the page.
 */
function elementProblem({ tag, viewMode, untilFine }: { tag: string; viewMode: 'story' | 'docs'; untilFine: boolean }): string | boolean | null {
  // No named inner function: tsx (esbuild keepNames) would wrap it in a __name() the page lacks.
  const problem = ((): string | null => {
    const root = viewMode === 'story' ? document.querySelector('#storybook-root') : document.querySelector('#storybook-docs');
    const element = root?.querySelector(tag);
    if (!element) return `no <${tag}> on the page`;
    const definition = customElements.get(tag);
    if (!definition || !(element instanceof definition)) return `<${tag}> is not upgraded (custom element not defined)`;
    const shadow = element.shadowRoot;
    if (!shadow) return `<${tag}> has no shadow root`;
    const drawn = [...shadow.children].some((child) => child.localName !== 'style') || (shadow.textContent ?? '').trim() !== '';
    if (!drawn) return `<${tag}>'s shadow root is empty`;
    if (viewMode === 'story') {
      const args = (window as unknown as { __STORYBOOK_PREVIEW__?: { currentRender?: { story?: { initialArgs?: Record<string, unknown> } } } })
        .__STORYBOOK_PREVIEW__?.currentRender?.story?.initialArgs;
      const session = root!.querySelector('jd-session');
      if (args?.['user'] && session && !session.matches(':state(signed-in)')) return `<jd-session> is not signed in as ${String(args['user'])}`;
    }
    return null;
  })();
  return untilFine ? problem === null : problem;
}

/** One tab: its own browser context (storage) and page, reused for every story it opens. */
async function openTab(browser: Browser, baseUrl: string): Promise<StorybookTab> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  let problems: Problems = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // Where it was logged: Playwright cannot always turn the arguments into text.
    const { url, lineNumber } = message.location();
    problems.push(`console error: ${message.text()}${url ? ` (${url.replace(baseUrl, '')}:${lineNumber})` : ''}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  // Chromium's console line for a failed request does not name it: the response does.
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()} ${response.request().method()} ${response.url()}`);
  });
  return {
    page,
    async open(id, viewMode, expectedTag) {
      problems = [];
      await page.goto(`${baseUrl}/iframe.html?id=${encodeURIComponent(id)}&viewMode=${viewMode}`);
      const state = await page
        .waitForFunction(renderState, viewMode, { timeout: 30_000, polling: 100 })
        .then((handle) => handle.jsonValue())
        .catch(() => 'timed out');
      if (state !== 'completed') {
        const shown = await page.locator('#error-message, #error-stack').allInnerTexts().catch(() => []);
        problems.push(`did not render (${state})${shown.length ? `: ${shown.join(' ').trim().slice(0, 500)}` : ''}`);
        return problems;
      }
      // Requests the render started (data, sign-ins) settle before the page is judged and left.
      await page.waitForLoadState('networkidle');
      // Waits for the element to draw; after the timeout, what is still wrong is reported.
      const fine = await page
        .waitForFunction(elementProblem, { tag: expectedTag, viewMode, untilFine: true }, { timeout: 15_000, polling: 100 })
        .then(() => true, () => false);
      const problem = fine ? null : await page.evaluate(elementProblem, { tag: expectedTag, viewMode, untilFine: false });
      if (typeof problem === 'string') problems.push(problem);
      return problems;
    },
    async screenshot(folder, name, widths) {
      await mkdir(folder, { recursive: true });
      for (const width of widths) {
        await page.setViewportSize({ width, height: VIEWPORT.height });
        // The layout follows the new width once a frame has been drawn at it.
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        await page.screenshot({ path: join(folder, `${name}-${width}.png`), fullPage: true });
      }
      await page.setViewportSize(VIEWPORT);
    },
  };
}

/** Serves `folder` and starts one Chromium; tabs are opened on it with `tab()`. */
export async function openStorybook(folder: string): Promise<StorybookBrowser> {
  const { server, url } = await serveFolder(folder);
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
  } catch (error) {
    server.close();
    throw error;
  }
  return {
    baseUrl: url,
    tab: () => openTab(browser, url),
    async close() {
      await browser.close();
      server.close();
    },
  };
}
