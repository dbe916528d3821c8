// The whole local stack in one Node process: PGlite (with the Postgres wire protocol), the
// Supabase-compatible gateway and the edge-functions runner. Everything else (tests, the demo,
// `npm start`) starts it through here so there is one way the product is assembled.
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { createAdaptorServer, type ServerType } from '@hono/node-server';
import { startDatabase } from './db/start-database.js';
import { createGateway } from './gateway/app.js';
import { loadKeySet } from './gateway/keys.js';
import { DEFAULT_SIGN_IN_LIMITS, type SignInLimits } from './gateway/auth/sign-in-limiter.js';
import { createFunctionsRunner } from './gateway/functions/runner.js';
import { startEmbeddingSchedule } from './embedding-schedule.js';
import { readProjectConfig } from './project-config.js';
import { startSyncServer, type RunningSyncServer } from '../signaling/sync-server.js';
import { startSignalingServer } from '../signaling/signaling-server.js';
import { serialDatabaseAccess } from '../signaling/db/sql-access.js';
import { createLogger } from '../signaling/ops/logger.js';
import type { RunningStack, StackOptions, SyncServerControl } from './stack-types.js';

export type { RunningStack, StackOptions, SyncServerControl } from './stack-types.js';

const HOST = '127.0.0.1';
const projectRoot = resolve(import.meta.dirname, '..');

function portFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${name} must be a port number between 0 and 65535, got "${value}"`);
  }
  return port;
}

function countFrom(value: string | undefined, fallback: number, name: string, min: number): number {
  if (value === undefined || value === '') return fallback;
  const count = Number(value);
  if (!Number.isInteger(count) || count < min) throw new Error(`${name} must be a whole number of at least ${min}, got "${value}"`);
  return count;
}

/** Failed password sign-ins allowed per account and per address in a window (0 = no limit). */
function signInLimitsFrom(env: NodeJS.ProcessEnv): SignInLimits {
  return {
    failuresPerAccount: countFrom(env['JD_AUTH_SIGN_IN_FAILURES_PER_ACCOUNT'], DEFAULT_SIGN_IN_LIMITS.failuresPerAccount, 'JD_AUTH_SIGN_IN_FAILURES_PER_ACCOUNT', 0),
    failuresPerAddress: countFrom(env['JD_AUTH_SIGN_IN_FAILURES_PER_ADDRESS'], DEFAULT_SIGN_IN_LIMITS.failuresPerAddress, 'JD_AUTH_SIGN_IN_FAILURES_PER_ADDRESS', 0),
    windowSeconds: countFrom(env['JD_AUTH_SIGN_IN_WINDOW_SECONDS'], DEFAULT_SIGN_IN_LIMITS.windowSeconds, 'JD_AUTH_SIGN_IN_WINDOW_SECONDS', 1),
  };
}

/** The provider settings functions read, as `supabase functions serve --env-file .env` passes them. */
const FUNCTION_SECRET_NAMES = [
  'OPENAI_API_KEY', 'OPENAI_BASE_URL', 'JD_EMBEDDING_MODEL',
  // ai-assist's providers (domain/ai/providers/settings.ts); without any key, the offline provider answers.
  'ANTHROPIC_API_KEY', 'ANTHROPIC_BASE_URL', 'JD_ANTHROPIC_MODEL', 'JD_OPENAI_MODEL',
  'JD_LOCAL_AI_BASE_URL', 'JD_LOCAL_AI_MODEL', 'JD_LOCAL_AI_API_KEY',
  // notify-email's sender (issue 17 item 5); without JD_EMAIL_SMTP_URL e-mail is off (503).
  'JD_EMAIL_SMTP_URL', 'JD_EMAIL_FROM', 'JD_EMAIL_DOCUMENT_URL',
] as const;

function functionSecretsFrom(env: NodeJS.ProcessEnv): Record<string, string> {
  const secrets: Record<string, string> = {};
  for (const name of FUNCTION_SECRET_NAMES) {
    const value = env[name];
    if (value) secrets[name] = value;
  }
  return secrets;
}

/** Options from the caller first, then JD_* environment variables, then the documented defaults. */
export function resolveStackOptions(options: StackOptions = {}, env = process.env) {
  const dataDirSetting = options.dataDir ?? env['JD_DATA_DIR'] ?? '.jd-data';
  return {
    dataDir: dataDirSetting === 'memory' ? 'memory' : resolve(dataDirSetting),
    apiPort: options.apiPort ?? portFrom(env['JD_API_PORT'], 54321, 'JD_API_PORT'),
    dbPort: options.dbPort ?? portFrom(env['JD_DB_PORT'], 54322, 'JD_DB_PORT'),
    syncPort: options.syncPort ?? portFrom(env['JD_SYNC_PORT'], 1234, 'JD_SYNC_PORT'),
    signalingPort: options.signalingPort ?? portFrom(env['JD_SIGNALING_PORT'], 4444, 'JD_SIGNALING_PORT'),
    redisUrl: options.redisUrl ?? env['REDIS_URL'] ?? null,
    jwtSecret: options.jwtSecret ?? env['JD_JWT_SECRET'] ?? undefined,
    // JD_MIGRATIONS_DIR lets a test (or a reviewer) run the stack on another set of migrations.
    migrationsDir: options.migrationsDir ?? resolve(env['JD_MIGRATIONS_DIR'] ?? join(projectRoot, 'supabase/migrations')),
    seedFile: options.seedFile ?? resolve(env['JD_SEED_FILE'] ?? join(projectRoot, 'supabase/seed.sql')),
    functionsDir: options.functionsDir ?? join(projectRoot, 'edge-functions'),
    configFile: options.configFile ?? join(projectRoot, 'supabase/config.toml'),
    signInLimits: signInLimitsFrom(env),
    functionSecrets: options.functionSecrets ?? functionSecretsFrom(env),
    embeddingIntervalMs: options.embeddingIntervalMs ?? countFrom(env['JD_EMBEDDING_INTERVAL_MS'], 30_000, 'JD_EMBEDDING_INTERVAL_MS', 1),
    log: options.log ?? ((line: string) => console.log(line)),
  };
}

function listen(server: ServerType, port: number): Promise<number> {
  return new Promise((resolvePort, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      resolvePort((server.address() as AddressInfo).port);
    });
  });
}

function close(server: ServerType): Promise<void> {
  return new Promise((resolveClose) => {
    // Streaming responses (SSE) would otherwise keep close() waiting forever.
    if ('closeAllConnections' in server) server.closeAllConnections();
    server.close(() => resolveClose());
  });
}

/**
 * A sync server that keeps its port across stop() and start() (see SyncServerControl). Calls
 * run one after the other, so a start() issued during a stop() waits for the port to be free.
 */
async function restartableSyncServer(startOn: (port: number) => Promise<RunningSyncServer>, port: number): Promise<SyncServerControl> {
  let server: RunningSyncServer | null = await startOn(port);
  const { url, port: boundPort } = server;
  let queue: Promise<unknown> = Promise.resolve();
  const inTurn = (work: () => Promise<void>): Promise<void> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    url,
    port: boundPort,
    get running() {
      return server !== null;
    },
    stop: () =>
      inTurn(async () => {
        const stopping = server;
        server = null;
        await stopping?.stop();
      }),
    start: () =>
      inTurn(async () => {
        if (server) return;
        server = await startOn(boundPort);
      }),
  };
}

export async function startStack(options: StackOptions = {}): Promise<RunningStack> {
  const settings = resolveStackOptions(options);
  // One pino logger for every part, each line naming its part (`server`), written through the
  // caller's line writer (tests pass `() => {}` to keep quiet).
  const log = createLogger(settings.log);
  const onDisk = settings.dataDir !== 'memory';
  if (onDisk) await mkdir(settings.dataDir, { recursive: true });

  const project = await readProjectConfig(settings.configFile);
  const keys = await loadKeySet({
    jwtSecret: settings.jwtSecret,
    keyFile: onDisk ? join(settings.dataDir, 'jwt-signing-key.json') : null,
  });

  const db = await startDatabase({
    dataDir: settings.dataDir,
    host: HOST,
    port: settings.dbPort,
    migrationsDir: settings.migrationsDir,
    seedFile: settings.seedFile,
    log: (line: string) => log.info({ server: 'database' }, line),
  });

  // Functions start lazily, so SUPABASE_URL can be filled in once the gateway has its port.
  const functionsEnv: Record<string, string> = {
    ...settings.functionSecrets,
    SUPABASE_ANON_KEY: keys.anonKey,
    SUPABASE_SERVICE_ROLE_KEY: keys.serviceRoleKey,
    SUPABASE_DB_URL: db.wireUrl,
  };
  const functions = createFunctionsRunner({
    functionsDir: settings.functionsDir,
    configFile: settings.configFile,
    env: functionsEnv,
    log,
  });

  const authSettings = {
    issuer: '', // set once the gateway has its port, before any request can arrive
    jwtExpirySeconds: project.auth.jwt_expiry,
    anonymousSignIns: project.auth.enable_anonymous_sign_ins,
    signups: project.auth.enable_signup,
    minimumPasswordLength: project.auth.minimum_password_length,
    passwordRequirements: project.auth.password_requirements,
    signInLimits: settings.signInLimits,
  };
  const app = createGateway({
    database: db.database,
    notifications: db.notifications,
    keys,
    functions,
    auth: authSettings,
    log: log.child({ server: 'gateway' }),
    health: async () => ({
      database: await db.pg.query('select 1').then(() => true, () => false),
      auth: true,
      rest: true,
      functions: true,
    }),
  });
  const server = createAdaptorServer({ fetch: app.fetch });
  let port: number;
  try {
    port = await listen(server, settings.apiPort);
  } catch (error) {
    await functions.stop();
    await db.stop();
    throw new Error(`The gateway could not listen on ${HOST}:${settings.apiPort}: ${(error as Error).message}`);
  }
  const apiUrl = `http://${HOST}:${port}`;
  authSettings.issuer = `${apiUrl}/auth/v1`;
  functionsEnv['SUPABASE_URL'] = apiUrl;

  // Collaboration: the y-websocket sync server and the y-webrtc signaling server decide access
  // through the same database, as the user, so RLS is the one source of truth.
  const syncDatabase = serialDatabaseAccess(db.database);
  const startSync = (port: number) => startSyncServer({ database: syncDatabase, tokens: keys, host: HOST, port, redisUrl: settings.redisUrl, log });
  let sync: SyncServerControl | undefined;
  let signaling: Awaited<ReturnType<typeof startSignalingServer>>;
  try {
    sync = await restartableSyncServer(startSync, settings.syncPort);
    signaling = await startSignalingServer({ database: syncDatabase, tokens: keys, host: HOST, port: settings.signalingPort, log });
  } catch (error) {
    await sync?.stop();
    await close(server);
    await functions.stop();
    await db.stop();
    throw new Error(`the collaboration servers could not start: ${(error as Error).message}`);
  }

  const embedding = functionsEnv['OPENAI_API_KEY']
    ? startEmbeddingSchedule({
        functionUrl: () => `${apiUrl}/functions/v1/embed`,
        serviceRoleKey: keys.serviceRoleKey,
        intervalMs: settings.embeddingIntervalMs,
        log: log.child({ server: 'embedding-schedule' }),
      })
    : null;

  const syncInstances = new Set<SyncServerControl>();
  let stopped = false;

  return {
    apiUrl,
    syncUrl: sync.url,
    sync,
    async startSyncInstance() {
      if (stopped) throw new Error('the stack has stopped');
      const instance = await restartableSyncServer(startSync, 0);
      syncInstances.add(instance);
      return instance;
    },
    signalingUrl: signaling.url,
    dbUrl: db.wireUrl,
    anonKey: keys.anonKey,
    serviceRoleKey: keys.serviceRoleKey,
    pg: db.pg,
    database: db.database,
    signAccessToken: (claims) => keys.signAccessToken(claims),
    embedPendingSegments: embedding ? () => embedding.runNow() : null,
    async stop() {
      stopped = true;
      await embedding?.stop();
      // Sync first: it flushes pending updates to the database before the database closes.
      await signaling.stop();
      await Promise.all([sync, ...syncInstances].map((instance) => instance.stop()));
      await close(server);
      await functions.stop();
      await db.stop();
    },
  };
}
