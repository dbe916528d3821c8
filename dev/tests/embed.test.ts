// Issue 13 item 5: the `embed` Edge Function on the real stack (migrations, seed, gateway, Deno),
// its openai SDK talking to a local fake that speaks the embeddings wire format
// (support/fake-openai.ts). Batching, retries on 429 (honouring Retry-After) and 500, usage in
// ai_requests, background embedding of pending segments, semantic matches for a paraphrase
// through elements/core/data-access.ts, and no other department's segments. Without a key,
// semantic search says it is off and tm_search still works.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import ws from 'ws';
import { startStack, type RunningStack } from '../stack.js';
import { waitFor } from '../../signaling/tests/support/clients.js';
import type { Database } from '../../supabase/database.types.js';
import { semanticMatches, semanticSearchEnabled } from '../../elements/core/data-access.js';
import { startFakeOpenAI, type FakeOpenAI } from './support/fake-openai.js';

const ESDC = 'e5dc0000-0000-4000-a000-000000000001';
const TC = '7c000000-0000-4000-a000-000000000002';

function clientOf(stack: RunningStack, key = stack.anonKey): SupabaseClient<Database> {
  return createClient<Database>(stack.apiUrl, key, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: ws as unknown as typeof WebSocket },
  });
}

async function signedIn(stack: RunningStack, email: string): Promise<SupabaseClient<Database>> {
  const client = clientOf(stack);
  const { error } = await client.auth.signInWithPassword({ email, password: 'demo-password-1' });
  assert.equal(error, null, `${email} signs in: ${error?.message}`);
  return client;
}

/** How many segments still wait for an embedding (as the service). */
async function pendingCount(stack: RunningStack): Promise<number> {
  const { data, error } = await clientOf(stack, stack.serviceRoleKey).rpc('tm_pending_embeddings', { max_rows: 1000 });
  assert.equal(error, null, `tm_pending_embeddings: ${error?.message}`);
  return data!.length;
}

