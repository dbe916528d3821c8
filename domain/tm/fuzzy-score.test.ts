// The TypeScript TM scorer: the hand-checked score table (issue #13, criterion 1; the same table
// runs against the database in scripts/tm-score-parity.test.ts), the word differences a match
// highlights, the adjusted score's penalties and the 101 % context match.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  adjustedComparison,
  CODE_PENALTY,
  contextScore,
  matchBand,
  NUMBER_PENALTY,
  PLACEABLE_PENALTY,
  rankCandidates,
} from './adjusted-score.ts';
import { compareSegments, fuzzyScore, MAX_SCORED_WORDS } from './fuzzy-score.ts';
import { normalizeText, normalizedWords } from './normalize.ts';
import { SCORE_TABLE } from './score-table.ts';

describe('fuzzyScore: the score table', () => {
  it('has at least 60 pairs', () => assert.ok(SCORE_TABLE.length >= 60, `${SCORE_TABLE.length} pairs`));
  for (const row of SCORE_TABLE) {
    it(`${row.topic}: ${JSON.stringify(row.query).slice(0, 50)} vs ${JSON.stringify(row.candidate).slice(0, 50)} = ${row.score}`, () => {
      assert.equal(fuzzyScore(row.query, row.candidate), row.score, row.why);
    });
  }
});

describe('normalizeText', () => {
  it('follows private.normalize_text', () => {
    assert.equal(normalizeText("L'Équipe —  gère 1,000 \u2003 dossiers (p. ex. ‘RH’) -- fin-"), "l' équipe gère 1 000 dossiers p ex ' rh' fin");
  });
  it('traces each word to the text it came from', () => {
    const text = "Gère  l’ÉQUIPE (régionale).";
    assert.deepEqual(
      normalizedWords(text).map(({ word, span }) => [word, text.slice(span.start, span.end)]),
      [['gère', 'Gère'], ["l'", 'l’'], ['équipe', 'ÉQUIPE'], ['régionale', 'régionale']],
    );
  });
  it('traces words of decomposed text to their base letters and marks', () => {
    const text = 'Ge\u0300re';
    const [word] = normalizedWords(text);
    assert.deepEqual(word, { word: 'gère', span: { start: 0, end: 5 } });
  });
});

describe('compareSegments: which words differ', () => {
  it('marks changed, missing and extra words on each side, with their spans', () => {
    const query = 'Provides advice to managers on staffing matters.';
    const candidate = 'Provides expert advice to managers on procurement.';
    const result = compareSegments(query, candidate);
    assert.equal(result.distance, 3);
    assert.deepEqual(result.query.map((w) => [w.word, w.change]), [
      ['provides', 'same'], ['advice', 'same'], ['to', 'same'], ['managers', 'same'], ['on', 'same'],
      // Two paths cost 3 here; the walk back from the end pairs the last words.
      ['staffing', 'missing'], ['matters', 'changed'],
    ]);
    assert.deepEqual(result.candidate.map((w) => [w.word, w.change]), [
      ['provides', 'same'], ['expert', 'extra'], ['advice', 'same'], ['to', 'same'], ['managers', 'same'], ['on', 'same'],
      ['procurement', 'changed'],
    ]);
    const procurement = result.candidate.at(-1);
    assert.equal(procurement && candidate.slice(procurement.span.start, procurement.span.end), 'procurement');
  });
  it('refuses more words than the database scores, as the database does', () => {
    const long = Array.from({ length: MAX_SCORED_WORDS + 1 }, (_, i) => `w${i}`).join(' ');
    assert.throws(() => fuzzyScore(long, 'w1'), { name: 'RangeError', message: 'query has 256 words; scoring compares at most 255' });
  });
});

describe('adjusted score', () => {
  it('takes points off for a differing number, keeping the raw score', () => {
    const result = adjustedComparison('Manages a budget of $2 million.', 'Manages a budget of $3 million.');
    assert.equal(result.score, 83);
    assert.equal(result.adjusted, 83 - NUMBER_PENALTY);
    assert.deepEqual(result.penalties, [{ kind: 'number', onlyInQuery: ['2'], onlyInCandidate: ['3'], points: NUMBER_PENALTY }]);
  });
  it('counts a differing classification code as a code, not a number, in any spelling', () => {
    const result = adjustedComparison('The position is classified AS-04.', 'The position is classified AS-05.');
    assert.deepEqual(result.penalties, [{ kind: 'code', onlyInQuery: ['as-4'], onlyInCandidate: ['as-5'], points: CODE_PENALTY }]);
    assert.equal(result.adjusted, 80 - CODE_PENALTY);
    assert.deepEqual(adjustedComparison('Classified AS-04.', 'Classified as04.').penalties, []);
  });
  it('takes points off for differing inline tags and placeables', () => {
    const result = adjustedComparison('Approved by {{name}} on {0}.', 'Approved by {name} on {0}.');
    assert.equal(result.score, 99);
    assert.deepEqual(result.penalties, [{ kind: 'placeable', onlyInQuery: ['{{name}}'], onlyInCandidate: ['{name}'], points: PLACEABLE_PENALTY }]);
    assert.equal(result.adjusted, 99 - PLACEABLE_PENALTY);
    const tags = adjustedComparison('Press <ph id="1"/> then <b>Save</b>.', 'Press <ph id="2"/> then <b>Save</b>.');
    assert.deepEqual(tags.penalties.find((p) => p.kind === 'placeable')?.points, PLACEABLE_PENALTY);
  });
  it('leaves the score alone when nothing of the kind differs', () => {
    const result = adjustedComparison('Supervises 5 employees at level AS-04.', 'Supervises 5 staff at level AS-04.');
    assert.deepEqual(result.penalties, []);
    assert.equal(result.adjusted, result.score);
  });
  it('ranks by adjusted score, then raw score, then the order given', () => {
    const query = 'Manages a budget of $2 million for the region.';
    const ranked = rankCandidates(query, [
      { text: 'Manages a budget of $3 million for the region.', id: 'number differs' },
      { text: 'Manages a budget of $2 million for the branch.', id: 'word differs' },
      { text: 'Manages a budget of $2 million for a region.', id: 'article differs' },
    ]);
    assert.deepEqual(ranked.map((r) => r.id), ['word differs', 'article differs', 'number differs']);
  });
});

describe('context match', () => {
  const segment = { text: 'Prepares reports.', previous: 'Leads the team.', next: 'Supervises staff.' };
  it('is 101 when the segment and both neighbours match exactly', () => {
    assert.equal(contextScore(segment, { ...segment }), 101);
    assert.equal(matchBand(101), 'context');
  });
  it('is the raw score when a neighbour differs or is missing on one side only', () => {
    assert.equal(contextScore(segment, { ...segment, next: 'Supervises the staff.' }), 100);
    assert.equal(contextScore(segment, { ...segment, previous: null }), 100);
    assert.equal(contextScore(segment, { ...segment, text: 'prepares reports' }), 99);
  });
  it('lets missing neighbours match missing neighbours (a one-segment document)', () => {
    assert.equal(contextScore({ text: 'A.', previous: null, next: null }, { text: 'A.', previous: null, next: null }), 101);
  });
  it('bands scores as the concordance shows them', () => {
    assert.deepEqual([100, 99, 95, 94, 85, 84, 75, 74, 50, 49].map(matchBand),
      ['exact', '95-99', '95-99', '85-94', '85-94', '75-84', '75-84', '50-74', '50-74', 'low']);
  });
});
