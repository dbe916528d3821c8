import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startDatabase } from './start-database.js';
import { psql } from './testing/psql.js';

describe('startDatabase', () => {
  let root: string;
  let migrationsDir: string;
  let seedFile: string;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'jd-start-'));
    migrationsDir = join(root, 'supabase', 'migrations');
    seedFile = join(root, 'supabase', 'seed.sql');
    await mkdir(migrationsDir, { recursive: true });
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('creates, migrates and seeds a new database, then on restart applies only new migrations and keeps data', async () => {
    const dataDir = join(root, 'data');
    const lines: string[] = [];
    const options = { dataDir, port: 0, migrationsDir, seedFile, log: (line: string) => lines.push(line) };
    await writeFile(join(migrationsDir, '20261123000000_init.sql'), 'create table public.notes (body text not null);');
    await writeFile(seedFile, `insert into public.notes values ('from seed');`);

    const first = await startDatabase(options);
    assert.equal(first.fresh, true);
    assert.deepEqual(first.appliedMigrations, ['20261123000000']);
    assert.ok(existsSync(join(dataDir, 'pgdata', 'PG_VERSION')), 'data lives in <dataDir>/pgdata');
    await first.database.runAsOwner((tx) => tx.query(`insert into public.notes values ('written at runtime')`));
    assert.equal(
      (await psql(first.wireUrl, 'select count(*) from public.notes')).trim(),
      '2',
      'the wire URL reaches the same database',
    );
    await first.stop();
    assert.ok(lines.some((line) => line.includes('seeded')));

    await writeFile(
      join(migrationsDir, '20261124000000_add_lang.sql'),
      `alter table public.notes add column lang text default 'en';`,
    );
    const second = await startDatabase(options);
    try {
      assert.equal(second.fresh, false);
      assert.deepEqual(second.appliedMigrations, ['20261124000000'], 'only the new migration runs');
      const { rows } = await second.pg.query<{ body: string; lang: string }>(
        'select body, lang from public.notes order by body',
      );
      assert.deepEqual(
        rows,
        [
          { body: 'from seed', lang: 'en' },
          { body: 'written at runtime', lang: 'en' },
        ],
        'data survives and the seed does not run again',
      );
      const versions = await second.pg.query<{ version: string }>(
        'select version from supabase_migrations.schema_migrations order by version',
      );
      assert.deepEqual(versions.rows.map((row) => row.version), ['20261123000000', '20261124000000']);
    } finally {
      await second.stop();
    }
  });

  it('removes a new database whose migrations failed, so the next start begins fresh', async () => {
    const dataDir = join(root, 'broken-data');
    const brokenMigrations = join(root, 'broken-migrations');
    await mkdir(brokenMigrations);
    await writeFile(join(brokenMigrations, '20261123000000_broken.sql'), 'create tabel oops;');
    await assert.rejects(
      startDatabase({ dataDir, port: 0, migrationsDir: brokenMigrations, seedFile, log: () => {} }),
      /migration 20261123000000_broken\.sql failed: syntax error/,
    );
    assert.equal(existsSync(join(dataDir, 'pgdata')), false);
  });

  it('keeps nothing on disk for memory and stops idempotently', async () => {
    const started = await startDatabase({ dataDir: 'memory', port: 0, migrationsDir, seedFile, log: () => {} });
    assert.equal(started.fresh, true);
    assert.equal(started.appliedMigrations.length, 2);
    assert.match(started.wireUrl, /^postgresql:\/\/postgres:postgres@127\.0\.0\.1:\d+\/postgres$/);
    await Promise.all([started.stop(), started.stop()]);
    assert.equal(started.pg.closed, true);
  });
});
