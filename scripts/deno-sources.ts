// The TypeScript that Deno runs, which tsc does not check with Deno's types: the edge
// functions, and the function host and fixture functions of the local stack.
export const DENO_SOURCES = ['edge-functions/', 'dev/gateway/functions/deno-host.ts', 'dev/tests/fixtures/functions/'];

/** Deno tests live with the edge functions. */
export const DENO_TEST_ROOT = 'edge-functions/';
