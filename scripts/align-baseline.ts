// The textbook Gale-Church aligner (Gale & Church 1993), the evaluation's baseline: character
// lengths, c = 1, s² = 6.8, priors 1-1 .89 / 2-1, 1-2 .0445 / 1-0, 0-1 .0099 (split evenly) /
// 2-2 .011, one full DP over the whole text, no anchors, no paragraphs. These are the settings
// ../shared/data/README.md reports its reference figures with.
import { charLength, lengthCost } from '../domain/align/length-model.ts';

const SHAPES: readonly (readonly [number, number, number])[] = [
  [1, 1, -Math.log(0.89)],
  [1, 0, -Math.log(0.00495)],
  [0, 1, -Math.log(0.00495)],
  [2, 1, -Math.log(0.0445)],
  [1, 2, -Math.log(0.0445)],
  [2, 2, -Math.log(0.011)],
];

export interface PlainBead {
  en: number[];
  fr: number[];
}

export function galeChurch(en: readonly string[], fr: readonly string[]): PlainBead[] {
  const ne = en.length;
  const nf = fr.length;
  const enLen = en.map(charLength);
  const frLen = fr.map(charLength);
  const width = nf + 1;
  const cost = new Float64Array((ne + 1) * width).fill(Infinity);
  const back = new Uint8Array((ne + 1) * width);
  cost[0] = 0;
  for (let i = 0; i <= ne; i++) {
    for (let j = 0; j <= nf; j++) {
      if (i === 0 && j === 0) continue;
      let best = Infinity;
      let bestShape = 0;
      SHAPES.forEach(([a, b, prior], s) => {
        if (a > i || b > j) return;
        const previous = cost[(i - a) * width + j - b]!;
        let enChars = 0;
        for (let k = i - a; k < i; k++) enChars += enLen[k]!;
        let frChars = 0;
        for (let k = j - b; k < j; k++) frChars += frLen[k]!;
        const c = previous + prior + lengthCost(enChars, frChars, 1, 6.8);
        if (c < best) {
          best = c;
          bestShape = s;
        }
      });
      cost[i * width + j] = best;
      back[i * width + j] = bestShape;
    }
  }
  const beads: PlainBead[] = [];
  let i = ne;
  let j = nf;
  while (i > 0 || j > 0) {
    const [a, b] = SHAPES[back[i * width + j]!]!;
    beads.push({ en: range(i - a, i), fr: range(j - b, j) });
    i -= a;
    j -= b;
  }
  return beads.reverse();
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, k) => from + k);
}