/** The function's answer: status and JSON body. */
async function invoke(client: SupabaseClient<Database>, body: unknown, method: 'POST' | 'GET' = 'POST') {
  const { data, error } = await client.functions.invoke('embed', method === 'GET' ? { method } : { body: body as Record<string, unknown> });
  if (!error) return { status: 200, body: data as Record<string, unknown> };
  const response = (error as { context?: Response }).context!;
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('embed with an embeddings key', () => {
  let fake: FakeOpenAI;
  let stack: RunningStack;
  let translator: SupabaseClient<Database>;
  let tcEditor: SupabaseClient<Database>;

  before(async () => {
    fake = await startFakeOpenAI();
    stack = await startStack({
      dataDir: 'memory', apiPort: 0, dbPort: 0, syncPort: 0, signalingPort: 0, log: () => {},
      functionSecrets: { OPENAI_API_KEY: 'sk-test-dummy', OPENAI_BASE_URL: fake.baseUrl },
      embeddingIntervalMs: 300,
    });
    translator = await signedIn(stack, 'translator@esdc.example');
    tcEditor = await signedIn(stack, 'editor@tc.example');
  });
  after(async () => {
    await stack?.stop();
    await fake?.close();
  });

  test('the seeded memory gets its embeddings in the background, usage charged per organization', async () => {
    assert.ok(await pendingCount(stack) > 0, 'the seed starts without embeddings');
    await waitFor(async () => (await pendingCount(stack)) === 0, 'every seeded segment to be embedded', 60_000);
    assert.ok(fake.requests.every((r) => r.authorization === 'Bearer sk-test-dummy' && r.model === 'text-embedding-3-small'));
    const usage = await stack.database.runAsOwner(async (tx) =>
      (await tx.query<{ organization_id: string; user_id: string | null }>(
        "select organization_id, user_id from public.ai_requests where function = 'embed' and outcome = 'success'")).rows);
    assert.ok(usage.some((u) => u.organization_id === ESDC && u.user_id === null), 'the background job charged ESDC, as the service');
  });

  test('GET says semantic search is on', async () => {
    assert.deepEqual(await invoke(translator, null, 'GET'), { status: 200, body: { enabled: true, model: 'text-embedding-3-small' } });
    assert.equal(await semanticSearchEnabled(translator), true);
  });

  test('texts are embedded in batches of 96, in order, and the call is recorded in ai_requests', async () => {
    const texts = Array.from({ length: 200 }, (_, i) => `sentence number ${i} about staffing`);
    const seen = fake.requests.length;
    const { status, body } = await invoke(translator, { texts, organization: ESDC });
    assert.equal(status, 200, JSON.stringify(body));
    assert.deepEqual(fake.requests.slice(seen).map((r) => r.inputs), [96, 96, 8], 'three provider requests');
    const embeddings = body['embeddings'] as number[][];
    assert.equal(embeddings.length, 200);
    assert.ok(embeddings.every((e) => e.length === 1536));
    assert.deepEqual(body['usage'], { prompt_tokens: 200 * 5 });
    const { data: rows, error } = await translator.from('ai_requests').select('organization_id, function, provider, model, tokens_in, estimated_cost, latency_ms, outcome').eq('tokens_in', 1000);
    assert.equal(error, null);
    assert.equal(rows!.length, 1, 'one usage row, readable by the caller');
    assert.deepEqual({ ...rows![0], latency_ms: typeof rows![0]!.latency_ms }, {
      organization_id: ESDC, function: 'embed', provider: 'openai-compatible', model: 'text-embedding-3-small',
      tokens_in: 1000, estimated_cost: 0.00002, latency_ms: 'number', outcome: 'success',
    });
  });

  test('429 with Retry-After, then 500, are retried by the SDK until the answer comes', async () => {
    fake.failNext({ status: 429, retryAfterSeconds: 1 }, 1);
    fake.failNext({ status: 500 }, 1);
    const seen = fake.requests.length;
    const { status, body } = await invoke(translator, { texts: ['Manages a team of officers.'] });
    assert.equal(status, 200, JSON.stringify(body));
    const attempts = fake.requests.slice(seen);
    assert.deepEqual(attempts.map((r) => r.status), [429, 500, 200]);
    assert.ok(attempts[1]!.at - attempts[0]!.at >= 950, `waited the Retry-After second (${attempts[1]!.at - attempts[0]!.at} ms)`);
  });

  test('a provider that keeps failing gives 502 and an error row, after 1 + 3 attempts', async () => {
    fake.failNext({ status: 503, retryAfterSeconds: 0 }, 4);
    const seen = fake.requests.length;
    const { status, body } = await invoke(translator, { texts: ['Always failing here.'] });
    assert.equal(status, 502);
    assert.match(String(body['error']), /the embeddings provider failed/);
    assert.equal(fake.requests.length - seen, 4);
    const { data } = await translator.from('ai_requests').select('outcome, error').eq('outcome', 'error');
    assert.equal(data!.length, 1);
    assert.match(data![0]!.error!, /the embeddings provider failed/);
  });

  test('a model answering with another size than 1536 is refused with 502', async () => {
    fake.dimensions = 3;
    try {
      const { status, body } = await invoke(translator, { texts: ['Wrong model configured.'] });
      assert.equal(status, 502);
      assert.match(String(body['error']), /the model answered with 3 dimensions; 1536 are needed/);
    } finally {
      fake.dimensions = 1536;
    }
  });

  test('bad requests get a 400 naming what was wrong', async () => {
    const cases: [unknown, RegExp][] = [
      [{ texts: [] }, /texts must hold at least one text/],
      [{ texts: Array.from({ length: 501 }, () => 'x') }, /texts must hold at most 500 texts/],
      [{ texts: ['x'.repeat(10_001)] }, /each text must be at most 10000 characters/],
      [{ texts: ['fine', '  '] }, /texts\[1\] is blank/],
      [{ texts: ['x'], organization: 'nope' }, /organization must be a UUID/],
      [{ query: 'x', source_lang: 'en', target_lang: 'de' }, /target_lang/],
      [{ something: 1 }, /send \{ texts \}/],
    ];
    for (const [request, message] of cases) {
      const { status, body } = await invoke(translator, request);
      assert.equal(status, 400, JSON.stringify(request).slice(0, 80));
      assert.match(String(body['error']), message);
    }
    const foreign = await invoke(translator, { texts: ['x'], organization: TC });
    assert.equal(foreign.status, 403);
    assert.match(String(foreign.body['error']), /not a member of organization 7c000000/);
  });

  test('only the service runs the pending mode', async () => {
    const { status, body } = await invoke(translator, { pending: true });
    assert.equal(status, 403);
    assert.equal(body['error'], 'only the service may embed pending segments');
    const service = await invoke(clientOf(stack, stack.serviceRoleKey), { pending: true });
    assert.deepEqual(service, { status: 200, body: { read: 0, embedded: 0, stored: 0, failed: [] } }, 'nothing is pending now');
  });

  test('a background round the provider fails leaves the segment pending, and a later round embeds it', async () => {
    const backgroundErrors = async () => stack.database.runAsOwner(async (tx) =>
      (await tx.query<{ n: number }>("select count(*)::int as n from public.ai_requests where outcome = 'error' and user_id is null")).rows[0]!.n);
    const before = await backgroundErrors();
    fake.failNext({ status: 503, retryAfterSeconds: 0 }, 4);
    const added = await translator.rpc('tm_add_segment', {
      source_text: 'Reviews travel claims for compliance with the directive.',
      target_text: 'Examine les demandes de remboursement de frais de voyage pour vérifier leur conformité à la directive.',
      source_lang: 'en', target_lang: 'fr', organization: ESDC,
    });
    assert.equal(added.error, null, added.error?.message);
    await waitFor(async () => (await backgroundErrors()) === before + 1, 'the failed round to be recorded', 30_000);
    await waitFor(async () => (await pendingCount(stack)) === 0, 'a later round to embed it', 30_000);
  });

  test('a new segment gets its embedding in the background; a paraphrase finds it as a semantic match', async () => {
    const added = await translator.rpc('tm_add_segment', {
      source_text: 'Coordinates the annual budget forecast with regional finance officers.',
      target_text: 'Coordonne les prévisions budgétaires annuelles avec les agents financiers régionaux.',
      source_lang: 'en', target_lang: 'fr', organization: ESDC,
    });
    assert.equal(added.error, null, added.error?.message);
    const id = added.data![0]!.segment_id;
    await waitFor(async () => (await pendingCount(stack)) === 0, 'the new segment to be embedded', 30_000);

    const found = await semanticMatches(translator, 'Coordinates the yearly budget forecast with the finance officers', { source: 'en', target: 'fr' });
    assert.ok('enabled' in found && found.enabled, JSON.stringify(found));
    assert.equal(found.matches[0]!.segment_id, id, 'the paraphrased segment comes first');
    assert.equal(found.matches[0]!.target, 'Coordonne les prévisions budgétaires annuelles avec les agents financiers régionaux.');
    assert.ok(found.matches[0]!.similarity >= 60, `similarity ${found.matches[0]!.similarity}`);

    // Transport Canada's editor asks the same: ESDC's segment is never among the answers.
    const foreign = await semanticMatches(tcEditor, 'Coordinates the yearly budget forecast with the finance officers', { source: 'en', target: 'fr' });
    assert.ok('enabled' in foreign && foreign.enabled, JSON.stringify(foreign));
    assert.ok(foreign.matches.length > 0, 'TC sees its own and the shared memory');
    assert.ok(foreign.matches.every((m) => m.organization_id !== ESDC), 'no ESDC segment');
  });

  test('end users cannot write an embedding, and a changed source text drops it', async () => {
    const { data } = await translator.from('tm_segments').select('id').eq('organization_id', ESDC).limit(1).single();
    const id = data!.id;
    const has = async () => stack.database.runAsOwner(async (tx) =>
      (await tx.query<{ has: boolean }>('select embedding is not null as has from public.tm_segments where id = $1', [id])).rows[0]!.has);
    assert.equal(await has(), true);
    const forged = await translator.from('tm_segments').update({ embedding: JSON.stringify(new Array(1536).fill(0.5)) }).eq('id', id);
    assert.equal(forged.error, null);
    const stored = await stack.database.runAsOwner(async (tx) =>
      (await tx.query<{ first: number }>('select (embedding::real[])[1] as first from public.tm_segments where id = $1', [id])).rows[0]!.first);
    assert.notEqual(stored, 0.5, 'the forged vector was not kept');
    const edited = await translator.from('tm_segments').update({ source_text: 'Prepares the monthly staffing report.' }).eq('id', id);
    assert.equal(edited.error, null);
    assert.equal(await has(), false, 'the old embedding is gone with its text');
  });
});

describe('embed without a key', () => {
  let stack: RunningStack;
  let translator: SupabaseClient<Database>;

  before(async () => {
    stack = await startStack({ dataDir: 'memory', apiPort: 0, dbPort: 0, syncPort: 0, signalingPort: 0, log: () => {}, functionSecrets: {} });
    translator = await signedIn(stack, 'translator@esdc.example');
  });
  after(async () => {
    await stack?.stop();
  });

  test('semantic search is off and says so; fuzzy search still works', async () => {
    assert.equal(stack.embedPendingSegments, null, 'no background embedding');
    assert.deepEqual(await invoke(translator, null, 'GET'), { status: 200, body: { enabled: false, model: null } });
    assert.equal(await semanticSearchEnabled(translator), false);
    assert.deepEqual(await invoke(translator, { texts: ['x'] }), {
      status: 503, body: { error: 'semantic search is off: no embeddings key configured' },
    });
    assert.deepEqual(await semanticMatches(translator, 'Prepares briefing notes', { source: 'en', target: 'fr' }), { enabled: false });
    const fuzzy = await translator.rpc('tm_search', { query: 'Prepares briefing notes and presentations for senior management.', source_lang: 'en', target_lang: 'fr' });
    assert.equal(fuzzy.error, null, fuzzy.error?.message);
    assert.ok(fuzzy.data!.length > 0, 'tm_search answers');
  });
});
