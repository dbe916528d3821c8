// The summaries `npm test` reads, as each runner prints them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { denoTestCounts, nodeTestCounts, pgTapCounts, webTestRunnerCounts } from './test-counts.js';

test('node:test, TAP and spec reporters, last summary wins', () => {
  const tap = '# Subtest: a\nok 1 - a\n# tests 12\n# suites 2\n# pass 11\n# fail 1\n# cancelled 0\n';
  assert.deepEqual(nodeTestCounts(tap), { passed: 11, failed: 1 });
  const spec = '✔ a (1ms)\nℹ tests 3\nℹ suites 0\nℹ pass 3\nℹ fail 0\n';
  assert.deepEqual(nodeTestCounts(spec), { passed: 3, failed: 0 });
  assert.deepEqual(nodeTestCounts(`    # pass 99\n${tap}`), { passed: 11, failed: 1 });
  assert.equal(nodeTestCounts('Error: Cannot find module'), null);
});

test('Web Test Runner counts line', () => {
  const output = '\u001b[2K\u001b[1A ❌ x > y\nBrowser tests: 7 passed, 2 failed, 1 skipped\nChrome: |███| 2/2 test files | 7 passed, 2 failed\n';
  assert.deepEqual(webTestRunnerCounts(output), { passed: 7, failed: 2 });
  assert.equal(webTestRunnerCounts('Error while running tests.'), null);
});

test('deno test summary, coloured, with steps and failures', () => {
  assert.deepEqual(denoTestCounts('\u001b[0m\u001b[32mok\u001b[0m | 4 passed | 0 failed \u001b[0m(15ms)'), { passed: 4, failed: 0 });
  assert.deepEqual(denoTestCounts('FAILED | 3 passed (5 steps) | 2 failed | 1 ignored (40ms)'), { passed: 3, failed: 2 });
  assert.equal(denoTestCounts('error: No test modules found'), null);
});

test('pgTAP line', () => {
  assert.deepEqual(pgTapCounts('ok 1 - rls\npgTAP: 41 passed, 0 failed\n'), { passed: 41, failed: 0 });
  assert.equal(pgTapCounts('not ok 1'), null);
});
