// `npm run bench:editor`: a 40-page job description (about 20 000 words per language) in the
// real editor in Chromium: time to open it from IndexedDB, and typing latency per keystroke.
// Starts the local stack (in memory) and a Vite dev server, drives /usr/bin/chromium with
// puppeteer-core (real key presses through the DevTools protocol).
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import puppeteer from 'puppeteer-core';
import { startStack } from '../dev/stack.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WORDS_PER_LANG = Number(process.env.BENCH_WORDS ?? 20_000);
const KEYSTROKES = Number(process.env.BENCH_KEYS ?? 300);
const DOC = 'e5dc0000-0000-4000-a000-00000000d001';

const stack = await startStack({ dataDir: 'memory', apiPort: 0, dbPort: 0, syncPort: 0, signalingPort: 0, log: () => {} });
const vite = await createServer({ root, configFile: false, logLevel: 'error', server: { port: 0, host: '127.0.0.1' }, optimizeDeps: { noDiscovery: true } });
await vite.listen();
const address = vite.httpServer!.address() as { port: number };
const origin = `http://127.0.0.1:${address.port}`;
const browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });

try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 1000 });
  page.on('pageerror', (e) => console.error('page error:', e));
  // Any same-origin page will do: the modules are imported below.
  await page.goto(`${origin}/domain/sections.ts`, { waitUntil: 'domcontentloaded' });

  // 1. Sign in, write the big document into this page's IndexedDB cache (as a previous visit would have).
  const words = await page.evaluate(
    async ({ apiUrl, anonKey, doc, wordsPerLang }) => {
      const Y = await import('/node_modules/yjs/src/index.js' as string);
      const { IndexeddbPersistence } = await import('/node_modules/y-indexeddb/src/y-indexeddb.js' as string);
      const init = await import('/domain/document-init.ts' as string);
      const sections = await import('/domain/sections.ts' as string);
      await import('/elements/session/define.ts' as string);
      await import('/elements/editor/define.ts' as string);
      const vocab = { en: 'the incumbent provides advice on policy programs and manages resources for clients across regions'.split(' '), fr: 'le titulaire fournit des conseils sur les politiques et gère les ressources pour les clients des régions'.split(' ') };
      const seeds: Record<string, unknown[]> = {};
      let count = 0;
      for (const lang of ['en', 'fr'] as const) {
        const perSection = Math.ceil(wordsPerLang / 6);
        seeds[lang] = sections.STANDARD_SECTIONS.map((s: { sectionId: string; kind: string; title: Record<string, string> }) => {
          const paragraphs: string[] = [];
          for (let w = 0; w < perSection; w += 60) {
            paragraphs.push(Array.from({ length: 60 }, (_, i) => vocab[lang][(w + i) % vocab[lang].length]).join(' ') + '.');
            count += 60;
          }
          return { sectionId: s.sectionId, kind: s.kind, heading: s.title[lang], paragraphs };
        });
      }
      const ydoc = new Y.Doc();
      Y.applyUpdate(ydoc, init.initialContentUpdate(seeds));
      const cache = new IndexeddbPersistence(`bench/${doc}`, ydoc);
      await cache.whenSynced;
      await new Promise((r) => setTimeout(r, 500));
      await cache.destroy();
      const session = document.createElement('jd-session') as HTMLElement & { signIn(e: string, p: string): Promise<unknown> };
      Object.assign(session, { supabaseUrl: apiUrl, anonKey, cacheName: 'bench' });
      document.body.append(session);
      await (session as unknown as { updateComplete: Promise<unknown> }).updateComplete;
      await session.signIn('editor@esdc.example', 'demo-password-1');
      (window as unknown as { benchSession: HTMLElement }).benchSession = session;
      return count / 2;
    },
    { apiUrl: stack.apiUrl, anonKey: stack.anonKey, doc: DOC, wordsPerLang: WORDS_PER_LANG },
  );

  // 2. Open: from element connection to both panes rendered, three times (first includes warm-up).
  const opens: number[] = [];
  for (let i = 0; i < 3; i++) {
    opens.push(
      await page.evaluate(async (doc) => {
        const session = (window as unknown as { benchSession: HTMLElement }).benchSession;
        session.querySelector('jd-editor')?.remove();
        await new Promise((r) => setTimeout(r, 100));
        const editor = document.createElement('jd-editor') as HTMLElement & { documentId: string; getView(l: string): unknown };
        editor.documentId = doc;
        const start = performance.now();
        session.append(editor);
        while (!(editor.getView('en') && editor.getView('fr'))) await new Promise((r) => setTimeout(r, 1));
        await new Promise((r) => requestAnimationFrame(() => r(null)));
        return performance.now() - start;
      }, DOC),
    );
  }

  // 3. Typing: real key presses in each pane, in the middle of its largest section;
  //    keydown -> Y.Doc updated, and -> next frame.
  const typing: Record<string, { latencies: number[]; frames: number[] }> = {};
  for (const lang of ['en', 'fr'] as const) {
    await page.evaluate((lang) => {
      type View = { focus(): void; dispatch(tr: unknown): void; state: { selection: { constructor: unknown }; doc: { content: { size: number }; resolve(p: number): unknown }; tr: { setSelection(s: unknown): unknown } } };
      const editor = document.querySelector('jd-editor') as HTMLElement & { getView(l: string): View; ydoc: { on(e: string, f: () => void): void; off(e: string, f: () => void): void } };
      const view = editor.getView(lang);
      const w = window as unknown as { latencies: number[]; frames: number[]; keyAt: number; stopMeasuring?: () => void };
      w.stopMeasuring?.();
      w.latencies = [];
      w.frames = [];
      w.keyAt = 0;
      view.focus();
      // The caret in the middle of the document (inside the third of six sections). Selection.near
      // is static on ProseMirror's Selection classes: reached through the current selection's class.
      const Selection = view.state.selection.constructor as { near(pos: unknown): unknown };
      view.dispatch(view.state.tr.setSelection(Selection.near(view.state.doc.resolve(Math.floor(view.state.doc.content.size / 2)))));
      // Handlers kept in an array: tsx wraps named functions in a helper (__name) that does not exist in the page.
      const [onKey, onUpdate] = [
        (e: Event) => (w.keyAt = (e as KeyboardEvent).timeStamp),
        () => {
          if (!w.keyAt) return;
          w.latencies.push(performance.now() - w.keyAt);
          const at = w.keyAt;
          requestAnimationFrame(() => w.frames.push(performance.now() - at));
          w.keyAt = 0;
        },
      ] as const;
      editor.shadowRoot!.addEventListener('keydown', onKey, true);
      editor.ydoc.on('update', onUpdate);
      w.stopMeasuring = () => {
        editor.shadowRoot!.removeEventListener('keydown', onKey, true);
        editor.ydoc.off('update', onUpdate);
      };
    }, lang);
    for (let i = 0; i < KEYSTROKES; i++) await page.keyboard.press(i % 12 === 11 ? 'Space' : 'KeyA');
    await new Promise((r) => setTimeout(r, 300));
    typing[lang] = await page.evaluate(() => ({ latencies: (window as unknown as { latencies: number[] }).latencies, frames: (window as unknown as { frames: number[] }).frames }));
  }
  const stats = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
    return `median ${q(0.5).toFixed(2)} ms, p95 ${q(0.95).toFixed(2)} ms, p99 ${q(0.99).toFixed(2)} ms, max ${(s[s.length - 1] ?? NaN).toFixed(2)} ms (n=${s.length})`;
  };
  console.log(`document: ${words} words per language, 6 sections per language`);
  console.log(`open from IndexedDB: ${opens.map((t) => `${t.toFixed(0)} ms`).join(', ')} (goal < 1000 ms)`);
  for (const [lang, { latencies, frames }] of Object.entries(typing)) {
    console.log(`${lang} pane, keystroke -> Y.Doc updated: ${stats(latencies)} (goal < 16 ms)`);
    console.log(`${lang} pane, keystroke -> next frame:    ${stats(frames)}`);
  }
} finally {
  await browser.close();
  await vite.close();
  await stack.stop();
}
