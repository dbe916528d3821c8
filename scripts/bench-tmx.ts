// `npm run bench:tmx`: a generated TMX file (100 MB by default) imported through the real
// gateway and the tm-import Edge Function as ESDC's admin, on an in-memory stack. Prints the
// time, the units per second, and the peak resident memory (VmHWM) of the Deno process that
// runs the function, next to the file's size: the reader and the staging stream the file, so
// the peak does not grow with it (dev/tests/tm-exchange.test.ts checks the same at 5 MB).
// A benchmark, not a test.
//
//   npx tsx scripts/bench-tmx.ts [--megabytes 100]
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { startStack } from '../dev/stack.js';
import { signInDemoUser } from '../dev/tests/stack-fixture.js';
import { peakRssOfFunction, postImport, writeGeneratedTmx } from '../dev/tests/support/tm-exchange.js';

const { values: options } = parseArgs({ options: { megabytes: { type: 'string', default: '100' } } });
const MEGABYTES = Number(options.megabytes);
if (!(MEGABYTES > 0)) throw new Error(`--megabytes must be a positive number (got ${options.megabytes})`);
const ESDC = 'e5dc0000-0000-4000-a000-000000000001';

const scratch = mkdtempSync(join(tmpdir(), 'bench-tmx-'));
const path = join(scratch, `generated-${MEGABYTES}mb.tmx`);
const stack = await startStack({ dataDir: 'memory', apiPort: 0, dbPort: 0, syncPort: 0, signalingPort: 0, log: () => {} });
try {
  const units = await writeGeneratedTmx(path, MEGABYTES * 1024 * 1024);
  const size = statSync(path).size;
  console.log(`generated ${(size / 1024 / 1024).toFixed(1)} MB, ${units} units`);
  const { token } = await signInDemoUser(stack, 'admin@esdc.example');
  const started = performance.now();
  const body = Readable.toWeb(createReadStream(path)) as unknown as ReadableStream<Uint8Array>;
  const { status, answer } = await postImport({ apiUrl: stack.apiUrl, anonKey: stack.anonKey, token }, 'tm-import', ESDC, body);
  const seconds = (performance.now() - started) / 1000;
  const peak = peakRssOfFunction('tm-import');
  console.log(`status ${status}: ${JSON.stringify({ ...answer, errors: answer.errors.slice(0, 3) })}`);
  console.log(`time ${seconds.toFixed(1)} s, ${(units / seconds).toFixed(0)} units/s`);
  console.log(`peak RSS of the tm-import Deno process: ${peak === null ? 'unknown' : `${(peak / 1024 / 1024).toFixed(0)} MB`} for a ${(size / 1024 / 1024).toFixed(0)} MB file`);
  console.log(`peak RSS of this process (gateway + PGlite + generator): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  if (status !== 200) process.exitCode = 1;
} finally {
  await stack.stop();
  rmSync(scratch, { recursive: true, force: true });
}
