// The score table (issue #13, acceptance criterion 1) against the database: the migrations are
// applied to an in-memory PGlite as the stack applies them, and private.fuzzy_score (both
// forms: the plain one and the min_score one tm_search's retrieval uses), private.normalize_text
// and the TypeScript scorer in domain/tm/ must all give the hand-checked score, so they cannot
// drift apart.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PGlite } from '@electric-sql/pglite';
import { applyMigrations } from '../dev/db/migrations.js';
import { openDatabase } from '../dev/db/open-database.js';
import { fuzzyScore } from '../domain/tm/fuzzy-score.js';
import { normalizeText } from '../domain/tm/normalize.js';
import { SCORE_TABLE } from '../domain/tm/score-table.js';
import { migrationsDir } from './generate-database-types.js';

let pg: PGlite;

before(async () => {
  ({ pg } = await openDatabase({ dataDir: 'memory' }));
  await applyMigrations(pg, migrationsDir);
});
after(async () => {
  await pg.close();
});

interface SqlScore {
  query_normalized: string;
  candidate_normalized: string;
  score: number;
  score_min_0: number;
}

async function sqlScore(query: string, candidate: string): Promise<SqlScore> {
  const { rows } = await pg.query<SqlScore>(
    `select q.n as query_normalized, c.n as candidate_normalized,
            private.fuzzy_score(q.n, $1, c.n, $2) as score,
            private.fuzzy_score(q.n, $1, c.n, $2, 0) as score_min_0
       from (select private.normalize_text($1) as n) q, (select private.normalize_text($2) as n) c`,
    [query, candidate],
  );
  const [row] = rows;
  assert.ok(row);
  return row;
}

describe('score table: private.fuzzy_score and the TypeScript scorer agree', () => {
  for (const row of SCORE_TABLE) {
    it(`${row.topic}: ${JSON.stringify(row.query).slice(0, 50)} vs ${JSON.stringify(row.candidate).slice(0, 50)} = ${row.score}`, async () => {
      const sql = await sqlScore(row.query, row.candidate);
      assert.equal(sql.query_normalized, normalizeText(row.query), 'normalize_text of the query');
      assert.equal(sql.candidate_normalized, normalizeText(row.candidate), 'normalize_text of the candidate');
      assert.equal(sql.score, row.score, `SQL: ${row.why}`);
      assert.equal(sql.score_min_0, row.score, `SQL with min_score 0: ${row.why}`);
      assert.equal(fuzzyScore(row.query, row.candidate), row.score, `TypeScript: ${row.why}`);
    });
  }

  it('both refuse more than 255 words', async () => {
    const long = Array.from({ length: 256 }, (_, i) => `w${i}`).join(' ');
    await assert.rejects(sqlScore(long, 'w1'), /levenshtein argument exceeds maximum length of 255 characters/);
    assert.throws(() => fuzzyScore(long, 'w1'), RangeError);
  });
});
