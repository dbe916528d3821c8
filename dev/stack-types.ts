// INTERFACE of dev/stack.ts (written by the lead): the whole local stack in one process.
import type { PGlite } from '@electric-sql/pglite';
import type { SerialDatabase } from './db/serial-database.js';

export interface StackOptions {
  /** Folder for all data, or 'memory'. Default: JD_DATA_DIR or `.jd-data`. */
  dataDir?: string;
  /** Gateway port (0 = any free port). Default: JD_API_PORT or 54321. */
  apiPort?: number;
  /** Postgres wire port (0 = any free port). Default: JD_DB_PORT or 54322. */
  dbPort?: number;
  /** y-websocket sync server port (0 = any free port). Default: JD_SYNC_PORT or 1234. */
  syncPort?: number;
  /** y-webrtc signaling server port (0 = any free port). Default: JD_SIGNALING_PORT or 4444. */
  signalingPort?: number;
  /** Redis for sync scale-out across instances. Default: REDIS_URL, or single-instance. */
  redisUrl?: string | null;
  /** Default: JD_JWT_SECRET or Supabase's local development secret. */
  jwtSecret?: string;
  /** One folder, or several whose migrations interleave by version. */
  migrationsDir?: string | readonly string[];
  seedFile?: string;
  functionsDir?: string;
  /** One line per event; default console.log. */
  log?: (line: string) => void;
}

export interface RunningStack {
  apiUrl: string;
  /** ws:// URL of the y-websocket sync server. */
  syncUrl: string;
  /** ws:// URL of the y-webrtc signaling server. */
  signalingUrl: string;
  dbUrl: string;
  anonKey: string;
  serviceRoleKey: string;
  pg: PGlite;
  database: SerialDatabase;
  stop(): Promise<void>;
}
