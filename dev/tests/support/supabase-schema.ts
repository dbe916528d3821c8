// The project's database on a real PostgreSQL server, as hosted Supabase would have it: the
// platform files (what a hosted project provides before the first migration), every migration
// in version order, then the seed, each file with `psql -1 -v ON_ERROR_STOP=1`.
// pgvector is usually not installed on Debian's server: the platform's `create extension vector`
// line and the migrations that create the extension (20261123100500_translation_vectors.sql
// only) are then left out and reported. No stand-in `vector` type is created.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { listMigrations } from '../../db/migrations.js';
import { listSqlFiles, platformDir } from '../../db/platform.js';
import { describeRun, type PostgresServer } from '../../../signaling/tests/support/postgres-server.js';

const root = resolve(import.meta.dirname, '../../..');
export const migrationsDir = join(root, 'supabase/migrations');
export const seedFile = join(root, 'supabase/seed.sql');

const CREATES_VECTOR = /^\s*create extension if not exists vector\b[^;]*;\s*$/im;

export interface AppliedSchema {
  /** Whether the server has pgvector. */
  hasVector: boolean;
  /** Paths of the migrations applied, in order. */
  applied: string[];
  /** Paths of the migrations left out for lack of pgvector. */
  skipped: string[];
}

export interface SchemaRoles {
  /** The role the migrations and the seed run as (default: the server's superuser). */
  migrationsRole?: string;
  /** SQL run as the superuser before the platform files (e.g. the roles they grant to). */
  beforePlatform?: string;
  /** SQL run as the superuser after the platform files, before the first migration (e.g. grants on what they created). */
  afterPlatform?: string;
}

/**
 * Applies the platform files (as the superuser, as Supabase provisions a project), the
 * migrations and the seed (as `migrationsRole`); throws naming the file that failed.
 */
export async function applySupabaseSchema(server: PostgresServer, roles: SchemaRoles = {}): Promise<AppliedSchema> {
  const run = (what: string, sql: string, user?: string) => {
    const result = server.psql(sql, { singleTransaction: true, user });
    if (result.status !== 0) throw new Error(`${what} failed: ${describeRun(result)}`);
  };
  const available = server.psql(`select count(*) from pg_available_extensions where name = 'vector'`);
  if (available.status !== 0) throw new Error(`listing the available extensions failed: ${describeRun(available)}`);
  const hasVector = available.stdout.trim() === '1';

  if (roles.beforePlatform) run('the SQL before the platform files', roles.beforePlatform);
  for (const name of await listSqlFiles(platformDir)) {
    const file = join(platformDir, name);
    let sql = readFileSync(file, 'utf8');
    if (!hasVector) sql = sql.replace(CREATES_VECTOR, '-- (pgvector is not installed on this server)');
    run(`platform file ${file}`, sql);
  }
  if (roles.afterPlatform) run('the SQL after the platform files', roles.afterPlatform);
  const applied: string[] = [];
  const skipped: string[] = [];
  for (const { path } of await listMigrations(migrationsDir)) {
    const sql = readFileSync(path, 'utf8');
    if (!hasVector && CREATES_VECTOR.test(sql)) {
      skipped.push(path);
      continue;
    }
    run(`migration ${path}`, sql, roles.migrationsRole);
    applied.push(path);
  }
  run(`seed ${seedFile}`, readFileSync(seedFile, 'utf8'), roles.migrationsRole);
  return { hasVector, applied, skipped };
}
