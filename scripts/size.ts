// `npm run size`: gzip sizes of what a page downloads for each entry of the package: every
// element's define entry (with the shared libraries left external, as host pages share them),
// the compliance worker, the single-file CDN bundle (everything in it), and each shared library.
import { cdnBundle, workerBundle } from './build-bundles.js';
import { ELEMENTS, SHARED, defineModule, sharedExternals } from './package-layout.js';
import { bundle, measure, type Size } from './size-measure.js';

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
