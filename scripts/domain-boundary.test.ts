// domain/ must run unchanged in the browser, Node and Deno, so ESLint refuses, there only,
// imports and globals that belong to one runtime (eslint.config.js). These run ESLint's API
// with the project's config on code placed (by path) in domain/.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';
import { projectRoot } from './run-command.js';

const eslint = new ESLint({ cwd: projectRoot });

/** The rule ids ESLint reports for `code` as if it were the file `path` of the project. */
async function problems(code: string, path: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(projectRoot, path) });
  assert.ok(result, 'ESLint returned no result');
  return result.messages.map((message) => `${message.ruleId ?? 'parse'}: ${message.message}`);
}

const inDomain = (code: string) => problems(code, 'domain/probe.ts');

describe('the domain/ boundary', () => {
  it('refuses node: modules and bare Node builtins', async () => {
    assert.match((await inDomain(`import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n`)).join('\n'), /no-restricted-imports: .*'node:fs'/);
    assert.match((await inDomain(`import 'node:fs';\n`)).join('\n'), /no-restricted-imports/);
    assert.match((await inDomain(`import { join } from 'path';\nexport const j = join;\n`)).join('\n'), /no-restricted-imports: .*'path'/);
    assert.match((await inDomain(`export const load = () => import('node:crypto');\n`)).join('\n'), /no-restricted-imports|no-restricted-syntax/);
  });

  it('refuses Lit and ProseMirror view, also as type imports', async () => {
    assert.match((await inDomain(`import { html } from 'lit';\nexport const h = html;\n`)).join('\n'), /no-restricted-imports: .*'lit'/);
    assert.match((await inDomain(`import type { EditorView } from 'prosemirror-view';\nexport type V = EditorView;\n`)).join('\n'), /no-restricted-imports: .*'prosemirror-view'/);
    assert.match((await inDomain(`import { LitElement } from 'lit/index.js';\nexport const E = LitElement;\n`)).join('\n'), /no-restricted-imports/);
  });

  it('refuses DOM and Node globals', async () => {
    for (const global of ['window', 'document', 'localStorage', 'navigator', 'HTMLElement', 'process', 'Buffer']) {
      assert.match((await inDomain(`export const x = ${global};\n`)).join('\n'), new RegExp(`no-restricted-globals: .*'${global}'`), global);
    }
  });

  it('accepts what all three runtimes share', async () => {
    const code = [
      `import * as Y from 'yjs';`,
      `export const doc = () => new Y.Doc();`,
      `export const id = () => crypto.randomUUID();`,
      `export const href = (value: string) => new URL(value).href;`,
      `export const bytes = (text: string) => new TextEncoder().encode(text);`,
      '',
    ].join('\n');
    assert.deepEqual(await inDomain(code), []);
  });

  it('applies to domain/ only', async () => {
    assert.deepEqual(await problems(`import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n`, 'signaling/probe.ts'), []);
  });

  it('passes on the real domain/', async () => {
    const results = await eslint.lintFiles(['domain/']);
    assert.ok(results.length > 0, 'no file linted in domain/');
    const found = results.flatMap((result) => result.messages.map((m) => `${result.filePath}:${m.line} ${m.ruleId}: ${m.message}`));
    assert.deepEqual(found, []);
  });
});
