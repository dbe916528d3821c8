// Acceptance (issue #4, criterion 5): every RPC rejects bad arguments (null document, unknown
// language code, negative limit, limit over 100, text over 10 000 characters) with a clear
// message naming the argument and HTTP 400 / SQLSTATE 22023, through the real gateway and the
// real supabase-js, on the real migrations and seed. Callers without the right get 401/403 42501.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import ws from 'ws';
import { startStack, type RunningStack } from '../stack.js';

const ESDC_DOC = 'e5dc0000-0000-4000-a000-00000000d001';
const LONG = 'x'.repeat(10_001);

let stack: RunningStack;
let admin: SupabaseClient;
let anon: SupabaseClient;

function client(): SupabaseClient {
  return createClient(stack.apiUrl, stack.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: ws as unknown as typeof WebSocket },
  });
}

before(async () => {
  stack = await startStack({ dataDir: 'memory', apiPort: 0, dbPort: 0, log: () => {} });
  anon = client();
  admin = client();
  const { error } = await admin.auth.signInWithPassword({ email: 'admin@esdc.example', password: 'demo-password-1' });
  assert.equal(error, null, `the seeded admin signs in: ${error?.message}`);
});

after(async () => {
  await stack?.stop();
});

interface Case {
  fn: string;
  args: Record<string, unknown>;
  message: string | RegExp;
}

// One row per RPC and kind of bad argument; arguments other than the bad one are valid.
const BAD: Case[] = [
  // null document
  { fn: 'can_open_document', args: { doc: null }, message: 'doc must not be null' },
  { fn: 'add_comment', args: { doc: null, body: 'Hello' }, message: 'doc must not be null' },
  { fn: 'save_version', args: { doc: null, version_name: 'v1' }, message: 'doc must not be null' },
  { fn: 'submit_for_review', args: { doc: null }, message: 'doc must not be null' },
  { fn: 'decide_approval', args: { doc: null, decision: 'approved' }, message: 'doc must not be null' },
  { fn: 'start_revision', args: { doc: null }, message: 'doc must not be null' },
  { fn: 'resolve_comment', args: { comment_id: null }, message: 'comment_id must not be null' },
  // unknown language code
  { fn: 'tm_search', args: { query: 'Occasional travel is required.', source_lang: 'de', target_lang: 'fr' }, message: "source_lang must be 'en' or 'fr' (got 'de')" },
  { fn: 'tm_search', args: { query: 'Occasional travel is required.', source_lang: 'en', target_lang: 'FR' }, message: "target_lang must be 'en' or 'fr' (got 'FR')" },
  { fn: 'concordance_search', args: { term: 'direction', lang: 'es' }, message: "lang must be 'en' or 'fr' (got 'es')" },
  { fn: 'glossary_lookup', args: { input_text: 'The deadline.', lang: 'english' }, message: "lang must be 'en' or 'fr' (got 'english')" },
  { fn: 'add_comment', args: { doc: ESDC_DOC, body: 'Hello', lang: 'de' }, message: "lang must be 'en' or 'fr' (got 'de')" },
  { fn: 'tm_add_segment', args: { source_text: 'A.', target_text: 'B.', source_lang: 'en', target_lang: 'it' }, message: "target_lang must be 'en' or 'fr' (got 'it')" },
  { fn: 'tm_semantic_search', args: { query_embedding: `[${new Array(1536).fill(0.1).join(',')}]`, source_lang: 'xx', target_lang: 'fr' }, message: "source_lang must be 'en' or 'fr' (got 'xx')" },
  // negative limit
  { fn: 'list_documents', args: { max_results: -1 }, message: 'max_results must be between 1 and 100 (got -1)' },
  { fn: 'tm_search', args: { query: 'Occasional travel is required.', source_lang: 'en', target_lang: 'fr', max_results: -5 }, message: 'max_results must be between 1 and 100 (got -5)' },
  { fn: 'concordance_search', args: { term: 'direction', lang: 'fr', max_results: -1 }, message: 'max_results must be between 1 and 100 (got -1)' },
  { fn: 'tm_semantic_search', args: { query_embedding: `[${new Array(1536).fill(0.1).join(',')}]`, source_lang: 'en', target_lang: 'fr', max_results: -1 }, message: 'max_results must be between 1 and 100 (got -1)' },
  // limit over 100
  { fn: 'list_documents', args: { max_results: 101 }, message: 'max_results must be between 1 and 100 (got 101)' },
  { fn: 'tm_search', args: { query: 'Occasional travel is required.', source_lang: 'en', target_lang: 'fr', max_results: 500 }, message: 'max_results must be between 1 and 100 (got 500)' },
  { fn: 'concordance_search', args: { term: 'direction', lang: 'fr', max_results: 1000 }, message: 'max_results must be between 1 and 100 (got 1000)' },
  { fn: 'tm_semantic_search', args: { query_embedding: `[${new Array(1536).fill(0.1).join(',')}]`, source_lang: 'en', target_lang: 'fr', max_results: 101 }, message: 'max_results must be between 1 and 100 (got 101)' },
  // text over 10 000 characters
  { fn: 'list_documents', args: { search_text: LONG }, message: 'search_text must be at most 500 characters (got 10001)' },
  { fn: 'tm_search', args: { query: LONG, source_lang: 'en', target_lang: 'fr' }, message: 'query must be at most 2000 characters (got 10001)' },
  { fn: 'concordance_search', args: { term: LONG, lang: 'en' }, message: 'term must be at most 500 characters (got 10001)' },
  { fn: 'glossary_lookup', args: { input_text: LONG, lang: 'en' }, message: 'input_text must be at most 10000 characters (got 10001)' },
  { fn: 'add_comment', args: { doc: ESDC_DOC, body: LONG }, message: 'body must be at most 10000 characters (got 10001)' },
  { fn: 'save_version', args: { doc: ESDC_DOC, version_name: 'v1', version_note: LONG }, message: 'version_note must be at most 10000 characters (got 10001)' },
  { fn: 'submit_for_review', args: { doc: ESDC_DOC, note: LONG }, message: 'note must be at most 10000 characters (got 10001)' },
  { fn: 'decide_approval', args: { doc: ESDC_DOC, decision: 'changes_requested', comment: LONG }, message: 'comment must be at most 10000 characters (got 10001)' },
  { fn: 'tm_add_segment', args: { source_text: LONG, target_text: 'B.', source_lang: 'en', target_lang: 'fr' }, message: 'source_text must be at most 2000 characters (got 10001)' },
  // other invalid values
  { fn: 'tm_search', args: { query: 'x', source_lang: 'en', target_lang: 'fr', min_score: 101 }, message: 'min_score must be between 0 and 100 (got 101)' },
  { fn: 'tm_search', args: { query: 'x', source_lang: 'en', target_lang: 'en' }, message: 'source_lang and target_lang must differ (both en)' },
  { fn: 'list_documents', args: { status_filter: 'published' }, message: "status_filter must be draft, in_review, approved or archived (got 'published')" },
  { fn: 'decide_approval', args: { doc: ESDC_DOC, decision: 'ok' }, message: "decision must be approved, changes_requested or rejected (got 'ok')" },
  { fn: 'tm_semantic_search', args: { query_embedding: '[1,2,3]', source_lang: 'en', target_lang: 'fr' }, message: 'query_embedding must have 1536 dimensions (got 3)' },
  // tm_confirm_pair (issue #13, item 4)
  { fn: 'tm_confirm_pair', args: { source_text: 'A.', target_text: 'B.', source_lang: 'en', doc: null, section_id: 'skill' }, message: 'doc must not be null' },
  { fn: 'tm_confirm_pair', args: { source_text: 'A.', target_text: 'B.', source_lang: 'de', doc: ESDC_DOC, section_id: 'skill' }, message: "source_lang must be 'en' or 'fr' (got 'de')" },
  { fn: 'tm_confirm_pair', args: { source_text: LONG, target_text: 'B.', source_lang: 'en', doc: ESDC_DOC, section_id: 'skill' }, message: 'source_text must be at most 2000 characters (got 10001)' },
  { fn: 'tm_confirm_pair', args: { source_text: 'A.', target_text: 'B.', source_lang: 'en', doc: ESDC_DOC, section_id: 'nowhere' }, message: `section_id 'nowhere' is not a section of document ${ESDC_DOC}` },
];

