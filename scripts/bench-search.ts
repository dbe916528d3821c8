// `npm run bench:search`: full-text search of job descriptions (search_documents) on the
// embedded database (PGlite) with 10 000 generated job descriptions, through the gateway with
// supabase-js as a signed-in ESDC editor (row-level security applies). Prints p50/p95/max of
// the round trip for phrases (3 consecutive words of a generated body, in English or French),
// single words and a filtered search. Goal: p95 ≤ 100 ms. A benchmark: it prints figures and
// asserts nothing.
//
//   npx tsx scripts/bench-search.ts [--documents 10000] [--queries 200] [--log]
//
// The documents recombine the seed's two bilingual descriptions: each generated section takes
// 2 to 5 lines of the seeded sections of the same kind (line k of English translates line k of
// French, so each pair stays a translation), half in each department.
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { createClient } from '@supabase/supabase-js';
import ws from 'ws';
import { startStack } from '../dev/stack.js';

const { values: options } = parseArgs({
  options: {
    documents: { type: 'string', default: '10000' },
    queries: { type: 'string', default: '200' },
    log: { type: 'boolean', default: false },
  },
});

function positiveInteger(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} takes a positive whole number (got ${JSON.stringify(value)})`);
  return n;
}
const documents = positiveInteger('documents', options.documents);
const queries = positiveInteger('queries', options.queries);

const SEEDED = ['e5dc0000-0000-4000-a000-00000000d001', '7c000000-0000-4000-a000-00000000d001'];

// One statement: the seed's lines numbered per section kind, then `documents` documents whose
// sections pick lines by a fixed stride (deterministic, no random()).
const GENERATE = `
with lines as (
  select s.kind, s.section_id, s.position, s.lang, s.heading, l.line, l.k, s.document_id,
         dense_rank() over (partition by s.kind order by s.document_id, l.k) as entry
    from public.document_sections s, unnest(string_to_array(s.body, E'\\n')) with ordinality l(line, k)
   where s.document_id = any($2::uuid[])
),
pool as (select kind, max(entry) as n from lines group by kind),
docs as (
  insert into public.job_descriptions (organization_id, title_en, title_fr, classification, status, created_by)
  select case when n % 2 = 0 then 'e5dc0000-0000-4000-a000-000000000001'::uuid else '7c000000-0000-4000-a000-000000000002'::uuid end,
         (array['Program Officer', 'Policy Analyst', 'Inspector', 'Clerk', 'Economist'])[1 + n % 5] || ' ' || n,
         (array['Agent de programme', 'Analyste des politiques', 'Inspecteur', 'Commis', 'Économiste'])[1 + n % 5] || ' ' || n,
         (array['PM-04', 'EC-05', 'AO-CAI-02', 'CR-04', 'AS-02'])[1 + n % 5],
         (array['draft', 'draft', 'in_review', 'approved'])[1 + n % 4],
         case when n % 2 = 0 then 'e5dc0000-0000-4000-a000-000000000102'::uuid else '7c000000-0000-4000-a000-000000000102'::uuid end
    from generate_series(1, $1::integer) n
  returning id, (substring(title_en from ' ([0-9]+)$'))::integer as n
),
picks as (
  select d.id, d.n, p.kind, j, 1 + ((d.n * 7919 + j * 104729 + length(p.kind) * 31) % p.n) as entry
    from docs d, pool p, generate_series(1, 2 + d.n % 4) j
)
insert into public.document_sections (document_id, lang, section_id, kind, position, heading, body)
select pk.id, l.lang, l.section_id, pk.kind, min(l.position), min(l.heading), string_agg(l.line, E'\\n' order by pk.j)
  from picks pk join lines l on l.kind = pk.kind and l.entry = pk.entry
 group by pk.id, l.lang, l.section_id, pk.kind`;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function main() {
  const stack = await startStack({
    dataDir: 'memory', apiPort: 0, dbPort: 0, syncPort: 0, signalingPort: 0,
    log: options.log ? (line: string) => console.error(line) : () => {},
  });
  try {
    const { pg } = stack;
    const loadStart = performance.now();
    await pg.query(GENERATE, [documents, SEEDED]);
    await pg.exec('analyze public.job_descriptions; analyze public.document_sections');
    const { rows: counts } = await pg.query<{ docs: number; sections: number }>(
      'select (select count(*) from public.job_descriptions)::integer as docs, (select count(*) from public.document_sections)::integer as sections');
    const loadSeconds = (performance.now() - loadStart) / 1000;

    // Query phrases: three consecutive words of generated lines, English and French alternately.
    const { rows: lines } = await pg.query<{ line: string }>(
      `select l.line from public.document_sections s, unnest(string_to_array(s.body, E'\\n')) l(line)
        where s.document_id in (select id from public.job_descriptions order by id limit 50)
        order by s.lang, s.document_id, s.section_id`);
    const phrases: string[] = [];
    for (let i = 0; phrases.length < queries && i < queries * 10; i++) {
      const words = lines[(i * 37) % lines.length]!.line.split(/\s+/).filter((w) => w.length > 0);
      if (words.length < 4) continue;
      const start = (i * 13) % (words.length - 3);
      phrases.push(words.slice(start, start + 3).join(' ').replace(/[.,;]$/, ''));
    }
    const singleWords = ['conformité', 'rapports', 'financement', 'management', 'inspections', 'programme', 'budgets', 'aviation'];

    const editor = createClient(stack.apiUrl, stack.anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      realtime: { transport: ws as unknown as typeof WebSocket },
    });
    const { error } = await editor.auth.signInWithPassword({ email: 'editor@esdc.example', password: 'demo-password-1' });
    if (error) throw new Error(`sign-in failed: ${error.message}`);

    async function measure(label: string, calls: Record<string, unknown>[]) {
      // One warm-up call: the first plan and the gateway's connection are not what a user waits for.
      await editor.rpc('search_documents', calls[0]!);
      const times: number[] = [];
      let results = 0;
      for (const args of calls) {
        const t0 = performance.now();
        const { data, error: failed } = await editor.rpc('search_documents', args);
        times.push(performance.now() - t0);
        if (failed) throw new Error(`search_documents(${JSON.stringify(args)}): ${failed.message}`);
        results += (data as unknown[]).length;
      }
      times.sort((a, b) => a - b);
      console.log(`${label.padEnd(34)} n=${String(calls.length).padStart(4)}  p50 ${percentile(times, 50).toFixed(1).padStart(6)} ms  p95 ${percentile(times, 95).toFixed(1).padStart(6)} ms  max ${times.at(-1)!.toFixed(1).padStart(6)} ms  results/page ${(results / calls.length).toFixed(1)}`);
      return percentile(times, 95);
    }

    const cpu = cpus();
    console.log(`bench:search: ${counts[0]!.docs} job descriptions (${counts[0]!.sections} sections, both languages, half per department) generated in ${loadSeconds.toFixed(1)} s`);
    console.log(`machine: ${cpu.length} x ${cpu[0]?.model ?? 'unknown CPU'}, Node ${process.version}, PGlite (PostgreSQL 18, WASM); search_documents through the gateway (supabase-js, ESDC editor, RLS), page of 20`);
    const p95 = await measure('phrase (3 words, EN/FR)', phrases.map((query) => ({ query })));
    await measure('single common word', Array.from({ length: Math.min(queries, 80) }, (_, i) => ({ query: singleWords[i % singleWords.length]! })));
    await measure('phrase + status + classification', phrases.slice(0, 80).map((query) => ({ query, status_filter: 'draft', classification_filter: 'PM' })));
    await measure('no words, filtered list', Array.from({ length: 40 }, () => ({ status_filter: 'draft' })));
    console.log(`p95 of phrase search: ${p95.toFixed(1)} ms (goal ≤ 100 ms): ${p95 <= 100 ? 'met' : 'NOT met'}`);
  } finally {
    await stack.stop();
  }
}

await main();
