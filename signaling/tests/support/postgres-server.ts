// A throwaway PostgreSQL server (Debian's, under /usr/lib/postgresql/<version>/bin) on a free
// loopback port, for what PGlite cannot show: several connections with transactions truly in
// parallel (locks, deadlocks), as sync-server instances sharing one Postgres have. Without a
// server installed the caller fails with the reason (CI installs `postgresql`), it does not skip.
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './child-process.js';

function serverBin(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((v) => /^\d+$/.test(v) && existsSync(join(base, v, 'bin/initdb')) && existsSync(join(base, v, 'bin/pg_ctl')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) throw new Error('No PostgreSQL server under /usr/lib/postgresql/<version>/bin: install Debian\'s `postgresql` package.');
  return join(base, versions[0]!, 'bin');
}

const isRoot = process.getuid?.() === 0;

/** initdb and postgres refuse to run as root: as root, they run as the postgres user. */
function run(bin: string, args: string[]): SpawnSyncReturns<string> {
  const [command, commandArgs] = isRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  return spawnSync(command, commandArgs, { encoding: 'utf8', timeout: 60_000 });
}

function check(result: SpawnSyncReturns<string>, what: string) {
  if (result.status !== 0) throw new Error(`${what} failed (${result.status ?? result.signal}): ${(result.stderr || result.stdout || String(result.error ?? '')).trim()}`);
}

export async function startPostgres(): Promise<{ url: string; stop(): void }> {
  const bin = serverBin();
  const workDir = mkdtempSync(join(tmpdir(), 'jd-pg-sync-'));
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(workDir, uid, gid);
  }
  const data = join(workDir, 'data');
  const port = await freePort();
  check(run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale']), 'initdb');
  check(
    run(join(bin, 'pg_ctl'), ['-D', data, '-l', join(workDir, 'server.log'), '-w', '-t', '60', '-o', `-p ${port} -k ${workDir} -c listen_addresses=127.0.0.1`, 'start']),
    'pg_ctl start',
  );
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}
