// `npm run test:deno`: `deno test` over edge-functions/ and domain/ with the Deno from the
// `deno` npm package. Extra arguments go to `deno test` (e.g. `--filter cors`). No type check
// here: `npm run test:types` runs `deno check` over the same files (once).
//
// Permissions: read the project (fixtures and data files), env (functions read their
// settings; yjs's lib0 reads its own on import), and net on loopback only (tests talk to local
// fake servers, never the network).
import { denoBinary } from '../dev/gateway/functions/deno-binary.js';
import { DENO_TEST_ROOTS } from './deno-sources.js';
import { projectRoot, runInherited } from './run-command.js';

process.exitCode = await runInherited(denoBinary(), [
  'test',
  '--no-check',
  '--no-prompt',
  `--allow-read=${projectRoot}`,
  '--allow-env',
  '--allow-net=127.0.0.1,localhost',
  ...process.argv.slice(2),
  ...DENO_TEST_ROOTS,
]);
