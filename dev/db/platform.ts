import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { describeSqlError } from './sql-error.js';

/** `dev/db/platform/`: what hosted Supabase provides before any migration runs. */
export const platformDir = fileURLToPath(new URL('./platform/', import.meta.url));

/** The `*.sql` files of a folder in file-name order (code-unit order, not locale order). */
export async function listSqlFiles(dir: string): Promise<string[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.sql'));
  return names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Applies every platform file, each in its own transaction. The files are idempotent, so this
 * runs on every open: a database created by an older checkout picks up newer platform objects.
 */
export async function applyPlatform(pg: PGlite, dir: string = platformDir): Promise<string[]> {
  const files = await listSqlFiles(dir);
  for (const file of files) {
    const sql = await readFile(join(dir, file), 'utf8');
    try {
      await pg.transaction((tx) => tx.exec(sql));
    } catch (error) {
      throw new Error(`platform file ${file} failed: ${describeSqlError(error, sql)}`, { cause: error });
    }
  }
  return files;
}
