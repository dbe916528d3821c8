import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PGlite, type Extensions } from '@electric-sql/pglite';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { vector } from '@electric-sql/pglite-pgvector';
import { pgtap } from '@electric-sql/pglite-pgtap';
import { applyPlatform } from './platform.js';
import { installStackOverflowRecovery } from './stack-overflow-recovery.js';

/**
 * Postgres's recursion limit, set low enough that `check_stack_depth()` raises
 * `54001 stack depth limit exceeded` before the JavaScript engine's stack runs out under the
 * WebAssembly frames (see stack-overflow-recovery.ts). Measured on PGlite 0.5.14 in Node 20:
 * with the default 2MB (and still 500kB) a recursive PL/pgSQL function exhausts V8's ~1 MB stack
 * first; 200kB raises 54001 cleanly and still allows about 140 nested PL/pgSQL calls.
 * Set on the command line, so `RESET` returns to it.
 */
export const MAX_STACK_DEPTH = '200kB';

/**
 * PGlite's start parameters here: its defaults, the stack depth above, and no zero-filling of new
 * WAL segments. Postgres writes every new 16 MB segment full of zeros before using it; on
 * PGlite's in-memory filesystem that write grows the file 12.5 % at a time, copying it each time,
 * and stalled the statement that crossed into the segment for 21 to 55 ms (measured on 0.5.14;
 * with this off, writing the segment's last byte sizes it at once). On disk it only skips writing
 * zeros that the filesystem gives anyway.
 */
export function pgliteStartParams(): string[] {
  return [...PGlite.defaultStartParams, '-c', `max_stack_depth=${MAX_STACK_DEPTH}`, '-c', 'wal_init_zero=off'];
}

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

  const pg = await PGlite.create({
    dataDir,
    extensions,
    startParams: pgliteStartParams(),
  });
  try {
    // Recursion Postgres does not measure (a deeply nested JSON value, SQL-language functions)
    // can still exhaust the engine's stack; this turns that into a clean 54001 ERROR.
    installStackOverflowRecovery(pg, (cause) => {
      console.error(`database: a statement overflowed the engine stack (${String(cause)}); raised 54001 and recovered`);
    });
    await applyPlatform(pg);
  } catch (error) {
    await pg.close();
    throw error;
  }
  return { pg, fresh };
}
