// ai-assist's body validation in Deno: every refusal names the field and what is wrong; the
// languages default to English → French. The same refusals through the gateway are in
// dev/tests/ai-assist.test.ts.
import assert from 'node:assert/strict';
import { MAX_ASSIST_TEXT } from '../../domain/ai/assist-types.ts';
import { BodyError, parseAssistBody } from './body.ts';
import { sseFrame } from './sse.ts';

declare const Deno: { test(name: string, fn: () => Promise<void> | void): void };

const refusal = (body: unknown) => {
  try {
    parseAssistBody(body);
  } catch (error) {
    assert.ok(error instanceof BodyError, `a BodyError, not ${error}`);
    return error.message;
  }
  assert.fail(`accepted ${JSON.stringify(body)}`);
};

Deno.test('a valid body is trimmed and defaults to English → French', () => {
  assert.deepEqual(parseAssistBody({ task: 'translate', text: '  Assesses proposals.  ' }), {
    task: 'translate', text: 'Assesses proposals.', from: 'en', to: 'fr', documentId: null, section: null, counterpart: null,
  });
  assert.equal(parseAssistBody({ task: 'translate', text: 'Évalue.', from: 'fr' }).to, 'en');
  assert.equal(parseAssistBody({ task: 'improve', text: 'x', to: 'en' }).from, 'fr');
});

Deno.test('text: empty, blank or too long is refused with its length', () => {
  assert.equal(refusal({ task: 'improve', text: '' }), 'invalid request: text is empty');
  assert.equal(refusal({ task: 'improve', text: ' \n\t ' }), 'invalid request: text is empty');
  assert.equal(refusal({ task: 'improve', text: 'x'.repeat(100_000) }),
    `invalid request: text is too long: at most ${MAX_ASSIST_TEXT} characters (got 100000)`);
  assert.equal(refusal({ task: 'improve' }), 'invalid request: text must be a string');
});

Deno.test('task: an unknown task lists the tasks', () => {
  assert.equal(refusal({ task: 'summarize', text: 'x' }), 'invalid request: task must be one of improve, translate, check-equivalence, draft-section, compliance-review');
});

Deno.test('languages, fields and combinations', () => {
  assert.equal(refusal({ task: 'translate', text: 'x', from: 'en', to: 'en' }),
    'invalid request: translate needs two different languages (from and to are both "en")');
  assert.equal(refusal({ task: 'translate', text: 'x', from: 'de' }), 'invalid request: from must be "en" or "fr"');
  assert.equal(refusal({ task: 'improve', text: 'x', model: 'gpt-5' }), 'invalid request: unknown field model');
  assert.equal(refusal({ task: 'improve', text: 'x', document_id: 'abc' }), 'invalid request: document_id must be the uuid of a job description');
  assert.equal(refusal({ task: 'check-equivalence', text: 'x' }),
    'invalid request: check-equivalence needs document_id and section (the stored text to compare with), or counterpart');
  assert.equal(refusal({ task: 'improve', text: 'x', section: 'key-activities' }), 'invalid request: section needs document_id');
  assert.equal(refusal([1, 2]), 'invalid request: the body must be a JSON object');
});

Deno.test('compliance-review takes a document_id and no text: the function reads the stored document', () => {
  assert.deepEqual(parseAssistBody({ task: 'compliance-review', document_id: 'E5DC0000-0000-4000-A000-00000000D001', from: 'fr' }), {
    task: 'compliance-review', text: '', from: 'fr', to: 'en', documentId: 'e5dc0000-0000-4000-a000-00000000d001', section: null, counterpart: null,
  });
  assert.equal(refusal({ task: 'compliance-review' }), 'invalid request: compliance-review needs document_id (the stored job description to review)');
  assert.equal(refusal({ task: 'compliance-review', document_id: 'e5dc0000-0000-4000-a000-00000000d001', text: 'x' }),
    'invalid request: compliance-review reads the stored document itself: send document_id (and from, the language of the answer), not text, counterpart or section');
});

Deno.test('an SSE frame is one data line of JSON and a blank line', () => {
  assert.equal(new TextDecoder().decode(sseFrame({ type: 'delta', text: 'Évalue\n' })), 'data: {"type":"delta","text":"Évalue\\n"}\n\n');
});
