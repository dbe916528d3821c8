// Issue #20, finding 4: one translation-memory search must not block everyone. PGlite runs on
// the gateway's thread and serves one statement at a time (and ignores statement_timeout), so
// every public RPC has to bound its own work. Through the real gateway and supabase-js, on the
// real migrations and seed: hostile texts are refused with a 400 naming the limit, and every
// search RPC at the limits (tm_search at any min_score, concordance_search, glossary_lookup,
// list_documents) against 20 000 segments and glossary terms built to defeat their candidate
// searches answers within a second, while /health and a small REST read from another client
// each answer within a second too. The figures are printed.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import ws from 'ws';
import { startStack, type RunningStack } from '../stack.js';

const ESDC = 'e5dc0000-0000-4000-a000-000000000001';
const PASSWORD = 'demo-password-1';
const MAX_CHARACTERS = 2000;
const MAX_WORDS = 200;
const RESPONSIVE_MS = 1000;
// 10 000 characters, 5 000 one-letter words: the hostile segment.
const HOSTILE = Array.from({ length: 5000 }, (_, i) => 'abcdefghijklmnopqrstuvwxyz'[i % 26]).join(' ') + '.';
// The query at the limit: 200 distinct words (w000 ... w199).
const VOCABULARY = Array.from({ length: MAX_WORDS }, (_, i) => `w${String(i).padStart(3, '0')}`);

let stack: RunningStack;
let translator: SupabaseClient;
let viewer: SupabaseClient;
let service: SupabaseClient;

function client(key = stack.anonKey): SupabaseClient {
  return createClient(stack.apiUrl, key, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: ws as unknown as typeof WebSocket },
  });
}

async function signedIn(email: string): Promise<SupabaseClient> {
  const c = client();
  const { error } = await c.auth.signInWithPassword({ email, password: PASSWORD });
  assert.equal(error, null, `${email} signs in: ${error?.message}`);
  return c;
}

before(async () => {
  stack = await startStack({ dataDir: 'memory', apiPort: 0, dbPort: 0, syncPort: 0, signalingPort: 0, log: () => {} });
  translator = await signedIn('translator@esdc.example');
  viewer = await signedIn('viewer@esdc.example');
  service = client(stack.serviceRoleKey);
});

after(async () => {
  await stack?.stop();
});

async function timed<T>(work: () => PromiseLike<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

/**
 * Runs an RPC and, at the same time, /health and a small REST read from another client; returns
 * the RPC's answer and the time each of the three took.
 */
async function alongsideOthers(rpc: () => PromiseLike<{ error: unknown; status: number; data: unknown }>) {
  const [search, health, read] = await Promise.all([
    timed(rpc),
    timed(() => fetch(`${stack.apiUrl}/health`)),
    timed(() => viewer.from('job_descriptions').select('id').limit(1)),
  ]);
  assert.equal(health.result.status, 200, '/health answers 200');
  assert.equal(read.result.error, null, `the REST read succeeds: ${read.result.error?.message}`);
  assert.equal(read.result.data?.length, 1);
  return { search, healthMs: health.ms, readMs: read.ms };
}

/**
 * Loading the hostile memory blocks the gateway's event loop (PGlite shares its thread) for longer
 * than the keep-alive timeouts, so the client's pooled sockets may be closing as it reuses them
 * ("fetch failed"): waits until /health and a REST read each succeed once before anything is timed.
 */
async function settleConnections(attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      const [health, read] = await Promise.all([fetch(`${stack.apiUrl}/health`), viewer.from('job_descriptions').select('id').limit(1)]);
      if (health.ok && read.error === null) return;
    } catch (error) {
      if (attempt >= attempts) throw error;
    }
    if (attempt >= attempts) throw new Error('the gateway did not answer /health and a REST read after the load');
  }
}

function assertResponsive(label: string, times: { healthMs: number; readMs: number }) {
  assert.ok(times.healthMs < RESPONSIVE_MS, `${label}: /health answered in ${times.healthMs.toFixed(0)} ms`);
  assert.ok(times.readMs < RESPONSIVE_MS, `${label}: the REST read answered in ${times.readMs.toFixed(0)} ms`);
}

