// Issue #21 item 9: on a machine without Chromium, redis-server or Debian's PostgreSQL, `npm test`
// stops before running anything with one message naming what is missing and how to install it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { describeMissing, missingPrerequisites, type Lookup } from './prerequisites.js';
import { projectRoot } from './run-command.js';

const scratch = mkdtempSync(join(tmpdir(), 'jd-prerequisites-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function executable(file: string) {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, '#!/bin/sh\nexit 0\n');
  chmodSync(file, 0o755);
}

/** A machine with every program, in a scratch folder. */
function fullMachine(): Lookup {
  const root = mkdtempSync(join(scratch, 'full-'));
  executable(join(root, 'bin', 'redis-server'));
  executable(join(root, 'bin', 'chromium'));
  for (const tool of ['initdb', 'pg_ctl', 'psql']) executable(join(root, 'postgresql', '15', 'bin', tool));
  return { path: join(root, 'bin'), chromiumPath: join(root, 'bin', 'chromium'), postgresqlDir: join(root, 'postgresql') };
}

/** What `npm test` is run with on a machine that lacks all three: an empty PATH folder and paths that do not exist. */
function emptyMachine(): NodeJS.ProcessEnv {
  const emptyBin = mkdtempSync(join(scratch, 'empty-bin-'));
  return {
    PATH: emptyBin,
    CHROMIUM_PATH: join(scratch, 'no-such', 'chromium'),
    JD_POSTGRESQL_DIR: join(scratch, 'no-such', 'postgresql'),
    HOME: process.env['HOME'],
  };
}

function runHarness(env: NodeJS.ProcessEnv, args: string[] = []) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/test-all.ts', ...args], {
    cwd: projectRoot,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

test('a machine with every program lacks nothing', () => {
  assert.deepEqual(missingPrerequisites(['types', 'lint', 'node', 'browser', 'deno', 'pgtap'], fullMachine()), []);
});

test('each missing program is named once, with its Debian package', () => {
  const lookup = { ...fullMachine(), path: join(scratch, 'nothing-here') };
  const missing = missingPrerequisites(['node', 'browser'], { ...lookup, chromiumPath: join(scratch, 'none') });
  assert.deepEqual(
    missing.map((m) => m.debianPackage),
    ['chromium', 'redis-server'],
  );
  const message = describeMissing(missing);
  assert.match(message, /Chromium: not found at .*none/);
  assert.match(message, /redis-server: not found at PATH/);
  assert.match(message, /apt-get install -y chromium redis-server/);
});

test('a PostgreSQL folder without a server version (initdb, pg_ctl, psql) counts as missing', () => {
  const lookup = fullMachine();
  rmSync(join(lookup.postgresqlDir, '15', 'bin', 'pg_ctl'));
  assert.deepEqual(
    missingPrerequisites(['node'], lookup).map((m) => m.debianPackage),
    ['postgresql'],
  );
});

test('npm test on a machine without Chromium, redis-server and PostgreSQL stops at once with one clear message', () => {
  const run = runHarness(emptyMachine());
  assert.equal(run.status, 2, `exit ${run.status}\n${run.stdout}\n${run.stderr}`);
  assert.match(run.stderr, /^npm test cannot start/m);
  assert.match(run.stderr, /Chromium: not found/);
  assert.match(run.stderr, /redis-server: not found at PATH/);
  assert.match(run.stderr, /Debian's PostgreSQL server .*: not found/);
  assert.match(run.stderr, /sudo apt-get install -y chromium redis-server postgresql/);
  assert.match(run.stderr, /\.ci\/run/);
  // Nothing ran: no part header, no summary.
  assert.doesNotMatch(run.stdout, /━━━/);
});

test('types, lint, Deno and pgTAP need none of them', () => {
  const nothing: Lookup = { path: '', chromiumPath: join(scratch, 'none'), postgresqlDir: join(scratch, 'none') };
  assert.deepEqual(missingPrerequisites(['types', 'lint', 'deno', 'pgtap'], nothing), []);
});
