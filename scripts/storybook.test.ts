// The real `storybook build` (the .storybook config, every stories/*.stories.ts, the manifest
// built from the elements) into a temporary folder: a broken config or CSF file fails it, and
// its index.json must list every story each file exports. Telemetry is off (config and
// environment); the build needs no network. The stories reach the stack whose ports the build
// is given (JD_* variables, read by .storybook/main.ts), so a stack on free ports starts
// first, in memory and with no AI key; then the static build is opened in the Debian Chromium
// and every story and docs page must render with no console or page error (issue 19, criterion 2).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { projectRoot } from './run-command.js';
import { openStorybook } from './storybook-browser.js';
import { startStack, type RunningStack } from '../dev/stack.js';

interface IndexEntry {
  type: 'story' | 'docs';
  id: string;
  title: string;
  importPath: string;
  exportName?: string;
}

let outDir = '';
let entries: IndexEntry[] = [];
let stack: RunningStack | undefined;

/** The JD_* port variables .storybook/main.ts builds the stories' stack addresses from. */
function stackPorts(running: RunningStack): Record<string, string> {
  return {
    JD_API_PORT: new URL(running.apiUrl).port,
    JD_SYNC_PORT: new URL(running.syncUrl).port,
    JD_SIGNALING_PORT: new URL(running.signalingUrl).port,
  };
}

before(async () => {
  // No AI key whatever the environment holds: the stories show the offline provider and semantic search off.
  stack = await startStack({ dataDir: 'memory', apiPort: 0, dbPort: 0, syncPort: 0, signalingPort: 0, log: () => {}, functionSecrets: {} });
  outDir = await mkdtemp(join(tmpdir(), 'jd-storybook-'));
  const storybook = join(projectRoot, 'node_modules/storybook/dist/bin/dispatcher.js');
  try {
    await promisify(execFile)(process.execPath, [storybook, 'build', '--output-dir', outDir, '--quiet', '--disable-telemetry'], {
      cwd: projectRoot,
      env: { ...process.env, ...stackPorts(stack), STORYBOOK_DISABLE_TELEMETRY: '1', CI: '1', NO_COLOR: '1' },
      maxBuffer: 64 * 1024 * 1024,
      timeout: 240_000,
    });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    assert.fail(`storybook build failed:\n${`${stdout}\n${stderr}`.trim().slice(-4000)}`);
  }
  const index = JSON.parse(await readFile(join(outDir, 'index.json'), 'utf8')) as { entries: Record<string, IndexEntry> };
  entries = Object.values(index.entries);
});

after(async () => {
  await stack?.stop();
  await rm(outDir, { recursive: true, force: true });
});

/** The named exports of a CSF file: its stories (the default export is the component's meta). */
function storyExports(source: string): string[] {
  return [...source.matchAll(/^export const (\w+)\b/gm)].map(([, name]) => name!);
}

test('the build lists every story of every stories/*.stories.ts file, with its docs page', async () => {
  const files = (await readdir(join(projectRoot, 'stories'))).filter((name) => name.endsWith('.stories.ts')).sort();
  assert.ok(files.length > 0, 'no stories/*.stories.ts file');
  for (const file of files) {
    const importPath = `./stories/${file}`;
    const exported = storyExports(await readFile(join(projectRoot, 'stories', file), 'utf8'));
    const listed = entries.filter((entry) => entry.importPath === importPath && entry.type === 'story').map((entry) => entry.exportName);
    assert.deepEqual(listed.sort(), exported.sort(), `${file}: stories in index.json`);
    assert.ok(
      entries.some((entry) => entry.importPath === importPath && entry.type === 'docs'),
      `${file}: no docs page (autodocs)`,
    );
    assert.ok(exported.includes('Accessibility'), `${file}: every component has an Accessibility story`);
  }
  const elsewhere = entries.filter((entry) => !files.some((file) => entry.importPath === `./stories/${file}`));
  assert.deepEqual(elsewhere, [], 'entries from outside stories/');
});

test('the preview is built with the stories', async () => {
  const assets = await readdir(join(outDir, 'assets'));
  const files = (await readdir(join(projectRoot, 'stories'))).filter((name) => name.endsWith('.stories.ts')).map((name) => name.replace(/\.stories\.ts$/, ''));
  for (const file of files) {
    assert.ok(
      assets.some((asset) => asset.startsWith(`${file}.stories-`) && asset.endsWith('.js')),
      `no bundle for stories/${file}.stories.ts`,
    );
  }
  await readFile(join(outDir, 'iframe.html'), 'utf8');
});

/** Where the stories' screenshots go (test-artifacts/ is not committed). */
const SCREENSHOTS = join(projectRoot, 'test-artifacts/storybook');

/** The element a story or docs page is about: its title's last part (`Elements/jd-editor`). */
const tagOf = (entry: IndexEntry) => entry.title.split('/').at(-1)!;

/** Tabs opening stories side by side: most of a story's time is spent waiting on the stack. */
const TABS = 2;

test('every story and every docs page renders in Chromium with no console or page error', { timeout: 240_000 }, async () => {
  assert.ok(entries.length > 0, 'index.json lists nothing');
  const storybook = await openStorybook(outDir);
  const failures: string[] = [];
  try {
    // Stories first, docs pages after: a docs page draws all of its component's stories at once.
    const queue = [...entries.filter((entry) => entry.type === 'story'), ...entries.filter((entry) => entry.type === 'docs')];
    const work = async () => {
      const tab = await storybook.tab();
      for (let entry = queue.shift(); entry; entry = queue.shift()) {
        const problems = await tab.open(entry.id, entry.type === 'story' ? 'story' : 'docs', tagOf(entry));
        // Every story as a person sees it, narrow and wide, kept as a test artifact to look at.
        if (entry.type === 'story') await tab.screenshot(SCREENSHOTS, entry.id, [390, 1366]);
        if (problems.length) failures.push(`${entry.type} ${entry.id} (${entry.importPath}${entry.exportName ? ` › ${entry.exportName}` : ''}):\n  ${problems.join('\n  ')}`);
      }
    };
    await Promise.all(Array.from({ length: TABS }, work));
  } finally {
    await storybook.close();
  }
  assert.deepEqual(failures.sort(), [], `stories or docs pages that failed:\n${failures.join('\n')}`);
});
