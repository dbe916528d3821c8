// A PDF as a person's browser sees it: pdfjs-dist (the PDF reader of Firefox) in headless
// Chromium (puppeteer-core) extracts its text, per column, and draws its first page to a PNG.
// It runs in the browser because pdfjs-dist 6 needs a newer JavaScript than Node 20 offers. A
// loopback HTTP server hands the page pdfjs-dist's module and worker; the PDF goes in as base64.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { projectRoot } from '../../../scripts/run-command.ts';

const PDFJS = join(projectRoot, 'node_modules/pdfjs-dist/build');
const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';

const PAGE = `<!doctype html><meta charset="utf-8"><body style="margin:0;background:#888">
<canvas id="page"></canvas>
<script type="module">
  import * as pdfjs from '/pdf.mjs';
  pdfjs.GlobalWorkerOptions.workerSrc = '/pdf.worker.mjs';
  const open = (base64) => pdfjs.getDocument({ data: Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)) });
  // Every page's text items as drawn, each with its column: 0 (left of the page's middle) or 1.
  const pagesOfItems = async (base64) => {
    const task = open(base64);
    const pdf = await task.promise;
    const pages = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const middle = page.getViewport({ scale: 1 }).width / 2;
      const items = (await page.getTextContent()).items.filter((item) => 'str' in item);
      pages.push(items.map((item) => ({ str: item.str, column: item.transform[4] < middle ? 0 : 1, y: Math.round(item.transform[5]) })));
    }
    await task.destroy();
    return pages;
  };
  window.pdfPages = async (base64, columns) =>
    (await pagesOfItems(base64)).map((items) =>
      Array.from({ length: columns }, (_, column) => items.filter((item) => columns === 1 || item.column === column).map((item) => item.str).join(' ')),
    );
  // Lines drawn over one another: two text items of one column on one page at the same height.
  window.pdfOverlaps = async (base64) =>
    (await pagesOfItems(base64)).flatMap((items, index) => {
      const seen = new Map();
      return items.filter((item) => item.str.trim() !== '').flatMap((item) => {
        const key = (item.column === 0 ? 'left' : 'right') + '@' + item.y;
        if (seen.has(key)) return ['page ' + (index + 1) + ', ' + key + ': ' + JSON.stringify(seen.get(key)) + ' and ' + JSON.stringify(item.str)];
        seen.set(key, item.str);
        return [];
      });
    });
  window.drawFirstPage = async (base64) => {
    const pdf = await open(base64).promise;
    const page = await pdf.getPage(1);
    const viewport = page.getViewport({ scale: 1.5 });
    const canvas = document.getElementById('page');
    canvas.width = viewport.width;
    canvas.height = viewport.height;
    await page.render({ canvas, canvasContext: canvas.getContext('2d'), viewport }).promise;
  };
  document.body.dataset.ready = 'yes';
</script>`;

export interface PdfReader {
  /** The text of the whole PDF: one string, or one per column (split at the middle of the page). */
  text(pdf: Uint8Array, columns: 1 | 2): Promise<string[]>;
  /** The same, page by page. */
  pages(pdf: Uint8Array, columns: 1 | 2): Promise<string[][]>;
  /** Lines of one column drawn over one another (same page, same height), described; none in a sound layout. */
  overlaps(pdf: Uint8Array): Promise<string[]>;
  /** Draws page 1 and writes it to `pngPath`. */
  screenshotFirstPage(pdf: Uint8Array, pngPath: string): Promise<void>;
  close(): Promise<void>;
}

export async function startPdfReader(): Promise<PdfReader> {
  const files: Record<string, { type: string; body: Uint8Array | string }> = {
    '/': { type: 'text/html', body: PAGE },
    '/pdf.mjs': { type: 'text/javascript', body: readFileSync(join(PDFJS, 'pdf.mjs')) },
    '/pdf.worker.mjs': { type: 'text/javascript', body: readFileSync(join(PDFJS, 'pdf.worker.mjs')) },
  };
  const server: Server = createServer((request, response) => {
    const file = files[new URL(request.url ?? '/', 'http://localhost').pathname];
    if (!file) return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': file.type }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser: Browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  const page: Page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  await page.waitForSelector('body[data-ready="yes"]', { timeout: 30_000 }).catch((error: Error) => {
    throw new Error(`pdfjs-dist did not load: ${errors.join('; ') || error.message}`);
  });
  const base64 = (pdf: Uint8Array) => Buffer.from(pdf).toString('base64');
  const pagesOf = (pdf: Uint8Array, columns: 1 | 2) =>
    page.evaluate((data, n) => (window as unknown as { pdfPages(d: string, n: number): Promise<string[][]> }).pdfPages(data, n), base64(pdf), columns);
  return {
    pages: pagesOf,
    async text(pdf, columns) {
      const pages = await pagesOf(pdf, columns);
      return Array.from({ length: columns }, (_, column) => pages.map((p) => p[column]).join(' '));
    },
    overlaps: (pdf) => page.evaluate((data) => (window as unknown as { pdfOverlaps(d: string): Promise<string[]> }).pdfOverlaps(data), base64(pdf)),
    async screenshotFirstPage(pdf, pngPath) {
      await page.evaluate((data) => (window as unknown as { drawFirstPage(d: string): Promise<void> }).drawFirstPage(data), base64(pdf));
      await (await page.$('#page'))!.screenshot({ path: pngPath as `${string}.png` });
    },
    async close() {
      await browser.close();
      server.close();
    },
  };
}
