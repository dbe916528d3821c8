// Acceptance (issue #4, criterion 1): the migrations must apply to hosted Supabase (Postgres 17)
// as well as to PGlite (Postgres 18). Two checks:
//  1. Apply the platform files, every migration and the seed to a real Debian PostgreSQL server
//     (the newest under /usr/lib/postgresql; Debian 12 ships 15, and what 15 accepts 17 accepts),
//     each with `psql -v ON_ERROR_STOP=1`, then call an RPC as a signed-in user.
//     pgvector is usually not installed there: the platform's `create extension vector` line and
//     the migrations that create the extension (20261123100500_translation_vectors.sql only)
//     are left out when the server lacks it. No stand-in `vector` type is created.
//  2. Grep the SQL for constructs PostgreSQL 18 accepts and 17 rejects.
// CI installs the server (.ci/run installs `postgresql`); without one the test fails, it does not skip.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';

const root = resolve(import.meta.dirname, '../..');
const platformDir = join(root, 'dev/db/platform');
const migrationsDir = join(root, 'supabase/migrations');
const seedFile = join(root, 'supabase/seed.sql');

const sqlFiles = (dir: string) =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.sql'))
    .sort()
    .map((name) => join(dir, name));

/** The bin folder of the newest PostgreSQL server installed the Debian way, if any. */
function findServerBin(): string | null {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((v) => /^\d+$/.test(v) && existsSync(join(base, v, 'bin/initdb')) && existsSync(join(base, v, 'bin/pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? join(base, versions[0]!, 'bin') : null;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

const isRoot = process.getuid?.() === 0;

/** Runs a server binary; as root, as the postgres user (initdb and postgres refuse root). */
function runServerTool(bin: string, args: string[]): SpawnSyncReturns<string> {
  const [command, commandArgs] = isRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  return spawnSync(command, commandArgs, { encoding: 'utf8', timeout: 60_000 });
}

function describe(result: SpawnSyncReturns<string>): string {
  return `exit ${result.status ?? result.signal}: ${(result.stderr || result.stdout || String(result.error ?? '')).trim()}`;
}

let bin: string | null = null;
let workDir = '';
let port = 0;
let started = false;

function psql(sql: string, options: { file?: string; singleTransaction?: boolean } = {}): SpawnSyncReturns<string> {
  const args = ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-h', workDir, '-p', String(port), '-U', 'postgres', '-d', 'postgres'];
  if (options.singleTransaction) args.push('-1');
  args.push('-f', '-');
  return spawnSync(join(bin!, 'psql'), args, { input: sql, encoding: 'utf8', timeout: 120_000 });
}

before(async () => {
  bin = findServerBin();
  if (!bin) return;
  workDir = mkdtempSync(join(tmpdir(), 'jd-pg-'));
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(workDir, uid, gid);
  }
  port = await freePort();
  const data = join(workDir, 'data');
  const init = runServerTool(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale']);
  assert.equal(init.status, 0, `initdb failed: ${describe(init)}`);
  // Unix socket only (in the temporary folder), nothing listens on TCP.
  const start = runServerTool(join(bin, 'pg_ctl'), [
    '-D', data, '-l', join(workDir, 'server.log'), '-w', '-t', '60',
    '-o', `-p ${port} -k ${workDir} -c listen_addresses=''`, 'start',
  ]);
  assert.equal(start.status, 0, `pg_ctl start failed: ${describe(start)}`);
  started = true;
});

after(() => {
  if (bin && started) {
    const stop = runServerTool(join(bin, 'pg_ctl'), ['-D', join(workDir, 'data'), '-m', 'fast', '-w', 'stop']);
    assert.equal(stop.status, 0, `pg_ctl stop failed: ${describe(stop)}`);
  }
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

const CREATES_VECTOR = /^\s*create extension if not exists vector\b[^;]*;\s*$/im;

test('the platform files, every migration and the seed apply to Debian PostgreSQL', () => {
  assert.ok(
    bin,
    'No PostgreSQL server under /usr/lib/postgresql/<version>/bin (initdb, pg_ctl, psql). ' +
      'Install Debian\'s `postgresql` package (`apt-get install postgresql`), as .ci/run does.',
  );
  const version = psql('show server_version_num');
  assert.equal(version.status, 0, describe(version));
  assert.ok(Number(version.stdout.trim()) >= 150000, `PostgreSQL 15 or newer, got ${version.stdout.trim()}`);

  const available = psql(`select count(*) from pg_available_extensions where name = 'vector'`);
  const hasVector = available.stdout.trim() === '1';

  const applied: string[] = [];
  const skipped: string[] = [];
  for (const file of sqlFiles(platformDir)) {
    let sql = readFileSync(file, 'utf8');
    if (!hasVector) sql = sql.replace(CREATES_VECTOR, '-- (pgvector is not installed on this server)');
    const result = psql(sql, { singleTransaction: true });
    assert.equal(result.status, 0, `platform file ${file} failed: ${describe(result)}`);
  }
  for (const file of sqlFiles(migrationsDir)) {
    const sql = readFileSync(file, 'utf8');
    if (!hasVector && CREATES_VECTOR.test(sql)) {
      skipped.push(file);
      continue;
    }
    const result = psql(sql, { singleTransaction: true });
    assert.equal(result.status, 0, `migration ${file} failed: ${describe(result)}`);
    applied.push(file);
  }
  // Only the semantic-search migration may be left out, and only for lack of pgvector.
  assert.deepEqual(
    skipped.map((f) => f.split('/').at(-1)),
    hasVector ? [] : ['20261123100500_translation_vectors.sql'],
  );
  assert.ok(applied.length >= 9, `applied ${applied.length} migrations`);

  const seed = psql(readFileSync(seedFile, 'utf8'), { singleTransaction: true });
  assert.equal(seed.status, 0, `seed failed: ${describe(seed)}`);

  const tables = psql(`select string_agg(tablename, ',' order by tablename) from pg_tables where schemaname = 'public'`);
  const expected = ['ai_requests', 'alignment_pairs', 'alignments', 'approvals', 'audit_log', 'classification_groups', 'comments',
    'compliance_findings', 'doc_snapshots', 'doc_updates', 'document_sections', 'document_versions', 'glossary_terms',
    'job_descriptions', 'memberships', 'organizations', 'profiles', 'tm_segments'];
  const present = new Set(tables.stdout.trim().split(','));
  assert.deepEqual(expected.filter((t) => !present.has(t)), [], 'every jd-kit table exists');

  // RLS and an RPC behave the same as on PGlite: the ESDC viewer sees ESDC's document, read-only.
  const asViewer = psql(`
    begin;
    select set_config('role', 'authenticated', true),
           set_config('request.jwt.claims', '{"role":"authenticated","sub":"e5dc0000-0000-4000-a000-000000000101"}', true) \\g /dev/null
    select classification || ' ' || access from public.list_documents();
    select coalesce(public.can_open_document('7c000000-0000-4000-a000-00000000d001'), 'none');
    select score from public.tm_search('Occasional travel is required.', 'en', 'fr', 100);
    rollback;`);
  assert.equal(asViewer.status, 0, describe(asViewer));
  assert.deepEqual(asViewer.stdout.trim().split('\n'), ['PM-04 view', 'none', '100']);
});

// Constructs PostgreSQL 18 accepts and 17 (hosted Supabase) rejects.
const PG18_ONLY: { name: string; pattern: RegExp }[] = [
  { name: 'VIRTUAL generated column (PG18; 17 only has STORED)', pattern: /\bvirtual\b/i },
  { name: 'uuidv4()/uuidv7() (PG18)', pattern: /\buuidv[47]\s*\(/i },
  { name: 'casefold() (PG18)', pattern: /\bcasefold\s*\(/i },
  { name: 'array_sort()/array_reverse() (PG18)', pattern: /\barray_(sort|reverse)\s*\(/i },
  { name: 'crc32()/crc32c() (PG18)', pattern: /\bcrc32c?\s*\(/i },
  { name: 'gamma()/lgamma() (PG18)', pattern: /\bl?gamma\s*\(/i },
  { name: 'RETURNING OLD/NEW (PG18)', pattern: /\breturning\s+(with\s*\(|(old|new)\s*\.)/i },
  { name: 'WITHOUT OVERLAPS / PERIOD temporal keys (PG18)', pattern: /\bwithout\s+overlaps\b|,\s*period\s+\w+\s*\)/i },
  { name: 'NOT ENFORCED constraints (PG18)', pattern: /\bnot\s+enforced\b/i },
  { name: 'NOT NULL ... NOT VALID (PG18)', pattern: /\bnot\s+null\s+not\s+valid\b/i },
  { name: 'pg_get_acl() (PG18)', pattern: /\bpg_get_acl\s*\(/i },
];

/** SQL without comments and string literals (function bodies in dollar quotes stay: they are code). */
function codeOf(sql: string): string {
  return sql
    .replace(/--[^\n]*/g, '')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/'(?:[^']|'')*'/g, "''");
}

/** Expression generated columns must say STORED: PG18 makes them VIRTUAL by default. */
function generatedWithoutStored(code: string): string[] {
  const problems: string[] = [];
  const opener = /generated\s+always\s+as\s*\(/gi;
  for (let match = opener.exec(code); match; match = opener.exec(code)) {
    let depth = 1;
    let i = match.index + match[0].length;
    for (; i < code.length && depth > 0; i++) {
      if (code[i] === '(') depth++;
      else if (code[i] === ')') depth--;
    }
    if (!/^\s*stored\b/i.test(code.slice(i))) problems.push(code.slice(match.index, i + 20).replace(/\s+/g, ' '));
  }
  return problems;
}

function pg18OnlyConstructs(sql: string): string[] {
  const code = codeOf(sql);
  const found = PG18_ONLY.filter(({ pattern }) => pattern.test(code)).map(({ name }) => name);
  return [...found, ...generatedWithoutStored(code).map((snippet) => `generated column without STORED: ${snippet}`)];
}

test('the PG18-only check recognises what it looks for', () => {
  assert.deepEqual(pg18OnlyConstructs('alter table t add column c text generated always as (lower(b)) stored;'), []);
  assert.deepEqual(pg18OnlyConstructs('create table t (id bigint generated always as identity);'), []);
  assert.deepEqual(pg18OnlyConstructs("-- uuidv7() in a comment\nselect 'virtual' as word;"), []);
  assert.equal(pg18OnlyConstructs('alter table t add column c text generated always as (lower(b));').length, 1);
  assert.equal(pg18OnlyConstructs('create table t (id uuid default uuidv7());').length, 1);
  assert.equal(pg18OnlyConstructs('update t set a = 1 returning old.a, new.a;').length, 1);
  assert.equal(pg18OnlyConstructs('alter table t add constraint c check (a > 0) not enforced;').length, 1);
});

test('no migration, nor the seed, uses syntax PostgreSQL 17 rejects', () => {
  const files = [...sqlFiles(migrationsDir), seedFile];
  assert.ok(files.length >= 10);
  const problems = files.flatMap((file) => pg18OnlyConstructs(readFileSync(file, 'utf8')).map((p) => `${file}: ${p}`));
  assert.deepEqual(problems, []);
});
