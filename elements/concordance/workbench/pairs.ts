// The alignment workbench's pairs and what a translator does to them: merge a pair with the next,
// split a pair in two, move a sentence to the previous or next pair (re-link), confirm. Every
// operation returns a new list (the old one is what undo goes back to) and never loses or
// duplicates a sentence: the sentences of each side, read in pair order, stay the text as it was.
import type { Lang } from '../../../domain/sections.js';
import { splitParagraph } from '../../../domain/align/sentences.js';

export type PairStatus = 'pending' | 'confirmed' | 'rejected';

export interface WorkPair {
  readonly en: readonly string[];
  readonly fr: readonly string[];
  /** The aligner's confidence in [0, 1]; null: the translator made this pair by hand. */
  readonly score: number | null;
  readonly status: PairStatus;
}

/** How sure the aligner is: below 60 % low, below 85 % medium, else high; a pair made by hand is `manual`. */
export type ConfidenceBand = 'low' | 'medium' | 'high' | 'manual';

export const LOW_BELOW = 0.6;
export const HIGH_FROM = 0.85;

export function confidenceBand(pair: WorkPair): ConfidenceBand {
  if (pair.score === null) return 'manual';
  return pair.score < LOW_BELOW ? 'low' : pair.score < HIGH_FROM ? 'medium' : 'high';
}

/** "2-1": sentences on each side. */
export const beadOf = (pair: WorkPair) => `${pair.en.length}-${pair.fr.length}`;

/** A pair whose two sides have a sentence each can go into the memory. */
export const canConfirm = (pair: WorkPair) => pair.en.length > 0 && pair.fr.length > 0;

const edited = (en: readonly string[], fr: readonly string[]): WorkPair => ({ en, fr, score: null, status: 'pending' });
const nonEmpty = (pair: WorkPair) => pair.en.length + pair.fr.length > 0;

function check(pairs: readonly WorkPair[], index: number, what: string): WorkPair {
  const pair = pairs[index];
  if (!pair) throw new RangeError(`${what}: there is no pair ${index + 1} (the alignment has ${pairs.length})`);
  return pair;
}

/** Pair `index` and the next become one pair (made by hand, pending). */
export function mergeWithNext(pairs: readonly WorkPair[], index: number): WorkPair[] {
  const pair = check(pairs, index, 'Merge');
  const next = pairs[index + 1];
  if (!next) throw new RangeError(`Merge: pair ${index + 1} is the last one, there is no next pair`);
  return [...pairs.slice(0, index), edited([...pair.en, ...next.en], [...pair.fr, ...next.fr]), ...pairs.slice(index + 2)];
}

/** Where `split` cuts a pair when not told: after the first sentence of a side with several, the other side in proportion to length. */
export function defaultCut(pair: WorkPair): { en: number; fr: number } {
  const length = (sentences: readonly string[], to: number) => sentences.slice(0, to).join(' ').length;
  const proportional = (sentences: readonly string[], share: number) => {
    let best = 0;
    for (let k = 1; k <= sentences.length; k++) {
      if (Math.abs(length(sentences, k) / length(sentences, sentences.length) - share) < Math.abs(length(sentences, best) / length(sentences, sentences.length) - share)) best = k;
    }
    return best;
  };
  if (pair.en.length >= 2) return { en: 1, fr: proportional(pair.fr, length(pair.en, 1) / length(pair.en, pair.en.length)) };
  if (pair.fr.length >= 2) return { fr: 1, en: proportional(pair.en, length(pair.fr, 1) / length(pair.fr, pair.fr.length)) };
  // One sentence a side: each goes its own way.
  return { en: pair.en.length, fr: 0 };
}

/** Splits pair `index` into the sentences before the cuts and those after (both made by hand). */
export function split(pairs: readonly WorkPair[], index: number, cut: { en: number; fr: number } = defaultCut(check(pairs, index, 'Split'))): WorkPair[] {
  const pair = check(pairs, index, 'Split');
  if (pair.en.length + pair.fr.length < 2) throw new RangeError(`Split: pair ${index + 1} has a single sentence, there is nothing to split`);
  for (const side of ['en', 'fr'] as const) {
    if (!Number.isInteger(cut[side]) || cut[side] < 0 || cut[side] > pair[side].length)
      throw new RangeError(`Split: the ${side === 'en' ? 'English' : 'French'} cut must be between 0 and ${pair[side].length} (got ${cut[side]})`);
  }
  const first = edited(pair.en.slice(0, cut.en), pair.fr.slice(0, cut.fr));
  const second = edited(pair.en.slice(cut.en), pair.fr.slice(cut.fr));
  if (!nonEmpty(first) || !nonEmpty(second)) throw new RangeError(`Split: cutting pair ${index + 1} there leaves an empty pair`);
  return [...pairs.slice(0, index), first, second, ...pairs.slice(index + 1)];
}

