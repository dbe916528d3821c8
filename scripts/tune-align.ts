// How the aligner's default weights were chosen: a grid over the scoring weights, scored by the
// micro-averaged strict bead F1 on half of the TransRead books (the tuning half), then the
// chosen setting checked on the other half. One setting for every book: no per-book values.
//   npx tsx scripts/tune-align.ts
import { DEFAULT_WEIGHTS, type AlignOptions, type AlignWeights } from '../domain/align/aligner.ts';
import { addCounts, NO_COUNTS, scores } from './align-metrics.js';
import { evaluateNovels, loadNovels, type Novel } from './eval-align.js';

export const TUNING_BOOKS = ['Candide', 'DuCoteDeChezSwann', 'VingtMilleLieuesSousLesMers', 'VoyageAuCentreDeLaTerre'];

function microF1(novels: readonly Novel[], options: AlignOptions): number {
  const total = evaluateNovels(novels, options, false).reduce((sum, result) => addCounts(sum, result.aligner), NO_COUNTS);
  return scores(total).strict.f1;
}

function* grid(): Generator<AlignOptions> {
  for (const lexical of [2, 3, 4, 6])
    for (const variance of [5, 6.8, 9])
      for (const unevenBreak of [1.5, 3])
        for (const nullPrior of [0.005, 0.01, 0.02])
          for (const prefixLength of [4, 5]) {
            const weights: Partial<AlignWeights> = { lexical, variance, unevenBreak, priors: { ...DEFAULT_WEIGHTS.priors, '1-0': -Math.log(nullPrior), '0-1': -Math.log(nullPrior) } };
            yield { weights, prefixLength, minWordLength: prefixLength };
          }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const novels = loadNovels();
  const tuning = novels.filter((n) => TUNING_BOOKS.includes(n.book));
  const heldOut = novels.filter((n) => !TUNING_BOOKS.includes(n.book));
  let best: { f1: number; options: AlignOptions } | undefined;
  for (const options of grid()) {
    const f1 = microF1(tuning, options);
    if (!best || f1 > best.f1) best = { f1, options };
  }
  const describe = (o: AlignOptions) => JSON.stringify({ ...o.weights, priors: { '1-0': o.weights?.priors?.['1-0'] }, prefixLength: o.prefixLength });
  console.log(`best on the tuning half (${TUNING_BOOKS.join(', ')}): strict F1 ${best!.f1.toFixed(4)} with ${describe(best!.options)}`);
  console.log(`the same on the held-out half: ${microF1(heldOut, best!.options).toFixed(4)}; the defaults: tuning ${microF1(tuning, {}).toFixed(4)}, held-out ${microF1(heldOut, {}).toFixed(4)}`);
}
