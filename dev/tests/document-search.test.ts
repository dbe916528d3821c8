// Issue 17, item 4 and criterion 4: full-text search through the real gateway with the real
// supabase-js. A phrase from the body of a seeded French section finds its document first, with
// the phrase's words highlighted in a French snippet; a word both departments use never brings
// another department's document; the "waiting for me" queue and creating (blank, clone) answer
// through the same client.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { SupabaseClient } from '@supabase/supabase-js';
import { startStack, type RunningStack } from '../stack.js';
import { signInDemoUser } from './stack-fixture.js';
import { SNIPPET_MARK_START, SNIPPET_MARK_END, snippetParts } from '../../elements/documents/snippet.js';

const ESDC = 'e5dc0000-0000-4000-a000-000000000001';
const ESDC_DOCUMENT = 'e5dc0000-0000-4000-a000-00000000d001';
const TC = '7c000000-0000-4000-a000-000000000002';
// From line 3 of the seeded French "Activités principales" of ESDC's description (supabase/seed.sql).
const FRENCH_PHRASE = 'surveille l\'avancement des projets financés';

let stack: RunningStack;
let editor: SupabaseClient;
let reviewer: SupabaseClient;
let tcEditor: SupabaseClient;

before(async () => {
  stack = await startStack({ dataDir: 'memory', apiPort: 0, dbPort: 0, syncPort: 0, signalingPort: 0, log: () => {} });
  editor = (await signInDemoUser(stack, 'editor@esdc.example')).supabase;
  reviewer = (await signInDemoUser(stack, 'reviewer@esdc.example')).supabase;
  tcEditor = (await signInDemoUser(stack, 'editor@tc.example')).supabase;
});
after(async () => {
  await stack?.stop();
});

interface Hit {
  id: string;
  organization_id: string;
  snippet: string | null;
  snippet_lang: string | null;
  rank: number;
}

async function search(client: SupabaseClient, args: Record<string, unknown>): Promise<Hit[]> {
  const { data, error } = await client.rpc('search_documents', args);
  assert.equal(error, null, `search_documents: ${error?.message}`);
  return data as Hit[];
}

test('a phrase from a seeded French section finds its document first, with a highlighted French snippet', async () => {
  const hits = await search(editor, { query: FRENCH_PHRASE });
  assert.ok(hits.length >= 1, 'the phrase is found');
  const first = hits[0]!;
  assert.equal(first.id, ESDC_DOCUMENT, 'its document ranks first');
  assert.equal(first.snippet_lang, 'fr');
  const marked = snippetParts(first.snippet ?? '').filter((part) => part.match).map((part) => part.text.toLowerCase());
  for (const word of ['surveille', 'avancement', 'projets', 'financés']) {
    assert.ok(marked.includes(word), `"${word}" is highlighted in ${JSON.stringify(first.snippet)}`);
  }
  assert.ok(first.snippet!.includes(SNIPPET_MARK_START) && first.snippet!.includes(SNIPPET_MARK_END));
  assert.ok(!/[<>]/.test(first.snippet!), 'the snippet is text, not HTML');
});

test('another department\'s documents never appear, even for words both use', async () => {
  for (const query of ['conformité', 'rapports', FRENCH_PHRASE, 'inspecteur aviation civile', 'PM-04']) {
    for (const hit of await search(tcEditor, { query })) {
      assert.equal(hit.organization_id, TC, `TC's editor searching "${query}" sees only TC`);
    }
    for (const hit of await search(editor, { query })) {
      assert.equal(hit.organization_id, ESDC, `ESDC's editor searching "${query}" sees only ESDC`);
    }
  }
  assert.equal((await search(tcEditor, { query: 'conformité' })).length, 1, 'TC finds its own document');
  assert.equal((await search(editor, { query: 'conformité' }))[0]?.id, ESDC_DOCUMENT, 'ESDC finds its own');
});

test('bad filters are refused with an error naming them', async () => {
  const { error } = await editor.rpc('search_documents', { query: 'x', classification_filter: 'pm 4' });
  assert.match(error?.message ?? '', /classification_filter/);
});

test('create (clone of the same department), then the queue: the reviewer sees the submission, the author the changes requested', async () => {
  const created = await editor.rpc('create_job_description', {
    organization: ESDC, kind: 'clone', source: ESDC_DOCUMENT, identification: { title_en: 'Program Officer (copy)' },
  });
  assert.equal(created.error, null, created.error?.message);
  const clone = created.data as string;
  const found = await search(editor, { query: FRENCH_PHRASE });
  assert.deepEqual(new Set(found.map((hit) => hit.id)), new Set([ESDC_DOCUMENT, clone]), 'the clone carries the sections');

  const refused = await editor.rpc('create_job_description', { organization: ESDC, kind: 'clone', source: 'e5dc0000-0000-4000-a000-0000000000ff' });
  assert.equal(refused.error?.code, '42501');

  assert.equal((await editor.rpc('submit_for_review', { doc: clone, note: 'ready' })).error, null);
  const queue = await reviewer.rpc('waiting_for_me', {});
  assert.equal(queue.error, null, queue.error?.message);
  assert.deepEqual((queue.data as { id: string; reason: string }[]).filter((row) => row.id === clone).map((row) => row.reason), ['review']);
  assert.equal((await reviewer.rpc('decide_approval', { doc: clone, decision: 'changes_requested', comment: 'add the budget' })).error, null);
  const mine = await editor.rpc('waiting_for_me', {});
  assert.deepEqual(
    (mine.data as { id: string; reason: string; note: string }[]).filter((row) => row.id === clone).map((row) => [row.reason, row.note]),
    [['changes_requested', 'add the budget']]);
  assert.deepEqual((await tcEditor.rpc('waiting_for_me', {})).data, [], 'another department sees none of it');
});
