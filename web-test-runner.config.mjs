// Web Test Runner: the element tests and the browser halves of the stack tests, in the
// system's Chromium (never a downloaded one), against a local stack started in this process.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import rollupCommonjs from '@rollup/plugin-commonjs';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { tsImport } from 'tsx/esm/api';
import { visualRegressionPlugin } from '@web/test-runner-visual-regression/plugin';

const commonjs = fromRollup(rollupCommonjs);

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** What browser tests import to reach the stack: `await import('/__jd-stack.js')`. */
const STACK_MODULE_PATH = '/__jd-stack.js';

/** The stack's JSON log lines only when they are errors (its request log would drown the report); plain start-up lines as they are. */
function logStackErrors(line) {
  try {
    if (JSON.parse(line).level === 'error') console.error(line);
  } catch {
    console.error(line);
  }
}

/** The model name the shared stack's local AI provider reports (the fake answers with it). */
const FAKE_AI_MODEL = 'jd-fake-chat';
/** The server command of the AI panel's tests: `{ script? }` sets the fake model's next chat replies (fake-sse.ts ScriptedReply). */
const FAKE_AI_COMMAND = 'jd-fake-ai';

/** Scripts the fake model (when `script` is given) and says what it received: how many chat requests, and whether the last one was aborted by its client. */
function fakeAiCommand(fake, payload) {
  if (payload?.script !== undefined) {
    if (!Array.isArray(payload.script)) throw new Error(`${FAKE_AI_COMMAND} needs { script: ScriptedReply[] }, got ${JSON.stringify(payload)}`);
    fake.scriptChat(payload.script);
  }
  const last = fake.chatRequests.at(-1) ?? null;
  return { chatRequests: fake.chatRequests.length, lastAborted: last ? last.aborted : null, lastStatus: last ? last.status : null };
}

/**
 * Starts the local stack (in memory, on free ports) before the tests and stops it after.
 * dev/stack.ts is TypeScript and this config runs in plain Node, so it is loaded with tsx's
 * tsImport, which compiles that one import graph without registering a global loader.
 *
 * It also answers the server commands `jd-stack-sync-metrics` (a sync server's /metrics, for
 * tests that wait on a counter) and `jd-stack-sync` (dev/sync-command.ts), through which a
 * browser test stops and restarts a sync server for real. Test files run concurrently and share
 * the stack's sync server, so the command never touches that one: each test session that asks
 * gets a dedicated instance (same database and keys, own port) and stops only that.
 */
