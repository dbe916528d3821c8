// Issue 15 item 3: ai-assist's compliance-review task on the real stack (gateway, Deno, PGlite):
// the function reads the stored document in both languages, runs the compliance rules on it and
// asks the provider; done carries `review`, every item advisory, and the call is one ai_requests
// row with task 'compliance-review'. With the offline provider (the organization's order), and
// with the real openai SDK talking to the scripted fake OpenAI returning JSON lines.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createClient } from '@supabase/supabase-js';
import ws from 'ws';
import { startStack, type RunningStack } from '../stack.js';
import type { AssistStreamEvent, ReviewItem } from '../../domain/ai/assist-types.js';
import { startFakeOpenAI, type FakeOpenAI } from './support/fake-openai.js';

const ESDC = 'e5dc0000-0000-4000-a000-000000000001';
const ESDC_DOC = 'e5dc0000-0000-4000-a000-00000000d001';
const TC_DOC = '7c000000-0000-4000-a000-00000000d001';

type Done = Extract<AssistStreamEvent, { type: 'done' }>;

async function tokenOf(stack: RunningStack, email: string): Promise<string> {
  const client = createClient(stack.apiUrl, stack.anonKey, { auth: { persistSession: false, autoRefreshToken: false }, realtime: { transport: ws as unknown as typeof WebSocket } });
  const { data, error } = await client.auth.signInWithPassword({ email, password: 'demo-password-1' });
  assert.equal(error, null);
  return data.session!.access_token;
}

