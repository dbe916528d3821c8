// Deno resolves `npm:` specifiers from node_modules: the versions the import maps name (the root
// deno.json, which domain/'s bare imports of the SDKs go through, and each function's own) must be
// the ones package-lock.json installs, or Deno would want to download another copy.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { projectRoot } from './run-command.js';

const readJson = (path: string) => JSON.parse(readFileSync(join(projectRoot, path), 'utf8')) as Record<string, unknown>;

const importMaps = [
  'deno.json',
  ...readdirSync(join(projectRoot, 'edge-functions'))
    .map((name) => join('edge-functions', name, 'deno.json'))
    .filter((path) => existsSync(join(projectRoot, path))),
];

test('the npm: versions of the Deno import maps are the locked ones', () => {
  const locked = (readJson('package-lock.json').packages ?? {}) as Record<string, { version?: string }>;
  const specifiers = importMaps.flatMap((path) =>
    Object.values((readJson(path).imports ?? {}) as Record<string, string>).map((specifier) => ({ path, specifier })),
  );
  assert.ok(specifiers.some(({ specifier }) => specifier.startsWith('npm:openai@')), 'deno.json maps openai');
  for (const { path, specifier } of specifiers) {
    const match = /^npm:((?:@[^/]+\/)?[^@]+)@([^/]+)/u.exec(specifier);
    if (!match) continue;
    const [, name, version] = match;
    assert.equal(version, locked[`node_modules/${name}`]?.version, `${path}: ${specifier} is not the version package-lock.json installs`);
  }
});
