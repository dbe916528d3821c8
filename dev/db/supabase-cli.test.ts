// The real Supabase CLI (npm package `supabase`, 3.x) against our wire server: `db push` must
// read the same migration history our runner writes, in both directions.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { PGlite } from '@electric-sql/pglite';
import { applyMigrations } from './migrations.js';
import { openDatabase } from './open-database.js';
import { startPostgresWire, type PostgresWire } from './postgres-wire.js';
import { runSupabaseCli } from './supabase-cli.js';

async function supabase(args: string[]): Promise<string> {
  const { stdout, stderr } = await runSupabaseCli(args);
  return stdout + stderr;
}

describe('Supabase CLI against the wire server', { timeout: 180_000 }, () => {
  let pg: PGlite;
  let wire: PostgresWire;
  let project: string;
  let migrationsDir: string;
  let remote: string;

  before(async () => {
    ({ pg } = await openDatabase({ dataDir: 'memory' }));
    wire = await startPostgresWire(pg, { port: 0 });
    // PGlite's wire server refuses SSL; say so instead of letting the client negotiate.
    remote = `--remote=${wire.url}?sslmode=disable`;
    project = await mkdtemp(join(tmpdir(), 'jd-cli-'));
    migrationsDir = join(project, 'supabase', 'migrations');
    await mkdir(migrationsDir, { recursive: true });
    await writeFile(
      join(migrationsDir, '20261123000000_init.sql'),
      'create table public.glossary (en text primary key, fr text);',
    );
  });

  after(async () => {
    await wire.stop();
    await pg.close();
    await rm(project, { recursive: true, force: true });
  });

  it('lists a migration as pending, then as up to date once our runner applied it', async () => {
    const pending = await supabase(['db', 'push', '--dry-run', '--yes', '--workdir', project, remote]);
    assert.match(pending, /Would push these migrations:\s*\n\s*•\s*20261123000000_init\.sql/);

    assert.deepEqual(await applyMigrations(pg, migrationsDir), ['20261123000000']);

    const upToDate = await supabase(['db', 'push', '--dry-run', '--yes', '--workdir', project, remote]);
    assert.match(upToDate, /Remote database is up to date\./);
  });

  it('applies a migration with `db push` that our runner then treats as applied', async () => {
    await writeFile(join(migrationsDir, '20261124000000_notes.sql'), 'alter table public.glossary add column note text;');
    const pushed = await supabase(['db', 'push', '--yes', '--workdir', project, remote]);
    assert.match(pushed, /Applying migration 20261124000000_notes\.sql/);

    assert.deepEqual(await applyMigrations(pg, migrationsDir), [], 'nothing left for our runner');
    const { rows } = await pg.query<{ version: string; name: string }>(
      'select version, name from supabase_migrations.schema_migrations order by version',
    );
    assert.deepEqual(rows, [
      { version: '20261123000000', name: 'init' },
      { version: '20261124000000', name: 'notes' },
    ]);
    const column = await pg.query(
      `select 1 from information_schema.columns where table_name = 'glossary' and column_name = 'note'`,
    );
    assert.equal(column.rows.length, 1, 'the CLI ran the migration through the wire server');
  });
});
