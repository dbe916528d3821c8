// The seeded demo accounts through the real gateway and supabase-js: who signs in, what
// list_documents shows each of them, that a user of another organization gets nothing through
// any RPC or table read, and the review workflow end to end.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import ws from 'ws';
import { startStack, type RunningStack } from '../stack.js';

const ESDC_ORG = 'e5dc0000-0000-4000-a000-000000000001';
const TC_ORG = '7c000000-0000-4000-a000-000000000002';
const ESDC_DOC = 'e5dc0000-0000-4000-a000-00000000d001';
const TC_DOC = '7c000000-0000-4000-a000-00000000d001';
const ESDC_COMMENT = 'e5dc0000-0000-4000-a000-00000000c001';
const PASSWORD = 'demo-password-1';

const ACCOUNTS = ['viewer@esdc.example', 'editor@esdc.example', 'translator@esdc.example', 'reviewer@esdc.example',
  'admin@esdc.example', 'editor@tc.example'] as const;
type Account = (typeof ACCOUNTS)[number];

let stack: RunningStack;
const clients = new Map<Account, SupabaseClient>();
const as = (account: Account) => clients.get(account)!;

function client(): SupabaseClient {
  return createClient(stack.apiUrl, stack.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: ws as unknown as typeof WebSocket },
  });
}

before(async () => {
  stack = await startStack({ dataDir: 'memory', apiPort: 0, dbPort: 0, log: () => {} });
  for (const email of ACCOUNTS) {
    const c = client();
    const { data, error } = await c.auth.signInWithPassword({ email, password: PASSWORD });
    assert.equal(error, null, `${email} signs in with the demo password: ${error?.message}`);
    assert.equal(data.user?.email, email);
    clients.set(email, c);
  }
});

after(async () => {
  await stack?.stop();
});

interface DocumentRow {
  id: string;
  organization_id: string;
  title_en: string;
  title_fr: string;
  classification: string;
  status: string;
  access: string;
}

test('a wrong password is refused', async () => {
  const { error } = await client().auth.signInWithPassword({ email: 'editor@esdc.example', password: 'not-the-password' });
  assert.ok(error);
});

test('list_documents() with no arguments: what each account may open', async () => {
  const expected: Record<Account, [string, string]> = {
    'viewer@esdc.example': [ESDC_DOC, 'view'],
    'editor@esdc.example': [ESDC_DOC, 'edit'],
    'translator@esdc.example': [ESDC_DOC, 'edit'],
    'reviewer@esdc.example': [ESDC_DOC, 'view'],
    'admin@esdc.example': [ESDC_DOC, 'edit'],
    'editor@tc.example': [TC_DOC, 'edit'],
  };
  for (const account of ACCOUNTS) {
    const { data, error, status } = await as(account).rpc('list_documents');
    assert.equal(error, null, account);
    assert.equal(status, 200);
    const rows = data as DocumentRow[];
    assert.equal(rows.length, 1, `${account} sees one document`);
    const [id, access] = expected[account];
    assert.equal(rows[0]!.id, id, account);
    assert.equal(rows[0]!.access, access, account);
    for (const field of ['id', 'title_en', 'title_fr', 'classification', 'status'] as const) {
      assert.equal(typeof rows[0]![field], 'string', `${field} is there`);
    }
  }
  const esdc = (await as('viewer@esdc.example').rpc('list_documents')).data as DocumentRow[];
  assert.deepEqual(
    [esdc[0]!.title_en, esdc[0]!.title_fr, esdc[0]!.classification, esdc[0]!.status],
    ['Program Officer, Grants and Contributions', 'Agent de programme, subventions et contributions', 'PM-04', 'draft'],
  );
  const { data: anonRows, status } = await client().rpc('list_documents');
  assert.equal(status, 200);
  assert.deepEqual(anonRows, [], 'anonymous: nothing');
});

test('can_open_document as each account', async () => {
  const access = async (account: Account, doc: string) => (await as(account).rpc('can_open_document', { doc })).data;
  assert.equal(await access('editor@esdc.example', ESDC_DOC), 'edit');
  assert.equal(await access('translator@esdc.example', ESDC_DOC), 'edit');
  assert.equal(await access('admin@esdc.example', ESDC_DOC), 'edit');
  assert.equal(await access('viewer@esdc.example', ESDC_DOC), 'view');
  assert.equal(await access('reviewer@esdc.example', ESDC_DOC), 'view');
  assert.equal(await access('editor@tc.example', ESDC_DOC), null);
  assert.equal(await access('admin@esdc.example', TC_DOC), null);
  const anonymous = await client().rpc('can_open_document', { doc: ESDC_DOC });
  assert.deepEqual([anonymous.status, anonymous.error, anonymous.data], [200, null, null], 'anonymous: null');
});

