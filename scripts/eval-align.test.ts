// The acceptance thresholds of the aligner (issue 14), on the data `npm run eval:align` prints:
// the TransRead novels beside the repository (../shared/data, as CI has it) and the
// job-description gold set in domain/align/fixtures/.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { addCounts, NO_COUNTS, scores } from './align-metrics.js';
import { evaluateJobDescriptions, evaluateNovels, loadNovels, measureThroughput, NOVELS_FOLDER, type BookResult, type Novel } from './eval-align.js';

describe('aligner evaluation', () => {
  let novels: Novel[];
  let results: BookResult[];
  before(() => {
    assert.ok(existsSync(NOVELS_FOLDER), `the gold-aligned novels are expected in ${NOVELS_FOLDER}`);
    novels = loadNovels();
    results = evaluateNovels(novels);
  });

  it('reads the eight TransRead books and their 3 981 gold beads', () => {
    assert.equal(results.length, 8);
    assert.equal(results.reduce((sum, r) => sum + r.aligner.gold, 0), 3981);
  });

  it('reaches a micro-averaged strict bead F1 of at least 0.88 without embeddings', () => {
    const total = results.reduce((sum, r) => addCounts(sum, r.aligner), NO_COUNTS);
    const f1 = scores(total).strict.f1;
    assert.ok(f1 >= 0.88, `micro strict F1 ${f1.toFixed(3)}`);
  });

  it('beats the Gale-Church baseline of the same harness on every book, strict and lax', () => {
    for (const result of results) {
      const ours = scores(result.aligner);
      const baseline = scores(result.baseline);
      assert.ok(ours.strict.f1 > baseline.strict.f1, `${result.book}: strict ${ours.strict.f1.toFixed(3)} vs ${baseline.strict.f1.toFixed(3)}`);
      assert.ok(ours.lax.f1 > baseline.lax.f1, `${result.book}: lax ${ours.lax.f1.toFixed(3)} vs ${baseline.lax.f1.toFixed(3)}`);
    }
  });

  it('reproduces the reference textbook Gale-Church figures of the data README (within 0.03)', () => {
    const reference: Record<string, number> = { Emma: 0.314, LesConfessions: 0.358, TheLastOfTheMohicans: 0.815, VoyageAuCentreDeLaTerre: 0.808, DuCoteDeChezSwann: 0.904, LaFauteDeLAbbeMouret: 0.912, VingtMilleLieuesSousLesMers: 0.958 };
    for (const result of results) {
      const expected = reference[result.book];
      if (expected !== undefined) assert.ok(Math.abs(scores(result.baseline).strict.f1 - expected) <= 0.03, `${result.book}: ${scores(result.baseline).strict.f1.toFixed(3)} vs ${expected}`);
    }
  });

  it('reaches a strict bead F1 of at least 0.95 on the job-description gold set', () => {
    const jd = evaluateJobDescriptions();
    assert.ok(jd.gold >= 50);
    assert.ok(scores(jd).strict.f1 >= 0.95, `job descriptions strict F1 ${scores(jd).strict.f1.toFixed(3)}`);
  });

  it('searches a band whose size grows linearly with the text (500, 2 000, 8 000 sentences)', () => {
    const perSentence = [500, 2000, 8000].map((n) => {
      const t = measureThroughput(novels, n, 1);
      return t.bandCells / t.enSentences;
    });
    // Quadratic growth would multiply the cells per sentence by 16 from 500 to 8 000 sentences.
    assert.ok(perSentence[2]! <= 2.5 * perSentence[0]!, `band cells per sentence ${perSentence.map((x) => x.toFixed(0)).join(', ')}`);
  });
});
