// Serves the demo site (a mock department HR portal) with Vite, telling the page where the
// local stack is through a tiny generated module.
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer, type Plugin } from 'vite';

const projectRoot = resolve(import.meta.dirname, '..');

function stackConfigModule(config: DemoStackConfig): Plugin {
  const id = 'virtual:jd-stack';
  return {
    name: 'jd-stack-config',
    resolveId: (source) => (source === id ? `\0${id}` : null),
    load: (loaded) => (loaded === `\0${id}` ? `export default ${JSON.stringify(config)};` : null),
  };
}

/** Where the demo page finds the stack. */
export interface DemoStackConfig {
  apiUrl: string;
  anonKey: string;
  syncUrl?: string;
  signalingUrl?: string;
}

export async function startDemoServer({ port, ...config }: DemoStackConfig & { port?: number }) {
  const server = await createServer({
    configFile: resolve(projectRoot, 'vite.config.ts'),
    root: resolve(projectRoot, 'demo'),
    // Vite's dependency cache defaults to node_modules/.vite, which checkouts sharing one
    // node_modules (git worktrees) would rewrite under each other's running servers; a page
    // then loads two copies of a bundled dependency ("Yjs was already imported"). One per checkout.
    cacheDir: join(tmpdir(), 'jd-kit-vite', createHash('sha256').update(projectRoot).digest('hex').slice(0, 16)),
    server: {
      host: '127.0.0.1',
      port: port ?? 5173,
      strictPort: true,
      // The fonts' files are served from node_modules, which may be a link to another checkout
      // (git worktrees share one): Vite serves only what is under the allowed folders.
      fs: { allow: [projectRoot, realpathSync(resolve(projectRoot, 'node_modules'))] },
    },
    plugins: [stackConfigModule(config)],
    logLevel: 'warn',
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port ?? 5173}/`;
  return { url, stop: () => server.close() };
}