test('every RPC is covered by the bad-argument cases', () => {
  const covered = new Set(BAD.map((c) => c.fn));
  for (const fn of ['can_open_document', 'list_documents', 'tm_search', 'concordance_search', 'glossary_lookup', 'add_comment',
    'resolve_comment', 'save_version', 'submit_for_review', 'decide_approval', 'start_revision', 'tm_add_segment', 'tm_semantic_search', 'tm_confirm_pair']) {
    assert.ok(covered.has(fn), `${fn} has bad-argument cases`);
  }
});

for (const c of BAD) {
  const shown = JSON.stringify(c.args, (_, v: unknown) => (typeof v === 'string' && v.length > 60 ? `<${v.length} chars>` : v));
  test(`${c.fn}(${shown}) → 400 22023: ${c.message}`, async () => {
    const { data, error, status } = await admin.rpc(c.fn, c.args);
    assert.equal(data, null);
    assert.ok(error, 'an error comes back');
    assert.equal(status, 400, `HTTP status for ${error.message}`);
    assert.equal(error.code, '22023');
    if (typeof c.message === 'string') assert.equal(error.message, c.message);
    else assert.match(error.message, c.message);
  });
}

test('anon calling an RPC for signed-in users gets 401 with 42501', async () => {
  const { error, status } = await anon.rpc('tm_search', { query: 'Occasional travel is required.', source_lang: 'en', target_lang: 'fr' });
  assert.equal(status, 401);
  assert.equal(error?.code, '42501');
});

test('a missing right is 403 42501 with a message saying which role is needed', async () => {
  const viewer = client();
  await viewer.auth.signInWithPassword({ email: 'viewer@esdc.example', password: 'demo-password-1' });
  const { error, status } = await viewer.rpc('add_comment', { doc: ESDC_DOC, body: 'A viewer tries' });
  assert.equal(status, 403);
  assert.equal(error?.code, '42501');
  assert.equal(error?.message, 'your role (viewer) cannot comment on this document; this needs editor, translator, reviewer, admin');
});

test("a request the document's state does not allow is 400 P0001", async () => {
  const { error, status } = await admin.rpc('decide_approval', { doc: ESDC_DOC, decision: 'approved' });
  assert.equal(status, 400);
  assert.equal(error?.code, 'P0001');
  assert.match(error?.message ?? '', /has no review round waiting for a decision/);
});

test('after all that, valid calls still work', async () => {
  const { data, error } = await admin.rpc('tm_search', { query: 'Occasional travel is required.', source_lang: 'en', target_lang: 'fr' });
  assert.equal(error, null);
  assert.equal((data as { score: number }[])[0]?.score, 100);
});
