// `npm run test:deno`: `deno test` over edge-functions/ with the Deno from the `deno` npm
// package. Extra arguments go to `deno test` (e.g. `--filter cors`).
//
// Permissions: read the project (fixtures and data files), env (functions read their
// settings), and net on loopback only (tests talk to local fake servers, never the network).
import { denoBinary } from '../dev/gateway/functions/deno-binary.js';
import { DENO_TEST_ROOT } from './deno-sources.js';
import { projectRoot, runInherited } from './run-command.js';

process.exitCode = await runInherited(denoBinary(), [
  'test',
  '--no-prompt',
  `--allow-read=${projectRoot}`,
  '--allow-env',
  '--allow-net=127.0.0.1,localhost',
  ...process.argv.slice(2),
  DENO_TEST_ROOT,
]);
