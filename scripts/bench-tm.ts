// `npm run bench:tm`: the translation memory's searches on the embedded database (PGlite) at
// 10 000, 100 000 and 1 000 000 segments: p50/p95 of tm_search (fuzzy top 10) and of
// concordance_search through the gateway (supabase-js rpc as a signed-in ESDC translator: RLS
// applies), next to a brute-force scan of every segment the translator may read, and the
// searches' recall against that scan. A benchmark: it prints figures and asserts nothing.
//
//   npx tsx scripts/bench-tm.ts [--segments 10000,100000,1000000] [--queries 200] [--min-score 70]
//                               [--migrations <folder>] [--log]
//
// The memory (scripts/bench-tm/corpus.ts) recombines real sentence pairs (the seed's
// job-description memory and the TransRead novels' gold beads, ../shared/data/align/) with
// job-description phrasing; the sizes load one after the other into one database (the first n
// segments of the same stream). --migrations runs on another set of migrations (say, a copy of
// supabase/migrations without the newest ones) to compare before and after a change.
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { createClient } from '@supabase/supabase-js';
import ws from 'ws';
import { startStack } from '../dev/stack.js';
import { BruteForceMemory } from './bench-tm/brute-force.js';
import { novelPairs, segmentStream, type Pair } from './bench-tm/corpus.js';
import { loadSegments, readableSegments } from './bench-tm/load.js';
import { measureSize, sizeTable, type MeasureOptions } from './bench-tm/measure.js';

const { values: options } = parseArgs({
  options: {
    segments: { type: 'string', default: '10000,100000,1000000' },
    queries: { type: 'string', default: '200' },
    'min-score': { type: 'string', default: '70' },
    migrations: { type: 'string' },
    // The stack's log on stderr (by default it is silent).
    log: { type: 'boolean', default: false },
  },
});

function positiveIntegers(name: string, value: string): number[] {
  const numbers = value.split(',').map((part) => Number(part.trim()));
  const wrong = numbers.find((n) => !Number.isInteger(n) || n <= 0);
  if (wrong !== undefined) throw new Error(`--${name} takes positive whole numbers separated by commas (got ${JSON.stringify(value)})`);
  return numbers;
}

const sizes = positiveIntegers('segments', options.segments).sort((a, b) => a - b);
const [queries] = positiveIntegers('queries', options.queries);
const [minScore] = positiveIntegers('min-score', options['min-score']);
const measure: MeasureOptions = { queries: queries!, minScore: minScore!, recallFrom: Math.max(75, minScore!), maxResults: 10, concordanceResults: 20 };

async function main() {
  const startedAt = performance.now();
  const stack = await startStack({
    dataDir: 'memory', apiPort: 0, dbPort: 0, syncPort: 0, signalingPort: 0,
    log: options.log ? (line: string) => console.error(line) : () => {},
    ...(options.migrations ? { migrationsDir: options.migrations } : {}),
  });
  try {
    const { pg } = stack;
    const { rows: seedPairs } = await pg.query<{ source_text: string; target_text: string }>(
      `select source_text, target_text from public.tm_segments where source_lang = 'en' order by id`);
    const jobDescriptions: Pair[] = seedPairs.map((r) => [r.source_text, r.target_text]);
    const novels = novelPairs();
    const stream = segmentStream(jobDescriptions, novels);
    const memory = new BruteForceMemory();
    memory.add(await readableSegments(pg, 0));

    const translator = createClient(stack.apiUrl, stack.anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      realtime: { transport: ws as unknown as typeof WebSocket },
    });
    const { error } = await translator.auth.signInWithPassword({ email: 'translator@esdc.example', password: 'demo-password-1' });
    if (error) throw new Error(`sign-in failed: ${error.message}`);

    const cpu = cpus();
    console.log(`bench:tm: ${queries} fuzzy queries (tm_search, min_score ${minScore}, max_results ${measure.maxResults}) and ${queries} concordance terms (max_results ${measure.concordanceResults}) per size`);
    console.log(`bases: ${jobDescriptions.length} job-description pairs (seed) and ${novels.length} TransRead novel pairs, recombined with job-description phrasing`);
    console.log(`machine: ${cpu.length} x ${cpu[0]?.model ?? 'unknown CPU'}, Node ${process.version}, PGlite (PostgreSQL 18, WASM)`);

    let generated = 0;
    for (const size of sizes) {
      const { rows: last } = await pg.query<{ id: number }>('select coalesce(max(id), 0)::integer as id from public.tm_segments');
      const loadStart = performance.now();
      generated += await loadSegments(pg, stream, size - generated);
      const loadSeconds = (performance.now() - loadStart) / 1000;
      memory.add(await readableSegments(pg, last[0]!.id));
      const result = await measureSize(pg, translator, memory, measure, size);
      console.log('');
      console.log(sizeTable(result, measure));
      console.log(`loaded up to ${generated.toLocaleString('en-CA')} generated segments in ${loadSeconds.toFixed(1)} s`);
    }
    console.log('');
    console.log(`total time ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
  } finally {
    await stack.stop();
  }
}

await main();
