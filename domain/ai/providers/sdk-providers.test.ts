// The OpenAI and Anthropic providers: the real SDKs against the local fake servers
// (dev/tests/support/fake-openai.ts, fake-anthropic.ts), which speak each API's wire format.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeAnthropic, type FakeAnthropic } from '../../../dev/tests/support/fake-anthropic.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../../../dev/tests/support/fake-openai.ts';
import { waitUntil } from '../../../dev/tests/support/fake-sse.ts';
import type { AiProvider, AssistRequest, Prompt, ProviderEvent } from '../assist-types.ts';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { classifySdkError } from './failure.ts';
import { createAnthropicProvider, createOpenAIProvider, ProviderFailure } from './index.ts';

const REQUEST: AssistRequest = { task: 'improve', text: 'Manages the team.', from: 'en', to: 'en', tm: [], glossary: [] };
const PROMPT: Prompt = { system: 'You improve job descriptions.', user: 'Improve: Manages the team.', maxTokens: 200 };

const OPENAI_KEY = 'sk-test-openai-0123456789';
const ANTHROPIC_KEY = 'sk-ant-test-0123456789';

async function collect(provider: AiProvider, signal = new AbortController().signal): Promise<ProviderEvent[]> {
  const events: ProviderEvent[] = [];
  for await (const event of provider.generate(REQUEST, PROMPT, signal)) events.push(event);
  return events;
}

async function failureOf(run: Promise<unknown>): Promise<ProviderFailure> {
  const error = await run.then(() => assert.fail('expected a ProviderFailure'), (caught: unknown) => caught);
  assert.ok(error instanceof ProviderFailure, `expected a ProviderFailure, got ${String(error)}`);
  return error;
}


let openaiFake: FakeOpenAI;
let anthropicFake: FakeAnthropic;
before(async () => {
  openaiFake = await startFakeOpenAI();
  anthropicFake = await startFakeAnthropic();
});
after(async () => {
  await openaiFake.close();
  await anthropicFake.close();
});

const openai = () => createOpenAIProvider({ apiKey: OPENAI_KEY, baseUrl: openaiFake.baseUrl, model: 'gpt-4.1-mini' });
const anthropic = () => createAnthropicProvider({ apiKey: ANTHROPIC_KEY, baseUrl: anthropicFake.baseUrl, model: 'claude-sonnet-4-5' });

const cases = [
  { label: 'openai', provider: openai, script: (replies: Parameters<FakeOpenAI['scriptChat']>[0]) => openaiFake.scriptChat(replies), log: () => openaiFake.chatRequests, key: OPENAI_KEY },
  { label: 'anthropic', provider: anthropic, script: (replies: Parameters<FakeAnthropic['scriptMessages']>[0]) => anthropicFake.scriptMessages(replies), log: () => anthropicFake.requests, key: ANTHROPIC_KEY },
];

