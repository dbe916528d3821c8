// Issue #13, item 4 and criterion 6: approving a document adds its pairs to the translation
// memory, once. On the real migrations and seed, through the real gateway with supabase-js: the
// seeded editor submits ESDC's job description and the seeded reviewer approves it; the sync
// server's harvest worker writes the aligned sentence pairs (a seeded body sentence counts one
// use instead of a second row; a heading pair is new, with its provenance). Approving the
// unchanged document again, and once more while the sync server is down (the job waits in the
// queue and is taken when the server starts again), adds no row and no use. Transport Canada's
// editor sees none of it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import ws from 'ws';
import { startStack, type RunningStack } from '../stack.js';
import { waitFor } from '../../signaling/tests/support/clients.js';
import type { Database } from '../../supabase/database.types.js';
import { confirmTmPair } from '../../elements/core/data-access.js';

const ESDC = 'e5dc0000-0000-4000-a000-000000000001';
const DOCUMENT = 'e5dc0000-0000-4000-a000-00000000d001';
// Line 6 of the seeded "Key Activities" section, in both languages (supabase/seed.sql).
const SEEDED = {
  en: 'Prepares briefing notes, correspondence and reports for senior management.',
  fr: 'Prépare des notes d\'information, de la correspondance et des rapports à l\'intention de la haute direction.',
};
const HEADING = { en: 'Key Activities', fr: 'Activités principales' };

let stack: RunningStack;
let editor: SupabaseClient<Database>;
let reviewer: SupabaseClient<Database>;
let foreignEditor: SupabaseClient<Database>;

/** The real supabase-js, typed as the elements use it, signed in as a seeded demo account. */
async function signedIn(email: string): Promise<SupabaseClient<Database>> {
  const client = createClient<Database>(stack.apiUrl, stack.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: ws as unknown as typeof WebSocket },
  });
  const { error } = await client.auth.signInWithPassword({ email, password: 'demo-password-1' });
  assert.equal(error, null, `${email} signs in: ${error?.message}`);
  return client;
}

/** The harvest jobs of the document, oldest first, read as the database owner (the queue is private). */
async function jobs(): Promise<{ state: string; pairs_written: number | null }[]> {
  return stack.database.runAsOwner(async (tx) => {
    const { rows } = await tx.query<{ state: string; pairs_written: number | null }>(
      'select state, pairs_written from private.tm_harvest_jobs where document_id = $1 order by id', [DOCUMENT]);
    return rows;
  });
}

async function approve() {
  const submitted = await editor.rpc('submit_for_review', { doc: DOCUMENT });
  assert.equal(submitted.error, null, `submit_for_review: ${submitted.error?.message}`);
  const decided = await reviewer.rpc('decide_approval', { doc: DOCUMENT, decision: 'approved' });
  assert.equal(decided.error, null, `decide_approval: ${decided.error?.message}`);
}

async function reopen() {
  const { error } = await editor.rpc('start_revision', { doc: DOCUMENT });
  assert.equal(error, null, `starting a new revision: ${error?.message}`);
}

/** Every segment of ESDC's memory as the editor reads it: id, texts, usage, provenance. */
async function esdcMemory() {
  const { data, error } = await editor
    .from('tm_segments')
    .select('id, source_text, target_text, usage_count, provenance, document_id, last_used_at')
    .eq('organization_id', ESDC)
    .order('id');
  assert.equal(error, null, error?.message);
  return data!;
}

const find = (memory: Awaited<ReturnType<typeof esdcMemory>>, pair: { en: string; fr: string }) =>
  memory.filter((row) => row.source_text === pair.en && row.target_text === pair.fr);

before(async () => {
  stack = await startStack({ dataDir: 'memory', apiPort: 0, dbPort: 0, syncPort: 0, signalingPort: 0, log: () => {} });
  editor = await signedIn('editor@esdc.example');
  reviewer = await signedIn('reviewer@esdc.example');
  foreignEditor = await signedIn('editor@tc.example');
});
after(async () => {
  await stack?.stop();
});

