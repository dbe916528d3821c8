import { defineConfig } from 'vite';

// The demo site and the library build share this config. Lit, Yjs and supabase-js stay
// external in the library build so host pages share one copy.
export default defineConfig({
  build: { target: 'es2022' },
});
