// The TypeScript that Deno runs, which tsc does not check with Deno's types: domain/ (which
// must run unchanged in the browser, Node and Deno), the edge functions, and the function host
// and fixture functions of the local stack.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './run-command.js';

/**
 * domain/'s modules and tests. Its declaration files (domain/types/) only tell tsc which web
 * globals the three runtimes share; Deno declares those globals itself, differently enough
 * that checking both together would report conflicts.
 */
function domainModules(): string[] {
  return readdirSync(join(projectRoot, 'domain'), { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.ts') && !path.endsWith('.d.ts'))
    .map((path) => join('domain', path))
    .sort();
}

export const DENO_SOURCES = [...domainModules(), 'edge-functions/', 'dev/gateway/functions/deno-host.ts', 'dev/tests/fixtures/functions/'];

/** Deno tests: the edge functions', and domain/'s, which run in Node too (node:test works in Deno). */
export const DENO_TEST_ROOTS = ['domain/', 'edge-functions/'];
