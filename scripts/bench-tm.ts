// `npm run bench:tm`: tm_search latency on 100 000 translation-memory segments, through the
// gateway (supabase-js rpc, as a signed-in translator: RLS applies) and through direct SQL
// (pg.query in a transaction with the same role and claims). A benchmark, not a test.
//
//   npx tsx scripts/bench-tm.ts [--segments 100000] [--queries 200] [--migrations <folder>]
//
// --migrations runs on another set of migrations (say, a copy of supabase/migrations without the
// newest ones) to compare before and after a change.
//
// The segments are generated from the seed's own memory: each seeded sentence pair, with or
// without a qualifier (region, deadline, policy...) and a collaboration prefix, in EN and FR,
// spread over ESDC (45 %), Transport Canada (45 %) and the shared memory (10 %). Queries are
// stored sentences with one word dropped or changed, case changed, or left exact, plus
// unrelated sentences; 80 % EN->FR, 20 % FR->EN.
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { createClient } from '@supabase/supabase-js';
import ws from 'ws';
import { startStack } from '../dev/stack.js';

const { values: options } = parseArgs({
  options: {
    segments: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '200' },
    migrations: { type: 'string' },
  },
});
const SEGMENTS = Number(options.segments);
const QUERIES = Number(options.queries);
const ESDC = 'e5dc0000-0000-4000-a000-000000000001';
const TC = '7c000000-0000-4000-a000-000000000002';
const TRANSLATOR = 'e5dc0000-0000-4000-a000-000000000103';

// Deterministic pseudo-random numbers (mulberry32), so runs are comparable.
let seed = 20261123;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const QUALIFIERS: [string, string][] = [
  ['within established deadlines', 'dans les délais établis'],
  ['in accordance with departmental policies', 'conformément aux politiques ministérielles'],
  ['as required', 'au besoin'],
  ['on a regular basis', 'de façon régulière'],
  ['for the regional office', 'pour le bureau régional'],
  ['in both official languages', 'dans les deux langues officielles'],
  ['under the direction of the manager', 'sous la direction du gestionnaire'],
  ['with minimal supervision', 'avec un minimum de supervision'],
  ['during peak periods', 'pendant les périodes de pointe'],
  ['for the national headquarters', 'pour l\'administration centrale'],
  ['in a timely manner', 'en temps opportun'],
  ['using departmental systems', 'à l\'aide des systèmes ministériels'],
  ['in the Atlantic region', 'dans la région de l\'Atlantique'],
  ['in the Quebec region', 'dans la région du Québec'],
  ['in the Ontario region', 'dans la région de l\'Ontario'],
  ['in the Western region', 'dans la région de l\'Ouest'],
  ['in the Northern region', 'dans la région du Nord'],
  ['for up to 5 programs', 'pour un maximum de 5 programmes'],
  ['for up to 12 programs', 'pour un maximum de 12 programmes'],
  ['for more than 30 clients', 'pour plus de 30 clients'],
  ['each fiscal year', 'à chaque exercice financier'],
  ['each quarter', 'chaque trimestre'],
  ['at the request of senior management', 'à la demande de la haute direction'],
  ['in support of the branch priorities', 'à l\'appui des priorités de la direction générale'],
];
const PREFIXES: [string, string][] = [
  ['In collaboration with regional offices, ', 'En collaboration avec les bureaux régionaux, '],
  ['In consultation with stakeholders, ', 'En consultation avec les intervenants, '],
  ['As a member of a multidisciplinary team, ', 'À titre de membre d\'une équipe multidisciplinaire, '],
  ['Under general direction, ', 'Sous une direction générale, '],
  ['With other program officers, ', 'Avec d\'autres agents de programme, '],
  ['When required, ', 'Au besoin, '],
  ['In the absence of the manager, ', 'En l\'absence du gestionnaire, '],
  ['On behalf of the director, ', 'Au nom du directeur, '],
  ['Working with partners, ', 'En travaillant avec les partenaires, '],
  ['As the subject-matter expert, ', 'À titre d\'expert en la matière, '],
];
const UNRELATED = [
  'The weather forecast calls for snow in the mountains tomorrow.',
  'Please bring your own lunch to the annual picnic.',
  'The hockey game went into triple overtime last night.',
  'Quantum computers use qubits instead of classical bits.',
  'La recette demande trois tasses de farine et deux œufs.',
];

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const withoutStop = (s: string) => s.replace(/[.!?]\s*$/, '');

function variant(base: [string, string]): [string, string] {
  let [en, fr] = base;
  if (random() < 0.85) {
    const [qEn, qFr] = pick(QUALIFIERS);
    en = `${withoutStop(en)} ${qEn}.`;
    fr = `${withoutStop(fr)} ${qFr}.`;
  }
  if (random() < 0.6) {
    const [pEn, pFr] = pick(PREFIXES);
    en = pEn + lowerFirst(en);
    fr = pFr + lowerFirst(fr);
  }
  return [en, fr];
}

