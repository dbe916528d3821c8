import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PGlite, type Extensions } from '@electric-sql/pglite';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { vector } from '@electric-sql/pglite-pgvector';
import { pgtap } from '@electric-sql/pglite-pgtap';
import { applyPlatform } from './platform.js';

export interface OpenDatabaseOptions {
  /** A folder (PGlite's files go to `<dataDir>/pgdata`) or 'memory' for nothing on disk. */
  dataDir: string | 'memory';
  /** Load the pgTAP extension bundle (only the test runner needs it). */
  withPgTap?: boolean;
}

export interface OpenedDatabase {
  pg: PGlite;
  /** True when this open created the database (always true for 'memory'). */
  fresh: boolean;
}

/**
 * Opens PGlite with pgvector, pg_trgm and fuzzystrmatch (the extensions the migrations create;
 * hosted Supabase offers the same), then applies the platform files (idempotent).
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  const extensions: Extensions = { vector, pg_trgm, fuzzystrmatch };
  if (options.withPgTap) extensions.pgtap = pgtap;

  let dataDir: string | undefined;
  let fresh = true;
  if (options.dataDir !== 'memory') {
    dataDir = join(resolve(options.dataDir), 'pgdata');
    // initdb writes PG_VERSION; without it PGlite will create a new cluster in the folder.
    fresh = !existsSync(join(dataDir, 'PG_VERSION'));
    await mkdir(dataDir, { recursive: true });
  }

  const pg = await PGlite.create({ dataDir, extensions });
  try {
    await applyPlatform(pg);
  } catch (error) {
    await pg.close();
    throw error;
  }
  return { pg, fresh };
}