/**
 * Re-link: moves the first sentence of a side of pair `index` to the end of the previous pair
 * (`direction` -1), or its last sentence to the start of the next pair (+1). A pair left with
 * no sentence at all disappears.
 */
export function moveSentence(pairs: readonly WorkPair[], index: number, side: Lang, direction: -1 | 1): WorkPair[] {
  const pair = check(pairs, index, 'Move');
  const to = index + direction;
  const target = pairs[to];
  if (!target) throw new RangeError(`Move: pair ${index + 1} has no ${direction < 0 ? 'previous' : 'next'} pair`);
  if (pair[side].length === 0) throw new RangeError(`Move: pair ${index + 1} has no ${side === 'en' ? 'English' : 'French'} sentence`);
  const sentence = direction < 0 ? pair[side][0]! : pair[side][pair[side].length - 1]!;
  const rest = direction < 0 ? pair[side].slice(1) : pair[side].slice(0, -1);
  const moved = direction < 0 ? [...target[side], sentence] : [sentence, ...target[side]];
  const source = side === 'en' ? edited(rest, pair.fr) : edited(pair.en, rest);
  const destination = side === 'en' ? edited(moved, target.fr) : edited(target.en, moved);
  const out = [...pairs];
  out[index] = source;
  out[to] = destination;
  return out.filter(nonEmpty);
}

/** Pairs `indices` confirmed (those with an empty side cannot be and are left as they are). */
export function confirm(pairs: readonly WorkPair[], indices: Iterable<number>): WorkPair[] {
  const chosen = new Set(indices);
  return pairs.map((pair, i) => (chosen.has(i) && canConfirm(pair) ? { ...pair, status: 'confirmed' } : pair));
}

/** The pending pairs that can be confirmed and whose confidence is at least `threshold` (0–1), or made by hand. */
export function pendingAtLeast(pairs: readonly WorkPair[], threshold: number): number[] {
  return pairs.flatMap((pair, i) => (pair.status === 'pending' && canConfirm(pair) && (pair.score === null || pair.score >= threshold) ? [i] : []));
}

/** The order pairs are shown in: document order, or the least confident first (ties in document order; hand-made last). */
export function displayOrder(pairs: readonly WorkPair[], lowFirst: boolean): number[] {
  const order = pairs.map((_, i) => i);
  if (!lowFirst) return order;
  const key = (i: number) => pairs[i]!.score ?? 2;
  return order.sort((a, b) => key(a) - key(b) || a - b);
}

/** A stored pair (texts joined by spaces, bead "2-1") as the workbench's sentences. */
export function fromStored(row: { source_text: string; target_text: string; bead: string; score: number | null; status: string }, sourceLang: Lang): WorkPair {
  // The bead counts the source's sentences first.
  const [sourceCount, targetCount] = row.bead.split('-').map(Number);
  const sentences = (text: string, lang: Lang, count: number | undefined) => {
    if (text.trim() === '') return [];
    const split = splitParagraph(text, lang);
    // The splitter's sentences, when it finds as many as were stored; else the text as one.
    return split.length === count ? split : [text];
  };
  const source = sentences(row.source_text, sourceLang, sourceCount);
  const target = sentences(row.target_text, sourceLang === 'en' ? 'fr' : 'en', targetCount);
  const status: PairStatus = row.status === 'confirmed' || row.status === 'rejected' ? row.status : 'pending';
  return sourceLang === 'en' ? { en: source, fr: target, score: row.score, status } : { en: target, fr: source, score: row.score, status };
}

/** What alignment_save_pairs takes for a pair (bead: source sentences first). */
export function toStored(pair: WorkPair, sourceLang: Lang): { source_text: string; target_text: string; bead: string; score: number | null; status: PairStatus } {
  const [source, target] = sourceLang === 'en' ? [pair.en, pair.fr] : [pair.fr, pair.en];
  return { source_text: source.join(' '), target_text: target.join(' '), bead: `${source.length}-${target.length}`, score: pair.score, status: pair.status };
}