test('Transport Canada\'s editor gets nothing of ESDC through any RPC', async () => {
  const tc = as('editor@tc.example');
  // Give one ESDC and one shared segment an embedding, so semantic search has something to leak.
  const unit = `[1${',0'.repeat(1535)}]`;
  await stack.pg.query(
    `update public.tm_segments set embedding = $1::extensions.vector
      where source_text in ('Coordinates training sessions with regional offices.', 'Occasional travel is required.')`,
    [unit],
  );

  const forbidden = async (fn: string, args: Record<string, unknown>) => {
    const { data, error, status } = await tc.rpc(fn, args);
    assert.equal(data, null, fn);
    assert.equal(status, 403, `${fn}: ${error?.message}`);
    assert.equal(error?.code, '42501', fn);
    assert.doesNotMatch(error?.message ?? '', /Program Officer|PM-04/, 'the error reveals nothing of the document');
  };
  await forbidden('add_comment', { doc: ESDC_DOC, body: 'From TC' });
  await forbidden('resolve_comment', { comment_id: ESDC_COMMENT });
  await forbidden('save_version', { doc: ESDC_DOC, version_name: 'TC copy' });
  await forbidden('submit_for_review', { doc: ESDC_DOC });
  await forbidden('decide_approval', { doc: ESDC_DOC, decision: 'approved' });
  await forbidden('tm_add_segment', { source_text: 'A.', target_text: 'B.', source_lang: 'en', target_lang: 'fr', organization: ESDC_ORG });
  const own = await tc.rpc('tm_add_segment', { source_text: 'Inspects aerodromes.', target_text: 'Inspecte les aérodromes.', source_lang: 'en', target_lang: 'fr' });
  assert.equal((own.data as { organization_id: string }[])[0]?.organization_id, TC_ORG, 'without an organization, TC\'s own memory');

  const noEsdc = (rows: unknown) => (rows as { organization_id: string | null }[]).filter((r) => r.organization_id === ESDC_ORG);
  assert.equal((await tc.rpc('can_open_document', { doc: ESDC_DOC })).data, null);
  assert.deepEqual((await tc.rpc('list_documents', { organization_filter: ESDC_ORG })).data, []);
  const search = await tc.rpc('tm_search', { query: 'Coordinates training sessions with regional offices.', source_lang: 'en', target_lang: 'fr', min_score: 0, max_results: 100 });
  assert.equal(search.error, null);
  assert.deepEqual(noEsdc(search.data), []);
  const concordance = await tc.rpc('concordance_search', { term: 'regional offices', lang: 'en', max_results: 100 });
  assert.deepEqual(noEsdc(concordance.data), []);
  const glossary = await tc.rpc('glossary_lookup', { input_text: 'The applicant and the program officer.', lang: 'en' });
  assert.deepEqual(noEsdc(glossary.data), []);
  const semantic = await tc.rpc('tm_semantic_search', { query_embedding: unit, source_lang: 'en', target_lang: 'fr', max_results: 10 });
  assert.equal(semantic.error, null);
  assert.equal((semantic.data as unknown[]).length, 1, 'the shared segment only');
  assert.deepEqual(noEsdc(semantic.data), []);

  // ESDC's own users do get those rows, so the empty answers above are not vacuous.
  const esdcSearch = await as('translator@esdc.example').rpc('tm_search', { query: 'Coordinates training sessions with regional offices.', source_lang: 'en', target_lang: 'fr', min_score: 100 });
  assert.equal(noEsdc(esdcSearch.data).length, 1);
  const esdcSemantic = await as('translator@esdc.example').rpc('tm_semantic_search', { query_embedding: unit, source_lang: 'en', target_lang: 'fr' });
  assert.equal((esdcSemantic.data as unknown[]).length, 2);
  const esdcGlossary = await as('translator@esdc.example').rpc('glossary_lookup', { input_text: 'The applicant and the program officer.', lang: 'en' });
  assert.ok(noEsdc(esdcGlossary.data).length >= 2);
});