test('tm_add_segment refuses texts over the limits with a 400 naming the argument and the limit', async () => {
  const tooLong = await translator.rpc('tm_add_segment', { source_text: HOSTILE, target_text: 'Cible.', source_lang: 'en', target_lang: 'fr' });
  assert.equal(tooLong.status, 400);
  assert.equal(tooLong.error?.code, '22023');
  assert.equal(tooLong.error?.message, `source_text must be at most ${MAX_CHARACTERS} characters (got ${HOSTILE.length})`);

  const tooManyWords = 'a '.repeat(MAX_WORDS + 1).trim();
  const wordy = await translator.rpc('tm_add_segment', { source_text: 'Source.', target_text: tooManyWords, source_lang: 'en', target_lang: 'fr' });
  assert.equal(wordy.status, 400);
  assert.equal(wordy.error?.code, '22023');
  assert.equal(wordy.error?.message, `target_text must be at most ${MAX_WORDS} words (got ${MAX_WORDS + 1})`);

  const atTheLimit = await translator.rpc('tm_add_segment', {
    source_text: VOCABULARY.join(' '), target_text: 'Deux cents mots.', source_lang: 'en', target_lang: 'fr',
  });
  assert.equal(atTheLimit.error, null, `a segment of ${MAX_WORDS} words is accepted: ${atTheLimit.error?.message}`);
});

test('stored segments are bounded however they are written: a service-role insert of the hostile segment gets 400', async () => {
  const { error, status } = await service.from('tm_segments').insert({
    organization_id: ESDC, source_lang: 'en', target_lang: 'fr', source_text: HOSTILE, target_text: 'Cible hostile.', provenance: 'import',
  });
  assert.equal(status, 400);
  assert.equal(error?.code, '23514', `a check constraint refuses it: ${error?.message}`);
  assert.match(error?.message ?? '', /tm_segments_source_text_max_length/);
});

test('a hostile tm_search answers at once with a 400 naming the limit, and /health and a REST read answer within 1 s', { timeout: 120_000 }, async () => {
  // The worst memory the database accepts: the hostile segment itself where it still can be stored.
  await stack.pg.query(
    `insert into public.tm_segments (organization_id, source_lang, target_lang, source_text, target_text, provenance)
     values ($1, 'en', 'fr', $2, 'Recherche hostile.', 'import')`,
    [ESDC, HOSTILE],
  ).catch((error: { code?: string }) => {
    if (error.code !== '23514') throw error;
  });

  const { search, ...others } = await alongsideOthers(() =>
    translator.rpc('tm_search', { query: HOSTILE, source_lang: 'en', target_lang: 'fr', min_score: 70 }));
  const { status, error } = search.result as { status: number; error: { code: string; message: string } | null };
  assert.equal(status, 400, `a 400, not a search (${search.ms.toFixed(0)} ms)`);
  assert.equal(error?.code, '22023');
  assert.equal(error?.message, `query must be at most ${MAX_CHARACTERS} characters (got ${HOSTILE.length})`);
  assert.ok(search.ms < RESPONSIVE_MS, `the refusal took ${search.ms.toFixed(0)} ms`);
  assertResponsive('hostile tm_search', others);

  const wordy = await translator.rpc('tm_search', { query: 'a '.repeat(MAX_WORDS + 1), source_lang: 'en', target_lang: 'fr' });
  assert.equal(wordy.status, 400);
  assert.equal(wordy.error?.message, `query must be at most ${MAX_WORDS} words (got ${MAX_WORDS + 1})`);
});

// The hostile memory of the last test: as many segments (and glossary terms) as an organization's
// editors could write. 20 000 by default; JD_TM_HOSTILE_ROWS=50000 shows the trend.
const HOSTILE_ROWS = Number(process.env.JD_TM_HOSTILE_ROWS ?? 20000);

type Rpc = () => PromiseLike<{ error: unknown; status: number; data: unknown }>;

