import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rankMatches } from './ranked-matches.ts';

const source = (m: { source: string }) => m.source;

test('matches are ordered by adjusted score, stably, each with its differences written out', () => {
  const query = 'Reviews the classification of the AS-05 positions of the Yukon fleet unit.';
  const matches = [
    { id: 1, source: 'Reviews the classification of the AS-04 positions of the Yukon fleet unit.' }, // raw 91, code: 81
    { id: 2, source: 'Reviews the classification of the AS-05 jobs of the Yukon fleet office.' }, // raw 83
    { id: 3, source: 'Reviews the classification of the AS-05 jobs of the Yukon fleet office.' }, // the same: keeps its place after 2
  ];
  const ranked = rankMatches(query, matches, source);
  assert.deepEqual(
    ranked.map((r) => [r.match.id, r.adjusted]),
    [[2, 83], [3, 83], [1, 81]],
  );
  assert.deepEqual(ranked[2]!.warnings, [{ kind: 'code', inQuery: 'AS-05', inMatch: 'AS-04' }]);
  assert.deepEqual(ranked[0]!.warnings, []);
});

test('numbers and tags that differ are named; a side that lacks one has an empty list', () => {
  const [number] = rankMatches('Supervises 4 employees.', [{ source: 'Supervises 5 employees.' }], source);
  assert.deepEqual(number!.warnings, [{ kind: 'number', inQuery: '4', inMatch: '5' }]);
  const [tag] = rankMatches('Reads <b>all</b> files.', [{ source: 'Reads all files.' }], source);
  assert.deepEqual(tag!.warnings, [{ kind: 'placeable', inQuery: '<b>, </b>', inMatch: '' }]);
});
