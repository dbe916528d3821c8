// Issue #20, finding 4: one translation-memory search must not block everyone. PGlite runs on
// the gateway's thread and serves one statement at a time (and ignores statement_timeout), so
// every public RPC has to bound its own work. Through the real gateway and supabase-js, on the
// real migrations and seed: hostile texts are refused with a 400 naming the limit, a search at
// the limits against a memory built to defeat the candidate search finishes quickly, and
// meanwhile /health and a small REST read from another client each answer within a second.
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

test('searches at the limits finish within a second against a memory built to defeat the candidate search', { timeout: 300_000 }, async () => {
  // 1 200 segments of the query's 200 words, each in another order: every one shares all the
  // query's words (so the candidate search's upper bound is 100) and none is a match.
  await stack.pg.query(
    `insert into public.tm_segments (organization_id, source_lang, target_lang, source_text, target_text, provenance)
     select $1, 'en', 'fr',
            (select string_agg(w, ' ' order by md5(g::text || w)) from unnest($2::text[]) w),
            'Permutation ' || g || '.', 'import'
       from generate_series(1, 1200) g`,
    [ESDC, VOCABULARY],
  );
  await stack.pg.exec('analyze public.tm_segments');
  const query = VOCABULARY.join(' ');

  const searches: [string, () => PromiseLike<{ error: unknown; status: number; data: unknown }>][] = [
    ...[100, 70, 30, 0].map((minScore): [string, () => PromiseLike<{ error: unknown; status: number; data: unknown }>] => [
      `tm_search, ${MAX_WORDS} words, min_score ${minScore}`,
      () => translator.rpc('tm_search', { query, source_lang: 'en', target_lang: 'fr', min_score: minScore, max_results: 100 }),
    ]),
    [`tm_search, ${MAX_WORDS} times the same word, min_score 0`,
      () => translator.rpc('tm_search', { query: 'w000 '.repeat(MAX_WORDS), source_lang: 'en', target_lang: 'fr', min_score: 0, max_results: 100 })],
    ['concordance_search, a two-letter term', () => translator.rpc('concordance_search', { term: 'w0', lang: 'en', max_results: 100 })],
    ['concordance_search, a 500-character term',
      () => translator.rpc('concordance_search', { term: query.slice(0, 500), lang: 'en', max_results: 100 })],
    ['glossary_lookup, 10 000 characters',
      () => translator.rpc('glossary_lookup', { input_text: 'The applicant meets the deadline. '.repeat(300).slice(0, 10000), lang: 'en' })],
  ];
  for (const [label, rpc] of searches) {
    const { search, ...others } = await alongsideOthers(rpc);
    assert.equal(search.result.error, null, `${label}: ${JSON.stringify(search.result.error)}`);
    assert.ok(search.ms < RESPONSIVE_MS, `${label} took ${search.ms.toFixed(0)} ms`);
    assertResponsive(label, others);
  }
});
