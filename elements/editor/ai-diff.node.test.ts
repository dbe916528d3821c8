// The word diff of an AI suggestion: touching removals and additions are one change; the text
// after the decisions has exactly the accepted changes; the recorded decision follows them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { acceptedChanges, overallDecision, resultingText, wordDiff } from './ai-diff.js';

const ORIGINAL = 'The manager oversees staff and he approves leave.';
const SUGGESTION = 'The manager supervises the team and approves leave.';

describe('wordDiff', () => {
  it('groups a deletion next to an insertion into one replacement change', () => {
    const diff = wordDiff(ORIGINAL, SUGGESTION);
    assert.deepEqual(
      diff.changes.map((c) => [c.removed, c.added]),
      [
        ['oversees', 'supervises'],
        ['staff', 'the team'],
        ['he ', ''],
      ],
    );
    for (const change of diff.changes) assert.equal(ORIGINAL.slice(change.start, change.end), change.removed);
  });

  it('gives back the original when every change is rejected and the suggestion when all are accepted', () => {
    const diff = wordDiff(ORIGINAL, SUGGESTION);
    assert.equal(resultingText(ORIGINAL, diff, diff.changes.map(() => 'rejected')), ORIGINAL);
    assert.equal(resultingText(ORIGINAL, diff, diff.changes.map(() => 'accepted')), SUGGESTION);
  });

  it('applies exactly the accepted changes, and records the decision as partial', () => {
    const diff = wordDiff(ORIGINAL, SUGGESTION);
    const decisions = ['accepted', 'rejected', null] as const;
    assert.equal(resultingText(ORIGINAL, diff, decisions), 'The manager supervises staff and he approves leave.');
    assert.deepEqual(acceptedChanges(diff, decisions).map((c) => c.added), ['supervises']);
    assert.deepEqual(overallDecision(diff, decisions), { decision: 'partially-accepted', accepted: 1, rejected: 2 });
    assert.deepEqual(overallDecision(diff, ['rejected', 'rejected', 'rejected']).decision, 'rejected');
    assert.deepEqual(overallDecision(diff, ['accepted', 'accepted', 'accepted']).decision, 'accepted');
  });

  it('lists accepted changes last first, so each applies at offsets the others left valid', () => {
    const diff = wordDiff(ORIGINAL, SUGGESTION);
    const decisions = diff.changes.map(() => 'accepted' as const);
    let text = ORIGINAL;
    for (const change of acceptedChanges(diff, decisions)) text = text.slice(0, change.start) + change.added + text.slice(change.end);
    assert.equal(text, SUGGESTION);
  });

  it('has no changes when the suggestion is the text', () => {
    assert.deepEqual(wordDiff(ORIGINAL, ORIGINAL).changes, []);
  });
});
