// One size of bench:tm: queries made from the memory, each search timed through supabase-js (as
// the ESDC translator: RLS applies) and through the brute-force scan, and the searches' recall
// against the brute force.
import type { PGlite } from '@electric-sql/pglite';
import type { SupabaseClient } from '@supabase/supabase-js';
import { ESDC, perturb, phraseOf, pickWith, seededRandom, UNRELATED } from './corpus.js';
import { fuzzyRecall, type BruteForceMemory, type Lang, type Match } from './brute-force.js';

export interface MeasureOptions {
  queries: number;
  /** tm_search's min_score. */
  minScore: number;
  /** The score from which every match must be found. */
  recallFrom: number;
  maxResults: number;
  concordanceResults: number;
}

export interface Timings {
  /** Wall-clock milliseconds per query. */
  times: number[];
  /**
   * CPU milliseconds of this process per query (the gateway, PGlite and the client all run in
   * it): on a shared machine, the work done, whatever the other processes take.
   */
  cpu: number[];
  rows: number;
}

export interface SizeResult {
  segments: number;
  readable: number;
  fuzzy: { search: Timings; bruteForce: Timings; expected: number; found: number; wrongScores: number };
  concordance: { search: Timings; bruteForce: Timings; expected: number; found: number; outsideTerm: number };
}

interface Query {
  text: string;
  from: Lang;
  to: Lang;
}

/** Queries from a sample of readable segments: 80 % EN -> FR, one in ten unrelated. */
async function makeQueries(pg: PGlite, count: number, seed: number): Promise<{ fuzzy: Query[]; concordance: Query[] }> {
  const random = seededRandom(seed);
  const pick = pickWith(random);
  const { rows } = await pg.query<{ source_text: string; target_text: string; source_lang: Lang }>(
    `select source_text, target_text, source_lang from public.tm_segments
      where organization_id is null or organization_id = $1 order by md5(id::text) limit $2`,
    [ESDC, count],
  );
  const fuzzy: Query[] = [];
  const concordance: Query[] = [];
  rows.forEach((row, i) => {
    const from: Lang = i % 5 === 4 ? 'fr' : 'en';
    const to: Lang = from === 'en' ? 'fr' : 'en';
    const text = row.source_lang === from ? row.source_text : row.target_text;
    fuzzy.push({ text: i % 10 === 9 ? pick(UNRELATED) : perturb(text, random), from, to });
    concordance.push({ text: phraseOf(text, random), from, to });
  });
  return { fuzzy, concordance };
}

async function timed<T>(timings: Timings, work: () => PromiseLike<T>): Promise<T> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await work();
  timings.times.push(performance.now() - started);
  const used = process.cpuUsage(cpu);
  timings.cpu.push((used.user + used.system) / 1000);
  return result;
}

const noTimings = (): Timings => ({ times: [], cpu: [], rows: 0 });

