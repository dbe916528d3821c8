// `npm run size`: gzip sizes of what a page downloads for each entry of the package: every
// element's define entry (with the shared libraries left external, as host pages share them),
// the compliance worker, the single-file CDN bundle (everything in it), and each shared library.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { common, cdnBundle, workerBundle, workerUrl } from './build-bundles.js';
import { ELEMENTS, SHARED, defineModule, sharedExternals } from './package-layout.js';

interface Size {
  raw: number;
  gzip: number;
}

const measure = (code: string): Size => {
  const bytes = Buffer.from(code);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};

async function bundle(options: { entry?: string; contents?: string; external: string[] }): Promise<Size> {
  const result = await build({
    ...common,
    minify: true,
    write: false,
    outdir: 'out',
    external: options.external,
    define: { 'process.env.NODE_ENV': '"production"' },
    ...(options.entry ? { entryPoints: [options.entry] } : { stdin: { contents: options.contents!, resolveDir: common.absWorkingDir, loader: 'ts' } }),
    // The worker is its own file, measured on its own row.
    plugins: [workerUrl("new URL('./findings-worker.js', import.meta.url)")],
    logLevel: 'silent',
  });
  return result.outputFiles.filter((f) => f.path.endsWith('.js')).reduce((sum, f) => {
    const size = measure(f.text);
    return { raw: sum.raw + size.raw, gzip: sum.gzip + size.gzip };
  }, { raw: 0, gzip: 0 });
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
const rows: [string, Size][] = [];
for (const element of ELEMENTS) {
  rows.push([`jd-kit/${element.name} (${element.tags.join(', ')})`, await bundle({ entry: defineModule(element), external: sharedExternals() })]);
}
const worker = await workerBundle();
rows.push(['jd-kit/findings-worker.js (jd-compliance, loaded on demand)', measure(worker)]);
rows.push(['jd-kit/cdn: everything in one file (CDN bundle)', measure(await cdnBundle(worker))]);

/** What the kit imports from packages without a root entry. */
const SPECIFIERS: Record<string, string[]> = { 'y-protocols': ['y-protocols/awareness', 'y-protocols/sync'], lib0: ['lib0/encoding'] };
const importsOf = (name: string) => SPECIFIERS[name] ?? [name];
for (const name of SHARED) {
  const contents = importsOf(name).map((spec, i) => `export * as m${i} from '${spec}';`).join('\n');
  rows.push([`shared: ${name}`, await bundle({ contents, external: sharedExternals(SHARED.filter((n) => n !== name)) })]);
}

const width = Math.max(...rows.map(([l]) => l.length));
console.log(`${'entry'.padEnd(width)}  ${'minified'.padStart(10)}  ${'gzip'.padStart(10)}`);
for (const [label, size] of rows) console.log(`${label.padEnd(width)}  ${kb(size.raw).padStart(10)}  ${kb(size.gzip).padStart(10)}`);
