// INTERFACE of dev/stack.ts (written by the lead): the whole local stack in one process.
import type { PGlite } from '@electric-sql/pglite';
import type { JWTPayload } from 'jose';
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
  /** The project's config.toml (auth settings, functions). Default: supabase/config.toml. */
  configFile?: string;
  /** One line per event; default console.log. */
  log?: (line: string) => void;
  /**
   * Settings the edge functions see besides SUPABASE_*, as `supabase functions serve --env-file`
   * gives them: the embeddings provider (OPENAI_API_KEY, OPENAI_BASE_URL, JD_EMBEDDING_MODEL) and
   * ai-assist's providers (ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL, JD_ANTHROPIC_MODEL,
   * JD_OPENAI_MODEL, JD_LOCAL_AI_BASE_URL, JD_LOCAL_AI_MODEL, JD_LOCAL_AI_API_KEY).
   * Default: those variables from the environment, when set.
   */
  functionSecrets?: Record<string, string>;
  /**
   * While OPENAI_API_KEY is configured, how often the stack asks the `embed` function to embed
   * pending segments (ms). Default: JD_EMBEDDING_INTERVAL_MS or 30 000.
   */
  embeddingIntervalMs?: number;
}

/**
 * A y-websocket sync server that can be stopped and started again on the same port, so its
 * clients keep their URL and reconnect on their own (y-websocket retries with backoff).
 *
 * Why: issue #6 asks that closing the network (stopping the sync server) and editing, then
 * restoring it, merges both sides' edits; with this, tests show it with a real outage, not a
 * disconnect simulated in the client.
 */
export interface SyncServerControl {
  /** ws:// URL, the same across restarts. */
  readonly url: string;
  readonly port: number;
  /** False from the moment stop() is called until start() has finished. */
  readonly running: boolean;
  /**
   * Graceful, as the server's own stop: refuses new clients, closes the others with 1012
   * (service restart), persists what they sent, unloads every document. The port is kept for
   * start(). Does nothing when already stopped.
   */
  stop(): Promise<void>;
  /** Listens again on the same port with the same options; documents load from the database. Does nothing when running. */
  start(): Promise<void>;
}

export interface RunningStack {
  apiUrl: string;
  /** ws:// URL of the y-websocket sync server (`sync.url`). */
  syncUrl: string;
  /** The stack's sync server, which can be stopped and started again (see SyncServerControl). */
  sync: SyncServerControl;
  /**
   * Starts another sync server on the same database, keys and options, on a free port of its
   * own: something that must stop a sync server (a test of an outage) stops this one and cuts
   * nobody else off. Without Redis, instances do not relay to each other live, so give it
   * documents no other instance serves. The stack's stop() stops it too.
   */
  startSyncInstance(): Promise<SyncServerControl>;
  /** ws:// URL of the y-webrtc signaling server. */
  signalingUrl: string;
  dbUrl: string;
  anonKey: string;
  serviceRoleKey: string;
  pg: PGlite;
  database: SerialDatabase;
  /**
   * Signs a user access token with the stack's ES256 key, as sign-in does: for tests that need
   * a token sign-in would not give (expired, other claims).
   */
  signAccessToken(claims: JWTPayload): Promise<string>;
  /**
   * Runs one background embedding round now (the `embed` function's pending mode) and resolves
   * when it is done; null when no embeddings key is configured.
   */
  embedPendingSegments: (() => Promise<void>) | null;
  stop(): Promise<void>;
}