test('table reads through the gateway are filtered by RLS too', async () => {
  const tc = as('editor@tc.example');
  for (const table of ['job_descriptions', 'document_sections', 'comments', 'memberships', 'organizations', 'glossary_terms']) {
    const { data, error } = await tc.from(table).select('*');
    assert.equal(error, null, table);
    for (const row of data as Record<string, unknown>[]) {
      assert.ok(row['organization_id'] !== ESDC_ORG && row['document_id'] !== ESDC_DOC && row['id'] !== ESDC_ORG, `${table} leaks nothing`);
    }
  }
  const sections = await as('viewer@esdc.example').from('document_sections').select('lang, kind').eq('document_id', ESDC_DOC);
  assert.equal((sections.data as unknown[]).length, 12, 'ESDC sees its 12 sections (6 TBS sections x 2 languages)');

  const auditAdmin = await as('admin@esdc.example').from('audit_log').select('organization_id').limit(50);
  assert.ok((auditAdmin.data as unknown[]).length > 0, 'the admin reads the audit log');
  assert.ok((auditAdmin.data as { organization_id: string }[]).every((r) => r.organization_id === ESDC_ORG));
  const auditEditor = await as('editor@esdc.example').from('audit_log').select('id');
  assert.deepEqual(auditEditor.data, [], 'an editor does not');
  const anonRead = await client().from('job_descriptions').select('id');
  assert.equal(anonRead.status, 401, 'anonymous cannot read documents at all');
});

test('review workflow: submit, request changes, resubmit, approve', async () => {
  const status = async () => ((await as('viewer@esdc.example').rpc('list_documents')).data as DocumentRow[])[0]!.status;
  const submitted = await as('editor@esdc.example').rpc('submit_for_review', { doc: ESDC_DOC, note: 'Ready' });
  assert.equal(submitted.error, null);
  assert.equal((submitted.data as { step: number }).step, 1);
  assert.equal(await status(), 'in_review');

  const approved = await as('admin@esdc.example').rpc('decide_approval', { doc: ESDC_DOC, decision: 'approved' });
  assert.equal(approved.error, null, 'an admin other than the submitter may decide');
  assert.equal(await status(), 'approved');

  // An approved document is reopened by start_revision (issue 17), not by writing its status.
  const byStatus = await as('editor@esdc.example').from('job_descriptions').update({ status: 'draft' }).eq('id', ESDC_DOC).select('status');
  assert.match(byStatus.error?.message ?? '', /start_revision/);
  const reopened = await as('editor@esdc.example').rpc('start_revision', { doc: ESDC_DOC });
  assert.equal(reopened.error, null);
  assert.equal((reopened.data as { status: string }[])[0]!.status, 'draft');
  assert.equal(await status(), 'draft');

  await as('translator@esdc.example').rpc('submit_for_review', { doc: ESDC_DOC });
  const changes = await as('reviewer@esdc.example').rpc('decide_approval', { doc: ESDC_DOC, decision: 'changes_requested', comment: 'Use « détermine ».' });
  assert.equal(changes.error, null);
  assert.equal((changes.data as { reviewer_id: string }).reviewer_id, 'e5dc0000-0000-4000-a000-000000000104');
  assert.equal(await status(), 'draft');

  const comment = await as('reviewer@esdc.example').rpc('add_comment', { doc: ESDC_DOC, body: 'See my decision.', lang: 'fr' });
  assert.equal(comment.error, null);
  const commentId = (comment.data as { id: string }).id;
  // Resolving is a review decision: the editor is refused, the reviewer may.
  const byEditor = await as('editor@esdc.example').rpc('resolve_comment', { comment_id: commentId });
  assert.equal(byEditor.status, 403);
  assert.equal(byEditor.error?.code, '42501');
  const resolved = await as('reviewer@esdc.example').rpc('resolve_comment', { comment_id: commentId });
  assert.equal((resolved.data as { resolved_by: string }).resolved_by, 'e5dc0000-0000-4000-a000-000000000104');

  const version = await as('editor@esdc.example').rpc('save_version', { doc: ESDC_DOC, version_name: 'After review' });
  assert.equal(version.error, null);
  // Versions 1 and 2 are the ones the two review rounds pinned when they were submitted (issue 17).
  assert.equal((version.data as { version_number: number }[])[0]?.version_number, 3);
});
