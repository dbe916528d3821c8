import { defineConfig } from 'vite';

// The demo site's config (dev/demo-server.ts serves it for `npm start`). The publishable package
// is built by scripts/build.ts (`npm run build`), with esbuild.
export default defineConfig({
  build: { target: 'es2022' },
});
