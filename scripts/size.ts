// `npm run size`: gzip sizes of each element entry point (with Lit, Yjs, ProseMirror and
// supabase-js left external, as host pages share them) and of those shared dependencies.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

const entries: Record<string, string> = {
  'jd-session (elements/session/define.ts)': 'elements/session/define.ts',
  'jd-editor (elements/editor/define.ts)': 'elements/editor/define.ts',
  'jd-comments (elements/comments/define.ts)': 'elements/comments/define.ts',
};

const SHARED = [
  'lit',
  '@lit/context',
  '@supabase/supabase-js',
  'yjs',
  'y-protocols',
  'y-indexeddb',
  'y-websocket',
  'y-webrtc',
  'y-prosemirror',
  'lib0',
  'prosemirror-model',
  'prosemirror-state',
  'prosemirror-view',
  'prosemirror-transform',
  'prosemirror-commands',
  'prosemirror-keymap',
  'prosemirror-schema-list',
];
const external = SHARED.flatMap((name) => [name, `${name}/*`]);

async function bundle(options: { entry?: string; contents?: string; external: string[] }): Promise<{ raw: number; gzip: number }> {
  const result = await build({
    absWorkingDir: root,
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    write: false,
    external: options.external,
    tsconfig: 'tsconfig.json',
    define: { 'process.env.NODE_ENV': '"production"' },
    ...(options.entry ? { entryPoints: [options.entry] } : { stdin: { contents: options.contents!, resolveDir: root, loader: 'ts' } }),
    // y-webrtc is loaded on demand: its chunk is measured with the shared dependencies.
    splitting: false,
    logLevel: 'silent',
  });
  const bytes = result.outputFiles.reduce((n, f) => n + f.contents.length, 0);
  const gzip = result.outputFiles.reduce((n, f) => n + gzipSync(f.contents, { level: 9 }).length, 0);
  return { raw: bytes, gzip };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
const rows: [string, { raw: number; gzip: number }][] = [];
for (const [label, entry] of Object.entries(entries)) rows.push([label, await bundle({ entry, external })]);
/** What the kit imports from packages without a root entry. */
const SPECIFIERS: Record<string, string[]> = { 'y-protocols': ['y-protocols/awareness', 'y-protocols/sync'], lib0: ['lib0/encoding'] };
const importsOf = (name: string) => SPECIFIERS[name] ?? [name];
for (const name of SHARED) {
  const contents = importsOf(name).map((spec, i) => `export * as m${i} from '${spec}';`).join('\n');
  rows.push([`shared: ${name}`, await bundle({ contents, external: SHARED.filter((n) => n !== name).flatMap((n) => [n, `${n}/*`]) })]);
}
rows.push([
  'shared: all of the above, one bundle',
  await bundle({ contents: SHARED.flatMap(importsOf).map((spec, i) => `export * as m${i} from '${spec}';`).join('\n'), external: [] }),
]);
rows.push([
  'everything (the three elements + shared)',
  await bundle({ contents: `import './elements/session/define.ts'; import './elements/editor/define.ts'; import './elements/comments/define.ts';`, external: ['y-webrtc'] }),
]);

const width = Math.max(...rows.map(([l]) => l.length));
console.log(`${'bundle'.padEnd(width)}  ${'minified'.padStart(10)}  ${'gzip'.padStart(10)}`);
for (const [label, size] of rows) console.log(`${label.padEnd(width)}  ${kb(size.raw).padStart(10)}  ${kb(size.gzip).padStart(10)}`);
