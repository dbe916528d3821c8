// The esbuild steps of the package (scripts/build.ts writes them to dist/, scripts/size.ts
// measures them): the compliance worker, the single-file CDN bundle, and the plugin that points
// <jd-compliance>'s worker at its built form.
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { ALL_ENTRY } from './package-layout.js';
import { projectRoot } from './run-command.js';

export const WORKER_SOURCE = 'elements/compliance/findings-worker.ts';
const WORKER_CONTROLLER = /elements\/compliance\/findings-controller\.ts$/;
const WORKER_URL = "new URL('./findings-worker.ts', import.meta.url)";

/**
 * Points <jd-compliance>'s worker at its built form: `replacement` is the expression that
 * replaces WORKER_URL. Fails the build when the source no longer has that expression, rather
 * than shipping a worker URL that points nowhere.
 */
export function workerUrl(replacement: string, preamble = ''): Plugin {
  return {
    name: 'jd-findings-worker-url',
    setup(esbuild) {
      esbuild.onLoad({ filter: WORKER_CONTROLLER }, async ({ path }) => {
        const source = await readFile(path, 'utf8');
        if (!source.includes(WORKER_URL)) throw new Error(`${path} no longer creates its worker with ${WORKER_URL}: update scripts/build-bundles.ts`);
        return { contents: preamble + source.replace(WORKER_URL, replacement), loader: 'ts' };
      });
    },
  };
}

export const common = {
  absWorkingDir: projectRoot,
  bundle: true,
  format: 'esm',
  target: 'es2022',
  platform: 'browser',
  tsconfig: 'tsconfig.json',
  logLevel: 'warning',
} as const satisfies BuildOptions;

/** Bundles in memory; resolves to the single output file's text. */
async function bundleToText(options: BuildOptions): Promise<string> {
  const result = await build({ ...common, ...options, write: false, outfile: 'out.js' });
  return result.outputFiles.find((file) => file.path.endsWith('.js'))!.text;
}

/** The compliance worker, self-contained (Yjs included: a worker is a realm of its own). */
export const workerBundle = () => bundleToText({ entryPoints: [WORKER_SOURCE], minify: true });

/**
 * Everything in one file for `<script type="module" src>`: no bundler resolves the worker's URL
 * there, so the worker travels inside it and starts from a blob: URL (a page's CSP must allow
 * `worker-src blob:`).
 */
export function cdnBundle(workerCode: string): Promise<string> {
  const preamble = `const jdFindingsWorkerUrl = () => URL.createObjectURL(new Blob([${JSON.stringify(workerCode)}], { type: 'text/javascript' }));\n`;
  return bundleToText({
    entryPoints: [ALL_ENTRY],
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [workerUrl('jdFindingsWorkerUrl()', preamble)],
  });
}
