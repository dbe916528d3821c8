// Sentence alignment of an English text and its French translation: dynamic programming over
// beads (1-1, 1-0, 0-1, 2-1, 1-2, 2-2, and the rarer 3-1 and 1-3), each scored by
//   - the Gale-Church length model (length-model.ts),
//   - lexical anchors the two sides share (anchors.ts: numbers, codes, cognates, names,
//     punctuation, glossary terms),
//   - paragraph structure (a bead should not straddle a paragraph; paragraph ends should meet),
//   - optionally, the cosine similarity of multilingual embeddings (a function the caller gives).
// The search is confined to a band around a first guess of the path (a chain of sentence pairs
// that share rare anchors, else the length and count diagonals), so time and memory grow
// linearly with the text; the band follows the path found, and widens, when that path runs
// along its edge, up to a fixed width (texts that are not translations of each other must not
// make it quadratic).
import { AnchorIndex, type AnchorOptions } from './anchors.ts';
import { charLength, lengthCost } from './length-model.ts';

export interface AlignSide {
  sentences: readonly string[];
  /**
   * Paragraph (or section) id of each sentence, in document order. Beads do not straddle
   * paragraphs unless the length and anchors insist. Omit when the text has none.
   */
  paragraphs?: readonly (number | string)[];
}

/** One bead: 0-based sentence indices on each side and a confidence in [0, 1]. */
export interface Bead {
  en: number[];
  fr: number[];
  score: number;
}

export interface AlignOptions extends AnchorOptions {
  /**
   * Cosine similarity of the embeddings of English sentence `en` and French sentence `fr`
   * (in [-1, 1]), when the caller has embeddings; a bead scores the mean over its pairs.
   */
  similarity?: (en: number, fr: number) => number;
  /** Nats per unit of embedding similarity. */
  similarityWeight?: number;
  /** Half-width of the initial search band, in sentences. */
  band?: number;
  /**
   * Called once per search pass with the band's size and the bytes of the typed arrays the pass
   * holds (the band's costs and back pointers, its row bounds, the rows of anchor scores): what
   * the evaluation reports as memory.
   */
  onPass?: (pass: { cells: number; halfWidth: number; bytes: number }) => void;
  /** Scoring weights; the defaults were tuned on half of the TransRead novels (see eval-align). */
  weights?: Partial<AlignWeights>;
}

export interface AlignWeights {
  /** Variance of the length difference per character (Gale-Church: 6.8). */
  variance: number;
  /** Nats of bonus per square root of shared anchor weight. */
  lexical: number;
  /** Penalty for a bead straddling a paragraph boundary on one side. */
  straddle: number;
  /** Penalty for a bead ending at a paragraph end on one side only. */
  unevenBreak: number;
  /** -log prior of each bead shape. */
  priors: Record<BeadShape, number>;
}

export type BeadShape = '1-1' | '1-0' | '0-1' | '2-1' | '1-2' | '2-2' | '3-1' | '1-3';

export const DEFAULT_WEIGHTS: AlignWeights = {
  variance: 6.8,
  lexical: 4,
  straddle: 6,
  unevenBreak: 3,
  priors: {
    '1-1': -Math.log(0.89),
    '1-0': -Math.log(0.02),
    '0-1': -Math.log(0.02),
    '2-1': -Math.log(0.0445),
    '1-2': -Math.log(0.0445),
    '2-2': -Math.log(0.011),
    '3-1': -Math.log(0.005),
    '1-3': -Math.log(0.005),
  },
};

const SHAPES: readonly (readonly [number, number, BeadShape])[] = [
  [1, 1, '1-1'],
  [1, 0, '1-0'],
  [0, 1, '0-1'],
  [2, 1, '2-1'],
  [1, 2, '1-2'],
  [2, 2, '2-2'],
  [3, 1, '3-1'],
  [1, 3, '1-3'],
];

const SHAPE_COUNT = SHAPES.length;
const SHAPE_EN = Int32Array.from(SHAPES, ([a]) => a);
const SHAPE_FR = Int32Array.from(SHAPES, ([, b]) => b);

const MIN_BAND = 16;
/** The widest half-band: beyond it the best path found so far is returned as it is. */
const MAX_BAND = 256;
/** The path may come this close to the band's edge before the band moves. */
const EDGE_MARGIN = 3;
/** Times the band follows the path before it doubles instead. */
const RECENTRES = 2;
/** Features at least this rare (IDF weight) may anchor the coarse pass. */
const RARE_WEIGHT = 3;

