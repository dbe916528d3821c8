// Issue 19, criterion 3: the package `npm run build` writes installs and works the way a portal
// uses it. The test packs dist/ (`npm pack`), installs the tarball into scratch apps in a temp
// folder and opens them in Chromium against a local stack:
// - a plain HTML page loading the single-file CDN bundle with a script tag (twice: a page that
//   includes it from two places still works), signed in with an SSO token (`accessToken`);
// - a React 19 app bundled by esbuild from the npm entries (`jd-kit/session`, `jd-kit/editor`,
//   `jd-kit/compliance`), with the kit's peer dependencies installed beside it from the registry,
//   and a TypeScript file type-checked against the published declarations;
// - that React app on a page that loaded the CDN bundle first (two copies of the kit, one page).
// Each renders <jd-session> + <jd-editor> on the seeded ESDC job description and shows its text;
// <jd-compliance> beside it checks the text in its worker (inlined in the CDN bundle, a file
// beside the npm build).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { createClient } from '@supabase/supabase-js';
import { build } from 'esbuild';
import { Hono } from 'hono';
import ws from 'ws';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { startStack, type RunningStack } from '../dev/stack.js';
import { ELEMENTS, SHARED, outputs } from './package-layout.js';
import { projectRoot } from './run-command.js';

const run = promisify(execFile);
const npm = (args: string[], cwd: string) => run('npm', args, { cwd, maxBuffer: 64 * 1024 * 1024 });

const ESDC_DOC = 'e5dc0000-0000-4000-a000-00000000d001';
const ESDC_TEXT_EN = 'Delivers grants and contributions programs';
const EDITOR = { email: 'editor@esdc.example', password: 'demo-password-1' };
const INSTALL_FLAGS = ['--prefer-offline', '--no-audit', '--no-fund'];

let scratch: string;
let tarball: string;
let stack: RunningStack;
let browser: Browser;
let server: ServerType;
let origin: string;

/** The page's <jd-session> attributes for the running stack. */
const sessionAttributes = () =>
  `supabase-url="${stack.apiUrl}" anon-key="${stack.anonKey}" sync-url="${stack.syncUrl}" persist-session="" cache-name="jd-pkg-${Date.now()}"`;

/** Serves `folder` on a free port of 127.0.0.1; resolves to its origin. */
function serveFolder(folder: string): Promise<{ server: ServerType; origin: string }> {
  const app = new Hono().use('/*', serveStatic({ root: folder }));
  return new Promise((resolve) => {
    const started = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => resolve({ server: started, origin: `http://127.0.0.1:${info.port}` }));
  });
}

/** Opens `path` and waits until its <jd-editor> shows the seeded English text; returns the page's uncaught errors. */
async function rendersSeededDocument(path: string, prepare?: (page: Page) => Promise<unknown>): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(`${origin}${path}`);
  await prepare?.(page);
  await page.waitForFunction(
    (text) => {
      const editor = document.querySelector('jd-editor') as (HTMLElement & { getView?: (lang: string) => { state: { doc: { textContent: string } } } | null }) | null;
      return editor?.getView?.('en')?.state.doc.textContent.includes(text) ?? false;
    },
    { timeout: 30_000 },
    ESDC_TEXT_EN,
  );
  return { page, errors };
}

before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'jd-kit-package-'));
  await run('npm', ['run', 'build'], { cwd: projectRoot, maxBuffer: 16 * 1024 * 1024 });
  const { stdout } = await npm(['pack', join(projectRoot, 'dist'), '--pack-destination', scratch], projectRoot);
  tarball = join(scratch, stdout.trim().split('\n').at(-1)!);
  stack = await startStack({ dataDir: 'memory', apiPort: 0, dbPort: 0, syncPort: 0, signalingPort: 0, log: () => {} });
  browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  ({ server, origin } = await serveFolder(scratch));
});

