// bench:tm at a tiny size, so its generator, its brute force and its recall check cannot rot:
// the real stack (gateway, RLS, migrations, seed), 2 000 generated segments, a few queries through
// supabase-js; tm_search and concordance_search must find every match the brute force finds
// (recall 100 %). Times are not asserted. The brute force's scorer is also held to the domain's
// fuzzyScore on the hand-checked score table.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import ws from 'ws';
import { startStack, type RunningStack } from '../../dev/stack.js';
import { fuzzyScore } from '../../domain/tm/fuzzy-score.js';
import { normalizeText } from '../../domain/tm/normalize.js';
import { SCORE_TABLE } from '../../domain/tm/score-table.js';
import { BruteForceMemory, fuzzyRecall } from './brute-force.js';
import { detokenize, novelPairs, segmentStream, type GeneratedSegment, type Pair } from './corpus.js';
import { loadSegments, readableSegments } from './load.js';
import { measureSize, type MeasureOptions } from './measure.js';

const SEGMENTS = 2000;
const OPTIONS: MeasureOptions = { queries: 20, minScore: 70, recallFrom: 75, maxResults: 10, concordanceResults: 20 };
const JOB_DESCRIPTIONS: Pair[] = [['Prepares briefing notes for senior management.', "Prépare des notes d'information pour la haute direction."]];

describe('bench:tm generator', () => {
  it('recombines the novels and job-description phrasing into distinct segments within the TM limits, the same each run', () => {
    const novels = novelPairs();
    assert.ok(novels.length > 1000, `the TransRead novels give their one-to-one pairs (got ${novels.length})`);
    const take = (n: number) => {
      const stream = segmentStream(JOB_DESCRIPTIONS, novels);
      return Array.from({ length: n }, () => stream.next().value as GeneratedSegment);
    };
    const segments = take(5000);
    assert.deepEqual(take(5000), segments, 'deterministic');
    assert.equal(new Set(segments.map((s) => `${s.organization}|${s.source}|${s.target}`)).size, segments.length, 'no segment twice');
    for (const s of segments) {
      assert.ok(s.source.length <= 2000 && s.target.length <= 2000, 'within the characters limit');
      assert.notEqual(s.sourceLang, s.targetLang);
    }
    assert.ok(segments.some((s) => s.source.startsWith('Prepares briefing notes') || s.source.includes('prepares briefing notes')), 'job-description bases');
    assert.ok(segments.some((s) => / in the (Atlantic|Quebec|Ontario) region\.$/.test(s.source)), 'job-description qualifiers');
  });

  it('puts the novels\' tokenised punctuation back in place', () => {
    assert.equal(detokenize("The Baron 's sister , by a very good sort ( of ) man ."), "The Baron's sister, by a very good sort (of) man.");
  });
});

describe('bench:tm brute force', () => {
  it('scores as the domain scorer does on every pair of the score table', () => {
    const memory = new BruteForceMemory();
    const fitting = SCORE_TABLE.filter((c) => c.candidate.trim() !== '' && c.query.trim() !== '');
    memory.add(fitting.map((c, i) => ({
      id: i + 1, organization_id: null, source_lang: 'en' as const, source_text: c.candidate, target_text: 'x',
      source_normalized: normalizeText(c.candidate), target_normalized: 'x', usage_count: 0,
    })));
    fitting.forEach((c, i) => {
      const score = memory.fuzzyMatches(c.query, 'en', 0).find((m) => m.id === i + 1)?.score;
      assert.equal(score, fuzzyScore(c.query, c.candidate), `${c.topic}: ${c.query} / ${c.candidate}`);
    });
  });

  it('counts the top matches an answer misses, ties at the last place filled by any of them', () => {
    const truth = [{ id: 1, score: 100 }, { id: 2, score: 90 }, { id: 3, score: 80 }, { id: 4, score: 80 }, { id: 5, score: 72 }];
    assert.deepEqual(fuzzyRecall(truth, [{ id: 1, score: 100 }, { id: 2, score: 90 }, { id: 4, score: 80 }], 75, 3), { expected: 3, found: 3, wrongScores: 0 });
    assert.deepEqual(fuzzyRecall(truth, [{ id: 1, score: 100 }, { id: 3, score: 80 }, { id: 4, score: 80 }], 75, 3), { expected: 3, found: 2, wrongScores: 0 });
    assert.deepEqual(fuzzyRecall(truth, [{ id: 1, score: 99 }], 75, 10), { expected: 4, found: 1, wrongScores: 1 });
  });
});

describe('bench:tm on the real stack', () => {
  let stack: RunningStack;
  let translator: SupabaseClient;

  before(async () => {
    stack = await startStack({ dataDir: 'memory', apiPort: 0, dbPort: 0, syncPort: 0, signalingPort: 0, log: () => {} });
    translator = createClient(stack.apiUrl, stack.anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      realtime: { transport: ws as unknown as typeof WebSocket },
    });
    const { error } = await translator.auth.signInWithPassword({ email: 'translator@esdc.example', password: 'demo-password-1' });
    assert.equal(error, null);
  });
  after(async () => {
    await stack?.stop();
  });

  it('tm_search and concordance_search find every match the brute force finds', async () => {
    const { rows } = await stack.pg.query<{ source_text: string; target_text: string }>(
      `select source_text, target_text from public.tm_segments where source_lang = 'en' order by id`);
    const memory = new BruteForceMemory();
    memory.add(await readableSegments(stack.pg, 0));
    const { rows: last } = await stack.pg.query<{ id: number }>('select max(id)::integer as id from public.tm_segments');
    const loaded = await loadSegments(stack.pg, segmentStream(rows.map((r): Pair => [r.source_text, r.target_text]), novelPairs()), SEGMENTS);
    assert.equal(loaded, SEGMENTS);
    memory.add(await readableSegments(stack.pg, last[0]!.id));

    const result = await measureSize(stack.pg, translator, memory, OPTIONS, 7);
    assert.equal(result.fuzzy.search.times.length, OPTIONS.queries);
    assert.ok(result.fuzzy.expected > OPTIONS.queries / 2, `the queries have matches of 75 or more (${result.fuzzy.expected})`);
    assert.equal(result.fuzzy.found, result.fuzzy.expected, 'fuzzy recall 100 %');
    assert.equal(result.fuzzy.wrongScores, 0, 'tm_search scores as the brute force does');
    assert.ok(result.concordance.expected > OPTIONS.queries, `the terms occur (${result.concordance.expected})`);
    assert.equal(result.concordance.found, result.concordance.expected, 'concordance recall 100 %');
    assert.equal(result.concordance.outsideTerm, 0, 'every concordance row contains the term');
  });
});