function perturb(sentence: string): string {
  const words = sentence.split(' ');
  const r = random();
  if (r < 0.2 || words.length < 4) return sentence; // exact
  if (r < 0.3) return sentence.toUpperCase().replace(/\.$/, ''); // case and punctuation
  const i = 1 + Math.floor(random() * (words.length - 2));
  if (r < 0.65) words.splice(i, 1); // a word missing
  else words[i] = pick(['new', 'key', 'several', 'nouveaux', 'principaux', 'various']); // a word changed
  return words.join(' ');
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function main() {
  const startedAt = performance.now();
  const stack = await startStack({
    dataDir: 'memory', apiPort: 0, dbPort: 0, syncPort: 0, signalingPort: 0, log: () => {},
    ...(options.migrations ? { migrationsDir: options.migrations } : {}),
  });
  const { pg } = stack;
  try {
    const { rows: seedPairs } = await pg.query<{ source_text: string; target_text: string }>(
      `select source_text, target_text from public.tm_segments where source_lang = 'en' order by id`,
    );
    const bases = seedPairs.map((r) => [r.source_text, r.target_text] as [string, string]);

    // Load ------------------------------------------------------------------------------------
    // The bulk import skips the per-row audit trigger (an import would be one audited job, and
    // audit rows do not affect tm_search); everything else (generated normalised columns,
    // GIN and unique indexes, the other triggers) runs as usual.
    const loadStart = performance.now();
    await pg.exec('alter table public.tm_segments disable trigger audit');
    const seen = new Set<string>();
    let inserted = 0;
    let attempts = 0;
    while (inserted < SEGMENTS && attempts < SEGMENTS * 5) {
      const batch: { o: string | null; s: string; t: string; sl: string; tl: string; p: string }[] = [];
      while (batch.length < 2000 && inserted + batch.length < SEGMENTS && attempts < SEGMENTS * 5) {
        attempts++;
        const [en, fr] = variant(pick(bases));
        const r = random();
        const org = r < 0.45 ? ESDC : r < 0.9 ? TC : null;
        const key = `${org}|${en}|${fr}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const reverse = random() < 0.15; // some memories were built FR -> EN
        batch.push(reverse
          ? { o: org, s: fr, t: en, sl: 'fr', tl: 'en', p: 'import' }
          : { o: org, s: en, t: fr, sl: 'en', tl: 'fr', p: pick(['import', 'alignment', 'document', 'user']) });
      }
      const { affectedRows } = await pg.query(
        `insert into public.tm_segments (organization_id, source_text, target_text, source_lang, target_lang, provenance, quality)
         select x.o, x.s, x.t, x.sl, x.tl, x.p, 80 from jsonb_to_recordset($1::jsonb) as x (o uuid, s text, t text, sl text, tl text, p text)
         on conflict do nothing`,
        [JSON.stringify(batch)],
      );
      inserted += affectedRows ?? 0;
    }
    await pg.exec('alter table public.tm_segments enable trigger audit');
    await pg.exec('analyze public.tm_segments');
    const loadMs = performance.now() - loadStart;
    const { rows: countRows } = await pg.query<{ n: number }>('select count(*)::int as n from public.tm_segments');
    const total = countRows[0]!.n;

    // Queries -----------------------------------------------------------------------------------
    const { rows: sample } = await pg.query<{ id: number; source_text: string; target_text: string; source_lang: string }>(
      `select id, source_text, target_text, source_lang from public.tm_segments
        where organization_id is distinct from $1 order by md5(id::text) limit $2`,
      [TC, QUERIES],
    );
    const queries = sample.map((row, i) => {
      if (i % 10 === 9) return { text: pick(UNRELATED), source: 'en', target: 'fr', expect: null as number | null };
      const fromFrench = i % 5 === 4;
      const sourceLang = fromFrench ? 'fr' : 'en';
      const text = row.source_lang === sourceLang ? row.source_text : row.target_text;
      return { text: perturb(text), source: sourceLang, target: sourceLang === 'en' ? 'fr' : 'en', expect: row.id };
    });

    const translator = createClient(stack.apiUrl, stack.anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      realtime: { transport: ws as unknown as typeof WebSocket },
    });
    const { error: signInError } = await translator.auth.signInWithPassword({ email: 'translator@esdc.example', password: 'demo-password-1' });
    if (signInError) throw new Error(`sign-in failed: ${signInError.message}`);
    const claims = JSON.stringify({ sub: TRANSLATOR, role: 'authenticated' });

    interface Run { times: number[]; matches: number; found: number; expected: number }
    const runGateway = async (list: typeof queries): Promise<Run> => {
      const run: Run = { times: [], matches: 0, found: 0, expected: 0 };
      for (const q of list) {
        const t0 = performance.now();
        const { data, error } = await translator.rpc('tm_search', { query: q.text, source_lang: q.source, target_lang: q.target, min_score: 70, max_results: 10 });
        run.times.push(performance.now() - t0);
        if (error) throw new Error(`tm_search failed through the gateway: ${error.message}`);
        const rows = data as { segment_id: number }[];
        run.matches += rows.length;
        if (q.expect !== null) {
          run.expected++;
          if (rows.some((r) => r.segment_id === q.expect)) run.found++;
        }
      }
      return run;
    };
    // Each query's matches (segment:score), to compare runs.
    const answers: string[] = [];
    const runDirect = async (list: typeof queries, record = answers): Promise<Run> => {
      const run: Run = { times: [], matches: 0, found: 0, expected: 0 };
      for (const q of list) {
        const rows = await pg.transaction(async (tx) => {
          await tx.query(`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)`, [claims]);
          const t0 = performance.now();
          const result = await tx.query<{ segment_id: number; score: number }>(
            'select segment_id, score from public.tm_search($1, $2, $3, 70, 10)', [q.text, q.source, q.target]);
          run.times.push(performance.now() - t0);
          return result.rows;
        });
        record.push(rows.map((r) => `${r.segment_id}:${r.score}`).join(','));
        run.matches += rows.length;
        if (q.expect !== null) {
          run.expected++;
          if (rows.some((r) => r.segment_id === q.expect)) run.found++;
        }
      }
      return run;
    };

    // The search bounds (private.tm_limit: every limit but the text's characters and words)
    // should change no match on this data: the direct run again with the bounds lifted, then put back. null on
    // migrations without them.
    const matchesWithoutSearchBounds = async (list: typeof queries): Promise<string | null> => {
      const { rows } = await pg.query<{ present: boolean }>(`select to_regprocedure('private.tm_limit(text)') is not null as present`);
      if (!rows[0]?.present) return null;
      const unbounded: string[] = [];
      await pg.exec(`alter function private.tm_limit(text) rename to tm_limit_as_shipped;
        create function private.tm_limit(what text) returns integer language sql immutable parallel safe strict set search_path = ''
          as $$ select case when what not in ('characters', 'words') then 1000000000
                            else private.tm_limit_as_shipped(what) end $$;
        grant execute on function private.tm_limit(text) to authenticated;
        discard plans;`);
      try {
        await runDirect(list, unbounded);
      } finally {
        await pg.exec(`drop function private.tm_limit(text);
          alter function private.tm_limit_as_shipped(text) rename to tm_limit;
          discard plans;`);
      }
      const differing = unbounded.filter((answer, i) => answer !== answers[i]).length;
      return differing === 0 ? 'yes' : `no, ${differing} of ${list.length} queries differ`;
    };

    await runDirect(queries.slice(0, 10)); // warm-up (plans, caches)
    await runGateway(queries.slice(0, 10));
    const gateway = await runGateway(queries);
    answers.length = 0;
    const direct = await runDirect(queries);
    const sameWithoutBounds = await matchesWithoutSearchBounds(queries);

    const line = (name: string, run: Run) => {
      const sorted = [...run.times].sort((a, b) => a - b);
      const mean = run.times.reduce((a, b) => a + b, 0) / run.times.length;
      return `| ${name.padEnd(34)} | ${String(run.times.length).padStart(7)} | ${percentile(sorted, 50).toFixed(1).padStart(7)} | ${percentile(sorted, 95).toFixed(1).padStart(7)} | ${mean.toFixed(1).padStart(7)} | ${sorted.at(-1)!.toFixed(1).padStart(7)} | ${(run.matches / run.times.length).toFixed(1).padStart(7)} | ${((100 * run.found) / Math.max(1, run.expected)).toFixed(0).padStart(5)} % |`;
    };
    const cpu = cpus();
    console.log(`tm_search benchmark: ${total} segments (${inserted} generated, loaded in ${(loadMs / 1000).toFixed(1)} s), ${queries.length} queries, min_score 70, max_results 10`);
    console.log(`machine: ${cpu.length} x ${cpu[0]?.model ?? 'unknown CPU'}, Node ${process.version}, PGlite (PostgreSQL 18, WASM)`);
    console.log('');
    console.log('| path                               | queries |  p50 ms |  p95 ms | mean ms |  max ms | matches | found |');
    console.log('|------------------------------------|--------:|--------:|--------:|--------:|--------:|--------:|------:|');
    console.log(line('gateway (supabase-js rpc, RLS)', gateway));
    console.log(line('direct SQL (pg.query, same role)', direct));
    console.log('');
    console.log('matches: rows per query; found: perturbed queries whose source segment is among the matches.');
    if (sameWithoutBounds !== null) {
      console.log(`the same matches without the search bounds (tm_limit: scored, candidate words): ${sameWithoutBounds}`);
    }
    console.log(`total time ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
  } finally {
    await stack.stop();
  }
}

await main();
