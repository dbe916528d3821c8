// The real `storybook build` (the .storybook config, every stories/*.stories.ts, the manifest
// built from the elements) into a temporary folder: a broken config or CSF file fails it, and
// its index.json must list every story each file exports. Telemetry is off (config and
// environment); the build needs no network and no running stack.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { projectRoot } from './run-command.js';

interface IndexEntry {
  type: 'story' | 'docs';
  id: string;
  title: string;
  importPath: string;
  exportName?: string;
}

let outDir = '';
let entries: IndexEntry[] = [];

before(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'jd-storybook-'));
  const storybook = join(projectRoot, 'node_modules/storybook/dist/bin/dispatcher.js');
  try {
    await promisify(execFile)(process.execPath, [storybook, 'build', '--output-dir', outDir, '--quiet', '--disable-telemetry'], {
      cwd: projectRoot,
      env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1', CI: '1', NO_COLOR: '1' },
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

after(() => rm(outDir, { recursive: true, force: true }));

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
  for (const file of ['jd-session', 'jd-editor', 'jd-comments', 'jd-documents', 'jd-notifications']) {
    assert.ok(
      assets.some((asset) => asset.startsWith(`${file}.stories-`) && asset.endsWith('.js')),
      `no bundle for stories/${file}.stories.ts`,
    );
  }
  await readFile(join(outDir, 'iframe.html'), 'utf8');
});