for (const { label, provider, script, log, key } of cases) {
  describe(`the ${label} provider (real SDK against the fake)`, () => {
    it('streams the deltas in order, then the model and the usage', async () => {
      script([{ chunks: ['Leads ', 'a team ', 'of five.'] }]);
      const events = await collect(provider());
      assert.deepEqual(events.filter((event) => event.type === 'delta').map((event) => event.text), ['Leads ', 'a team ', 'of five.']);
      const end = events.at(-1);
      assert.equal(end?.type, 'end');
      assert.deepEqual(end, { type: 'end', model: provider().model, tokensIn: 8, tokensOut: 5 });
    });

    it('sends the system and user prompt and the output budget (the echo shows them)', async () => {
      const events = await collect(provider());
      const text = events.flatMap((event) => (event.type === 'delta' ? [event.text] : [])).join('');
      assert.equal(text, `${PROMPT.system}\n\n${PROMPT.user}`);
      const body = log().at(-1)!.body;
      assert.equal(body.stream, true);
      assert.equal(body.max_tokens, 200);
      assert.match(log().at(-1)!.credential ?? '', new RegExp(`^(Bearer )?${key}$`));
    });

    it('fails with an auth failure on 401, without retrying, and without the key in the message', async () => {
      const before = log().length;
      script([{ status: 401, errorMessage: `Incorrect API key provided: ${key}` }]);
      const failure = await failureOf(collect(provider()));
      assert.equal(failure.kind, 'auth');
      assert.equal(failure.status, 401);
      assert.equal(failure.retryable, false);
      assert.equal(log().length, before + 1, 'one request: the SDK does not retry');
      assert.ok(!failure.message.includes(key), failure.message);
      assert.ok(!failure.message.includes(key.slice(0, 12)), failure.message);
      assert.match(failure.message, /401/);
    });

    it('reads 429 as a rate limit with the Retry-After wait', async () => {
      script([{ status: 429, retryAfterSeconds: 7 }]);
      const failure = await failureOf(collect(provider()));
      assert.equal(failure.kind, 'rate-limit');
      assert.equal(failure.retryable, true);
      assert.equal(failure.retryAfterMs, 7000);
    });

    it('reads 500 as a retryable server failure', async () => {
      script([{ status: 500 }]);
      const failure = await failureOf(collect(provider()));
      assert.equal(failure.kind, 'server');
      assert.equal(failure.retryable, true);
    });

    it('fails on a malformed stream, after the text before it', async () => {
      script([{ chunks: ['One ', 'two'], malformed: true }]);
      const seen: string[] = [];
      const failure = await failureOf((async () => {
        for await (const event of provider().generate(REQUEST, PROMPT, new AbortController().signal)) if (event.type === 'delta') seen.push(event.text);
      })());
      assert.equal(failure.kind, 'malformed');
      assert.deepEqual(seen, ['One ']);
    });

    it('fails as disconnected when the connection is cut mid-stream', async () => {
      script([{ chunks: ['One ', 'two ', 'three'], disconnectAfterChunks: 2 }]);
      const failure = await failureOf(collect(provider()));
      assert.equal(failure.kind, 'disconnected');
      assert.equal(failure.retryable, false);
    });

    it('closes the HTTP request when the signal is aborted mid-stream', async () => {
      script([{ chunks: ['One ', 'two ', 'three ', 'four'], chunkDelayMs: 200 }]);
      const controller = new AbortController();
      const failure = await failureOf((async () => {
        for await (const event of provider().generate(REQUEST, PROMPT, controller.signal)) if (event.type === 'delta') controller.abort();
      })());
      assert.equal(failure.kind, 'aborted');
      await waitUntil(() => log().at(-1)!.aborted, 'the fake to see the request closed');
    });

    it('closes the HTTP request when aborted before the first token', async () => {
      script([{ text: 'Late answer.', firstTokenDelayMs: 5000 }]);
      const controller = new AbortController();
      const run = collect(provider(), controller.signal);
      const count = log().length;
      await waitUntil(() => log().length > count, 'the request to reach the fake');
      controller.abort();
      assert.equal((await failureOf(run)).kind, 'aborted');
      await waitUntil(() => log().at(-1)!.aborted, 'the fake to see the request closed');
      assert.equal(log().at(-1)!.firstTokenAt, null);
    });
  });
}

describe('the openai provider against OpenAI itself', () => {
  it('sends max_completion_tokens (newer OpenAI models refuse max_tokens)', async () => {
    await collect(createOpenAIProvider({ apiKey: OPENAI_KEY, baseUrl: openaiFake.baseUrl, model: 'gpt-5-mini', name: 'openai' }));
    const body = openaiFake.chatRequests.at(-1)!.body;
    assert.equal(body.max_completion_tokens, 200);
    assert.equal(body.max_tokens, undefined);
    assert.deepEqual(body.stream_options, { include_usage: true });
  });
});

