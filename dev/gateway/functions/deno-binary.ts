// Where the Deno executable is: the `deno` npm package ships it per platform, so a fresh
// `npm ci` is all a machine needs to run edge functions and Deno tests.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

let cached: string | undefined;

/** Absolute path of the Deno binary from the `deno` npm package (its own resolver picks the platform). */
export function denoBinary(): string {
  if (cached === undefined) {
    const installer = require('deno/install_api.cjs') as { runInstall(): string };
    cached = installer.runInstall();
  }
  return cached;
}
