// `npm run bench:compliance`: the compliance rules on the labelled sample
// (domain/compliance/fixtures/): time per document (parse + every rule, English and French
// together; goal under 50 ms) and precision and recall of errors and warnings against the
// labels (goals 0.9 and 0.8), on the first pairs (00-10), on each held-out round (pairs written
// and labelled after the rules were tuned; the README keeps each round's first score, the
// honest figure, since the rules were improved on them afterwards), and on all of them.
// A benchmark, not a test: fixtures.test.ts guards the findings on the tuning pairs.
//
//   npm run bench:compliance [-- --runs 50]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkTexts } from '../domain/compliance/check.js';
import { precisionRecall, score, type Label, type Score } from '../domain/compliance/score.js';
import { projectRoot } from './run-command.js';

const { values: options } = parseArgs({ options: { runs: { type: 'string', default: '50' } } });
const RUNS = Number(options.runs);
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error(`--runs must be a positive integer, got ${options.runs}`);

const fixtures = join(projectRoot, 'domain/compliance/fixtures');
const expected = JSON.parse(readFileSync(join(fixtures, 'expected.json'), 'utf8')) as { documents: Record<string, { heldOutRound?: number; findings: Label[] }> };

const rows: { name: string; round: number; words: number; median: number; max: number; score: Score }[] = [];
for (const [name, { findings: labels, heldOutRound: round = 0 }] of Object.entries(expected.documents)) {
  const en = readFileSync(join(fixtures, `${name}.en.txt`), 'utf8');
  const fr = readFileSync(join(fixtures, `${name}.fr.txt`), 'utf8');
  checkTexts(en, fr); // warm up (regex compilation, JIT)
  const times: number[] = [];
  let found = checkTexts(en, fr);
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    found = checkTexts(en, fr);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const words = (en.match(/\S+/g)?.length ?? 0) + (fr.match(/\S+/g)?.length ?? 0);
  rows.push({ name, round, words, median: times[Math.floor(times.length / 2)]!, max: times[times.length - 1]!, score: score(found, labels) });
}

console.log(`compliance check on ${rows.length} EN/FR pairs, ${RUNS} runs each (parse + all rules, both languages)\n`);
console.log('document                          words  median ms  max ms   TP  FP  FN');
for (const r of rows) {
  console.log(
    `${(r.round ? `${r.name} (${r.round})` : r.name).padEnd(32)} ${String(r.words).padStart(6)} ${r.median.toFixed(2).padStart(10)} ${r.max.toFixed(2).padStart(7)} ${String(r.score.truePositives).padStart(4)} ${String(r.score.falsePositives.length).padStart(3)} ${String(r.score.falseNegatives.length).padStart(3)}`,
  );
}
const medians = rows.map((r) => r.median).sort((a, b) => a - b);
console.log(`\ntime per document (pair): median ${medians[Math.floor(medians.length / 2)]!.toFixed(2)} ms, worst ${Math.max(...rows.map((r) => r.max)).toFixed(2)} ms (goal < 50 ms)`);
console.log('errors + warnings against the labels (goals: precision >= 0.9, recall >= 0.8); (n) = held-out round n');
const rounds = [...new Set(rows.map((r) => r.round))].sort();
for (const [label, subset] of [
  ...rounds.map((round) => [round === 0 ? 'pairs 00-10     ' : `held-out round ${round}`, rows.filter((r) => r.round === round)] as const),
  ['all pairs       ', rows] as const,
]) {
  const t = precisionRecall(subset.map((r) => r.score));
  console.log(`  ${label} (${String(subset.length).padStart(2)}): precision ${t.precision.toFixed(3)}, recall ${t.recall.toFixed(3)}; TP ${t.truePositives}, FP ${t.falsePositives}, FN ${t.falseNegatives}`);
}
for (const r of rows) {
  for (const f of r.score.falsePositives) console.log(`  false positive  ${r.name}: ${f.id} ${f.lang} ${f.section}: ${f.text}`);
  for (const l of r.score.falseNegatives) console.log(`  missed          ${r.name}: ${l.id} ${l.lang} ${l.section}: ${l.text} (${l.reason})`);
}
