import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { applyMigrations, applySeed } from './migrations.js';
import { DatabaseNotifications } from './notifications.js';
import type { MigrationFolders } from './migrations.js';
import { openDatabase } from './open-database.js';
import { startPostgresWire, type PostgresWire } from './postgres-wire.js';
import { SerialDatabase } from './serial-database.js';

export interface StartDatabaseOptions {
  /** A folder (data in `<dataDir>/pgdata`) or 'memory'. */
  dataDir: string | 'memory';
  /** Where the Postgres wire server listens. Default 127.0.0.1. */
  host?: string;
  /** Postgres wire port; 0 picks a free one. */
  port: number;
  migrationsDir: MigrationFolders;
  seedFile: string;
  log?: (line: string) => void;
}

export interface StartedDatabase {
  pg: PGlite;
  database: SerialDatabase;
  /** NOTIFY from in-process statements and from wire clients alike. */
  notifications: DatabaseNotifications;
  wireUrl: string;
  /** Versions applied by this start (empty when the database was up to date). */
  appliedMigrations: string[];
  /** True when this start created the database (and so ran the seed). */
  fresh: boolean;
  /** Closes the wire server, then PGlite, which flushes everything to disk. */
  stop(): Promise<void>;
}

/** Opens the database, brings it up to date, seeds it when new, and serves it over the wire. */
export async function startDatabase(options: StartDatabaseOptions): Promise<StartedDatabase> {
  const log = options.log ?? ((line: string) => console.log(line));
  const startedAt = performance.now();
  const { pg, fresh } = await openDatabase({ dataDir: options.dataDir });
  const where = options.dataDir === 'memory' ? 'in memory' : resolve(options.dataDir);
  log(`database: opened ${where}${fresh ? ' (new)' : ''} in ${Math.round(performance.now() - startedAt)} ms`);

  let appliedMigrations: string[];
  let wire: PostgresWire;
  const notifications = new DatabaseNotifications(pg);
  try {
    appliedMigrations = await applyMigrations(pg, options.migrationsDir);
    if (appliedMigrations.length > 0) log(`database: applied migrations ${appliedMigrations.join(', ')}`);
    if (fresh && (await applySeed(pg, options.seedFile))) log(`database: seeded from ${options.seedFile}`);
    wire = await startPostgresWire(pg, {
      host: options.host ?? '127.0.0.1',
      port: options.port,
      log,
      onNotification: (notification) => notifications.fromWire(notification),
    });
  } catch (error) {
    await pg.close();
    // A new database that did not get all its migrations and its seed would never be seeded
    // again (the next start finds it not fresh), so it is removed: the next start begins anew.
    if (fresh && options.dataDir !== 'memory') {
      await rm(join(resolve(options.dataDir), 'pgdata'), { recursive: true, force: true });
    }
    throw error;
  }
  log(`database: postgres wire at ${wire.url}`);

  let stopping: Promise<void> | undefined;
  return {
    pg,
    database: new SerialDatabase(pg),
    notifications,
    wireUrl: wire.url,
    appliedMigrations,
    fresh,
    stop() {
      stopping ??= (async () => {
        await wire.stop();
        await pg.close();
      })();
      return stopping;
    },
  };
}