/** Aligns two sentence lists; every sentence is in exactly one bead, beads in document order. */
export function alignSentences(en: AlignSide, fr: AlignSide, options: AlignOptions = {}): Bead[] {
  const ne = en.sentences.length;
  const nf = fr.sentences.length;
  if (ne === 0 || nf === 0) {
    return [...en.sentences.map((_, i) => ({ en: [i], fr: [], score: 0 })), ...fr.sentences.map((_, j) => ({ en: [], fr: [j], score: 0 }))];
  }
  const model = new Model(en, fr, options);
  let halfWidth = Math.max(options.band ?? MIN_BAND, MIN_BAND);
  let centre = anchorChain(model) ?? diagonals(model);
  // Coarse to fine: a narrow band around the diagonals; where the best path runs along its
  // edge, the band is centred on that path and the search runs again (the path moves by up
  // to a band's width each time); a path that keeps moving gets a band twice as wide.
  for (let attempt = 1; ; attempt++) {
    const band = new Band(model, centre, halfWidth);
    options.onPass?.({ cells: band.cells, halfWidth, bytes: band.cells * 9 + (ne + 2) * 16 + 4 * (nf + 1) * 8 });
    const result = band.search();
    if (!result.touchesEdge || band.coversAll || halfWidth >= MAX_BAND) return mergeNullRuns(result.beads, model);
    // Keep the old centre too: the band then holds both the first guess and the path found,
    // and a path pulled off course by a narrow band cannot send the next pass off course too.
    const path = pathCentre(result.beads, model);
    for (let i = 0; i <= model.ne; i++) {
      path.low[i] = Math.min(path.low[i]!, centre.low[i]!);
      path.high[i] = Math.max(path.high[i]!, centre.high[i]!);
    }
    centre = path;
    if (attempt % RECENTRES === 0) halfWidth *= 2;
  }
}

/** Per English position, the French positions the band is centred on (a range: [low, high]). */
interface Centre {
  low: Int32Array;
  high: Int32Array;
}

/** The length-ratio diagonal and the sentence-count diagonal: the path starts near both. */
function diagonals(m: Model): Centre {
  const { ne, nf } = m;
  const low = new Int32Array(ne + 1);
  const high = new Int32Array(ne + 1);
  let j = 0;
  for (let i = 0; i <= ne; i++) {
    const target = m.enCum[i]! * m.ratio;
    while (j < nf && m.frCum[j + 1]! <= target) j++;
    const byCount = Math.round((i * nf) / ne);
    low[i] = Math.min(j, byCount);
    high[i] = Math.max(j, byCount);
  }
  return { low, high };
}

/**
 * The coarse pass: sentence pairs that share a rare feature appearing equally often (at most
 * three times) on each side, paired in order, then the longest chain of them increasing on both
 * sides (outliers drop out); the band follows straight lines between the chain's points. This
 * finds the path in texts whose lengths drift from the diagonal by hundreds of sentences.
 */
function anchorChain(m: Model): Centre | undefined {
  const { en, fr } = m.anchors;
  const occurrences = (vectors: typeof en) => {
    const byFeature = new Map<number, number[]>();
    for (let s = 0; s < vectors.offsets.length - 1; s++) {
      for (let k = vectors.offsets[s]!; k < vectors.offsets[s + 1]!; k++) {
        const id = vectors.ids[k]!;
        if (vectors.weights[id]! < RARE_WEIGHT) continue;
        const list = byFeature.get(id);
        if (list) list.push(s);
        else byFeature.set(id, [s]);
      }
    }
    return byFeature;
  };
  const enOcc = occurrences(en);
  const frOcc = occurrences(fr);
  const pairs: [number, number][] = [];
  for (const [id, enList] of enOcc) {
    const frList = frOcc.get(id);
    if (frList && frList.length === enList.length && enList.length <= 3) enList.forEach((i, k) => pairs.push([i, frList[k]!]));
  }
  if (pairs.length === 0) return undefined;
  pairs.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const chain = dropOutliers(longestIncreasingChain(pairs));
  const points: [number, number][] = [[0, 0], ...chain.map(([i, j]): [number, number] => [i + 0.5, j + 0.5]), [m.ne, m.nf]];
  const low = new Int32Array(m.ne + 1);
  let p = 0;
  for (let i = 0; i <= m.ne; i++) {
    while (p < points.length - 2 && points[p + 1]![0] <= i) p++;
    const [i0, j0] = points[p]!;
    const [i1, j1] = points[p + 1]!;
    low[i] = Math.round(i1 === i0 ? j0 : j0 + ((i - i0) * (j1 - j0)) / (i1 - i0));
  }
  return { low, high: low.slice() };
}