test('approving a document adds its aligned pairs to the memory, with provenance, once', async () => {
  const before = await esdcMemory();
  assert.equal(find(before, SEEDED).length, 1, 'the seed holds the body sentence once');
  assert.equal(find(before, SEEDED)[0]!.usage_count, 0, 'unused so far');
  assert.equal(find(before, HEADING).length, 0, 'and no heading pair');

  await approve();
  await waitFor(async () => (await jobs()).every((job) => job.state === 'done') && (await jobs()).length === 1, 'the approval to be harvested');
  const harvested = await esdcMemory();
  const seeded = find(harvested, SEEDED);
  assert.equal(seeded.length, 1, 'a pair the memory holds is not added again');
  assert.equal(seeded[0]!.usage_count, 1, 'it counts one use');
  assert.equal(seeded[0]!.provenance, 'document');
  assert.equal(seeded[0]!.document_id, DOCUMENT);
  const heading = find(harvested, HEADING);
  assert.equal(heading.length, 1, 'a heading pair is new');
  assert.deepEqual({ ...heading[0], id: undefined, last_used_at: undefined },
    { id: undefined, source_text: HEADING.en, target_text: HEADING.fr, usage_count: 1, provenance: 'document', document_id: DOCUMENT, last_used_at: undefined });
  const approvedAt = await stack.database.runAsOwner(async (tx) =>
    (await tx.query<{ approved_at: string }>('select approved_at::text from private.tm_harvest_jobs where document_id = $1', [DOCUMENT])).rows[0]!.approved_at);
  assert.equal(new Date(heading[0]!.last_used_at!).getTime(), new Date(approvedAt).getTime(), 'last used when the document was approved');
  // Every line of the six sections aligned 1-1: 24 body sentences and 5 heading pairs ("Effort"
  // is the same word in both languages: not memory). The seed wrote line k of each English body
  // with line k of the French one, so a correct alignment finds exactly those rows again.
  assert.equal((await jobs())[0]!.pairs_written, 29);
  assert.equal(harvested.length - before.length, 5, 'only the headings are new rows');
  const seededBody = before.filter((row) => row.document_id === DOCUMENT);
  assert.equal(seededBody.length, 24);
  assert.deepEqual(harvested.filter((row) => seededBody.some((s) => s.id === row.id)).map((row) => row.usage_count), seededBody.map(() => 1),
    'each seeded body sentence pair was found by the aligner and counted once');

  // Again, unchanged: a second job, no new row and no new use.
  await reopen();
  await approve();
  await waitFor(async () => (await jobs()).length === 2 && (await jobs()).every((job) => job.state === 'done'), 'the second approval to be harvested');
  assert.deepEqual((await esdcMemory()).map((row) => [row.id, row.usage_count]), harvested.map((row) => [row.id, row.usage_count]),
    'approving the unchanged document again changes nothing');

  // Once more while the sync server is down: the job waits, and is taken when it starts again.
  await reopen();
  await stack.sync.stop();
  await approve();
  assert.deepEqual((await jobs()).map((job) => job.state), ['done', 'done', 'pending'], 'queued while no worker runs');
  await stack.sync.start();
  await waitFor(async () => (await jobs()).every((job) => job.state === 'done'), 'the queued approval to be harvested after the restart');
  assert.deepEqual((await esdcMemory()).map((row) => [row.id, row.usage_count]), harvested.map((row) => [row.id, row.usage_count]),
    'nothing duplicated across the restart');
});

test('another department sees none of the harvested memory', async () => {
  const { data, error } = await foreignEditor.from('tm_segments').select('id').or(`organization_id.eq.${ESDC},document_id.eq.${DOCUMENT}`);
  assert.equal(error, null, error?.message);
  assert.deepEqual(data, []);
  const search = await foreignEditor.rpc('tm_search', { query: HEADING.en, source_lang: 'en', target_lang: 'fr', min_score: 100 });
  assert.equal(search.error, null, search.error?.message);
  assert.equal((search.data as { document_id?: string | null }[]).filter((m) => m.document_id === DOCUMENT).length, 0);
});

test('a translator confirms one pair from the editor; a viewer may not', async () => {
  const translator = await signedIn('translator@esdc.example');
  const confirmed = await confirmTmPair(translator, {
    documentId: DOCUMENT, sectionId: 'skill', sourceLang: 'fr', sourceText: 'Gestion des subventions', targetText: 'Grants management',
  });
  assert.ok('confirmed' in confirmed, JSON.stringify(confirmed));
  assert.deepEqual(confirmed.confirmed, { segmentId: confirmed.confirmed!.segmentId, usageCount: 1, created: true, counted: true });
  const row = find(await esdcMemory(), { en: 'Grants management', fr: 'Gestion des subventions' });
  assert.equal(row.length, 1, 'stored English to French');
  assert.equal(row[0]!.provenance, 'user');

  const viewer = await signedIn('viewer@esdc.example');
  const refused = await viewer.rpc('tm_confirm_pair', {
    source_text: 'Grants management', target_text: 'Gestion des subventions', source_lang: 'en', doc: DOCUMENT, section_id: 'skill',
  });
  assert.equal(refused.error?.code, '42501');
  assert.match(refused.error!.message, /your role \(viewer\) cannot confirm translation memory pairs/);
  const bad = await confirmTmPair(translator, {
    documentId: DOCUMENT, sectionId: 'skill', sourceLang: 'en', sourceText: 'Grants management', targetText: 'x'.repeat(2001),
  });
  assert.ok('error' in bad);
  assert.match(bad.error, /target_text must be at most 2000 characters/);
});
