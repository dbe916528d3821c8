// `npm run build`: the publishable package in dist/ (`cd dist && npm publish`). ES modules per
// element with Lit, Yjs, supabase-js, the y-* providers and ProseMirror left to the host page
// (peer dependencies), their declarations, the custom-elements manifest, a default theme, a
// single-file CDN bundle with everything in it, and the package.json that describes them.
import { build, type Plugin } from 'esbuild';
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ALL_ENTRY, ELEMENTS, SHARED, defineModule, eventsModule, exportsMap, outputs, sharedExternals } from './package-layout.js';
import { projectRoot } from './run-command.js';
import { THEME_TOKENS } from '../elements/core/tokens.js';

const run = promisify(execFile);
const dist = join(projectRoot, 'dist');
const bin = (name: string) => join(projectRoot, 'node_modules', '.bin', name);

const WORKER_SOURCE = 'elements/compliance/findings-worker.ts';
const WORKER_CONTROLLER = /elements\/compliance\/findings-controller\.ts$/;
const WORKER_URL = "new URL('./findings-worker.ts', import.meta.url)";

/**
 * Points <jd-compliance>'s worker at its built file: `replacement` is the expression that
 * replaces WORKER_URL. Fails the build when the source no longer has that expression, rather
 * than shipping a worker URL that points nowhere.
 */
function workerUrl(replacement: string, preamble = ''): Plugin {
  return {
    name: 'jd-findings-worker-url',
    setup(esbuild) {
      esbuild.onLoad({ filter: WORKER_CONTROLLER }, async ({ path }) => {
        const source = await readFile(path, 'utf8');
        if (!source.includes(WORKER_URL)) throw new Error(`${path} no longer creates its worker with ${WORKER_URL}: update scripts/build.ts`);
        return { contents: preamble + source.replace(WORKER_URL, replacement), loader: 'ts' };
      });
    },
  };
}

const common = {
  absWorkingDir: projectRoot,
  bundle: true,
  format: 'esm',
  target: 'es2022',
  platform: 'browser',
  tsconfig: 'tsconfig.json',
  logLevel: 'warning',
} as const;

/** The compliance worker, self-contained (Yjs included: a worker is a realm of its own). */
async function buildWorker(): Promise<string> {
  const result = await build({ ...common, entryPoints: [WORKER_SOURCE], minify: true, write: false, outfile: outputs.worker });
  const code = result.outputFiles[0]!.text;
  await writeFile(join(dist, outputs.worker), code);
  return code;
}

/** One module per entry; code two entries share goes to chunk-*.js beside them. */
async function buildModules(): Promise<void> {
  const entryPoints = [
    { in: ALL_ENTRY, out: outputs.all },
    ...ELEMENTS.flatMap((element) => [
      { in: defineModule(element), out: outputs.define(element) },
      { in: element.classes, out: outputs.classes(element) },
      { in: eventsModule(element), out: outputs.events(element) },
    ]),
  ].map(({ in: source, out }) => ({ in: source, out: out.replace(/\.js$/, '') }));
  await build({
    ...common,
    entryPoints,
    outdir: dist,
    splitting: true,
    chunkNames: 'chunk-[hash]',
    external: sharedExternals(),
    plugins: [workerUrl(`new URL('./${outputs.worker}', import.meta.url)`)],
  });
}

/**
 * Everything in one file for `<script type="module" src>`: no bundler resolves the worker's URL
 * there, so the worker travels inside it and starts from a blob: URL (a page's CSP must allow
 * `worker-src blob:`).
 */
async function buildCdn(workerCode: string): Promise<void> {
  const preamble = `const jdFindingsWorkerUrl = () => URL.createObjectURL(new Blob([${JSON.stringify(workerCode)}], { type: 'text/javascript' }));\n`;
  await build({
    ...common,
    entryPoints: [ALL_ENTRY],
    outfile: join(dist, outputs.cdn),
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [workerUrl('jdFindingsWorkerUrl()', preamble)],
  });
}

/** `:root { --jd-color-text: #333; … }`: every theme property at its GC Design System default. */
function themeCss(): string {
  const lines = Object.values(THEME_TOKENS).map(({ property, value }) => `  ${property}: ${value};`);
  return [
    '/* jd-kit default theme: every --jd-* property the elements read, at its GC Design System default.',
    ' * Load it and override what you need (on :root, or on a jd-* element or an ancestor). */',
    ':root {',
    ...lines,
    '}',
    'jd-session, jd-editor, jd-comments, jd-compliance, jd-concordance, jd-alignment-workbench, jd-documents, jd-notifications {',
    '  font-family: var(--jd-font-family);',
    '  color: var(--jd-color-text);',
    '}',
    '',
  ].join('\n');
}

async function packageJson(): Promise<string> {
  const root = JSON.parse(await readFile(join(projectRoot, 'package.json'), 'utf8')) as {
    version: string;
    description: string;
    license: string;
    engines?: unknown;
    dependencies: Record<string, string>;
  };
  const peerDependencies = Object.fromEntries(
    SHARED.map((name) => {
      const range = root.dependencies[name];
      if (!range) throw new Error(`${name} is a peer dependency of the package but not a dependency of the workspace's package.json`);
      return [name, range];
    }),
  );
  const published = {
    name: 'jd-kit',
    version: root.version,
    description: root.description,
    license: root.license,
    type: 'module',
    exports: exportsMap(),
    types: `./types/${ALL_ENTRY.replace(/\.ts$/, '.d.ts')}`,
    customElements: 'custom-elements.json',
    unpkg: `./${outputs.cdn}`,
    jsdelivr: `./${outputs.cdn}`,
    peerDependencies,
    keywords: ['web-components', 'lit', 'custom-elements', 'yjs', 'supabase', 'job-description', 'bilingual'],
  };
  return `${JSON.stringify(published, null, 2)}\n`;
}

async function buildPackage(): Promise<void> {
  await rm(dist, { recursive: true, force: true });
  await mkdir(dist, { recursive: true });
  const workerCode = await buildWorker();
  await Promise.all([buildModules(), buildCdn(workerCode)]);
  await run(bin('tsc'), ['-p', 'scripts/tsconfig.build.json'], { cwd: projectRoot });
  await run(bin('cem'), ['analyze', '--quiet'], { cwd: projectRoot });
  await copyFile(join(projectRoot, 'custom-elements.json'), join(dist, 'custom-elements.json'));
  await writeFile(join(dist, outputs.theme), themeCss());
  await writeFile(join(dist, 'package.json'), await packageJson());
  await copyFile(join(projectRoot, 'README.md'), join(dist, 'README.md'));
}

const started = performance.now();
await buildPackage();
console.log(`dist/ built in ${((performance.now() - started) / 1000).toFixed(1)} s: npm pack ./dist, or cd dist && npm publish`);
