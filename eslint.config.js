// ESLint 9 flat config: typescript-eslint everywhere, Lit and Lit-a11y rules for the elements
// and their stories, and each folder's runtime globals (Node, browser, Deno).
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Globals the Supabase edge runtime gives a function. */
const denoGlobals = { Deno: 'readonly', EdgeRuntime: 'readonly' };

export default defineConfig([
  globalIgnores([
    'node_modules/',
    'dist/',
    '.jd-data/',
    '.test-data/',
    'coverage/',
    'storybook-static/',
    'supabase/.temp/',
    'supabase/.branches/',
    '.scratch/',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    // Node by default: the dev stack, servers, scripts and the config files at the root.
    languageOptions: { globals: globals.node },
  },
  {
    files: ['elements/**', 'stories/**', 'demo/**', '**/*.browser.test.ts'],
    languageOptions: { globals: globals.browser },
  },
  {
    // Web Test Runner runs these in Chromium with mocha.
    files: ['elements/**/*.test.ts', '**/*.browser.test.ts'],
    ignores: ['**/*.node.test.ts'],
    languageOptions: { globals: globals.mocha },
  },
  {
    files: ['elements/**/*.ts', 'stories/**/*.ts'],
    extends: [lit.configs['flat/recommended'], litA11y.configs.recommended],
  },
  {
    // Deno code: the edge functions, and the function host and fixtures the local stack runs.
    files: ['edge-functions/**/*.ts', 'dev/gateway/functions/deno-host.ts', 'dev/tests/fixtures/functions/**/*.ts'],
    languageOptions: { globals: { ...globals.worker, ...denoGlobals } },
  },
  {
    rules: {
      // `_`-prefixed names are deliberately unused (ignored parameters, destructured leftovers).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
]);
