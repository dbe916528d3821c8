import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { confidenceBand, confirm, defaultCut, displayOrder, fromStored, mergeWithNext, moveSentence, pendingAtLeast, split, toStored, type WorkPair } from './pairs.js';

const pair = (en: string[], fr: string[], score: number | null = 0.9): WorkPair => ({ en, fr, score, status: 'pending' });
/** Every sentence of each side, in pair order: what no operation may change. */
const sides = (pairs: readonly WorkPair[]) => ({ en: pairs.flatMap((p) => p.en), fr: pairs.flatMap((p) => p.fr) });

const PAIRS = [pair(['A1.', 'A2.'], ['a1.'], 0.95), pair(['B1.'], [], 0.3), pair(['C1.'], ['c1.', 'c2.'], 0.7)];

describe('workbench pairs', () => {
  it('merges a pair with the next: one pair made by hand, pending, no sentence lost', () => {
    const merged = mergeWithNext(PAIRS, 0);
    assert.deepEqual(merged[0], { en: ['A1.', 'A2.', 'B1.'], fr: ['a1.'], score: null, status: 'pending' });
    assert.equal(merged.length, 2);
    assert.deepEqual(sides(merged), sides(PAIRS));
    assert.throws(() => mergeWithNext(PAIRS, 2), /Merge: pair 3 is the last one/);
  });

  it('splits a pair after the first sentence of a side with several, the other side in proportion to length', () => {
    // "Other duties as assigned." has no French: the French sentence goes with the longer English one.
    const wrong = pair(['Other duties as assigned.', 'Prepares briefing notes for senior management.'], ["Prépare des notes d'information pour la haute direction."]);
    assert.deepEqual(defaultCut(wrong), { en: 1, fr: 0 });
    const fixed = split([wrong], 0);
    assert.deepEqual(fixed.map((p) => [p.en, p.fr]), [
      [['Other duties as assigned.'], []],
      [['Prepares briefing notes for senior management.'], ["Prépare des notes d'information pour la haute direction."]],
    ]);
    // c1. is 3 of the 7 French characters: the lone English sentence goes with the larger share.
    assert.deepEqual(split(PAIRS, 2).slice(2).map((p) => [p.en, p.fr]), [[[], ['c1.']], [['C1.'], ['c2.']]]);
    assert.deepEqual(split([pair(['X.'], ['x.'])], 0).map((p) => [p.en, p.fr]), [[['X.'], []], [[], ['x.']]]);
    assert.throws(() => split(PAIRS, 1), /pair 2 has a single sentence/);
    assert.throws(() => split(PAIRS, 0, { en: 3, fr: 0 }), /English cut must be between 0 and 2 \(got 3\)/);
    assert.throws(() => split(PAIRS, 0, { en: 0, fr: 0 }), /leaves an empty pair/);
  });

  it('re-links: moves a side’s first sentence to the previous pair or its last to the next; an emptied pair goes', () => {
    const up = moveSentence(PAIRS, 2, 'fr', -1);
    assert.deepEqual(up[1], { en: ['B1.'], fr: ['c1.'], score: null, status: 'pending' });
    assert.deepEqual(up[2]!.fr, ['c2.']);
    assert.deepEqual(sides(up), sides(PAIRS));
    const down = moveSentence(PAIRS, 1, 'en', 1);
    assert.equal(down.length, 2, 'pair 2 had only B1: it is gone');
    assert.deepEqual(down[1]!.en, ['B1.', 'C1.']);
    assert.deepEqual(sides(down), sides(PAIRS));
    assert.throws(() => moveSentence(PAIRS, 0, 'en', -1), /no previous pair/);
    assert.throws(() => moveSentence(PAIRS, 1, 'fr', 1), /pair 2 has no French sentence/);
  });

  it('confirms pairs with two sides only; "all above N %" picks pending pairs at or above it and those made by hand', () => {
    const confirmed = confirm(PAIRS, [0, 1]);
    assert.deepEqual(confirmed.map((p) => p.status), ['confirmed', 'pending', 'pending']);
    assert.deepEqual(pendingAtLeast(PAIRS, 0.7), [0, 2]);
    assert.deepEqual(pendingAtLeast(confirmed, 0.7), [2]);
    assert.deepEqual(pendingAtLeast(mergeWithNext(PAIRS, 1), 0.99), [1]);
  });

  it('shows the least confident first when asked, hand-made pairs last', () => {
    assert.deepEqual(displayOrder(PAIRS, false), [0, 1, 2]);
    assert.deepEqual(displayOrder(PAIRS, true), [1, 2, 0]);
    assert.deepEqual(displayOrder(mergeWithNext(PAIRS, 0), true), [1, 0]);
    assert.deepEqual(PAIRS.map(confidenceBand), ['high', 'low', 'medium']);
    assert.equal(confidenceBand(mergeWithNext(PAIRS, 0)[0]!), 'manual');
  });

  it('stores a pair as joined texts with its bead, source first, and reads it back sentence by sentence', () => {
    const stored = toStored(PAIRS[2]!, 'en');
    assert.deepEqual(stored, { source_text: 'C1.', target_text: 'c1. c2.', bead: '1-2', score: 0.7, status: 'pending' });
    const real = pair(['Plans the work of the unit.', 'Works in an office.'], ["Planifie le travail de l'unité."], 0.5);
    assert.deepEqual(fromStored(toStored(real, 'en'), 'en'), real);
    assert.deepEqual(fromStored(toStored(real, 'fr'), 'fr'), real);
  });
});
