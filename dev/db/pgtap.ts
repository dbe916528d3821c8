import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { protocol, type PGlite } from '@electric-sql/pglite';
import { applyMigrations, applySeed } from './migrations.js';
import { openDatabase } from './open-database.js';
import { listSqlFiles } from './platform.js';
import { describeSqlError } from './sql-error.js';

export interface PgTapOptions {
  /** Folder of test files (`supabase/tests/database`); every `*.sql` runs, in name order. */
  testsDir: string;
  migrationsDir: string;
  /** Applied when it exists, like `supabase db reset` does. */
  seedFile: string;
  /** Receives every output line; default console.log. */
  log?: (line: string) => void;
}

export interface PgTapFileResult {
  file: string;
  passed: number;
  failed: number;
  /** Why the file failed as a whole (SQL error, bad plan), if it did. */
  problems: string[];
}

export interface PgTapResult {
  passed: number;
  failed: number;
  files: PgTapFileResult[];
}

/** What one test file printed: TAP lines in order, and the SQL error that stopped it, if any. */
interface FileOutput {
  lines: string[];
  error?: string;
}

/**
 * Runs a file the way psql/pg_prove would, as one simple-query message: Postgres splits the
 * statements itself (dollar quotes, comments, `begin; … rollback;`), and the raw protocol
 * answer keeps every row printed before an error, which `pg.exec()` would throw away.
 */
async function runTestFile(pg: PGlite, sql: string): Promise<FileOutput> {
  const { serialize } = protocol;
  const { messages } = await pg.runExclusive(() =>
    pg.execProtocol(serialize.query(sql), { throwOnError: false }),
  );
  const output: FileOutput = { lines: [] };
  for (const message of messages) {
    if (message.name === 'dataRow') {
      const { fields } = message as InstanceType<typeof protocol.messages.DataRowMessage>;
      for (const field of fields) if (field !== null) output.lines.push(...field.split('\n'));
    } else if (message.name === 'error' && output.error === undefined) {
      output.error = describeSqlError(message, sql);
    }
  }
  // After an error Postgres skips the rest of the message, `rollback;` included.
  if (pg.isInTransaction()) await pg.exec('rollback');
  return output;
}

const PLAN = /^1\.\.(\d+)/;
const TEST = /^(not )?ok\b/;
const TODO_OR_SKIP = /#\s*(todo|skip)\b/i;

/** Judges a file like pg_prove: every test ok, as many tests as planned, no SQL error. */
export function judgeTap(file: string, output: FileOutput): PgTapFileResult {
  let planned: number | undefined;
  let passed = 0;
  let failed = 0;
  for (const line of output.lines) {
    const plan = PLAN.exec(line);
    if (plan && planned === undefined) planned = Number(plan[1]);
    const test = TEST.exec(line);
    if (!test) continue;
    // A failing TODO test is expected to fail; pg_prove does not count it against the file.
    if (test[1] && !TODO_OR_SKIP.test(line)) failed++;
    else passed++;
  }
  const ran = passed + failed;
  const problems: string[] = [];
  if (output.error !== undefined) problems.push(`SQL error: ${output.error}`);
  if (planned === undefined) problems.push(`no plan (ran ${ran})`);
  else if (planned !== ran) problems.push(`bad plan: planned ${planned}, ran ${ran}`);
  if (problems.length > 0) {
    // Planned tests that never ran count as failed, and a broken file fails at least once.
    const missing = planned !== undefined && planned > ran ? planned - ran : 0;
    failed += Math.max(missing, 1);
  }
  return { file, passed, failed, problems };
}

/**
 * The `npm run test:db` suite: a fresh in-memory database with pgTAP, the platform files, the
 * migrations and the seed, then each test file in name order. A file's SQL error fails that file
 * only; its transaction is rolled back and the next file runs.
 */
export async function runPgTap(options: PgTapOptions): Promise<PgTapResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const result: PgTapResult = { passed: 0, failed: 0, files: [] };
  const { pg } = await openDatabase({ dataDir: 'memory', withPgTap: true });
  try {
    try {
      await pg.exec('create extension if not exists pgtap with schema extensions');
      await applyMigrations(pg, options.migrationsDir);
      await applySeed(pg, options.seedFile);
    } catch (error) {
      log(`# setup failed: ${(error as Error).message}`);
      result.failed = 1;
      return result;
    }
    const files = existsSync(options.testsDir) ? await listSqlFiles(options.testsDir) : [];
    for (const file of files) {
      const sql = await readFile(join(options.testsDir, file), 'utf8');
      const output = await runTestFile(pg, sql);
      for (const line of output.lines) log(`${file}: ${line}`);
      const judged = judgeTap(file, output);
      for (const problem of judged.problems) log(`${file}: # ${problem}`);
      log(`${file}: ${judged.problems.length === 0 && judged.failed === 0 ? 'ok' : 'FAILED'}`);
      result.files.push(judged);
      result.passed += judged.passed;
      result.failed += judged.failed;
    }
    return result;
  } finally {
    log(`pgTAP: ${result.passed} passed, ${result.failed} failed`);
    await pg.close();
  }
}
