// Standalone entry: the sync server and the signaling server against any Postgres
// (DATABASE_URL, e.g. a hosted Supabase project). User tokens are verified through the
// project's JWKS: SUPABASE_URL (served at /auth/v1/.well-known/jwks.json), SUPABASE_JWKS_URL
// or SUPABASE_JWKS_FILE. SUPABASE_JWT_SECRET, the legacy secret, verifies the HS256
// anon/service_role keys, and user tokens too only with SUPABASE_HS256_USER_TOKENS=true (a
// project that still signs them with it). REDIS_URL enables scale-out. SIGTERM/SIGINT stop
// gracefully (clients get 1012 and reconnect elsewhere).
import { createSupabaseTokenVerifier, supabaseTokenOptionsFromEnv } from './auth/token-verifier.js';
import { checkDatabaseRole } from './db/database-role-check.js';
import { connectPostgres, postgresAccess } from './db/sql-access.js';
import { createLogger } from './ops/logger.js';
import { startSignalingServer } from './signaling-server.js';
import { startSyncServer } from './sync-server.js';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}
function integer(name: string, fallback: number, min: number, max: number, what: string): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be ${what}, got "${value}"`);
  return n;
}
const port = (name: string, fallback: number) => integer(name, fallback, 0, 65535, 'a port number');

const log = createLogger();
// Checked here: with 0 postgres.js has no connection and every query waits forever; a word
// makes it fail with "Invalid array length".
const sql = connectPostgres(required('DATABASE_URL'), { max: integer('JD_DB_POOL_SIZE', 10, 1, 1000, 'a number of connections (1 to 1000)') });
const database = postgresAccess(sql);
// Before listening: a role that cannot act as the API roles would close every client with 1011.
await checkDatabaseRole(database);
const tokens = createSupabaseTokenVerifier(supabaseTokenOptionsFromEnv(process.env));
const host = process.env['JD_BIND_HOST'] ?? '127.0.0.1';

// Safety net behind the memberships trigger's notifications (which a transaction-mode pooler
// does not pass): how often every connection's access is decided again.
const accessRecheckIntervalMs = integer('JD_ACCESS_RECHECK_MS', 60_000, 1000, 86_400_000, 'milliseconds (1000 to 86400000)');

const sync = await startSyncServer({ database, tokens, host, port: port('JD_SYNC_PORT', 1234), redisUrl: process.env['REDIS_URL'] ?? null, log, accessRecheckIntervalMs });
const signaling = process.env['JD_SIGNALING_PORT'] === 'off' ? null : await startSignalingServer({ database, tokens, host, port: port('JD_SIGNALING_PORT', 4444), log, accessRecheckIntervalMs });
process.stdout.write(`READY ${sync.port}\n`);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    void Promise.all([sync.stop(), signaling?.stop()])
      .then(() => sql.end({ timeout: 5 }))
      .then(() => process.exit(0), (error: unknown) => {
        log.error({ error }, 'shutdown failed');
        process.exit(1);
      });
  });
}
