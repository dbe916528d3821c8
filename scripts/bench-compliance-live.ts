// `npm run bench:compliance-live`: does live compliance checking hold up typing? (issue 15,
// criterion 3: keystroke latency with <jd-compliance> beside the editor within 2 ms of without,
// on a 20 000-word document). Starts the local stack (in memory) and a Vite dev server, opens
// ESDC's job description in <jd-editor> in Chromium (puppeteer-core, real key presses through the
// DevTools protocol) with 20 000 words per language, and types in the English pane as a person
// does: a key every BENCH_PACE_MS (120 ms), and a pause of BENCH_PAUSE_MS (1 s) every 15 keys, in
// which the panel's check runs and its findings are drawn. The same keys are typed without the
// panel and with it, in alternating rounds (the machine's load drifts). A key's latency runs from
// its keydown (the event's timestamp: when the browser received it, so time spent waiting for a
// busy main thread counts) to the Y.Doc change it makes, and to the next frame. Prints p50/p95 of
// both and the differences; it asserts nothing.
import { fileURLToPath } from 'node:url';
import { availableParallelism, loadavg } from 'node:os';
import { createServer } from 'vite';
import puppeteer, { type Page } from 'puppeteer-core';
import { startStack } from '../dev/stack.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WORDS = Number(process.env.BENCH_WORDS ?? 20_000);
const KEYS_PER_ROUND = Number(process.env.BENCH_KEYS ?? 60);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PACE_MS = Number(process.env.BENCH_PACE_MS ?? 120);
const PAUSE_MS = Number(process.env.BENCH_PAUSE_MS ?? 1000);
const BURST = 15;
const DOC = 'e5dc0000-0000-4000-a000-00000000d001';

type PageModule = typeof import('./bench-compliance-live-page.js');
/** Calls the page module in the page. */
const inPage = <R>(page: Page, call: (m: PageModule, ...args: never[]) => R | Promise<R>, ...args: unknown[]): Promise<R> =>
  page.evaluate(
    // Source text, not a function: tsx's helpers (__name) do not exist in the page.
    `import('/scripts/bench-compliance-live-page.ts').then((m) => (${call.toString()})(m, ...${JSON.stringify(args)}))`,
  ) as Promise<R>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const quantile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? NaN;
};

/** Types one round in the English pane; the latencies measured. */
async function typeRound(page: Page): Promise<{ latencies: number[]; frames: number[] }> {
  await inPage(page, (m) => m.placeCaret('en'));
  const text = ' and reviews the work of others';
  for (let i = 0; i < KEYS_PER_ROUND; i++) {
    const c = text[i % text.length]!;
    await page.keyboard.press(c === ' ' ? 'Space' : (`Key${c.toUpperCase()}` as 'KeyA'));
    await sleep((i + 1) % BURST === 0 ? PAUSE_MS : PACE_MS);
  }
  await sleep(PAUSE_MS);
  return inPage(page, (m) => m.measures());
}

const stack = await startStack({ dataDir: 'memory', apiPort: 0, dbPort: 0, syncPort: 0, signalingPort: 0, log: () => {} });
const vite = await createServer({ root, configFile: false, logLevel: 'error', server: { port: 0, host: '127.0.0.1' }, optimizeDeps: { noDiscovery: true } });
await vite.listen();
const origin = `http://127.0.0.1:${(vite.httpServer!.address() as { port: number }).port}`;
const browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });

try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1366, height: 900 });
  page.on('pageerror', (e) => console.error('page error:', e));
  await page.goto(`${origin}/domain/sections.ts`, { waitUntil: 'domcontentloaded' });
  const settings = { apiUrl: stack.apiUrl, anonKey: stack.anonKey, documentId: DOC, email: 'editor@esdc.example', password: 'demo-password-1', words: WORDS };
  await inPage(page, (m, s: Parameters<PageModule['open']>[0]) => m.open(s), settings);
  const runs = { off: { latencies: [] as number[], frames: [] as number[] }, on: { latencies: [] as number[], frames: [] as number[] } };
  let first: { findings: number; checkMs: number } | null = null;
  let checksDuringTyping = 0;
  // Warm-up round (not counted): the modules and the editor's first keys.
  await typeRound(page);
  for (let round = 0; round < ROUNDS; round++) {
    for (const mode of ['off', 'on'] as const) {
      const checked = await inPage(page, (m, on: boolean) => m.setPanel(on), mode === 'on');
      if (mode === 'on') first ??= checked;
      const before = await inPage(page, (m) => m.checkRuns());
      const { latencies, frames } = await typeRound(page);
      if (mode === 'on') checksDuringTyping += (await inPage(page, (m) => m.checkRuns())) - before;
      runs[mode].latencies.push(...latencies);
      runs[mode].frames.push(...frames);
    }
  }
  await inPage(page, (m) => m.setPanel(false));
  console.log(`live compliance checking, ${WORDS} words per language, English pane; a key every ${PACE_MS} ms, a ${PAUSE_MS} ms pause every ${BURST} keys; ${ROUNDS} rounds of ${KEYS_PER_ROUND} keys each way`);
  console.log(`machine: ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  if (first) console.log(`panel's first check (in its worker): ${first.findings} findings in ${first.checkMs.toFixed(0)} ms; checks shown while typing: ${checksDuringTyping}`);
  const line = (label: string, pick: 'latencies' | 'frames') => {
    const off = runs.off[pick];
    const on = runs.on[pick];
    const f = (x: number) => `${x.toFixed(2)} ms`;
    console.log(`${label}: without the panel p50 ${f(quantile(off, 0.5))}, p95 ${f(quantile(off, 0.95))} (n=${off.length}); with it p50 ${f(quantile(on, 0.5))}, p95 ${f(quantile(on, 0.95))} (n=${on.length}); difference p50 ${f(quantile(on, 0.5) - quantile(off, 0.5))}, p95 ${f(quantile(on, 0.95) - quantile(off, 0.95))} (goal: within 2 ms)`);
  };
  line('keystroke -> Y.Doc updated', 'latencies');
  line('keystroke -> next frame', 'frames');
} finally {
  await browser.close();
  await vite.close();
  await stack.stop();
}
