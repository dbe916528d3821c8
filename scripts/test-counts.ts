// Reads how many tests passed and failed from each test runner's own summary, so `npm test`
// can add them up without asking every runner for a machine format.

export interface Counts {
  passed: number;
  failed: number;
}

// eslint-disable-next-line no-control-regex -- matching terminal escape codes is the point
const ANSI_ESCAPE = /\u001b\[[0-9;?]*[A-Za-z]/g;

/** The runner's output without colour and cursor codes. */
export const plainText = (output: string) => output.replace(ANSI_ESCAPE, '');

/** The last match: a summary comes after any test output that might look like one. */
function lastMatch(output: string, pattern: RegExp): RegExpExecArray | null {
  let last: RegExpExecArray | null = null;
  for (const match of plainText(output).matchAll(new RegExp(pattern.source, 'gm'))) last = match;
  return last;
}

/** node:test: `# pass N` / `# fail N` (TAP) or `ℹ pass N` / `ℹ fail N` (spec). */
export function nodeTestCounts(output: string): Counts | null {
  const pass = lastMatch(output, /^[#ℹ] pass (\d+)$/);
  const fail = lastMatch(output, /^[#ℹ] fail (\d+)$/);
  if (!pass || !fail) return null;
  return { passed: Number(pass[1]), failed: Number(fail[1]) };
}

/** Web Test Runner, through the counts reporter in web-test-runner.config.mjs. */
export function webTestRunnerCounts(output: string): Counts | null {
  const match = lastMatch(output, /^Browser tests: (\d+) passed, (\d+) failed/);
  return match ? { passed: Number(match[1]), failed: Number(match[2]) } : null;
}

/** deno test: `ok | 4 passed | 0 failed (15ms)`, or `FAILED | 3 passed (2 steps) | 1 failed`. */
export function denoTestCounts(output: string): Counts | null {
  const match = lastMatch(output, /^(?:ok|FAILED) \| (\d+) passed(?: \(\d+ steps?\))? \| (\d+) failed/);
  return match ? { passed: Number(match[1]), failed: Number(match[2]) } : null;
}

/** scripts/run-pgtap.ts: `pgTAP: N passed, N failed`. */
export function pgTapCounts(output: string): Counts | null {
  const match = lastMatch(output, /^pgTAP: (\d+) passed, (\d+) failed/);
  return match ? { passed: Number(match[1]), failed: Number(match[2]) } : null;
}
