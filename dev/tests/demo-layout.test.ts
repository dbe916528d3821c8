// Issue 12, criterion 1: the demo's document page at every width of item 1, in English and
// French, at 100 % and 200 % zoom (200 % = half the CSS width at device scale factor 2, what the
// browser does when a reader zooms): the editor's two panes, its panel and the comments and
// translation memory inside it never overlap, both panes stay readable, no text is clipped and the page never scrolls
// sideways. A full-page screenshot of each is saved under test-artifacts/layout/.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { ESDC_DOCUMENT_ID, openFresh, signInWithPicker, startDemoPortal, waitForEditorText, type DemoPortal } from './support/demo-portal.js';
import { recordAiUsage } from './support/admin-usage.js';

const WIDTHS = [320, 390, 768, 1024, 1366, 1920] as const;
const LANGS = ['en', 'fr'] as const;
const ZOOMS = [1, 2] as const;
const ARTIFACTS = resolve(import.meta.dirname, '../../test-artifacts/layout');
/** An address with no break opportunity and a long French word, typed into the French text once. */
const LONG_WORDS =
  'https://www.canada.ca/fr/emploi-developpement-social/programmes/subventions-contributions/accords-de-contribution/lignes-directrices-detaillees-2026.html anticonstitutionnellement';

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
  width: number;
  height: number;
}
interface LayoutProbe {
  boxes: Record<string, Box | null>;
  editorWidth: number;
  clipped: string[];
  spills: string[];
  pageWidth: number;
  viewportWidth: number;
}

// Runs in the page (a string, so the test runner's transforms add nothing to it). Boxes are in
// page coordinates; the search for clipped text walks the page and every open shadow root.
const PROBE = `(() => {
  const editor = document.querySelector('jd-editor');
  const comments = document.querySelector('jd-comments');
  const shadow = editor && editor.shadowRoot;
  const box = (element) => {
    if (!element) return null;
    const r = element.getBoundingClientRect();
    return { left: r.left + scrollX, top: r.top + scrollY, right: r.right + scrollX, bottom: r.bottom + scrollY, width: r.width, height: r.height };
  };
  const list = comments && comments.shadowRoot && comments.shadowRoot.querySelector('[part="list"]');
  const boxes = {
    'English pane': box(shadow && shadow.querySelector('[part~="pane-en"]')),
    'French pane': box(shadow && shadow.querySelector('[part~="pane-fr"]')),
    'panel': box(shadow && shadow.querySelector('aside')),
    'comments': box(comments),
    'translation memory': box(document.querySelector('jd-concordance')),
  };
  if (list) boxes['comments list'] = box(list);
  // Content running out of a box overlaps its neighbour even when the boxes do not (what the
  // issue saw: French text under the comments panel): nothing may be wider than its box.
  const spills = [];
  const contents = {
    'English pane': shadow && shadow.querySelector('[part~="pane-en"] .ProseMirror'),
    'French pane': shadow && shadow.querySelector('[part~="pane-fr"] .ProseMirror'),
    'panel': shadow && shadow.querySelector('aside'),
    'comments': comments && comments.shadowRoot && comments.shadowRoot.querySelector('[part="base"]'),
    'translation memory': (() => { const c = document.querySelector('jd-concordance'); return c && c.shadowRoot && c.shadowRoot.querySelector('[part="base"]'); })(),
  };
  for (const [name, element] of Object.entries(contents)) {
    if (element && element.scrollWidth > element.clientWidth + 1) spills.push(name + ': ' + element.scrollWidth + ' px of content in ' + element.clientWidth + ' px');
  }
  const clipped = [];
  const showsContent = (value) => value === 'visible' || value === 'auto' || value === 'scroll';
  const describe = (element) => element.tagName.toLowerCase() + (element.getAttribute('part') ? '[part=' + element.getAttribute('part') + ']' : '') +
    (element.className && typeof element.className === 'string' ? '.' + element.className.trim().split(/\\s+/).join('.') : '') +
    ' "' + (element.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 50) + '"';
  const visit = (root) => {
    for (const element of root.querySelectorAll('*')) {
      if (element.shadowRoot) visit(element.shadowRoot);
      // Fields scroll their own text by design.
      if (element.matches('input, textarea')) continue;
      if (!(element.textContent || '').trim()) continue;
      const rect = element.getBoundingClientRect();
      // Not rendered, or visually hidden on purpose (1px boxes read by screen readers only).
      if (rect.width <= 1 || rect.height <= 1) continue;
      const style = getComputedStyle(element);
      // Paint containment clips like overflow: clip (sections skipped by content-visibility have it).
      const contained = /paint|strict|content/.test(style.contain) || style.contentVisibility !== 'visible';
      const clipsX = (contained || !showsContent(style.overflowX)) && element.scrollWidth > element.clientWidth + 1;
      const clipsY = (contained || !showsContent(style.overflowY)) && element.scrollHeight > element.clientHeight + 1;
      if (clipsX || clipsY) clipped.push(describe(element) + ' ' + element.scrollWidth + 'x' + element.scrollHeight + ' in ' + element.clientWidth + 'x' + element.clientHeight);
    }
  };
  visit(document);
  return { boxes, editorWidth: editor ? editor.getBoundingClientRect().width : 0, clipped, spills,
    pageWidth: document.documentElement.scrollWidth, viewportWidth: document.documentElement.clientWidth };
})()`;