function localStackPlugin() {
  const stackFile = new URL('./dev/stack.ts', import.meta.url);
  const syncCommandFile = new URL('./dev/sync-command.ts', import.meta.url);
  const fakeAiFile = new URL('./dev/tests/support/fake-openai.ts', import.meta.url);
  let stack;
  let fakeAi = null;
  let unavailable = null;
  let commandName = null;
  let metricsCommandName = null;
  let syncCommand = null;
  return {
    name: 'jd-local-stack',
    async serverStart() {
      const commands = await tsImport(syncCommandFile.href, import.meta.url);
      commandName = commands.SYNC_COMMAND;
      metricsCommandName = commands.SYNC_METRICS_COMMAND;
      if (!existsSync(stackFile)) {
        // Tests that need the stack fail with this reason; the others still run.
        unavailable = `${fileURLToPath(stackFile)} does not exist`;
        return;
      }
      const [{ startStack }, { startFakeOpenAI }] = await Promise.all([tsImport(stackFile.href, import.meta.url), tsImport(fakeAiFile.href, import.meta.url)]);
      // The AI panel's tests (elements/editor/ai-assist.test.ts) go through the real ai-assist
      // function and provider layer to a fake OpenAI-compatible model server ("local": no
      // OPENAI_API_KEY, so embeddings and semantic search stay off), scripted by `jd-fake-ai`.
      fakeAi = await startFakeOpenAI();
      // The project's schema and seed, plus the gateway contract fixtures (their versions
      // sort first and touch nothing of the project's), and the fixture functions.
      stack = await startStack({
        dataDir: 'memory',
        apiPort: 0,
        dbPort: 0,
        syncPort: 0,
        signalingPort: 0,
        migrationsDir: [fileURLToPath(new URL('./supabase/migrations', import.meta.url)), fileURLToPath(new URL('./dev/tests/fixtures/migrations', import.meta.url))],
        functionsDir: fileURLToPath(new URL('./dev/tests/fixtures/functions', import.meta.url)),
        functionSecrets: { JD_LOCAL_AI_BASE_URL: fakeAi.baseUrl, JD_LOCAL_AI_MODEL: FAKE_AI_MODEL, JD_LOCAL_AI_API_KEY: 'local-test-key' },
        log: logStackErrors,
      });
      syncCommand = commands.syncCommand(stack);
    },
    async serverStop() {
      await syncCommand?.closeAll();
      await stack?.stop();
      await fakeAi?.close();
    },
    async executeCommand({ command, payload, session }) {
      if (command === FAKE_AI_COMMAND) {
        if (!fakeAi) throw new Error(`The local stack is not running: ${unavailable}`);
        return fakeAiCommand(fakeAi, payload);
      }
      // Other commands (sendKeys, …) belong to other plugins: undefined passes them on.
      if (command !== commandName && command !== metricsCommandName) return undefined;
      if (!syncCommand) throw new Error(`The local stack is not running: ${unavailable}`);
      if (command === metricsCommandName) return syncCommand.metrics(payload);
      return syncCommand.execute(session.id, payload);
    },
    serve(context) {
      if (context.path !== STACK_MODULE_PATH) return undefined;
      if (!stack) {
        return { type: 'js', body: `throw new Error(${JSON.stringify(`The local stack is not running: ${unavailable}`)});` };
      }
      const settings = { apiUrl: stack.apiUrl, anonKey: stack.anonKey, syncUrl: stack.syncUrl, signalingUrl: stack.signalingUrl };
      return {
        type: 'js',
        body: [
          `export const apiUrl = ${JSON.stringify(settings.apiUrl)};`,
          `export const anonKey = ${JSON.stringify(settings.anonKey)};`,
          `export const syncUrl = ${JSON.stringify(settings.syncUrl)};`,
          `export const signalingUrl = ${JSON.stringify(settings.signalingUrl)};`,
          `export default ${JSON.stringify(settings)};`,
        ].join('\n'),
      };
    },
  };
}

/** The server command through which a browser test gets a stack with semantic search on: `{ apiUrl, anonKey, syncUrl }` (the project's own functions, ai-assist included). */
const SEMANTIC_STACK_COMMAND = 'jd-semantic-stack';

/**
 * Semantic search on, for the tests that need it (`jd-semantic-stack`): a second stack, started on
 * the first request only, whose `embed` function talks through the real openai SDK to a local fake
 * embeddings server (dev/tests/support/fake-openai.ts). Its background round starts 2 s after the stack
 * (then drains the seeded backlog round after round, dev/embedding-schedule.ts) and, idle, costs one
 * function call every 2 s for the rest of the run. The shared stack stays without an embeddings
 * key: every other test runs as before (no embedding timer, no embed calls), and "semantic search
 * is off" is testable there.
 */