/**
 * A chance match between distant sentences can still fit an increasing chain; drop points far
 * from the line through their neighbours (further than a third of the neighbours' span).
 */
function dropOutliers(chain: readonly [number, number][]): [number, number][] {
  return chain.filter(([i, j], k) => {
    const before = chain[k - 1];
    const after = chain[k + 1];
    if (!before || !after) return true;
    const expected = before[1] + ((i - before[0]) * (after[1] - before[1])) / (after[0] - before[0]);
    return Math.abs(j - expected) <= Math.max(8, (after[0] - before[0]) / 3);
  });
}

/** Longest subsequence strictly increasing in both coordinates (pairs sorted by the first). */
function longestIncreasingChain(pairs: readonly [number, number][]): [number, number][] {
  const tails: number[] = []; // tails[k]: index of the pair ending the best chain of length k + 1
  const previous = new Int32Array(pairs.length).fill(-1);
  for (let p = 0; p < pairs.length; p++) {
    const [i, j] = pairs[p]!;
    let left = 0;
    let right = tails.length;
    while (left < right) {
      const mid = (left + right) >> 1;
      const [ti, tj] = pairs[tails[mid]!]!;
      if (tj < j && ti < i) left = mid + 1;
      else right = mid;
    }
    if (left > 0) previous[p] = tails[left - 1]!;
    tails[left] = p;
  }
  const chain: [number, number][] = [];
  for (let p = tails.at(-1) ?? -1; p >= 0; p = previous[p]!) chain.push(pairs[p]!);
  return chain.reverse();
}

function pathCentre(beads: readonly Bead[], m: Model): Centre {
  const low = new Int32Array(m.ne + 1).fill(m.nf);
  const high = new Int32Array(m.ne + 1);
  let i = 0;
  let j = 0;
  const visit = () => {
    low[i] = Math.min(low[i]!, j);
    high[i] = Math.max(high[i]!, j);
  };
  visit();
  for (const bead of beads) {
    i += bead.en.length;
    j += bead.fr.length;
    visit();
  }
  // Rows the path jumps over (2-1 beads) take their neighbour's range.
  for (let r = 1; r <= m.ne; r++) if (low[r]! > high[r]!) [low[r], high[r]] = [low[r - 1]!, high[r - 1]!];
  return { low, high };
}

/** Everything the search needs about the two texts, precomputed once. */
class Model {
  readonly ne: number;
  readonly nf: number;
  readonly enLen: Float64Array;
  readonly frLen: Float64Array;
  /** Prefix sums of the lengths (for the band's diagonal). */
  readonly enCum: Float64Array;
  readonly frCum: Float64Array;
  readonly ratio: number;
  readonly anchors: AnchorIndex;
  readonly weights: AlignWeights;
  /** enBreak[i]: a paragraph ends before English sentence i (0 and ne count as breaks). */
  readonly enBreak: Uint8Array;
  readonly frBreak: Uint8Array;
  readonly useParagraphs: boolean;
  readonly similarity: ((en: number, fr: number) => number) | undefined;
  readonly similarityWeight: number;

  constructor(en: AlignSide, fr: AlignSide, options: AlignOptions) {
    this.ne = en.sentences.length;
    this.nf = fr.sentences.length;
    this.weights = { ...DEFAULT_WEIGHTS, ...options.weights, priors: { ...DEFAULT_WEIGHTS.priors, ...options.weights?.priors } };
    this.enLen = Float64Array.from(en.sentences, charLength);
    this.frLen = Float64Array.from(fr.sentences, charLength);
    this.enCum = prefixSums(this.enLen);
    this.frCum = prefixSums(this.frLen);
    this.ratio = this.enCum[this.ne]! > 0 && this.frCum[this.nf]! > 0 ? this.frCum[this.nf]! / this.enCum[this.ne]! : 1;
    this.anchors = new AnchorIndex(en.sentences, fr.sentences, options);
    this.enBreak = breaks(en.paragraphs, this.ne);
    this.frBreak = breaks(fr.paragraphs, this.nf);
    this.useParagraphs = hasStructure(en.paragraphs) && hasStructure(fr.paragraphs);
    this.similarity = options.similarity;
    this.similarityWeight = options.similarityWeight ?? 4;
  }
}