/** The area two boxes share, in px² (0 when they only touch). */
function sharedArea(a: Box, b: Box): number {
  const width = Math.min(a.right, b.right) - Math.max(a.left, b.left);
  const height = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return width > 0.5 && height > 0.5 ? width * height : 0;
}

/**
 * Makes the viewport as tall as the page (at its width) until the height settles: sections out
 * of view are neither laid out nor painted (content-visibility: auto), so only then can their
 * text be measured and drawn. Layout across the page does not depend on the viewport's height.
 */
async function showWholePage(page: Page): Promise<void> {
  const viewport = page.viewport()!;
  let height = viewport.height;
  for (let round = 0; round < 5; round++) {
    const next = Math.min(await page.evaluate(() => document.documentElement.scrollHeight), 20_000);
    if (next === height) break;
    height = next;
    await page.setViewport({ ...viewport, height });
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  }
}

describe('demo document page layout (issue 12 criterion 1)', { timeout: 600_000 }, () => {
  let portal: DemoPortal;

  before(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    portal = await startDemoPortal();
    await portal.page.setViewport({ width: 1366, height: 900 });
    await signInWithPicker(portal, 'editor@esdc.example');
    // The seeded text has no word longer than a line: add an address and a long word at the end
    // of the first French paragraph, through the editor (it syncs like any edit).
    await openFresh(portal, `#/fr/documents/${ESDC_DOCUMENT_ID}`);
    await waitForEditorText(portal.page);
    await portal.page.evaluate(`(() => {
      const view = document.querySelector('jd-editor').getView('fr');
      let at = -1;
      view.state.doc.descendants((node, pos) => {
        if (at < 0 && node.type.name === 'paragraph' && node.content.size > 0) at = pos + node.nodeSize - 1;
        return at < 0;
      });
      view.dispatch(view.state.tr.insertText(' ' + ${JSON.stringify(LONG_WORDS)}, at));
    })()`);
    await portal.page.waitForFunction(() => document.querySelector('jd-editor')?.matches(':state(saved)'), { timeout: 20_000 });
  });
  after(async () => {
    await portal?.stop();
  });

  for (const lang of LANGS) {
    for (const width of WIDTHS) {
      for (const zoom of ZOOMS) {
        it(`${lang} at ${width} px, ${zoom * 100} %: panes, panel and comments apart, no clipped text`, async () => {
          const { page } = portal;
          await page.setViewport({ width: width / zoom, height: Math.round(900 / zoom), deviceScaleFactor: zoom });
          await openFresh(portal, `#/${lang}/documents/${ESDC_DOCUMENT_ID}`);
          await waitForEditorText(page);
          await page.waitForFunction(
            (words) => (document.querySelector('jd-editor') as (HTMLElement & { getView(l: string): { state: { doc: { textContent: string } } } | null }) | null)?.getView('fr')?.state.doc.textContent.includes(words),
            { timeout: 20_000 },
            LONG_WORDS,
          );
          await page.waitForFunction(() => document.querySelector('jd-comments')?.shadowRoot?.querySelector('[part=base]'), { timeout: 20_000 });
          await page.evaluate(() => document.fonts.ready.then(() => undefined));
          await showWholePage(page);
          const probe = (await page.evaluate(PROBE)) as LayoutProbe;
          await page.screenshot({ path: join(ARTIFACTS, `${lang}-${width}-${zoom * 100}.png`) as `${string}.png` });

          const named = Object.entries(probe.boxes);
          for (const [name, box] of named) assert.ok(box && box.width > 0 && box.height > 0, `${name} is on the page`);
          const boxes = named as [string, Box][];
          const pairs: [string, string][] = [
            ['English pane', 'French pane'],
            ['comments', 'translation memory'],
            ...['English pane', 'French pane'].flatMap((pane) => boxes.filter(([name]) => name !== 'English pane' && name !== 'French pane').map(([name]) => [pane, name] as [string, string])),
          ];
          const overlaps = pairs
            .map(([a, b]) => ({ a, b, area: sharedArea(probe.boxes[a]!, probe.boxes[b]!) }))
            .filter((o) => o.area > 0)
            .map((o) => `${o.a} and ${o.b} share ${Math.round(o.area)} px²`);
          assert.deepEqual(overlaps, [], JSON.stringify(probe.boxes));
          // Both panes readable: as wide as the editor when stacked, and never squeezed under 18rem side by side.
          for (const pane of ['English pane', 'French pane']) {
            assert.ok(probe.boxes[pane]!.width >= Math.min(288, probe.editorWidth * 0.9), `${pane} is ${probe.boxes[pane]!.width} px wide in an editor of ${probe.editorWidth} px`);
          }
          assert.deepEqual(probe.spills, [], 'no content runs out of its box');
          assert.deepEqual(probe.clipped, [], 'no text is clipped');
          assert.ok(probe.pageWidth <= probe.viewportWidth + 1, `the page scrolls sideways: ${probe.pageWidth} px of content in ${probe.viewportWidth} px`);
          assert.deepEqual(portal.pageErrors, []);
          assert.deepEqual(portal.consoleErrors, []);
        });
      }
    }
  }
});

