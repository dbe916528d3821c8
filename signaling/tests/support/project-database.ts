// An in-memory PGlite with the project's real schema (supabase/migrations) and seed, for tests
// of what the sync server writes into the application's tables.
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { openDatabase } from '../../../dev/db/open-database.js';
import { applyMigrations, applySeed } from '../../../dev/db/migrations.js';
import { pgliteAccess, type SyncDatabase } from '../../db/sql-access.js';

export async function openProjectDatabase(): Promise<{ pg: PGlite; db: SyncDatabase }> {
  const pg = (await openDatabase({ dataDir: 'memory' })).pg;
  const supabase = fileURLToPath(new URL('../../../supabase/', import.meta.url));
  await applyMigrations(pg, `${supabase}migrations`);
  await applySeed(pg, `${supabase}seed.sql`);
  return { pg, db: pgliteAccess(pg) };
}