function semanticStackPlugin() {
  const stackFile = new URL('./dev/stack.ts', import.meta.url);
  const fakeFile = new URL('./dev/tests/support/fake-openai.ts', import.meta.url);
  let started = null;
  return {
    name: 'jd-semantic-stack',
    async executeCommand({ command }) {
      if (command !== SEMANTIC_STACK_COMMAND) return undefined;
      started ??= (async () => {
        const [{ startStack }, { startFakeOpenAI }] = await Promise.all([tsImport(stackFile.href, import.meta.url), tsImport(fakeFile.href, import.meta.url)]);
        const fake = await startFakeOpenAI();
        const stack = await startStack({
          dataDir: 'memory',
          apiPort: 0,
          dbPort: 0,
          syncPort: 0,
          signalingPort: 0,
          functionSecrets: { OPENAI_API_KEY: 'sk-test-dummy', OPENAI_BASE_URL: fake.baseUrl },
          embeddingIntervalMs: 2_000,
          log: logStackErrors,
        });
        return { fake, stack };
      })();
      const { stack } = await started;
      return { apiUrl: stack.apiUrl, anonKey: stack.anonKey, syncUrl: stack.syncUrl };
    },
    async serverStop() {
      if (!started) return;
      const { fake, stack } = await started;
      await stack.stop();
      await fake.close();
    },
  };
}

/**
 * Screenshot comparison (the *.visual.test.ts files): `visualDiff(element, name)` compares an
 * element's screenshot with screenshots/baseline/<name>.png; a mismatch writes the new image and
 * a diff image to test-artifacts/screenshots/ (gitignored). UPDATE_SCREENSHOTS=1 rewrites the
 * baselines instead (`npm run test:screenshots:update`).
 *
 * Tolerance: pixelmatch's colour threshold 0.1 (its default; anti-aliased pixels never count),
 * and at most VISUAL_MAX_DIFF_PIXELS differing pixels per screenshot. The fonts are loaded from
 * @fontsource in the page and animations are off, so a rerun on the same machine differs by 0
 * pixels; a pane moved by 4 px differs by thousands (elements/core/visual-regression.visual.test.ts).
 */
const VISUAL_MAX_DIFF_PIXELS = 120;
const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const SCREENSHOT_ARTIFACTS = fileURLToPath(new URL('./test-artifacts/screenshots/', import.meta.url));
/** The server command a test uses to check that a state does NOT match a baseline: it compares, never writes a baseline, even when updating. */
const VISUAL_COMPARE_ONLY_COMMAND = 'jd-visual-compare-only';
/** The server command that fixes the page's time zone (`{ timezone }`), so dates on screen are the same on every machine. */
const VISUAL_EMULATE_COMMAND = 'jd-visual-emulate';

function screenshotPlugins() {
  const options = {
    baseDir: SCREENSHOTS,
    getBaselineName: ({ name }) => `baseline/${name}`,
    getFailedName: ({ name }) => `${SCREENSHOT_ARTIFACTS}${name}`,
    getDiffName: ({ name }) => `${SCREENSHOT_ARTIFACTS}${name}-diff`,
    diffOptions: { threshold: 0.1, includeAA: false },
    failureThresholdType: 'pixel',
    failureThreshold: VISUAL_MAX_DIFF_PIXELS,
  };
  const updating = process.env.UPDATE_SCREENSHOTS === '1';
  // Its refusals are expected (a test moves a pane on purpose): their images go to a folder of their own.
  const compareOnly = visualRegressionPlugin({
    ...options,
    update: false,
    getFailedName: ({ name }) => `${SCREENSHOT_ARTIFACTS}expected-differences/${name}`,
    getDiffName: ({ name }) => `${SCREENSHOT_ARTIFACTS}expected-differences/${name}-diff`,
  });
  return [
    visualRegressionPlugin({ ...options, update: updating }),
    {
      name: 'jd-visual-commands',
      async executeCommand({ command, payload, session }) {
        if (command === VISUAL_COMPARE_ONLY_COMMAND) return compareOnly.executeCommand({ command: 'visual-diff', payload, session });
        if (command !== VISUAL_EMULATE_COMMAND) return undefined;
        if (typeof payload?.timezone !== 'string') throw new Error(`${VISUAL_EMULATE_COMMAND} needs { timezone: string }, got ${JSON.stringify(payload)}`);
        await session.browser.getPage(session.id).emulateTimezone(payload.timezone);
        return true;
      },
    },
  ];
}

