// Which functions exist and with which settings, from folders and config.toml.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadFunctionCatalog } from './function-catalog.js';

const project = mkdtempSync(join(tmpdir(), 'jd-catalog-'));
after(() => rmSync(project, { recursive: true, force: true }));

function file(path: string, text = 'Deno.serve(() => new Response());\n') {
  mkdirSync(join(project, path, '..'), { recursive: true });
  writeFileSync(join(project, path), text);
}

file('edge-functions/hello/index.ts');
file('edge-functions/_shared/index.ts');
file('edge-functions/no-index/main.ts');
file('elsewhere/webhook.ts');
file(
  'supabase/config.toml',
  `
[functions.hello]
verify_jwt = false

[functions.stripe-webhook]
entrypoint = "../elsewhere/webhook.ts"

[functions.ghost]
entrypoint = "../edge-functions/ghost/index.ts"

[functions.no-index]
enabled = false
`,
);

const catalog = loadFunctionCatalog({
  functionsDir: join(project, 'edge-functions'),
  configFile: join(project, 'supabase/config.toml'),
});

test('a folder with index.ts is a function, with settings from config.toml', () => {
  assert.deepEqual(catalog.find('hello'), {
    name: 'hello',
    entrypoint: join(project, 'edge-functions/hello/index.ts'),
    verifyJwt: false,
  });
});

test('an entrypoint in config.toml is relative to the config file; verify_jwt defaults to true', () => {
  assert.deepEqual(catalog.find('stripe-webhook'), {
    name: 'stripe-webhook',
    entrypoint: join(project, 'elsewhere/webhook.ts'),
    verifyJwt: true,
  });
});

test('missing entrypoints, disabled functions, shared code and unsafe names are not functions', () => {
  for (const name of ['ghost', 'no-index', '_shared', 'nope', '..', 'hello/../hello', '', 'constructor']) {
    assert.equal(catalog.find(name), null, name);
  }
});

test('a function folder added later is found without reloading', () => {
  file('edge-functions/late/index.ts');
  assert.equal(catalog.find('late')?.verifyJwt, true);
});

test('without a config file every folder is a function with the defaults', () => {
  const bare = loadFunctionCatalog({ functionsDir: join(project, 'edge-functions'), configFile: join(project, 'none.toml') });
  assert.equal(bare.find('hello')?.verifyJwt, true);
});

test('a config file with a wrong type names the file and the setting', () => {
  file('bad/config.toml', '[functions.hello]\nverify_jwt = "no"\n');
  assert.throws(
    () => loadFunctionCatalog({ functionsDir: join(project, 'edge-functions'), configFile: join(project, 'bad/config.toml') }),
    /bad\/config\.toml[\s\S]*verify_jwt/,
  );
});