// Issue 19: the admin page at a phone's and a laptop's width, in both languages: the page never
// scrolls sideways, no text is clipped, and no two things overlap (controls, the cells of a row,
// the blocks of each section). A full-page screenshot of each is saved under test-artifacts/layout/.
const ADMIN_WIDTHS = [390, 1366] as const;

// In the page: pairs of boxes that share area among the controls of the page, the cells of each
// table row, and the blocks (headings, paragraphs, tables, forms) of each section.
const ADMIN_OVERLAPS = `(() => {
  const visible = (element) => { const r = element.getBoundingClientRect(); return r.width > 1 && r.height > 1; };
  const name = (element) => element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') + ' "' + (element.textContent || element.getAttribute('aria-label') || '').trim().replace(/\\s+/g, ' ').slice(0, 40) + '"';
  const overlaps = [];
  const check = (elements) => {
    const list = elements.filter(visible);
    for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) {
      const a = list[i].getBoundingClientRect(), b = list[j].getBoundingClientRect();
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left), h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > 0.5 && h > 0.5 && !list[i].contains(list[j]) && !list[j].contains(list[i])) overlaps.push(name(list[i]) + ' and ' + name(list[j]));
    }
  };
  const main = document.querySelector('portal-admin-page');
  check([...main.querySelectorAll('button, input, select, textarea, a, summary, label')]);
  for (const row of main.querySelectorAll('tr')) check([...row.children]);
  for (const section of main.querySelectorAll('portal-admin-members, portal-admin-glossary, portal-admin-files, portal-admin-ai, portal-admin-audit')) check([...section.children]);
  return overlaps;
})()`;

describe('demo admin page layout (issue 19)', { timeout: 300_000 }, () => {
  let portal: DemoPortal;

  before(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    portal = await startDemoPortal();
    await recordAiUsage(portal.stack);
    await portal.page.setViewport({ width: 1366, height: 900 });
    await signInWithPicker(portal, 'admin@esdc.example');
  });
  after(async () => {
    await portal?.stop();
  });

  for (const lang of LANGS) {
    for (const width of ADMIN_WIDTHS) {
      it(`admin page, ${lang} at ${width} px: no sideways scroll, no clipped text, nothing overlaps`, async () => {
        const { page } = portal;
        await page.setViewport({ width, height: 900 });
        await openFresh(portal, `#/${lang}/admin`);
        for (const part of ['portal-admin-members tbody tr', 'portal-admin-glossary tbody tr', 'portal-admin-ai tbody tr', 'portal-admin-audit tbody tr', 'portal-admin-files details[open] .exchange-group']) {
          await page.waitForSelector(part, { timeout: 20_000 });
        }
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        await showWholePage(page);
        const probe = (await page.evaluate(PROBE)) as LayoutProbe;
        const overlaps = (await page.evaluate(ADMIN_OVERLAPS)) as string[];
        await page.screenshot({ path: join(ARTIFACTS, `admin-${lang}-${width}.png`) as `${string}.png`, fullPage: true });
        assert.ok(probe.pageWidth <= probe.viewportWidth + 1, `the page scrolls sideways: ${probe.pageWidth} px of content in ${probe.viewportWidth} px`);
        assert.deepEqual(probe.clipped, [], 'no text is clipped');
        assert.deepEqual(overlaps, [], 'nothing overlaps');
        assert.deepEqual(portal.pageErrors, []);
        assert.deepEqual(portal.consoleErrors, []);
      });
    }
  }
});
