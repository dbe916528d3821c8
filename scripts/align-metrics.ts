// Bead precision, recall and F1 against a gold alignment.
//   strict: a bead counts when the gold has exactly the same bead;
//   lax:    a bead counts when it overlaps a gold bead, sharing at least one sentence on each
//           side (a 1-0 or 0-1 bead: when the gold also leaves that sentence unaligned).
import type { PlainBead } from './align-baseline.js';

export interface Counts {
  predicted: number;
  gold: number;
  strictHits: number;
  laxPrecisionHits: number;
  laxRecallHits: number;
}

export interface Scores {
  strict: { precision: number; recall: number; f1: number };
  lax: { precision: number; recall: number; f1: number };
}

const key = (bead: PlainBead) => `${bead.en.join(',')}|${bead.fr.join(',')}`;

export function countMatches(predicted: readonly PlainBead[], gold: readonly PlainBead[]): Counts {
  const goldKeys = new Set(gold.map(key));
  const strictHits = predicted.filter((bead) => goldKeys.has(key(bead))).length;
  return {
    predicted: predicted.length,
    gold: gold.length,
    strictHits,
    laxPrecisionHits: predicted.filter((bead) => overlapsAny(bead, gold)).length,
    laxRecallHits: gold.filter((bead) => overlapsAny(bead, predicted)).length,
  };
}

function overlapsAny(bead: PlainBead, others: readonly PlainBead[]): boolean {
  // Index by sentence: beads are few per sentence, so this stays linear in practice.
  return others.some((other) => overlaps(bead, other));
}

function overlaps(a: PlainBead, b: PlainBead): boolean {
  const isNull = (bead: PlainBead) => bead.en.length === 0 || bead.fr.length === 0;
  if (isNull(a) || isNull(b)) {
    return isNull(a) && isNull(b) && (a.en.some((i) => b.en.includes(i)) || a.fr.some((j) => b.fr.includes(j)));
  }
  return a.en.some((i) => b.en.includes(i)) && a.fr.some((j) => b.fr.includes(j));
}

export function addCounts(a: Counts, b: Counts): Counts {
  return {
    predicted: a.predicted + b.predicted,
    gold: a.gold + b.gold,
    strictHits: a.strictHits + b.strictHits,
    laxPrecisionHits: a.laxPrecisionHits + b.laxPrecisionHits,
    laxRecallHits: a.laxRecallHits + b.laxRecallHits,
  };
}

export const NO_COUNTS: Counts = { predicted: 0, gold: 0, strictHits: 0, laxPrecisionHits: 0, laxRecallHits: 0 };

export function scores(c: Counts): Scores {
  const prf = (precision: number, recall: number) => ({ precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) });
  const ratio = (n: number, d: number) => (d === 0 ? 0 : n / d);
  return {
    strict: prf(ratio(c.strictHits, c.predicted), ratio(c.strictHits, c.gold)),
    lax: prf(ratio(c.laxPrecisionHits, c.predicted), ratio(c.laxRecallHits, c.gold)),
  };
}