after(async () => {
  await browser?.close();
  server?.close();
  await stack?.stop();
  await rm(scratch, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('declares the shared libraries as peer dependencies and an entry per element, each with its types', async () => {
    const { stdout } = await run('tar', ['-xzOf', tarball, 'package/package.json']);
    const manifest = JSON.parse(stdout) as { peerDependencies: Record<string, string>; dependencies?: unknown; exports: Record<string, { types?: string; default?: string } | string> };
    assert.deepEqual(Object.keys(manifest.peerDependencies).sort(), [...SHARED].sort());
    for (const [name, range] of Object.entries(manifest.peerDependencies)) assert.match(range, /^\^\d/, `${name}: a compatible range, not one exact release`);
    assert.equal(manifest.dependencies, undefined, 'everything else is bundled');
    const { stdout: listing } = await run('tar', ['-tzf', tarball]);
    const files = new Set(listing.split('\n').map((line) => line.replace(/^package\//, '')));
    for (const element of ELEMENTS) {
      for (const subpath of [element.name, `${element.name}/element`, `${element.name}/events`]) {
        const entry = manifest.exports[`./${subpath}`];
        assert.ok(entry && typeof entry === 'object', `exports has ./${subpath}`);
        assert.ok(files.has(entry.default!.slice(2)), `${entry.default} is in the tarball`);
        assert.ok(files.has(entry.types!.slice(2)), `${entry.types} is in the tarball`);
      }
    }
    for (const file of [outputs.cdn, outputs.theme, outputs.worker, 'custom-elements.json']) assert.ok(files.has(file), `${file} is in the tarball`);
    // The manifest names files of the package (IDEs and Storybook follow them), and every tag.
    const elementsManifest: unknown = JSON.parse((await run('tar', ['-xzOf', tarball, 'package/custom-elements.json'], { maxBuffer: 64 * 1024 * 1024 })).stdout);
    const referenced = new Set<string>();
    const tags = new Set<string>();
    const walk = (value: unknown, key?: string): void => {
      if (Array.isArray(value)) value.forEach((inner) => walk(inner));
      else if (value && typeof value === 'object') for (const [innerKey, inner] of Object.entries(value)) walk(inner, innerKey);
      else if ((key === 'path' || key === 'module') && typeof value === 'string') referenced.add(value);
      else if (key === 'tagName' && typeof value === 'string') tags.add(value);
    };
    walk(elementsManifest);
    assert.deepEqual([...referenced].filter((path) => !files.has(path)), [], 'every module the manifest names is in the tarball');
    assert.deepEqual([...tags].sort(), ELEMENTS.flatMap((element) => element.tags).sort());
    const theme = (await run('tar', ['-xzOf', tarball, `package/${outputs.theme}`])).stdout;
    assert.match(theme, /--jd-color-primary: #[0-9a-f]{6};/i);
  });

  it('renders the editor in a plain HTML page from the CDN bundle, included twice, signed in with an SSO token', async () => {
    const folder = join(scratch, 'plain');
    await mkdir(folder);
    await writeFile(join(folder, 'package.json'), '{ "name": "plain-page", "private": true }\n');
    // No build step: only the package itself (its CDN bundle carries everything).
    await npm(['install', tarball, '--omit=peer', ...INSTALL_FLAGS], folder);
    assert.deepEqual(await readdir(join(folder, 'node_modules')).then((names) => names.filter((n) => !n.startsWith('.'))), ['jd-kit']);
    const cdn = `./node_modules/jd-kit/${outputs.cdn}`;
    await writeFile(
      join(folder, 'index.html'),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Plain page</title>
<link rel="stylesheet" href="./node_modules/jd-kit/${outputs.theme}">
<script>window.JD_CHECKS = []; addEventListener('jd-compliance-checked', (e) => JD_CHECKS.push(e.count));</script>
<script type="module" src="${cdn}"></script>
<script type="module" src="${cdn}?again"></script>
</head><body>
<jd-session ${sessionAttributes()}>
  <jd-editor document-id="${ESDC_DOC}"></jd-editor>
  <jd-compliance document-id="${ESDC_DOC}"></jd-compliance>
</jd-session>
</body></html>\n`,
    );
    // What a portal's single sign-on hands over: a Supabase access token for the person.
    const supabase = createClient(stack.apiUrl, stack.anonKey, { auth: { persistSession: false, autoRefreshToken: false }, realtime: { transport: ws as unknown as typeof WebSocket } });
    const { data, error } = await supabase.auth.signInWithPassword(EDITOR);
    assert.ifError(error);
    const token = data.session!.access_token;
    const { page, errors } = await rendersSeededDocument('/plain/index.html', async (p) => {
      await p.waitForFunction(() => customElements.get('jd-session') && customElements.get('jd-editor'));
      await p.evaluate((accessToken) => {
        (document.querySelector('jd-session') as HTMLElement & { accessToken: string | null }).accessToken = accessToken;
      }, token);
    });
    assert.deepEqual(errors, []);
    const twice = await page.evaluate(() => performance.getEntriesByType('resource').filter((r) => r.name.includes('/cdn/jd-kit.js')).length);
    assert.equal(twice, 2, 'both copies of the CDN bundle loaded');
    // <jd-compliance> checks in a worker, which the CDN bundle carries inside itself.
    await page.waitForFunction(() => (window as unknown as { JD_CHECKS: number[] }).JD_CHECKS.length > 0, { timeout: 30_000 });
    await page.close();
  });

  describe('in a React app bundled from the npm entries', () => {
    const folder = () => join(scratch, 'react');

    before(async () => {
      await mkdir(folder());
      await writeFile(join(folder(), 'package.json'), '{ "name": "react-app", "private": true, "type": "module" }\n');
      // npm installs the kit's peer dependencies (Lit, Yjs, supabase-js, …) beside it.
      await npm(['install', tarball, 'react', 'react-dom', ...INSTALL_FLAGS], folder());
      await writeFile(
        join(folder(), 'app.jsx'),
        `import { createRoot } from 'react-dom/client';
import 'jd-kit/session';
import 'jd-kit/editor';
import 'jd-kit/compliance';
import { JdSession } from 'jd-kit/session/element';
import { JdStatusChangeEvent } from 'jd-kit/editor/events';
import 'jd-kit/theme.css';

const config = window.JD_CONFIG;
const statuses = (window.JD_STATUSES = []);
const checks = (window.JD_CHECKS = []);

function App() {
  return (
    <jd-session supabase-url={config.apiUrl} anon-key={config.anonKey} sync-url={config.syncUrl} cache-name={config.cacheName}>
      <jd-editor document-id={config.documentId} onjd-status-change={(event) => statuses.push(event instanceof JdStatusChangeEvent ? event.status : 'not a JdStatusChangeEvent')} />
      <jd-compliance document-id={config.documentId} onjd-compliance-checked={(event) => checks.push(event.count)} />
    </jd-session>
  );
}

createRoot(document.getElementById('root')).render(<App />);
window.JD_SIGN_IN = () => document.querySelector('jd-session').signIn(config.email, config.password);
window.JD_SESSION_CLASS_REGISTERED = customElements.get('jd-session') === JdSession;
`,
      );
      await build({
        absWorkingDir: folder(),
        entryPoints: ['app.jsx'],
        bundle: true,
        format: 'esm',
        outdir: join(folder(), 'build'),
        jsx: 'automatic',
        target: 'es2022',
        define: { 'process.env.NODE_ENV': '"production"' },
        logLevel: 'warning',
      });
      // esbuild leaves <jd-compliance>'s `new URL('./findings-worker.js', import.meta.url)` as it
      // is: the worker goes beside the bundle, as the README says.
      await copyFile(join(folder(), 'node_modules', 'jd-kit', outputs.worker), join(folder(), 'build', outputs.worker));
      const config = { apiUrl: stack.apiUrl, anonKey: stack.anonKey, syncUrl: stack.syncUrl, documentId: ESDC_DOC, ...EDITOR };
      const page = (withCdn: boolean) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>React app</title>
<link rel="stylesheet" href="./build/app.css">
<script>window.JD_CONFIG = ${JSON.stringify(config)}; window.JD_CONFIG.cacheName = 'jd-react-' + Date.now();</script>
${withCdn ? `<script type="module" src="./node_modules/jd-kit/${outputs.cdn}"></script>` : ''}
<script type="module" src="./build/app.js"></script>
</head><body><div id="root"></div></body></html>\n`;
      await writeFile(join(folder(), 'index.html'), page(false));
      await writeFile(join(folder(), 'with-cdn.html'), page(true));
    });

    const signIn = (page: Page) => page.waitForFunction(() => 'JD_SIGN_IN' in window).then(() => page.evaluate(() => (window as unknown as { JD_SIGN_IN: () => Promise<unknown> }).JD_SIGN_IN()));

    it('renders the editor, with the element classes and events of the npm entries', async () => {
      const bundle = await readFile(join(folder(), 'build', 'app.js'), 'utf8');
      assert.equal(bundle.match(/Yjs was already imported/g)?.length ?? 0, 1, 'one copy of Yjs in the app: the kit shares the peer dependency');
      const { page, errors } = await rendersSeededDocument('/react/index.html', signIn);
      assert.deepEqual(errors, []);
      assert.equal(await page.evaluate(() => (window as unknown as { JD_SESSION_CLASS_REGISTERED: boolean }).JD_SESSION_CLASS_REGISTERED), true);
      await page.waitForFunction(() => (window as unknown as { JD_STATUSES: string[] }).JD_STATUSES.length > 0);
      const statuses = await page.evaluate(() => (window as unknown as { JD_STATUSES: string[] }).JD_STATUSES);
      assert.ok(!statuses.includes('not a JdStatusChangeEvent'), `events are the package's classes: ${statuses.join(', ')}`);
      const primary = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--jd-color-primary').trim());
      assert.match(primary, /^#[0-9a-f]{6}$/i, 'the default theme is loaded');
      await page.waitForFunction(() => (window as unknown as { JD_CHECKS: number[] }).JD_CHECKS.length > 0, { timeout: 30_000 });
      await page.close();
    });

    it("types a TypeScript portal's use of the entries (tags, properties, events)", async () => {
      await writeFile(
        join(folder(), 'typed.ts'),
        `import 'jd-kit/session';
import { JdEditor } from 'jd-kit/editor';
import { JdStatusChangeEvent } from 'jd-kit/editor/events';
import { JdSession, JdComments } from 'jd-kit';
const editor: JdEditor = document.createElement('jd-editor');
editor.documentId = '${ESDC_DOC}';
editor.addEventListener('jd-status-change', (event) => console.log(event.status.toUpperCase(), event instanceof JdStatusChangeEvent));
const session: JdSession = document.createElement('jd-session');
session.accessToken = 'a token';
// @ts-expect-error documentId is a string
document.createElement('jd-comments').documentId = 1;
console.log(JdComments);
`,
      );
      const tsc = join(projectRoot, 'node_modules', '.bin', 'tsc');
      const flags = ['--noEmit', '--strict', '--target', 'es2022', '--module', 'esnext', '--moduleResolution', 'bundler', '--lib', 'es2023,dom,dom.iterable'];
      // With skipLibCheck (the Vite templates' default): the portal's code type-checks against the kit.
      await run(tsc, [...flags, '--skipLibCheck', 'typed.ts'], { cwd: folder() }).catch((error: { stdout?: string }) => assert.fail(`tsc: ${error.stdout ?? String(error)}`));
      // Without it, the kit's own declarations check too: they import only the kit's peer
      // dependencies, never a package it bundles (zod, Lucide), which a portal does not have.
      // supabase-js's and lib0's declarations need @types/node, which this app does not install;
      // those errors are theirs, so only errors in the kit's files and the app's count here.
      const full = await run(tsc, [...flags, 'typed.ts'], { cwd: folder() }).then(
        () => '',
        (error: { stdout?: string }) => error.stdout ?? String(error),
      );
      const kitErrors = full.split('\n').filter((line) => line.includes('error TS') && (!line.startsWith('node_modules/') || line.startsWith('node_modules/jd-kit/')));
      assert.deepEqual(kitErrors, [], `tsc without skipLibCheck:\n${full}`);
    });

    it('renders the editor on a page that loaded the CDN bundle first: the npm entries leave its elements registered', async () => {
      const { page, errors } = await rendersSeededDocument('/react/with-cdn.html', signIn);
      assert.deepEqual(errors, []);
      assert.equal(await page.evaluate(() => (window as unknown as { JD_SESSION_CLASS_REGISTERED: boolean }).JD_SESSION_CLASS_REGISTERED), false, 'the CDN copy registered jd-session first');
      await page.close();
    });
  });
});