export async function measureSize(pg: PGlite, client: SupabaseClient, memory: BruteForceMemory, options: MeasureOptions, seed: number): Promise<SizeResult> {
  const { rows: countRows } = await pg.query<{ n: number }>('select count(*)::int as n from public.tm_segments');
  const { fuzzy, concordance } = await makeQueries(pg, options.queries, seed);

  const tmSearch = async (q: Query): Promise<Match[]> => {
    const { data, error } = await client.rpc('tm_search', {
      query: q.text, source_lang: q.from, target_lang: q.to, min_score: options.minScore, max_results: options.maxResults,
    });
    if (error) throw new Error(`tm_search failed for ${JSON.stringify(q.text)}: ${error.message}`);
    return (data as { segment_id: number; score: number }[]).map((r) => ({ id: r.segment_id, score: r.score }));
  };
  const concordanceSearch = async (q: Query): Promise<{ segment_id: number; source: string }[]> => {
    const { data, error } = await client.rpc('concordance_search', { term: q.text, lang: q.from, max_results: options.concordanceResults });
    if (error) throw new Error(`concordance_search failed for ${JSON.stringify(q.text)}: ${error.message}`);
    return data as { segment_id: number; source: string }[];
  };

  // Warm-up: plans and caches. After a long load the client's idle keep-alive connection may have
  // been closed by the server ("fetch failed"): the warm-up tries again on a fresh one.
  const warm = async (work: () => Promise<unknown>) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (attempt >= 3 || !String(error).includes('fetch failed')) throw error;
      }
    }
  };
  for (const q of fuzzy.slice(0, 5)) await warm(() => tmSearch(q));
  for (const q of concordance.slice(0, 5)) await warm(() => concordanceSearch(q));

  const result: SizeResult = {
    segments: countRows[0]!.n,
    readable: memory.size,
    fuzzy: { search: noTimings(), bruteForce: noTimings(), expected: 0, found: 0, wrongScores: 0 },
    concordance: { search: noTimings(), bruteForce: noTimings(), expected: 0, found: 0, outsideTerm: 0 },
  };
  for (const q of fuzzy) {
    const answer = await timed(result.fuzzy.search, () => tmSearch(q));
    const truth = await timed(result.fuzzy.bruteForce, async () => memory.fuzzyMatches(q.text, q.from, options.minScore));
    result.fuzzy.search.rows += answer.length;
    result.fuzzy.bruteForce.rows += Math.min(truth.length, options.maxResults);
    const recall = fuzzyRecall(truth, answer, options.recallFrom, options.maxResults);
    result.fuzzy.expected += recall.expected;
    result.fuzzy.found += recall.found;
    result.fuzzy.wrongScores += recall.wrongScores;
  }
  for (const q of concordance) {
    const answer = await timed(result.concordance.search, () => concordanceSearch(q));
    const truth = await timed(result.concordance.bruteForce, async () => memory.concordance(q.text, q.from, options.concordanceResults));
    result.concordance.search.rows += answer.length;
    result.concordance.bruteForce.rows += truth.length;
    const returned = new Set(answer.map((r) => r.segment_id));
    const contains = new Set(memory.concordance(q.text, q.from, Number.MAX_SAFE_INTEGER));
    result.concordance.expected += truth.length;
    result.concordance.found += truth.filter((id) => returned.has(id)).length;
    result.concordance.outsideTerm += answer.filter((r) => !contains.has(r.segment_id)).length;
  }
  return result;
}

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;

function line(name: string, timings: Timings, recall: string): string {
  const sorted = [...timings.times].sort((a, b) => a - b);
  const cpu = [...timings.cpu].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length);
  const cells = [percentile(sorted, 50), percentile(sorted, 95), mean, sorted.at(-1) ?? NaN, percentile(cpu, 50), percentile(cpu, 95)]
    .map((v) => v.toFixed(1).padStart(7));
  return `| ${name.padEnd(52)} | ${String(sorted.length).padStart(7)} | ${cells.join(' | ')} | ${(timings.rows / Math.max(1, sorted.length)).toFixed(1).padStart(7)} | ${recall.padStart(16)} |`;
}

const percent = (found: number, expected: number) => (expected === 0 ? 'n/a' : `${((100 * found) / expected).toFixed(found === expected ? 0 : 1)} %`);

/** The markdown table of one size. */
export function sizeTable(result: SizeResult, options: MeasureOptions): string {
  const f = result.fuzzy;
  const c = result.concordance;
  return [
    `### ${result.segments.toLocaleString('en-CA')} segments (${result.readable.toLocaleString('en-CA')} readable by the translator)`,
    '',
    '| search                                               | queries |  p50 ms |  p95 ms | mean ms |  max ms | cpu p50 | cpu p95 |    rows |           recall |',
    '|------------------------------------------------------|--------:|--------:|--------:|--------:|--------:|--------:|--------:|--------:|-----------------:|',
    line(`fuzzy top-${options.maxResults}: tm_search (supabase-js)`, f.search, `${percent(f.found, f.expected)} of ${f.expected}`),
    line(`fuzzy top-${options.maxResults}: brute-force scan`, f.bruteForce, 'reference'),
    line(`concordance top-${options.concordanceResults}: concordance_search (supabase-js)`, c.search, `${percent(c.found, c.expected)} of ${c.expected}`),
    line(`concordance top-${options.concordanceResults}: brute-force scan`, c.bruteForce, 'reference'),
    '',
    `fuzzy recall: the brute force's top ${options.maxResults} matches scoring ${options.recallFrom} or more found by tm_search (min_score ${options.minScore}); ` +
      `scores differing from the brute force's: ${f.wrongScores}.`,
    'ms: wall clock per query; cpu: CPU time of the process per query (gateway, PGlite and client share it), steadier on a busy machine.',
    `concordance recall: the brute force's first ${options.concordanceResults} segments containing the term, in concordance_search's order, found by it; ` +
      `returned segments not containing the term: ${c.outsideTerm}.`,
  ].join('\n');
}
