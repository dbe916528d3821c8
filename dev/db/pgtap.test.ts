import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { judgeTap, runPgTap, type PgTapResult } from './pgtap.js';

describe('runPgTap', () => {
  let root: string;
  let lines: string[];
  let result: PgTapResult;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'jd-pgtap-'));
    const testsDir = join(root, 'tests');
    const migrationsDir = join(root, 'migrations');
    await mkdir(testsDir);
    await mkdir(migrationsDir);
    await writeFile(
      join(migrationsDir, '20261123000000_init.sql'),
      'create table public.terms (en text primary key, fr text not null);',
    );
    await writeFile(join(root, 'seed.sql'), `insert into public.terms values ('job', 'emploi');`);
    // Names chosen so the order is visible: 10 passes, 20 has a failing assertion,
    // 30 stops on an SQL error, 40 passes again (the runner went on) and proves 30 was rolled back.
    await writeFile(
      join(testsDir, '10-pass.test.sql'),
      `begin;
select plan(3);
select has_table('public', 'terms', 'migrations ran');
select is((select fr from public.terms where en = 'job'), 'emploi', 'seed ran');
select ok(similarity('emploi', 'emplois') > 0.5, 'extensions are on the search_path');
select * from finish();
rollback;
`,
    );
    await writeFile(
      join(testsDir, '20-fail.test.sql'),
      `begin;
select plan(2);
select ok(true, 'fine');
select is(1 + 1, 3, 'arithmetic is broken');
select * from finish();
rollback;
`,
    );
    await writeFile(
      join(testsDir, '30-error.test.sql'),
      `begin;
select plan(3);
insert into public.terms values ('position', 'poste');
select ok(true, 'ran before the error');
select * from public.no_such_table;
select ok(true, 'never runs');
select * from finish();
rollback;
`,
    );
    await writeFile(
      join(testsDir, '40-after-error.test.sql'),
      `begin;
select plan(1);
select is((select count(*)::int from public.terms), 1, 'the erroring file was rolled back');
select * from finish();
rollback;
`,
    );
    await writeFile(join(testsDir, 'notes.txt'), 'not a test file');
    lines = [];
    result = await runPgTap({
      testsDir,
      migrationsDir,
      seedFile: join(root, 'seed.sql'),
      log: (line) => lines.push(line),
    });
  });

  after(() => rm(root, { recursive: true, force: true }));

  it('runs every .sql file in name order and prefixes its TAP lines with the file name', () => {
    assert.deepEqual(
      result.files.map((file) => file.file),
      ['10-pass.test.sql', '20-fail.test.sql', '30-error.test.sql', '40-after-error.test.sql'],
    );
    assert.ok(lines.includes('10-pass.test.sql: 1..3'));
    assert.ok(lines.includes('10-pass.test.sql: ok 3 - extensions are on the search_path'));
    assert.ok(lines.includes('20-fail.test.sql: not ok 2 - arithmetic is broken'));
  });

  it('judges files like pg_prove', () => {
    const byName = Object.fromEntries(result.files.map((file) => [file.file, file]));
    assert.deepEqual(byName['10-pass.test.sql'], { file: '10-pass.test.sql', passed: 3, failed: 0, problems: [] });
    assert.deepEqual(byName['20-fail.test.sql'], { file: '20-fail.test.sql', passed: 1, failed: 1, problems: [] });
    const errored = byName['30-error.test.sql']!;
    assert.equal(errored.passed, 1);
    assert.equal(errored.failed, 2, 'the two planned tests that never ran count as failed');
    assert.match(errored.problems[0]!, /^SQL error: relation "public.no_such_table" does not exist .*line 5, column 15/);
    assert.deepEqual(byName['40-after-error.test.sql']!.failed, 0);
  });

  it('prints the failure reasons and a final summary line counting assertions', () => {
    assert.ok(lines.includes('20-fail.test.sql: FAILED'));
    assert.ok(lines.some((line) => line.startsWith('30-error.test.sql: # SQL error: relation "public.no_such_table"')));
    assert.ok(lines.includes('40-after-error.test.sql: ok'));
    assert.equal(lines.at(-1), 'pgTAP: 6 passed, 3 failed');
    assert.deepEqual([result.passed, result.failed], [6, 3]);
  });
});

describe('judgeTap', () => {
  it('counts a failing TODO test as expected, and flags a missing or wrong plan', () => {
    assert.deepEqual(judgeTap('a.sql', { lines: ['1..2', 'ok 1 - x', 'not ok 2 - y # TODO later'] }), {
      file: 'a.sql',
      passed: 2,
      failed: 0,
      problems: [],
    });
    assert.deepEqual(judgeTap('b.sql', { lines: ['ok 1 - x'] }).problems, ['no plan (ran 1)']);
    const overrun = judgeTap('c.sql', { lines: ['1..1', 'ok 1', 'ok 2'] });
    assert.deepEqual([overrun.failed, overrun.problems], [1, ['bad plan: planned 1, ran 2']]);
  });
});
