// The programs `npm test` needs that npm cannot install: the system's Chromium (browser tests and
// the demo-site test), redis-server (the sync server's scale-out test) and Debian's PostgreSQL
// server (the PostgreSQL 15 migrations test and the standalone sync test). The harness checks
// for them before running anything, so a fresh machine gets one message naming what is missing
// and how to install it instead of a crash in the middle of the run.
//
// Where to look comes in as a `Lookup` so a test can hide the programs without touching the
// real /usr/bin.
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface Lookup {
  /** The PATH searched for redis-server. */
  path: string;
  /** The Chromium executable the browser tests launch (`CHROMIUM_PATH`, else /usr/bin/chromium). */
  chromiumPath: string;
  /** Where Debian installs PostgreSQL servers, one `<version>/bin` each (/usr/lib/postgresql). */
  postgresqlDir: string;
}

/** The test parts (scripts/test-all.ts) that need a program. */
export type PartName = 'types' | 'lint' | 'node' | 'browser' | 'deno' | 'pgtap';

export interface Prerequisite {
  /** What is missing, as a person would look for it. */
  program: string;
  /** Where it was looked for. */
  lookedAt: string;
  /** The tests that need it. */
  neededBy: string;
  /** The Debian package that provides it. */
  debianPackage: string;
}

export function lookupFromEnvironment(env: NodeJS.ProcessEnv): Lookup {
  return {
    path: env['PATH'] ?? '',
    chromiumPath: env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    postgresqlDir: env['JD_POSTGRESQL_DIR'] ?? '/usr/lib/postgresql',
  };
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(program: string, path: string): boolean {
  return path
    .split(delimiter)
    .filter((folder) => folder !== '')
    .some((folder) => isExecutable(join(folder, program)));
}

/** A server the way signaling/tests/support/postgres-server.ts finds one: initdb, pg_ctl and psql in one version's bin. */
function hasPostgresServer(dir: string): boolean {
  if (!existsSync(dir)) return false;
  return readdirSync(dir).some(
    (version) => /^\d+$/.test(version) && ['initdb', 'pg_ctl', 'psql'].every((tool) => isExecutable(join(dir, version, 'bin', tool))),
  );
}

const CHROMIUM = (lookup: Lookup): Prerequisite | null =>
  isExecutable(lookup.chromiumPath)
    ? null
    : {
        program: 'Chromium',
        lookedAt: `${lookup.chromiumPath} (set CHROMIUM_PATH to use another)`,
        neededBy: 'the browser tests and dev/tests/demo-site.test.ts',
        debianPackage: 'chromium',
      };

const REDIS = (lookup: Lookup): Prerequisite | null =>
  onPath('redis-server', lookup.path)
    ? null
    : {
        program: 'redis-server',
        lookedAt: 'PATH',
        neededBy: 'signaling/tests/sync-scale-out.test.ts',
        debianPackage: 'redis-server',
      };

const POSTGRES = (lookup: Lookup): Prerequisite | null =>
  hasPostgresServer(lookup.postgresqlDir)
    ? null
    : {
        program: "Debian's PostgreSQL server (initdb, pg_ctl, psql)",
        lookedAt: `${lookup.postgresqlDir}/<version>/bin`,
        neededBy: 'dev/tests/migrations-pg15.test.ts and the standalone sync test',
        debianPackage: 'postgresql',
      };

const CHECKS_BY_PART: Record<PartName, ((lookup: Lookup) => Prerequisite | null)[]> = {
  types: [],
  lint: [],
  node: [CHROMIUM, REDIS, POSTGRES],
  browser: [CHROMIUM],
  deno: [],
  pgtap: [],
};

/** What the given parts need and the lookup does not find, each program once. */
export function missingPrerequisites(parts: readonly PartName[], lookup: Lookup): Prerequisite[] {
  const checks = new Set(parts.flatMap((part) => CHECKS_BY_PART[part]));
  return [...checks].map((check) => check(lookup)).filter((missing): missing is Prerequisite => missing !== null);
}

/** The one message `npm test` prints before stopping. */
export function describeMissing(missing: readonly Prerequisite[]): string {
  const lines = missing.map((m) => `  - ${m.program}: not found at ${m.lookedAt}; needed by ${m.neededBy}`);
  const packages = missing.map((m) => m.debianPackage).join(' ');
  return [
    'npm test cannot start: programs that npm does not install are missing.',
    ...lines,
    `Install them (Debian/Ubuntu): sudo apt-get install -y ${packages}`,
    'or run .ci/run, which installs them and then runs npm ci and npm test.',
  ].join('\n');
}
