// ESLint 9 flat config: typescript-eslint everywhere, Lit and Lit-a11y rules for the elements
// and their stories, each folder's runtime globals (Node, browser, Deno), and the boundary of
// domain/ (code that runs unchanged in all three).
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Globals the Supabase edge runtime gives a function. */
const denoGlobals = { Deno: 'readonly', EdgeRuntime: 'readonly' };

const DOMAIN_MESSAGE = 'domain/ runs unchanged in the browser, Node and Deno: keep runtime-specific code in elements/, signaling/, dev/ or edge-functions/.';

/** Modules of one runtime: Node's builtins (bare and `node:`), Lit, and the DOM-bound editor view. */
const domainRestrictedImports = {
  paths: [...builtinModules.filter((name) => !name.startsWith('_')), 'lit', 'prosemirror-view', 'y-prosemirror'].map((name) => ({
    name,
    message: DOMAIN_MESSAGE,
  })),
  patterns: [{ group: ['node:*', 'lit/*', 'lit-html', 'lit-html/*', 'lit-element', 'lit-element/*', '@lit/*', 'prosemirror-view/*'], message: DOMAIN_MESSAGE }],
};

/**
 * Every browser or Node global that is not also in the other runtime, plus the Web Storage and
 * Navigator globals recent Node versions added (not in Deno's edge runtime, and not
 * runtime-neutral in meaning), and the Deno and Bun namespaces. What remains is the ES library
 * and the common web APIs (URL, crypto, TextEncoder, fetch, timers, …).
 */
const domainRestrictedGlobals = [
  ...new Set([
    ...Object.keys(globals.browser),
    ...Object.keys(globals.node),
    'localStorage',
    'sessionStorage',
    'Storage',
    'navigator',
    'Navigator',
    'Deno',
    'EdgeRuntime',
    'Bun',
  ]),
]
  .filter((name) => !(name in globals.builtin))
  .filter((name) => !(name in globals['shared-node-browser']) || ['localStorage', 'sessionStorage', 'Storage', 'navigator', 'Navigator'].includes(name))
  .map((name) => ({ name, message: DOMAIN_MESSAGE }));

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
    // The domain layer (tests aside: they run under node:test, in Node and in Deno).
    files: ['domain/**/*.ts'],
    ignores: ['domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', domainRestrictedImports],
      'no-restricted-globals': ['error', ...domainRestrictedGlobals],
      // import('node:fs') and friends, which no-restricted-imports does not see.
      'no-restricted-syntax': [
        'error',
        { selector: "ImportExpression > Literal[value=/^(node:|lit$|lit\\/|@lit\\/|prosemirror-view)/]", message: DOMAIN_MESSAGE },
      ],
    },
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
