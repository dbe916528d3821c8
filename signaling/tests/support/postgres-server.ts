// A throwaway PostgreSQL server (Debian's, under /usr/lib/postgresql/<version>/bin, the newest
// installed), for what PGlite cannot show: several connections with transactions truly in
// parallel (locks, deadlocks), the migrations on a server of hosted Supabase's family, and the
// standalone servers (signaling/main.ts) against a real DATABASE_URL. Without a server installed
// the caller fails with the reason (CI installs `postgresql`), it does not skip.
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './child-process.js';

export const NO_POSTGRES_SERVER =
  'No PostgreSQL server under /usr/lib/postgresql/<version>/bin (initdb, pg_ctl, psql). ' +
  "Install Debian's `postgresql` package (`apt-get install postgresql`), as .ci/run does.";

/** The bin folder of the newest PostgreSQL server installed the Debian way, if any. */
export function findServerBin(): string | null {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((v) => /^\d+$/.test(v) && ['initdb', 'pg_ctl', 'psql'].every((tool) => existsSync(join(base, v, 'bin', tool))))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? join(base, versions[0]!, 'bin') : null;
}

const isRoot = process.getuid?.() === 0;

/** Runs a server binary; as root, as the postgres user (initdb and postgres refuse root). */
function runServerTool(bin: string, args: string[]): SpawnSyncReturns<string> {
  const [command, commandArgs] = isRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  return spawnSync(command, commandArgs, { encoding: 'utf8', timeout: 60_000 });
}

/** How a tool run ended, with what it printed: for assertion and error messages. */
export function describeRun(result: SpawnSyncReturns<string>): string {
  return `exit ${result.status ?? result.signal}: ${(result.stderr || result.stdout || String(result.error ?? '')).trim()}`;
}

function check(result: SpawnSyncReturns<string>, what: string) {
  if (result.status !== 0) throw new Error(`${what} failed (${describeRun(result)})`);
}

export interface PostgresServer {
  /** `postgres://<superuser>:<password>@127.0.0.1:<port>/postgres`: over TCP a password is needed (SCRAM). */
  url: string;
  /** The bootstrap superuser initdb created (`postgres` unless startPostgres was told otherwise). */
  superuser: string;
  port: number;
  /** Where the Unix socket is (`psql -h`). */
  socketDir: string;
  /** psql over the socket (trusted), ON_ERROR_STOP, the SQL on standard input; `-1`: one transaction; `user`: the role to log in as (default the superuser). */
  psql(sql: string, options?: { singleTransaction?: boolean; user?: string }): SpawnSyncReturns<string>;
  /** Stops the server (default `immediate`; `fast` disconnects clients and shuts down cleanly), deletes its files; throws if pg_ctl fails. */
  stop(mode?: 'fast' | 'immediate'): void;
}

/**
 * initdb + pg_ctl start in a fresh temporary folder: the Unix socket there (trusted: the folder
 * is only the server's) and 127.0.0.1 on a free port, where the `postgres` role needs its
 * random password, so other local users cannot use the throwaway server meanwhile.
 * `superuser`: the bootstrap superuser's name; hosted Supabase's is `supabase_admin`, its
 * `postgres` being an ordinary role (signaling/tests/support/hosted-supabase-roles.ts).
 */
export async function startPostgres({ superuser = 'postgres' }: { superuser?: string } = {}): Promise<PostgresServer> {
  const bin = findServerBin();
  if (!bin) throw new Error(NO_POSTGRES_SERVER);
  const workDir = mkdtempSync(join(tmpdir(), 'jd-pg-'));
  const data = join(workDir, 'data');
  const passwordFile = join(workDir, 'password');
  const password = randomBytes(18).toString('base64url');
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(workDir, uid, gid);
    chownSync(passwordFile, uid, gid);
  }
  const port = await freePort();
  try {
    check(
      runServerTool(join(bin, 'initdb'), [
        '-D', data, '-U', superuser, '--auth-local=trust', '--auth-host=scram-sha-256', `--pwfile=${passwordFile}`, '-E', 'UTF8', '--no-locale',
      ]),
      'initdb',
    );
    check(
      runServerTool(join(bin, 'pg_ctl'), [
        '-D', data, '-l', join(workDir, 'server.log'), '-w', '-t', '60',
        '-o', `-p ${port} -k ${workDir} -c listen_addresses=127.0.0.1`, 'start',
      ]),
      'pg_ctl start',
    );
  } catch (error) {
    rmSync(workDir, { recursive: true, force: true });
    throw error;
  } finally {
    rmSync(passwordFile, { force: true });
  }
  return {
    url: `postgres://${superuser}:${password}@127.0.0.1:${port}/postgres`,
    superuser,
    port,
    socketDir: workDir,
    psql(sql, { singleTransaction = false, user = superuser } = {}) {
      const args = ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-h', workDir, '-p', String(port), '-U', user, '-d', 'postgres'];
      if (singleTransaction) args.push('-1');
      args.push('-f', '-');
      return spawnSync(join(bin, 'psql'), args, { input: sql, encoding: 'utf8', timeout: 120_000 });
    },
    stop(mode = 'immediate') {
      try {
        check(runServerTool(join(bin, 'pg_ctl'), ['-D', data, '-m', mode, '-w', 'stop']), 'pg_ctl stop');
      } finally {
        rmSync(workDir, { recursive: true, force: true });
      }
    },
  };
}
