// `deno check` over the code Deno runs (see deno-sources.ts), with the Deno from the `deno`
// npm package. Deno resolves npm packages from the project's node_modules: nothing is fetched.
import { denoBinary } from '../dev/gateway/functions/deno-binary.js';
import { DENO_SOURCES } from './deno-sources.js';
import { runInherited } from './run-command.js';

process.exitCode = await runInherited(denoBinary(), ['check', ...DENO_SOURCES]);
