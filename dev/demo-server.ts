// Serves the demo site (a mock department HR portal) with Vite, telling the page where the
// local stack is through a tiny generated module.
import { resolve } from 'node:path';
import { createServer, type Plugin } from 'vite';

const projectRoot = resolve(import.meta.dirname, '..');

function stackConfigModule(config: { apiUrl: string; anonKey: string }): Plugin {
  const id = 'virtual:jd-stack';
  return {
    name: 'jd-stack-config',
    resolveId: (source) => (source === id ? `\0${id}` : null),
    load: (loaded) => (loaded === `\0${id}` ? `export default ${JSON.stringify(config)};` : null),
  };
}

export async function startDemoServer(config: { apiUrl: string; anonKey: string; port?: number }) {
  const server = await createServer({
    configFile: resolve(projectRoot, 'vite.config.ts'),
    root: resolve(projectRoot, 'demo'),
    server: { host: '127.0.0.1', port: config.port ?? 5173, strictPort: true },
    plugins: [stackConfigModule(config)],
    logLevel: 'warn',
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${config.port ?? 5173}/`;
  return { url, stop: () => server.close() };
}
