// `npm run build`: the publishable package in dist/ (`cd dist && npm publish`). ES modules per
// element with Lit, Yjs, supabase-js, the y-* providers and ProseMirror left to the host page
// (peer dependencies), their declarations, the custom-elements manifest, a default theme, a
// single-file CDN bundle with everything in it, and the package.json that describes them.
import { build } from 'esbuild';
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { promisify } from 'node:util';
import { ALL_ENTRY, ELEMENTS, SHARED, defineModule, eventsModule, exportsMap, outputs, sharedExternals } from './package-layout.js';
import { WORKER_SOURCE, cdnBundle, common, workerBundle, workerUrl } from './build-bundles.js';
import { projectRoot } from './run-command.js';
import { THEME_TOKENS } from '../elements/core/tokens.js';

const run = promisify(execFile);
const dist = join(projectRoot, 'dist');
const bin = (name: string) => join(projectRoot, 'node_modules', '.bin', name);

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

/** `:root { --jd-color-text: #333; … }`: every theme property at its GC Design System default. */
function themeCss(): string {
  const lines = Object.values(THEME_TOKENS).map(({ property, value }) => `  ${property}: ${value};`);
  return [
    '/* jd-kit default theme: every --jd-* property the elements read, at its GC Design System default.',
    ' * Load it and override what you need (on :root, or on a jd-* element or an ancestor). */',
    ':root {',
    ...lines,
    '}',
    `${ELEMENTS.flatMap((element) => element.tags).join(', ')} {`,
    '  font-family: var(--jd-font-family);',
    '  color: var(--jd-color-text);',
    '}',
    '',
  ].join('\n');
}

/** Where a source module of the workspace is in the package: an entry's JS file, or else its declarations. */
function publishedPath(modulePath: string): string {
  // The analyzer writes both `elements/x.ts` and `/elements/x.js` for the same module.
  const source = modulePath.replace(/^\//, '').replace(/\.js$/, '.ts');
  const entries = new Map<string, string>([
    [ALL_ENTRY, outputs.all],
    [WORKER_SOURCE, outputs.worker],
    ...ELEMENTS.flatMap((element): [string, string][] => [
      [defineModule(element), outputs.define(element)],
      [element.classes, outputs.classes(element)],
      [eventsModule(element), outputs.events(element)],
    ]),
  ]);
  return entries.get(source) ?? `types/${source.replace(/\.ts$/, '.d.ts')}`;
}

/**
 * The manifest as the package has it: every module path (`path`, and `module` in references,
 * which the analyzer sometimes writes relative to the module) a file of the package, and the
 * modules the package does not ship (test support) left out.
 */
async function publishedManifest(): Promise<string> {
  const manifest = JSON.parse(await readFile(join(projectRoot, 'custom-elements.json'), 'utf8')) as { modules: { path: string }[] };
  const rewrite = (value: unknown, base: string): unknown => {
    if (Array.isArray(value)) return value.map((inner) => rewrite(inner, base));
    if (!value || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => {
        if ((key !== 'path' && key !== 'module') || typeof inner !== 'string' || !/\.(ts|js)$/.test(inner)) return [key, rewrite(inner, base)];
        return [key, publishedPath(inner.startsWith('.') ? posix.join(posix.dirname(base), inner) : inner)];
      }),
    );
  };
  const modules = manifest.modules.map((module) => rewrite(module, module.path) as { path: string }).filter((module) => existsSync(join(dist, module.path)));
  return `${JSON.stringify({ ...manifest, modules }, null, 2)}\n`;
}

async function packageJson(): Promise<string> {
  const root = JSON.parse(await readFile(join(projectRoot, 'package.json'), 'utf8')) as {
    version: string;
    description: string;
    license: string;
    dependencies: Record<string, string>;
  };
  const peerDependencies = Object.fromEntries(
    SHARED.map((name) => {
      const range = root.dependencies[name];
      if (!range) throw new Error(`${name} is a peer dependency of the package but not a dependency of the workspace's package.json`);
      // The workspace pins some versions exactly (supabase-js) for reproducible tests; a portal
      // sharing the library needs a compatible one, not that exact release.
      return [name, /^\d/.test(range) ? `^${range}` : range];
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
  const workerCode = await workerBundle();
  await writeFile(join(dist, outputs.worker), workerCode);
  await mkdir(join(dist, dirname(outputs.cdn)), { recursive: true });
  await Promise.all([buildModules(), cdnBundle(workerCode).then((code) => writeFile(join(dist, outputs.cdn), code))]);
  await run(bin('tsc'), ['-p', 'scripts/tsconfig.build.json'], { cwd: projectRoot });
  await run(bin('cem'), ['analyze', '--quiet'], { cwd: projectRoot });
  await writeFile(join(dist, 'custom-elements.json'), await publishedManifest());
  await writeFile(join(dist, outputs.theme), themeCss());
  await writeFile(join(dist, 'package.json'), await packageJson());
  await copyFile(join(projectRoot, 'README.md'), join(dist, 'README.md'));
}

const started = performance.now();
await buildPackage();
console.log(`dist/ built in ${((performance.now() - started) / 1000).toFixed(1)} s: npm pack ./dist, or cd dist && npm publish`);
