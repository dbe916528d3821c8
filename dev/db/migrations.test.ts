import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { PGlite } from '@electric-sql/pglite';
import { applyMigrations, applySeed, listMigrations } from './migrations.js';
import { openDatabase } from './open-database.js';

async function tableExists(pg: PGlite, name: string): Promise<boolean> {
  const { rows } = await pg.query<{ found: boolean }>('select to_regclass($1) is not null as found', [name]);
  return rows[0]!.found;
}

async function recorded(pg: PGlite): Promise<{ version: string; name: string }[]> {
  const { rows } = await pg.query<{ version: string; name: string }>(
    'select version, name from supabase_migrations.schema_migrations order by version',
  );
  return rows;
}

describe('migrations', () => {
  let pg: PGlite;
  let dir: string;
  const tempDirs: string[] = [];

  before(async () => {
    ({ pg } = await openDatabase({ dataDir: 'memory' }));
  });
  after(() => pg.close());

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'jd-migrations-'));
    tempDirs.push(dir);
    await pg.exec(`
      drop schema if exists m cascade;
      create schema m;
      truncate supabase_migrations.schema_migrations;
    `);
  });

  it('orders files by version (numerically) and skips names the Supabase CLI would skip', async () => {
    await writeFile(join(dir, '20261123000000_init.sql'), 'select 1;');
    await writeFile(join(dir, '9_early.sql'), 'select 1;');
    await writeFile(join(dir, '20261124000000_add_notes.sql'), 'select 1;');
    await writeFile(join(dir, 'README.md'), 'not sql');
    await writeFile(join(dir, 'draft.sql'), 'no version prefix');
    const listed = await listMigrations(dir);
    assert.deepEqual(
      listed.map(({ version, name }) => `${version}:${name}`),
      ['9:early', '20261123000000:init', '20261124000000:add_notes'],
    );
  });

  it('applies in version order, records each one, and returns the versions applied', async () => {
    // The second file depends on the first: out-of-order application would fail.
    await writeFile(join(dir, '20261124000000_add_body.sql'), 'alter table m.notes add column body text;');
    await writeFile(join(dir, '20261123000000_init.sql'), 'create table m.notes (id int primary key);');
    assert.deepEqual(await applyMigrations(pg, dir), ['20261123000000', '20261124000000']);
    assert.deepEqual(await recorded(pg), [
      { version: '20261123000000', name: 'init' },
      { version: '20261124000000', name: 'add_body' },
    ]);
    const { rows } = await pg.query<{ statements: string[] }>(
      `select statements from supabase_migrations.schema_migrations where version = '20261123000000'`,
    );
    assert.deepEqual(rows[0]!.statements, ['create table m.notes (id int primary key);']);
    assert.deepEqual(await applyMigrations(pg, dir), [], 'a second run applies nothing');
  });

  it('skips versions already recorded (for instance pushed by the Supabase CLI)', async () => {
    await writeFile(join(dir, '20261123000000_init.sql'), 'create table m.from_runner (id int);');
    await pg.query(`insert into supabase_migrations.schema_migrations (version, name) values ('20261123000000', 'init')`);
    assert.deepEqual(await applyMigrations(pg, dir), []);
    assert.equal(await tableExists(pg, 'm.from_runner'), false);
  });

  it('names the failing file and the Postgres error, keeps earlier migrations and nothing of the failing one', async () => {
    await writeFile(join(dir, '20261123000000_init.sql'), 'create table m.first (id int);');
    await writeFile(
      join(dir, '20261124000000_broken.sql'),
      'create table m.half_done (id int);\n\ncreate table m.bad (id intt);\n',
    );
    await writeFile(join(dir, '20261125000000_later.sql'), 'create table m.later (id int);');
    await assert.rejects(applyMigrations(pg, dir), (error: Error) => {
      assert.match(error.message, /^migration 20261124000000_broken\.sql failed: /);
      assert.match(error.message, /type "intt" does not exist/);
      assert.match(error.message, /line 3, column 24/);
      return true;
    });
    assert.deepEqual(await recorded(pg), [{ version: '20261123000000', name: 'init' }]);
    assert.equal(await tableExists(pg, 'm.first'), true);
    assert.equal(await tableExists(pg, 'm.half_done'), false, 'the failing file is rolled back as a whole');
    assert.equal(await tableExists(pg, 'm.later'), false, 'nothing after the failing file runs');
    assert.equal(pg.isInTransaction(), false);
  });

  it('treats a missing folder as no migrations', async () => {
    assert.deepEqual(await applyMigrations(pg, join(dir, 'does-not-exist')), []);
  });

  it('runs the seed in one transaction when the file exists', async () => {
    await pg.exec('create table m.seeded (id int primary key);');
    const seed = join(dir, 'seed.sql');
    assert.equal(await applySeed(pg, seed), false, 'no seed file, nothing to run');

    await writeFile(seed, 'insert into m.seeded values (1);\ninsert into m.seeded values (1);\n');
    await assert.rejects(applySeed(pg, seed), /seed seed\.sql failed: .*duplicate key/);
    const failed = await pg.query('select * from m.seeded');
    assert.equal(failed.rows.length, 0, 'a failing seed leaves no rows');

    await writeFile(seed, 'insert into m.seeded values (1), (2);');
    assert.equal(await applySeed(pg, seed), true);
    const seeded = await pg.query('select * from m.seeded');
    assert.equal(seeded.rows.length, 2);
  });

  after(async () => {
    await Promise.all(tempDirs.map((tempDir) => rm(tempDir, { recursive: true, force: true })));
  });
});
