import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { describeSqlError } from './sql-error.js';

export interface MigrationFile {
  /** The digits before the first `_`, e.g. `20261123000000`. */
  version: string;
  /** The rest of the name without `.sql`, e.g. `init`. */
  name: string;
  path: string;
}

// The Supabase CLI's pattern: files that do not match are skipped by `supabase db push` too.
const MIGRATION_FILE = /^([0-9]+)_(.*)\.sql$/;

function compareVersions(a: MigrationFile, b: MigrationFile): number {
  // Numeric, so that a shorter version sorts first whatever its digits.
  const byVersion = BigInt(a.version) - BigInt(b.version);
  return byVersion < 0n ? -1 : byVersion > 0n ? 1 : 0;
}

/** One folder of migrations, or several whose files interleave by version (tests add fixtures to the project's). */
export type MigrationFolders = string | readonly string[];

/** Migration files of the folders ordered by version; a missing folder has none. */
export async function listMigrations(migrationFolders: MigrationFolders): Promise<MigrationFile[]> {
  const migrations: MigrationFile[] = [];
  for (const migrationsDir of typeof migrationFolders === 'string' ? [migrationFolders] : migrationFolders) {
    if (!existsSync(migrationsDir)) continue;
    for (const file of await readdir(migrationsDir)) {
      const match = MIGRATION_FILE.exec(file);
      if (!match) continue;
      migrations.push({ version: match[1]!, name: match[2]!, path: join(migrationsDir, file) });
    }
  }
  migrations.sort(compareVersions);
  for (let i = 1; i < migrations.length; i++) {
    if (compareVersions(migrations[i - 1]!, migrations[i]!) === 0) {
      throw new Error(
        `two migrations share version ${migrations[i]!.version}: ` +
          `${basename(migrations[i - 1]!.path)} and ${basename(migrations[i]!.path)}`,
      );
    }
  }
  return migrations;
}

/** Versions recorded in the Supabase CLI's history table (created by the platform files). */
export async function appliedVersions(pg: PGlite): Promise<Set<string>> {
  const { rows } = await pg.query<{ version: string }>(
    'select version from supabase_migrations.schema_migrations',
  );
  return new Set(rows.map((row) => row.version));
}

/**
 * Applies the migrations not yet recorded, in version order. Each file runs in its own
 * transaction together with its history row, so a failing file leaves nothing behind while
 * the earlier ones stay committed. Returns the versions applied.
 */
export async function applyMigrations(pg: PGlite, migrationsDir: MigrationFolders): Promise<string[]> {
  const done = await appliedVersions(pg);
  const applied: string[] = [];
  for (const migration of await listMigrations(migrationsDir)) {
    if (done.has(migration.version)) continue;
    const sql = await readFile(migration.path, 'utf8');
    try {
      await pg.transaction(async (tx) => {
        await tx.exec(sql);
        // The CLI stores the file split into statements; one element holding the whole file
        // is what `db push` compares against (it only reads `version`).
        await tx.query(
          'insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)',
          [migration.version, migration.name, [sql]],
        );
      });
    } catch (error) {
      throw new Error(`migration ${basename(migration.path)} failed: ${describeSqlError(error, sql)}`, {
        cause: error,
      });
    }
    applied.push(migration.version);
  }
  return applied;
}

/** Runs the seed file in one transaction when it exists; returns whether it ran. */
export async function applySeed(pg: PGlite, seedFile: string): Promise<boolean> {
  if (!existsSync(seedFile)) return false;
  const sql = await readFile(seedFile, 'utf8');
  try {
    await pg.transaction((tx) => tx.exec(sql));
  } catch (error) {
    throw new Error(`seed ${basename(seedFile)} failed: ${describeSqlError(error, sql)}`, { cause: error });
  }
  return true;
}
