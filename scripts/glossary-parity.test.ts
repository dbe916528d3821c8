// The glossary cases (issue #13, acceptance criterion 4) against the database: a fresh in-memory
// PGlite with the migrations, holding only the cases' glossary. glossary_lookup must return what
// domain/tm/glossary.ts finds, and private.glossary_key must give the TypeScript keys; the lookup
// of the longest input allowed (10 000 characters) is timed against 5 000 more terms.
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { after, before, describe, it } from 'node:test';
import type { PGlite } from '@electric-sql/pglite';
import { applyMigrations } from '../dev/db/migrations.js';
import { openDatabase } from '../dev/db/open-database.js';
import { GLOSSARY, GLOSSARY_CASES } from '../domain/tm/glossary-cases.js';
import { GlossaryMatcher, glossaryKey } from '../domain/tm/glossary.js';
import { migrationsDir } from './generate-database-types.js';

let pg: PGlite;
const matcher = new GlossaryMatcher(GLOSSARY);

before(async () => {
  ({ pg } = await openDatabase({ dataDir: 'memory' }));
  await applyMigrations(pg, migrationsDir);
  for (const term of GLOSSARY) {
    await pg.query('insert into public.glossary_terms (id, organization_id, term_en, term_fr, status) values ($1, $2, $3, $4, $5)',
      [term.id, term.organizationId, term.termEn, term.termFr, term.status]);
  }
});
after(async () => {
  await pg.close();
});

interface LookupRow {
  term_id: string;
  term: string;
  status: string;
  approved_equivalents: string[] | null;
}

const lookup = async (text: string, lang: string) =>
  (await pg.query<LookupRow>('select term_id, term, status, approved_equivalents from public.glossary_lookup($1, $2)', [text, lang])).rows;

describe('glossary cases: glossary_lookup and the TypeScript matcher agree', () => {
  for (const example of GLOSSARY_CASES) {
    it(`${example.topic} (${example.lang}): ${example.text}`, async () => {
      const expected = example.found.map(({ term, status, approvedEquivalents }) => ({ term, status, approved_equivalents: approvedEquivalents }));
      const rows = await lookup(example.text, example.lang);
      assert.deepEqual(rows.map(({ term, status, approved_equivalents }) => ({ term, status, approved_equivalents })), expected, 'SQL');
      assert.deepEqual(rows.map((row) => row.term_id), matcher.lookup(example.text, example.lang).map((hit) => hit.term.id), 'TypeScript');
    });
  }

  it('private.glossary_key gives the TypeScript keys for every text and term', async () => {
    const texts = [
      ...GLOSSARY_CASES.map((c) => [c.text, c.lang] as const),
      ...GLOSSARY.flatMap((t) => [[t.termEn, 'en'] as const, [t.termFr, 'fr'] as const]),
      ['Principaux travaux, heureuses coordonnatrices, anciennes vendeuses; Œuvre, æther, Ge\u0300re', 'fr'] as const,
    ];
    for (const [text, lang] of texts) {
      const { rows } = await pg.query<{ key: string }>('select private.glossary_key($1, $2) as key', [text, lang]);
      assert.equal(rows[0]?.key, glossaryKey(text, lang), `${lang}: ${text}`);
    }
  });
});

describe('glossary_lookup on the longest input', () => {
  it('looks 10 000 characters up among 5 000 more terms in well under a second', async () => {
    await pg.query(`insert into public.glossary_terms (organization_id, term_en, term_fr, status)
                    select null, 'generated term ' || i, 'terme généré numéro ' || i, 'approved' from generate_series(1, 5000) i`);
    const sentence = "Les agentes de programme respectent l'échéance et les langues officielles lors des réunions. ";
    const text = sentence.repeat(Math.ceil(10_000 / sentence.length)).slice(0, 10_000);
    await lookup(text, 'fr'); // warm the plan cache
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const rows = await lookup(text, 'fr');
      times.push(performance.now() - started);
      assert.deepEqual(rows.map((r) => r.term).sort(), ['agent', 'agent de programme', 'langues officielles', 'réunion']);
    }
    const median = times.sort((a, b) => a - b)[2] ?? 0;
    console.log(`# glossary_lookup, 10 000 characters, ${GLOSSARY.length + 5000} terms: median ${median.toFixed(1)} ms`);
    assert.ok(median < 1000, `median ${median.toFixed(1)} ms`);
  });
});
