// `npm run bench:ai`: the latency `ai-assist` adds to a streamed suggestion (issue 16,
// criterion 3: the first chunk reaches the client within 50 ms of the provider's first token).
// Starts the local stack (in memory) with the fake OpenAI server (dev/tests/support/fake-openai.ts)
// as its only provider, scripted with a slow first token (200 ms) and then chunks; runs N
// `improve` requests through the gateway (`Accept: text/event-stream`, as a signed-in ESDC
// editor) and measures, per run,
//   added latency = (the client reads the first delta) − (the fake writes its first token)
// on one clock: performance.timeOrigin + performance.now() in this process (where the fake also
// runs), or in Chromium's page with --browser (the page's fetch, as <jd-editor> reads it).
// The path measured: fake → openai SDK in the function's Deno process → the function's SSE →
// the gateway's proxy → the client. Prints each run and p50/p95/max; it asserts nothing.
//
//   npx tsx scripts/bench-ai.ts [--runs 30] [--first-token-ms 200] [--browser] [--log]
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { createClient } from '@supabase/supabase-js';
import ws from 'ws';
import { startStack, type RunningStack } from '../dev/stack.js';
import { startFakeOpenAI } from '../dev/tests/support/fake-openai.js';

const { values: options } = parseArgs({
  options: {
    runs: { type: 'string', default: '30' },
    'first-token-ms': { type: 'string', default: '200' },
    // Measure in Chromium (puppeteer-core, /usr/bin/chromium or CHROMIUM_PATH) instead of Node's fetch.
    browser: { type: 'boolean', default: false },
    log: { type: 'boolean', default: false },
  },
});

function positiveInteger(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} takes a positive whole number (got ${JSON.stringify(value)})`);
  return n;
}

const RUNS = positiveInteger('runs', options.runs);
const FIRST_TOKEN_MS = positiveInteger('first-token-ms', options['first-token-ms']);
const CHUNKS = ['Organizes ', 'meetings, ', 'prepares ', 'agendas ', 'and ', 'records ', 'minutes.'];
const GOAL_MS = 50;

/** Milliseconds since the epoch, sub-millisecond, comparable across processes on this machine. */
const now = () => performance.timeOrigin + performance.now();

interface Client {
  /** Sends one request and answers when the first delta arrived (epoch ms), after reading the whole stream. */
  firstDeltaAt(url: string, headers: Record<string, string>, body: string): Promise<number>;
  close(): Promise<void>;
}

/** Reads the stream up to the first `"type":"delta"` event; notes its arrival; reads the rest. */
async function readFirstDelta(response: Response): Promise<number> {
  if (response.status !== 200) throw new Error(`ai-assist answered ${response.status}: ${await response.text()}`);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let seen = '';
  let at: number | null = null;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (at === null) {
      seen += decoder.decode(value, { stream: true });
      if (seen.includes('"type":"delta"')) at = now();
    }
  }
  if (at === null) throw new Error(`the stream had no delta: ${seen}`);
  return at;
}

const nodeClient: Client = {
  async firstDeltaAt(url, headers, body) {
    return readFirstDelta(await fetch(url, { method: 'POST', headers, body }));
  },
  async close() {},
};

async function browserClient(): Promise<Client> {
  const { launch } = await import('puppeteer-core');
  const browser = await launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu'],
  });
  const page = await browser.newPage();
  return {
    async firstDeltaAt(url, headers, body) {
      // readFirstDelta again, inside the page: a function given to evaluate cannot call this module's.
      return page.evaluate(async (url, headers, body) => {
        const response = await fetch(url, { method: 'POST', headers, body });
        if (response.status !== 200) throw new Error(`ai-assist answered ${response.status}: ${await response.text()}`);
        const reader = response.body!.getReader();
        const decoder = new TextDecoder();
        let seen = '';
        let at: number | null = null;
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          if (at === null) {
            seen += decoder.decode(value, { stream: true });
            if (seen.includes('"type":"delta"')) at = performance.timeOrigin + performance.now();
          }
        }
        if (at === null) throw new Error(`the stream had no delta: ${seen}`);
        return at;
      }, url, headers, body);
    },
    close: () => browser.close(),
  };
}

function summary(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN;
  return `p50 ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, max ${(sorted.at(-1) ?? NaN).toFixed(1)} ms (n=${sorted.length})`;
}

async function signedInToken(stack: RunningStack): Promise<string> {
  const client = createClient(stack.apiUrl, stack.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: ws as unknown as typeof WebSocket },
  });
  const { data, error } = await client.auth.signInWithPassword({ email: 'editor@esdc.example', password: 'demo-password-1' });
  if (error) throw new Error(`signing in: ${error.message}`);
  return data.session!.access_token;
}

async function main() {
  const fake = await startFakeOpenAI();
  const stack = await startStack({
    dataDir: 'memory', apiPort: 0, dbPort: 0, syncPort: 0, signalingPort: 0,
    log: options.log ? (line: string) => console.error(line) : () => {},
    functionSecrets: { OPENAI_API_KEY: 'sk-bench-not-a-real-key', OPENAI_BASE_URL: fake.baseUrl },
    embeddingIntervalMs: 3_600_000,
  });
  const client = options.browser ? await browserClient() : nodeClient;
  try {
    const token = await signedInToken(stack);
    const url = `${stack.apiUrl}/functions/v1/ai-assist`;
    const headers = { apikey: stack.anonKey, authorization: `Bearer ${token}`, accept: 'text/event-stream', 'content-type': 'application/json' };
    const body = JSON.stringify({ task: 'improve', text: 'Organizes meetings, prepares agendas and records minutes.' });
    console.log(`ai-assist: added latency of the first chunk, ${options.browser ? 'Chromium' : 'Node'} client, fake OpenAI with a ${FIRST_TOKEN_MS} ms first token (goal <= ${GOAL_MS} ms)`);

    // One warm-up call: the function's Deno process starts on first use.
    fake.scriptChat([{ chunks: CHUNKS }]);
    await client.firstDeltaAt(url, headers, body);

    const added: number[] = [];
    for (let run = 1; run <= RUNS; run++) {
      fake.scriptChat([{ chunks: CHUNKS, firstTokenDelayMs: FIRST_TOKEN_MS, chunkDelayMs: 10 }]);
      const sent = now();
      const arrived = await client.firstDeltaAt(url, headers, body);
      const request = fake.chatRequests.at(-1)!;
      if (request.firstTokenAt === null) throw new Error('the fake wrote no token');
      const firstToken = performance.timeOrigin + request.firstTokenAt;
      added.push(arrived - firstToken);
      console.log(`run ${String(run).padStart(2)}: first token ${(firstToken - sent).toFixed(1)} ms after sending, first chunk at the client +${(arrived - firstToken).toFixed(1)} ms`);
    }
    console.log(`added latency: ${summary(added)}; goal <= ${GOAL_MS} ms: ${added.every((ms) => ms <= GOAL_MS) ? 'met by every run' : `${added.filter((ms) => ms > GOAL_MS).length} run(s) over`}`);
  } finally {
    await client.close();
    await stack.stop();
    await fake.close();
  }
}

await main();