/**
 * The server command `jd-network` (dev/network-command.ts): `{ blocked }` makes every request of
 * the calling test session's page to those addresses fail, through Chromium's DevTools protocol.
 */
function networkPlugin() {
  const commandFile = new URL('./dev/network-command.ts', import.meta.url);
  let commands = null;
  const devtools = new Map();
  return {
    name: 'jd-network',
    async serverStart() {
      commands = await tsImport(commandFile.href, import.meta.url);
    },
    async executeCommand({ command, payload, session }) {
      if (command !== commands.NETWORK_COMMAND) return undefined;
      const { blocked } = commands.networkPayload(payload);
      let cdp = devtools.get(session.id);
      if (!cdp) {
        cdp = await session.browser.getPage(session.id).createCDPSession();
        await cdp.send('Network.enable');
        devtools.set(session.id, cdp);
      }
      await cdp.send('Network.setBlockedURLs', { urls: commands.blockedPatterns(blocked) });
      return true;
    },
  };
}

/**
 * The server command `jd-compliance-cli` (issue 15, criterion 5): `{ name }` of a pair in
 * domain/compliance/fixtures/ → what `npm run --silent check -- EN_FILE FR_FILE` gives for it
 * (scripts/check.ts's main, in Node), so a browser test can compare its own findings with the CLI's.
 */
function complianceCliPlugin() {
  const cliFile = new URL('./scripts/check.ts', import.meta.url);
  const fixtures = fileURLToPath(new URL('./domain/compliance/fixtures/', import.meta.url));
  return {
    name: 'jd-compliance-cli',
    async executeCommand({ command, payload }) {
      if (command !== 'jd-compliance-cli') return undefined;
      const name = payload?.name;
      if (typeof name !== 'string' || !/^[0-9]{2}-[a-z0-9-]+$/.test(name)) throw new Error(`jd-compliance-cli needs { name } of a fixture pair, got ${JSON.stringify(payload)}`);
      const { main } = await tsImport(cliFile.href, import.meta.url);
      return main([`${fixtures}${name}.en.txt`, `${fixtures}${name}.fr.txt`]);
    },
  };
}

/** Counts every test of the run in one line that `npm test` reads back: `Browser tests: N passed, N failed, N skipped`. */
function countsReporter() {
  const count = (suite, totals) => {
    for (const test of suite.tests) {
      if (test.skipped) totals.skipped += 1;
      else if (test.passed) totals.passed += 1;
      else totals.failed += 1;
    }
    for (const child of suite.suites) count(child, totals);
    return totals;
  };
  return {
    stop({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        const before = totals.failed;
        if (session.testResults) count(session.testResults, totals);
        // A file that failed to load (or threw outside a test) has no failing test to show for it.
        if (session.passed === false && totals.failed === before) totals.failed += 1;
      }
      console.log(`Browser tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
    },
  };
}

export default {
  files: ['elements/**/*.test.ts', 'dev/**/*.browser.test.ts', 'signaling/**/*.browser.test.ts', '!elements/**/*.node.test.ts'],
  nodeResolve: true,
  // One test file at a time, whatever the core count: the files share one stack and its seeded
  // database, and several drive focus, real key presses and animation frames, which Chromium
  // throttles in background tabs (runs with 2 or 4 at once failed those tests).
  concurrency: 1,
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS },
    }),
  ],
  plugins: [
    localStackPlugin(),
    semanticStackPlugin(),
    networkPlugin(),
    complianceCliPlugin(),
    // tsconfig.json carries Lit's experimentalDecorators and useDefineForClassFields: false.
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
    // y-webrtc depends on simple-peer, which is CommonJS.
    commonjs({ include: ['**/node_modules/simple-peer/**'] }),
    ...screenshotPlugins(),
  ],
  testFramework: {
    // Calls against the stack (sign-up, RPC, functions) take longer than mocha's 2 s default.
    config: { timeout: 10_000 },
  },
  reporters: [defaultReporter(), countsReporter()],
};