function prefixSums(values: Float64Array): Float64Array {
  const sums = new Float64Array(values.length + 1);
  for (let i = 0; i < values.length; i++) sums[i + 1] = sums[i]! + values[i]!;
  return sums;
}

function breaks(paragraphs: readonly (number | string)[] | undefined, n: number): Uint8Array {
  const result = new Uint8Array(n + 1);
  result[0] = 1;
  result[n] = 1;
  if (paragraphs) for (let i = 1; i < n; i++) if (paragraphs[i] !== paragraphs[i - 1]) result[i] = 1;
  return result;
}

function hasStructure(paragraphs: readonly (number | string)[] | undefined): boolean {
  return !!paragraphs && paragraphs.some((p) => p !== paragraphs[0]);
}

interface SearchResult {
  beads: Bead[];
  touchesEdge: boolean;
}

/**
 * The DP restricted to cells (i, j) with lo[i] ≤ j ≤ hi[i]: rows are English positions, the
 * band follows the diagonal where French length matches English length times the global ratio.
 */
class Band {
  private readonly lo: Int32Array;
  private readonly hi: Int32Array;
  /** Start of row i's cells in the flat arrays. */
  private readonly rowStart: Float64Array;
  readonly coversAll: boolean;
  /** Cells in the band: the search keeps 9 bytes per cell (a cost and a back pointer). */
  readonly cells: number;

  constructor(
    private readonly m: Model,
    centre: Centre,
    halfWidth: number,
  ) {
    const { ne, nf } = m;
    this.lo = new Int32Array(ne + 1);
    this.hi = new Int32Array(ne + 1);
    this.rowStart = new Float64Array(ne + 2);
    for (let i = 0; i <= ne; i++) {
      this.lo[i] = Math.max(0, centre.low[i]! - halfWidth);
      this.hi[i] = Math.min(nf, centre.high[i]! + halfWidth);
    }
    // Paths only move forward: widen each row to the rows after it (lo) and before it (hi), so
    // the band has no pinch a path cannot pass.
    for (let i = ne - 1; i >= 0; i--) this.lo[i] = Math.min(this.lo[i]!, this.lo[i + 1]!);
    for (let i = 1; i <= ne; i++) this.hi[i] = Math.max(this.hi[i]!, this.hi[i - 1]!);
    this.lo[0] = 0;
    this.hi[ne] = nf;
    let covers = true;
    for (let i = 0; i <= ne; i++) {
      this.rowStart[i + 1] = this.rowStart[i]! + (this.hi[i]! - this.lo[i]! + 1);
      if (this.lo[i]! > 0 || this.hi[i]! < nf) covers = false;
    }
    this.coversAll = covers;
    this.cells = this.rowStart[ne + 1]!;
  }

