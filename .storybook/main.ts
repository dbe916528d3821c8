// Storybook on Vite for the kit's custom elements. Docs and controls come from the
// custom-elements manifest, analysed from the elements' JSDoc when Storybook starts
// (virtual:jd-manifest), and the stories reach the local stack (`npm run stack`) the way the
// demo site does (virtual:jd-stack).
import { resolve, sep } from 'node:path';
import { cli as customElementsManifest } from '@custom-elements-manifest/analyzer/cli.js';
import type { StorybookConfig } from '@storybook/web-components-vite';
import type { Plugin } from 'vite';
import { loadKeySet } from '../dev/gateway/keys.js';
import type { DemoStackConfig } from '../dev/demo-server.js';

const projectRoot = resolve(import.meta.dirname, '..');
const elementsFolder = resolve(projectRoot, 'elements') + sep;

/** Where the local stack listens: the same JD_* variables and defaults as `npm run stack`. */
async function localStack(env = process.env): Promise<DemoStackConfig> {
  const port = (name: string, fallback: number) => env[name] || String(fallback);
  // The anon key is signed with the JWT secret, as the stack signs it.
  const { anonKey } = await loadKeySet({ jwtSecret: env['JD_JWT_SECRET'] || undefined, keyFile: null });
  return {
    apiUrl: `http://127.0.0.1:${port('JD_API_PORT', 54321)}`,
    anonKey,
    syncUrl: `ws://127.0.0.1:${port('JD_SYNC_PORT', 1234)}`,
    signalingUrl: `ws://127.0.0.1:${port('JD_SIGNALING_PORT', 4444)}`,
  };
}

/** The manifest `npm run manifest` writes (same analyzer, same config file), kept in memory. */
const analyzeElements = () => customElementsManifest({ argv: ['analyze', '--quiet'], cwd: projectRoot, noWrite: true });

function storybookModules(): Plugin {
  const modules: Record<string, () => Promise<unknown>> = {
    'virtual:jd-stack': localStack,
    'virtual:jd-manifest': analyzeElements,
  };
  return {
    name: 'jd-storybook-modules',
    resolveId: (source) => (source in modules ? `\0${source}` : null),
    async load(id) {
      const make = id.startsWith('\0') ? modules[id.slice(1)] : undefined;
      return make ? `export default ${JSON.stringify(await make())};` : null;
    },
    // An element's JSDoc changed: analyse again on the reload the change causes anyway.
    handleHotUpdate({ file, server }) {
      if (!file.startsWith(elementsFolder)) return;
      const manifest = server.moduleGraph.getModuleById('\0virtual:jd-manifest');
      if (manifest) server.moduleGraph.invalidateModule(manifest);
    },
  };
}

const config: StorybookConfig = {
  framework: '@storybook/web-components-vite',
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  viteFinal: (viteConfig) => ({
    ...viteConfig,
    plugins: [...(viteConfig.plugins ?? []), storybookModules()],
    optimizeDeps: {
      ...viteConfig.optimizeDeps,
      // The renderer imports lit/directive-helpers.js from its unbundled files: bundled with the
      // rest of lit, so the page runs one lit-html, not two.
      include: [...(viteConfig.optimizeDeps?.include ?? []), 'lit/directive-helpers.js'],
    },
  }),
};

export default config;
