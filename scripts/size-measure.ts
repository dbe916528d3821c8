// How big an entry of the package is, minified and gzipped, as a page downloads it (used by
// `npm run size` and the size budget test).
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { common, workerUrl } from './build-bundles.js';

export interface Size {
  raw: number;
  gzip: number;
}

export const measure = (code: string): Size => {
  const bytes = Buffer.from(code);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};

/** Bundles an entry file or a module's source with esbuild, minified; the sum of its output files. */
export async function bundle(options: { entry?: string; contents?: string; external: string[] }): Promise<Size> {
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