  search(): SearchResult {
    const m = this.m;
    const { ne, nf, enCum, frCum, ratio, weights, anchors, enBreak, frBreak, useParagraphs, similarity, similarityWeight } = m;
    const { lo, hi, rowStart } = this;
    const cells = rowStart[ne + 1]!;
    const cost = new Float64Array(cells).fill(Infinity);
    const back = new Uint8Array(cells);
    // Shared anchor weight of (i-1, j-1) pairs, kept for the rows a bead can reach back to (3).
    const shared = [0, 1, 2, 3].map(() => new Float64Array(nf + 1));
    const priors = SHAPES.map(([, , shape]) => weights.priors[shape]);
    const { variance, lexical, straddle, unevenBreak } = weights;
    cost[0] = 0;

    for (let i = 0; i <= ne; i++) {
      const rowLo = lo[i]!;
      const rowHi = hi[i]!;
      const base = rowStart[i]!;
      const sharedRow = shared[i & 3]!;
      // Rows i..i+3 read this row's pairs from their beads' start, lo[i - 3] at the lowest, up
      // to hi[i + 3]: fill all of that, or they read a value left by an older row.
      if (i > 0) {
        const until = hi[Math.min(ne, i + 3)]!;
        for (let j = Math.max(1, lo[Math.max(0, i - 3)]!); j <= until; j++) sharedRow[j] = anchors.shared(i - 1, j - 1);
      }
      for (let j = rowLo; j <= rowHi; j++) {
        if (i === 0 && j === 0) continue;
        let best = Infinity;
        let bestShape = 0;
        for (let s = 0; s < SHAPE_COUNT; s++) {
          const a = SHAPE_EN[s]!;
          const b = SHAPE_FR[s]!;
          if (a > i || b > j) continue;
          const pi = i - a;
          const pj = j - b;
          const pLo = lo[pi]!;
          if (pj < pLo || pj > hi[pi]!) continue;
          const previous = cost[rowStart[pi]! + pj - pLo]!;
          if (previous === Infinity) continue;
          let c = previous + priors[s]! + lengthCost(enCum[i]! - enCum[pi]!, frCum[j]! - frCum[pj]!, ratio, variance);
          if (a > 0 && b > 0) {
            let lex = 0;
            for (let x = pi + 1; x <= i; x++) {
              const row = shared[x & 3]!;
              for (let y = pj + 1; y <= j; y++) lex += row[y]!;
            }
            // The square root: a bead merging two sentences must not win just by adding their
            // pairwise matches (a name repeated in neighbouring sentences would glue them).
            c -= lexical * Math.sqrt(lex);
            if (similarity) {
              let sim = 0;
              for (let x = pi; x < i; x++) for (let y = pj; y < j; y++) sim += similarity(x, y);
              c -= similarityWeight * (sim / (a * b));
            }
          }
          if (useParagraphs) {
            for (let k = pi + 1; k < i; k++) if (enBreak[k]) c += straddle;
            for (let k = pj + 1; k < j; k++) if (frBreak[k]) c += straddle;
            if (enBreak[i] !== frBreak[j]) c += unevenBreak;
          }
          if (c < best) {
            best = c;
            bestShape = s;
          }
        }
        cost[base + j - rowLo] = best;
        back[base + j - rowLo] = bestShape;
      }
    }
    return this.trace(cost, back);
  }

  private trace(cost: Float64Array, back: Uint8Array): SearchResult {
    const { ne, nf } = this.m;
    const { lo, hi, rowStart } = this;
    const beads: Bead[] = [];
    let touchesEdge = false;
    let i = ne;
    let j = nf;
    while (i > 0 || j > 0) {
      const index = rowStart[i]! + j - lo[i]!;
      if ((lo[i]! > 0 && j - lo[i]! < EDGE_MARGIN) || (hi[i]! < nf && hi[i]! - j < EDGE_MARGIN)) {
        touchesEdge = true;
      }
      const [a, b] = SHAPES[back[index]!]!;
      const pi = i - a;
      const pj = j - b;
      const beadCost = cost[index]! - cost[rowStart[pi]! + pj - lo[pi]!]!;
      beads.push({ en: range(pi, i), fr: range(pj, j), score: confidence(beadCost) });
      i = pi;
      j = pj;
    }
    return { beads: beads.reverse(), touchesEdge };
  }
}

function range(from: number, to: number): number[] {
  const result: number[] = [];
  for (let k = from; k < to; k++) result.push(k);
  return result;
}

/** A logistic of the bead's cost in nats: a ranking for review, not a calibrated probability. */
function confidence(beadCost: number): number {
  return Math.round(1000 / (1 + Math.exp(beadCost - 4))) / 1000;
}

/**
 * Consecutive sentences left untranslated on the same side and in the same paragraph form one
 * omission: one bead (annotators, and reviewers, treat a dropped passage as one unit).
 */
function mergeNullRuns(beads: Bead[], m: Model): Bead[] {
  const result: Bead[] = [];
  for (const bead of beads) {
    const last = result.at(-1);
    if (last && bead.fr.length === 0 && last.fr.length === 0 && last.en.length > 0 && !m.enBreak[bead.en[0]!]) {
      last.en.push(...bead.en);
      last.score = Math.min(last.score, bead.score);
    } else if (last && bead.en.length === 0 && last.en.length === 0 && last.fr.length > 0 && !m.frBreak[bead.fr[0]!]) {
      last.fr.push(...bead.fr);
      last.score = Math.min(last.score, bead.score);
    } else {
      result.push(bead);
    }
  }
  return result;
}
