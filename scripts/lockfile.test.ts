// The lock must satisfy `npm ci`, which CI and newcomers run first. The registry reachable here
// lacks some platform builds, so `npm install` can leave the lock incomplete; this catches it
// (fix: `node scripts/complete-lockfile.mjs`).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { test } from 'node:test';

test('package-lock.json is complete enough for npm ci', () => {
  const result = spawnSync('npm', ['ci', '--dry-run', '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: resolve(import.meta.dirname, '..'),
    encoding: 'utf8',
  });
  const missing = result.stderr.split('\n').filter((line) => line.includes('Missing:') || line.includes('Invalid:'));
  assert.equal(result.status, 0, `npm ci --dry-run failed:\n${missing.join('\n') || result.stderr.slice(-2000)}`);
});