async function ask(stack: RunningStack, token: string, body: unknown, accept = 'text/event-stream'): Promise<{ status: number; events: AssistStreamEvent[]; json: Record<string, unknown> | null }> {
  const response = await fetch(`${stack.apiUrl}/functions/v1/ai-assist`, {
    method: 'POST',
    headers: { apikey: stack.anonKey, authorization: `Bearer ${token}`, accept, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.headers.get('content-type')?.startsWith('text/event-stream')) return { status: response.status, events: [], json: JSON.parse(text) as Record<string, unknown> };
  const events = text.split('\n\n').filter((frame) => frame.startsWith('data: ')).map((frame) => JSON.parse(frame.slice(6)) as AssistStreamEvent);
  return { status: response.status, events, json: null };
}

async function rowsSince(stack: RunningStack, afterId: number) {
  return stack.database.runAsOwner(async (tx) =>
    (await tx.query<{ id: number; provider: string; task: string; outcome: string; document_id: string }>(
      `select id, provider, task, outcome, document_id from public.ai_requests where id > $1 and function = 'ai-assist' order by id`, [afterId])).rows);
}

const lastId = (stack: RunningStack) =>
  stack.database.runAsOwner(async (tx) => Number((await tx.query<{ id: string | null }>('select max(id)::text as id from public.ai_requests')).rows[0]!.id ?? 0));

const setOrder = (stack: RunningStack, order: string) =>
  stack.database.runAsOwner((tx) => tx.query(
    `insert into public.ai_settings (organization_id, provider_order) values ($1, $2::text[])
       on conflict (organization_id) do update set provider_order = excluded.provider_order`, [ESDC, order]));

describe('ai-assist compliance-review', () => {
  let openai: FakeOpenAI;
  let stack: RunningStack;
  let editor: string;

  before(async () => {
    openai = await startFakeOpenAI();
    stack = await startStack({
      dataDir: 'memory', apiPort: 0, dbPort: 0, syncPort: 0, signalingPort: 0, log: () => {},
      functionSecrets: { OPENAI_API_KEY: 'sk-test-openai-review-7c1e', OPENAI_BASE_URL: openai.baseUrl },
      embeddingIntervalMs: 3_600_000,
    });
    editor = await tokenOf(stack, 'editor@esdc.example');
    // A generic pronoun in the stored English, so the rules find something with a fix.
    await stack.database.runAsOwner((tx) => tx.query(
      `update public.document_sections set body = body || E'\\nHe reports to the Director.' where document_id = $1 and lang = 'en' and section_id = 'key-activities'`, [ESDC_DOC]));
  });
  after(async () => {
    await stack?.stop();
    await openai?.close();
  });

  test('offline: rewrites from the rules\' fixes, mechanical equivalence, group fit not assessed; advisory; recorded', async () => {
    await setOrder(stack, '{offline}');
    const mark = await lastId(stack);
    const { status, events } = await ask(stack, editor, { task: 'compliance-review', document_id: ESDC_DOC, from: 'en' });
    assert.equal(status, 200);
    const done = events.at(-1) as Done;
    assert.equal(done.type, 'done', JSON.stringify(done));
    assert.ok(events.slice(0, -1).every((e) => e.type === 'delta'), 'the answer streams first');
    assert.equal(done.provider, 'offline');
    const review = done.review!;
    assert.ok(review.length >= 3 && review.every((item) => item.advisory === true), 'every item advisory');
    const pronoun = review.find((i) => i.kind === 'rewrite' && i.finding_rule === 'inclusive.generic-pronoun');
    assert.deepEqual(pronoun && [pronoun.section, pronoun.lang, pronoun.text, pronoun.suggestion], ['key-activities', 'en', 'He', 'They']);
    assert.match(review.find((i) => i.kind === 'group-fit')!.message, /Whether the duties fit the group PM-04 \(Programme Administration\) was not assessed offline/);
    assert.ok(review.some((i) => i.kind === 'equivalence' && /Meaning was not compared/.test(i.message)));
    const rows = await rowsSince(stack, mark);
    assert.deepEqual(rows.map((r) => [r.id, r.provider, r.task, r.outcome, r.document_id]), [[done.request_id, 'offline', 'compliance-review', 'success', ESDC_DOC]]);
  });

  test('a model: its JSON lines become review items (junk dropped, advisory forced); it was sent both languages, the group\'s definition and the findings', async () => {
    await setOrder(stack, '{openai}');
    const lines = [
      'Here is the review.',
      '{"kind":"equivalence","section":"key-activities","lang":"fr","message":"The French omits the reporting line.","suggestion":"Relève de la directrice ou du directeur."}',
      '{"kind":"group-fit","section":null,"lang":null,"message":"The duties fit PM-04.","advisory":false}',
      '{"kind":"rewrite","section":"key-activities","lang":"en","finding_rule":"inclusive.generic-pronoun","text":"He","message":"Use they.","suggestion":"They"}',
      '{"kind":"rewrite","message":',
    ].join('\n');
    openai.scriptChat([{ chunks: [lines.slice(0, 40), lines.slice(40, 200), lines.slice(200)] }]);
    const mark = await lastId(stack);
    const { status, json } = await ask(stack, editor, { task: 'compliance-review', document_id: ESDC_DOC }, 'application/json');
    assert.equal(status, 200, JSON.stringify(json));
    assert.notEqual(json!.provider, 'offline', 'the model answered');
    assert.equal(json!.text, lines, 'the model\'s text as it wrote it');
    const review = json!.review as ReviewItem[];
    assert.deepEqual(review.map((i) => [i.kind, i.advisory]), [['equivalence', true], ['group-fit', true], ['rewrite', true]]);
    const prompt = JSON.stringify(openai.chatRequests.at(-1)!.body);
    assert.match(prompt, /Stated group: PM, level 04\. Definition of the group[^"]*English \\"Programme Administration\\"; French \\"Administration des programmes\\"/);
    assert.match(prompt, /<findings>\\n[^<]*- \[inclusive\.generic-pronoun\] key-activities \(en\): \\"He\\" → \\"They\\"/);
    assert.match(prompt, /<counterpart>\\n## client-service-results/);
    const rows = await rowsSince(stack, mark);
    assert.deepEqual(rows.map((r) => [r.id, r.provider, r.task, r.outcome]), [[json!.request_id, json!.provider, 'compliance-review', 'success']]);
  });

  test('bad input: no document_id, text given, another department\'s document', async () => {
    const refused = async (body: unknown, status: number, message: RegExp) => {
      const { status: got, json } = await ask(stack, editor, body, 'application/json');
      assert.equal(got, status, JSON.stringify(json));
      assert.match(String(json!.error), message);
    };
    await refused({ task: 'compliance-review' }, 400, /^invalid request: compliance-review needs document_id/);
    await refused({ task: 'compliance-review', document_id: ESDC_DOC, text: 'x' }, 400, /reads the stored document itself: send document_id/);
    await refused({ task: 'compliance-review', document_id: TC_DOC }, 404, /or you may not open it/);
  });
});
