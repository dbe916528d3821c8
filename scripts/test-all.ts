// `npm test`: every kind of check in order (types, lint, Node, browser, Deno, pgTAP), each
// one's output streamed live. A failing part does not stop the others. Ends with a summary
// per part and, as the very last line, the totals: `N passed, N failed`. Exits 1 when any part
// failed or ran no tests.
//
// `npm test -- node browser` runs only the parts named.
//
// Before anything runs, it checks for the programs npm cannot install (Chromium, redis-server,
// Debian's PostgreSQL; scripts/prerequisites.ts) that the selected parts need, and stops with
// one message naming what is missing and how to install it.
import { spawn } from 'node:child_process';
import { describeMissing, lookupFromEnvironment, missingPrerequisites, type PartName } from './prerequisites.js';
import { projectRoot } from './run-command.js';
import { denoTestCounts, nodeTestCounts, pgTapCounts, webTestRunnerCounts, type Counts } from './test-counts.js';

interface Step {
  label: string;
  command: string;
  args: string[];
  /** Reads the counts from the output; absent for a check that counts as one test (types, lint). */
  counts?: (output: string) => Counts | null;
}

interface Part {
  name: PartName;
  steps: Step[];
}

/** A hung part fails after this long, and the next part runs. */
const PART_TIMEOUT_MS = 30 * 60 * 1000;

/** The package.json script, run through the npm that runs us (or the one on PATH). */
function npmScript(script: string): Pick<Step, 'command' | 'args'> {
  const npm = process.env['npm_execpath'];
  return npm
    ? { command: process.execPath, args: [npm, 'run', '--silent', script] }
    : { command: 'npm', args: ['run', '--silent', script] };
}

const PARTS: Part[] = [
  // test:types is tsc (the project, domain/ alone, Storybook) and then deno check, once.
  { name: 'types', steps: [{ label: 'tsc and deno check', ...npmScript('test:types') }] },
  { name: 'lint', steps: [{ label: 'eslint', ...npmScript('test:lint') }] },
  { name: 'node', steps: [{ label: 'node:test', ...npmScript('test:node'), counts: nodeTestCounts }] },
  { name: 'browser', steps: [{ label: 'web-test-runner', ...npmScript('test:browser'), counts: webTestRunnerCounts }] },
  { name: 'deno', steps: [{ label: 'deno test', ...npmScript('test:deno'), counts: denoTestCounts }] },
  { name: 'pgtap', steps: [{ label: 'pgTAP', ...npmScript('test:db'), counts: pgTapCounts }] },
];

interface StepResult extends Counts {
  label: string;
  seconds: number;
  /** Why the step failed beyond its failing tests, if it did. */
  problem: string | null;
}

let running: ReturnType<typeof spawn> | null = null;

/** Runs one command, echoing its output as it comes and keeping it for the counts. */
function runStreaming(step: Step): Promise<{ exitCode: number | null; output: string; timedOut: boolean }> {
  return new Promise((done) => {
    // Its own process group, so a timeout or Ctrl-C can end the whole tree (browsers, Deno).
    const child = spawn(step.command, step.args, { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    running = child;
    let output = '';
    let timedOut = false;
    const keep = (target: NodeJS.WriteStream) => (chunk: Buffer) => {
      target.write(chunk);
      output += chunk.toString();
    };
    child.stdout.on('data', keep(process.stdout));
    child.stderr.on('data', keep(process.stderr));
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, PART_TIMEOUT_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      running = null;
      done({ exitCode: null, output: `${output}\n${error.message}`, timedOut });
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      running = null;
      done({ exitCode: code, output, timedOut });
    });
  });
}

function killGroup(child: ReturnType<typeof spawn>) {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (running) killGroup(running);
    process.exit(130);
  });
}

async function runStep(step: Step): Promise<StepResult> {
  const started = performance.now();
  const { exitCode, output, timedOut } = await runStreaming(step);
  const seconds = (performance.now() - started) / 1000;
  const result = (counts: Counts, problem: string | null): StepResult => ({ label: step.label, seconds, ...counts, problem });

  if (timedOut) return result({ passed: 0, failed: 1 }, `timed out after ${PART_TIMEOUT_MS / 60000} min`);
  const exitProblem = exitCode === 0 ? null : `exit code ${exitCode ?? 'none (did not start)'}`;
  if (!step.counts) {
    return result(exitCode === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 }, exitProblem);
  }
  const counts = step.counts(output);
  if (!counts) return result({ passed: 0, failed: 1 }, `${exitProblem ?? 'exit code 0'}, no test counts in its output`);
  if (counts.passed + counts.failed === 0) return result({ passed: 0, failed: 1 }, 'ran no tests');
  // A non-zero exit with no failing test (a file that did not load, a crash after the tests)
  // still counts once, so the totals never read "0 failed" for a failed run.
  if (exitProblem && counts.failed === 0) return result({ passed: counts.passed, failed: 1 }, exitProblem);
  return result(counts, exitProblem);
}

function selectedParts(names: string[]): Part[] {
  if (names.length === 0) return PARTS;
  const unknown = names.filter((name) => !PARTS.some((part) => part.name === name));
  if (unknown.length > 0) {
    console.error(`Unknown test part: ${unknown.join(', ')}. Parts: ${PARTS.map((p) => p.name).join(', ')}`);
    process.exit(2);
  }
  return PARTS.filter((part) => names.includes(part.name));
}

const parts = selectedParts(process.argv.slice(2));
const missing = missingPrerequisites(
  parts.map((part) => part.name),
  lookupFromEnvironment(process.env),
);
if (missing.length > 0) {
  console.error(describeMissing(missing));
  process.exit(2);
}

const results: { part: string; step: StepResult }[] = [];
for (const part of parts) {
  for (const step of part.steps) {
    console.log(`\n━━━ ${part.name}: ${step.label} ━━━\n`);
    results.push({ part: part.name, step: await runStep(step) });
  }
}

const total = results.reduce((sum, { step }) => ({ passed: sum.passed + step.passed, failed: sum.failed + step.failed }), {
  passed: 0,
  failed: 0,
});

console.log('\n━━━ summary ━━━\n');
for (const { part, step } of results) {
  const verdict = step.failed === 0 ? 'PASS' : 'FAIL';
  const counts = `${step.passed} passed, ${step.failed} failed`;
  const note = step.problem ? `  (${step.problem})` : '';
  console.log(`${verdict}  ${`${part}: ${step.label}`.padEnd(26)} ${counts.padEnd(24)} ${step.seconds.toFixed(1).padStart(6)} s${note}`);
}
console.log('');
console.log(`${total.passed} passed, ${total.failed} failed`);
process.exitCode = total.failed > 0 ? 1 : 0;