describe('the fakes without streaming (the SDKs\' one-piece answers)', () => {
  it('answer a chat completion in one piece, with usage', async () => {
    const client = new OpenAI({ apiKey: OPENAI_KEY, baseURL: openaiFake.baseUrl, maxRetries: 0 });
    openaiFake.scriptChat([{ text: 'One piece.' }]);
    const answer = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say it.' }] });
    assert.equal(answer.choices[0]?.message.content, 'One piece.');
    assert.equal(answer.choices[0]?.finish_reason, 'stop');
    assert.deepEqual(answer.usage, { prompt_tokens: 2, completion_tokens: 2, total_tokens: 4 });
  });

  it('answer a message in one piece, with usage', async () => {
    const client = new Anthropic({ apiKey: ANTHROPIC_KEY, baseURL: anthropicFake.baseUrl, maxRetries: 0 });
    anthropicFake.scriptMessages([{ text: 'One piece.' }]);
    const answer = await client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 50, messages: [{ role: 'user', content: 'Say it.' }] });
    assert.deepEqual(answer.content.map((block) => (block.type === 'text' ? block.text : '')), ['One piece.']);
    assert.equal(answer.stop_reason, 'end_turn');
    assert.deepEqual([answer.usage.input_tokens, answer.usage.output_tokens], [2, 2]);
  });

  it('leave out an empty system prompt (the Anthropic API refuses it)', async () => {
    const provider = createAnthropicProvider({ apiKey: ANTHROPIC_KEY, baseUrl: anthropicFake.baseUrl, model: 'claude-sonnet-4-5' });
    for await (const _event of provider.generate(REQUEST, { ...PROMPT, system: '' }, new AbortController().signal)) { /* drain */ }
    assert.equal('system' in anthropicFake.requests.at(-1)!.body, false);
  });
});

describe('classifying SDK errors', () => {
  const signal = new AbortController().signal;
  it('reads the SDK\'s own timeout as a timeout, and a refused connection as disconnected', () => {
    assert.equal(classifySdkError('openai', new OpenAI.APIConnectionTimeoutError(), OpenAI, signal, 'k').kind, 'timeout');
    assert.equal(classifySdkError('anthropic', new Anthropic.APIConnectionTimeoutError(), Anthropic, signal, 'k').kind, 'timeout');
    assert.equal(classifySdkError('openai', new OpenAI.APIConnectionError({ message: 'ECONNREFUSED' }), OpenAI, signal, 'k').kind, 'disconnected');
  });

  it('reads 403 as auth, 400 as other (not retried), 529 as server', () => {
    const kind = (status: number) => classifySdkError('anthropic', Anthropic.APIError.generate(status, { type: 'error', error: { type: 'x', message: 'm' } }, 'm', new Headers()), Anthropic, signal, 'k');
    assert.deepEqual([kind(403).kind, kind(400).kind, kind(400).retryable, kind(529).kind, kind(529).retryable], ['auth', 'other', false, 'server', true]);
  });

  it('reads any error after the abort as the abort', () => {
    const controller = new AbortController();
    controller.abort();
    assert.equal(classifySdkError('openai', new TypeError('terminated'), OpenAI, controller.signal, 'k').kind, 'aborted');
  });
});

describe('provider names', () => {
  it('are openai, openai-compatible (a base URL) or local, and anthropic; never a URL', () => {
    assert.equal(createOpenAIProvider({ apiKey: 'k', baseUrl: null, model: 'm' }).name, 'openai');
    assert.equal(createOpenAIProvider({ apiKey: 'k', baseUrl: 'http://127.0.0.1:1/v1', model: 'm' }).name, 'openai-compatible');
    assert.equal(createOpenAIProvider({ apiKey: 'k', baseUrl: 'http://127.0.0.1:1/v1', model: 'm', name: 'local' }).name, 'local');
    assert.equal(createAnthropicProvider({ apiKey: 'k', baseUrl: null, model: 'm' }).name, 'anthropic');
  });
});