test(`searches at the limits finish within a second against ${HOSTILE_ROWS} hostile segments and glossary terms`, { timeout: 900_000 }, async () => {
  // Segments of the query's 200 words, each in another order: every one shares all the query's
  // words (so the candidate search's upper bound is 100), the two-letter concordance term and the
  // 500-character one, and none is a fuzzy match. Loaded as an import would be (no per-row audit).
  await stack.pg.exec('alter table public.tm_segments disable trigger audit; alter table public.glossary_terms disable trigger audit');
  for (let from = 1; from <= HOSTILE_ROWS; from += 2000) {
    await stack.pg.query(
      `insert into public.tm_segments (organization_id, source_lang, target_lang, source_text, target_text, provenance)
       select $1, 'en', 'fr',
              (select string_agg(w, ' ' order by md5(g::text || w)) from unnest($2::text[]) w),
              'Permutation ' || g || '.', 'import'
         from generate_series($3::integer, $4::integer) g`,
      [ESDC, VOCABULARY, from, Math.min(HOSTILE_ROWS, from + 1999)],
    );
  }
  // Glossary terms an editor may propose (pending), all starting with the same word and all
  // present in the glossary input below.
  await stack.pg.query(
    `insert into public.glossary_terms (organization_id, term_en, term_fr, status)
     select $1, 'applicant ' || g, 'candidat ' || g, 'pending' from generate_series(1, $2::integer) g`,
    [ESDC, HOSTILE_ROWS],
  );
  await stack.pg.exec('alter table public.tm_segments enable trigger audit; alter table public.glossary_terms enable trigger audit');
  await stack.pg.exec('analyze public.tm_segments; analyze public.glossary_terms');
  await settleConnections();
  const query = VOCABULARY.join(' ');
  const search = (q: string, minScore: number): Rpc =>
    () => translator.rpc('tm_search', { query: q, source_lang: 'en', target_lang: 'fr', min_score: minScore, max_results: 100 });

  const searches: [string, Rpc][] = [
    ...[100, 70, 50, 30, 0].map((minScore): [string, Rpc] => [`tm_search, ${MAX_WORDS} words, min_score ${minScore}`, search(query, minScore)]),
    ...[50, 0].map((minScore): [string, Rpc] => [`tm_search, ${MAX_WORDS} times the same word, min_score ${minScore}`,
      search('w000 '.repeat(MAX_WORDS), minScore)]),
    ['tm_search, two words, min_score 50', search('w000 w001', 50)],
    ['concordance_search, a two-letter term', () => translator.rpc('concordance_search', { term: 'w0', lang: 'en', max_results: 100 })],
    ['concordance_search, a 500-character term',
      () => translator.rpc('concordance_search', { term: query.slice(0, 500), lang: 'en', max_results: 100 })],
    ['glossary_lookup, 10 000 characters of seed terms',
      () => translator.rpc('glossary_lookup', { input_text: 'The applicant meets the deadline. '.repeat(300).slice(0, 10000), lang: 'en' })],
    ['glossary_lookup, 10 000 characters of hostile terms',
      () => translator.rpc('glossary_lookup', {
        input_text: Array.from({ length: 2000 }, (_, i) => `applicant ${i + 1}`).join(' ').slice(0, 10000), lang: 'en' })],
    ['list_documents, a 500-character search', () => translator.rpc('list_documents', { search_text: query.slice(0, 500) })],
  ];
  const figures: string[] = [];
  for (const [label, rpc] of searches) {
    const { search: answer, ...others } = await alongsideOthers(rpc);
    assert.equal(answer.result.error, null, `${label}: ${JSON.stringify(answer.result.error)}`);
    figures.push(`${label}: ${answer.ms.toFixed(0)} ms (${(answer.result.data as unknown[]).length} rows)`);
    assert.ok(answer.ms < RESPONSIVE_MS, `${label} took ${answer.ms.toFixed(0)} ms`);
    assertResponsive(label, others);
  }
  console.log(`against ${HOSTILE_ROWS} hostile segments and glossary terms:\n  ${figures.join('\n  ')}`);
});
