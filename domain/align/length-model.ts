// The Gale-Church length model (Gale & Church 1993): how surprising it is that `enChars`
// characters of English became `frChars` characters of French, under a normal model of the
// length difference. Shared by the aligner and the evaluation's textbook baseline.

/** Character length without whitespace: tokenized corpora put spaces around punctuation. */
export function charLength(sentence: string): number {
  let n = 0;
  for (let i = 0; i < sentence.length; i++) {
    const c = sentence.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 0xa0 && c !== 0x202f) n++;
  }
  return n;
}

/** -log(2 (1 - Φ(|δ|))): the two-tailed probability of a length difference at least this large. */
export function lengthCost(enChars: number, frChars: number, ratio: number, variance: number): number {
  if (enChars === 0 && frChars === 0) return 0;
  const mean = (enChars + frChars / ratio) / 2;
  const delta = Math.abs((frChars - enChars * ratio) / Math.sqrt(variance * mean));
  // Tabulated: the aligner asks for this millions of times a second.
  const position = delta * TABLE_STEPS;
  if (position >= TABLE_SIZE - 1) return tailCost(delta);
  const k = position | 0;
  const fraction = position - k;
  return TABLE[k]! + fraction * (TABLE[k + 1]! - TABLE[k]!);
}

function tailCost(delta: number): number {
  return -Math.log(Math.max(twoTail(delta), 1e-12));
}

/** tailCost at δ = k / TABLE_STEPS for δ up to 16 (beyond, computed directly). */
const TABLE_STEPS = 64;
const TABLE_SIZE = 16 * TABLE_STEPS + 1;
const TABLE = Float64Array.from({ length: TABLE_SIZE }, (_, k) => tailCost(k / TABLE_STEPS));

/** 2 (1 - Φ(z)) for z ≥ 0, from erfc (Abramowitz & Stegun 7.1.26 is too coarse in the tail; this is Numerical Recipes' erfcc). */
function twoTail(z: number): number {
  const x = z / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return erfc;
}
