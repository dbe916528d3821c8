// `npm run test:node`: node:test over every Node test file: `*.test.ts` under domain/, dev/,
// signaling/ and scripts/, and `*.node.test.ts` under elements/. Browser tests
// (`*.browser.test.ts`, and the other element tests) belong to Web Test Runner, Deno tests to
// edge-functions/.
// Arguments narrow the run to files under the given paths: `npm run test:node -- dev/gateway`.
import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { projectRoot, runInherited } from './run-command.js';

const SKIPPED_FOLDERS = new Set(['node_modules', 'edge-functions']);

const isNodeTest = (name: string) => name.endsWith('.test.ts') && !name.endsWith('.browser.test.ts');
const isElementNodeTest = (name: string) => name.endsWith('.node.test.ts');

const SEARCHED: { folder: string; accepts: (name: string) => boolean }[] = [
  { folder: 'domain', accepts: isNodeTest },
  { folder: 'dev', accepts: isNodeTest },
  { folder: 'signaling', accepts: isNodeTest },
  { folder: 'scripts', accepts: isNodeTest },
  { folder: 'elements', accepts: isElementNodeTest },
];

function testFilesUnder(folder: string, accepts: (name: string) => boolean): string[] {
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return []; // a folder that does not exist yet has no tests
  }
  return entries.flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      return SKIPPED_FOLDERS.has(entry.name) || entry.name.startsWith('.') ? [] : testFilesUnder(path, accepts);
    }
    return entry.isFile() && accepts(entry.name) ? [path] : [];
  });
}

const filters = process.argv.slice(2).map((path) => resolve(path));
const files = SEARCHED.flatMap(({ folder, accepts }) => testFilesUnder(join(projectRoot, folder), accepts))
  .filter((file) => filters.length === 0 || filters.some((filter) => file === filter || file.startsWith(`${filter}/`)))
  .map((file) => relative(projectRoot, file))
  .sort();

if (files.length === 0) {
  console.error('No Node test files found.');
  process.exitCode = 1;
} else {
  process.exitCode = await runInherited(process.execPath, [
    '--import',
    'tsx',
    '--test',
    // One file at a time: stack tests start servers, Deno processes and databases, and running
    // them side by side makes timings (streaming, start-up timeouts) flaky.
    '--test-concurrency=1',
    // A hung test fails after 5 minutes instead of holding CI forever.
    '--test-timeout=300000',
    ...files,
  ]);
}
