// The resilient chain over the real SDK providers and the fake servers: fallback, retry with
// backoff honouring Retry-After, timeout on a slow first token, no restart after text, circuit
// breaker, cancellation, and the attempt records the function logs to ai_requests.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startFakeAnthropic, type FakeAnthropic } from '../../../dev/tests/support/fake-anthropic.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../../../dev/tests/support/fake-openai.ts';
import { waitUntil } from '../../../dev/tests/support/fake-sse.ts';
import type { AiProvider, AssistRequest, Prompt, ProviderEvent } from '../assist-types.ts';
import {
  backoffMs,
  CircuitBreakerRegistry,
  createAnthropicProvider,
  createOpenAIProvider,
  createResilientProvider,
  ProviderFailure,
  type AttemptRecord,
  type ResilienceOptions,
} from './index.ts';

const REQUEST: AssistRequest = { task: 'improve', text: 'Manages the team.', from: 'en', to: 'en', tm: [], glossary: [] };
const PROMPT: Prompt = { system: 'You improve job descriptions.', user: 'Improve: Manages the team.', maxTokens: 200 };
const OPENAI_KEY = 'sk-test-openai-0123456789';
const ANTHROPIC_KEY = 'sk-ant-test-0123456789';

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

const anthropic = (): AiProvider => createAnthropicProvider({ apiKey: ANTHROPIC_KEY, baseUrl: anthropicFake.baseUrl, model: 'claude-sonnet-4-5' });
const openai = (): AiProvider => createOpenAIProvider({ apiKey: OPENAI_KEY, baseUrl: openaiFake.baseUrl, model: 'gpt-4.1-mini' });

/** A chain with recorded attempts and sleeps (the sleeps return at once: no real waiting). */
function chain(providers: AiProvider[], options: Partial<ResilienceOptions> = {}) {
  const attempts: AttemptRecord[] = [];
  const sleeps: number[] = [];
  const provider = createResilientProvider(providers, {
    timeoutMs: 2000,
    maxRetries: 2,
    breaker: new CircuitBreakerRegistry(),
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0,
    onAttempt: (attempt) => attempts.push(attempt),
    ...options,
  });
  return { provider, attempts, sleeps };
}

interface Run {
  text: string;
  end: Extract<ProviderEvent, { type: 'end' }> | null;
  failure: ProviderFailure | null;
}

async function run(provider: AiProvider, signal = new AbortController().signal, onDelta?: () => void): Promise<Run> {
  const result: Run = { text: '', end: null, failure: null };
  try {
    for await (const event of provider.generate(REQUEST, PROMPT, signal)) {
      if (event.type === 'delta') {
        result.text += event.text;
        onDelta?.();
      } else result.end = event;
    }
  } catch (error) {
    assert.ok(error instanceof ProviderFailure, `expected a ProviderFailure, got ${String(error)}`);
    result.failure = error;
  }
  return result;
}


const outcomes = (attempts: AttemptRecord[]) => attempts.map((attempt) => `${attempt.provider}:${attempt.outcome}`);

let anthropicBefore = 0;
let openaiBefore = 0;
beforeEach(() => {
  anthropicBefore = anthropicFake.requests.length;
  openaiBefore = openaiFake.chatRequests.length;
});
const anthropicCalls = () => anthropicFake.requests.length - anthropicBefore;
const openaiCalls = () => openaiFake.chatRequests.length - openaiBefore;

describe('the resilient provider chain', () => {
  it('answers with the first provider, and records the attempt with its tokens', async () => {
    anthropicFake.scriptMessages([{ chunks: ['Leads ', 'the team.'] }]);
    const { provider, attempts } = chain([anthropic(), openai()]);
    const result = await run(provider);
    assert.equal(result.text, 'Leads the team.');
    assert.deepEqual(result.end, { type: 'end', model: 'claude-sonnet-4-5', tokensIn: 8, tokensOut: 3, provider: 'anthropic' });
    assert.equal(attempts.length, 1);
    assert.deepEqual({ ...attempts[0], latencyMs: 0 }, { provider: 'anthropic', model: 'claude-sonnet-4-5', outcome: 'success', tokensIn: 8, tokensOut: 3, latencyMs: 0, error: null, status: null });
    assert.equal(openaiCalls(), 0);
  });

  it('falls back to the next provider on 401, without retrying it', async () => {
    anthropicFake.scriptMessages([{ status: 401 }]);
    openaiFake.scriptChat([{ text: 'From OpenAI.' }]);
    const { provider, attempts, sleeps } = chain([anthropic(), openai()]);
    const result = await run(provider);
    assert.equal(result.failure, null);
    assert.equal(result.text, 'From OpenAI.');
    assert.equal(result.end?.provider, 'openai-compatible');
    assert.equal(anthropicCalls(), 1);
    assert.deepEqual(sleeps, []);
    assert.deepEqual(outcomes(attempts), ['anthropic:fallback', 'openai-compatible:success']);
    assert.equal(attempts[0]!.status, 401);
  });

  it('retries a 429 after the Retry-After the provider stated', async () => {
    anthropicFake.scriptMessages([{ status: 429, retryAfterSeconds: 3 }, { text: 'After the wait.' }]);
    const { provider, attempts, sleeps } = chain([anthropic(), openai()]);
    const result = await run(provider);
    assert.equal(result.text, 'After the wait.');
    assert.deepEqual(sleeps, [3000]);
    assert.equal(anthropicCalls(), 2);
    assert.equal(openaiCalls(), 0);
    assert.deepEqual(outcomes(attempts), ['anthropic:error', 'anthropic:success']);
    assert.equal(attempts[0]!.status, 429);
  });

  it('does not wait for a Retry-After longer than the limit: the next provider answers', async () => {
    anthropicFake.scriptMessages([{ status: 429, retryAfterSeconds: 120 }]);
    openaiFake.scriptChat([{ text: 'Without waiting.' }]);
    const { provider, attempts, sleeps } = chain([anthropic(), openai()]);
    const result = await run(provider);
    assert.equal(result.text, 'Without waiting.');
    assert.deepEqual(sleeps, []);
    assert.deepEqual(outcomes(attempts), ['anthropic:fallback', 'openai-compatible:success']);
  });

  it('retries a 500 with exponential backoff, then answers', async () => {
    openaiFake.scriptChat([{ status: 500 }, { status: 503 }, { text: 'Third time.' }]);
    const { provider, attempts, sleeps } = chain([openai()]);
    const result = await run(provider);
    assert.equal(result.text, 'Third time.');
    // random() = 0: half of each step, 0.5 s then 1 s.
    assert.deepEqual(sleeps, [250, 500]);
    assert.deepEqual(outcomes(attempts), ['openai-compatible:error', 'openai-compatible:error', 'openai-compatible:success']);
  });

  it('falls back when the retries are spent', async () => {
    anthropicFake.scriptMessages([{ status: 500 }, { status: 500 }]);
    openaiFake.scriptChat([{ text: 'Fallback.' }]);
    const { provider, attempts } = chain([anthropic(), openai()], { maxRetries: 1 });
    const result = await run(provider);
    assert.equal(result.text, 'Fallback.');
    assert.deepEqual(outcomes(attempts), ['anthropic:error', 'anthropic:fallback', 'openai-compatible:success']);
  });

  it('times out a slow first token, closes that request and falls back', async () => {
    anthropicFake.scriptMessages([{ text: 'Too late.', firstTokenDelayMs: 3000 }]);
    openaiFake.scriptChat([{ text: 'In time.' }]);
    const { provider, attempts } = chain([anthropic(), openai()], { timeoutMs: 300 });
    const result = await run(provider);
    assert.equal(result.text, 'In time.');
    assert.deepEqual(outcomes(attempts), ['anthropic:timeout', 'openai-compatible:success']);
    assert.match(attempts[0]!.error ?? '', /first token within 300 ms/);
    await waitUntil(() => anthropicFake.requests.at(-1)!.aborted, 'the slow request to be closed');
    assert.equal(anthropicFake.requests.at(-1)!.firstTokenAt, null);
  });

  it('fails a stream cut after text, and does not restart it on another provider', async () => {
    anthropicFake.scriptMessages([{ chunks: ['Half ', 'an ', 'answer'], disconnectAfterChunks: 2 }]);
    const { provider, attempts, sleeps } = chain([anthropic(), openai()]);
    const result = await run(provider);
    assert.equal(result.text, 'Half an ');
    assert.equal(result.failure?.kind, 'disconnected');
    assert.equal(openaiCalls(), 0);
    assert.deepEqual(sleeps, []);
    assert.deepEqual(outcomes(attempts), ['anthropic:error']);
  });

  it('fails a malformed stream after text, and does not restart it', async () => {
    openaiFake.scriptChat([{ chunks: ['Some ', 'text'], malformed: true }]);
    const { provider, attempts } = chain([openai(), anthropic()]);
    const result = await run(provider);
    assert.equal(result.text, 'Some ');
    assert.equal(result.failure?.kind, 'malformed');
    assert.equal(anthropicCalls(), 0);
    assert.deepEqual(outcomes(attempts), ['openai-compatible:error']);
  });

  it('stops on cancel: the provider request is closed, nothing else is tried', async () => {
    anthropicFake.scriptMessages([{ chunks: ['One ', 'two ', 'three'], chunkDelayMs: 300 }]);
    const controller = new AbortController();
    const { provider, attempts } = chain([anthropic(), openai()]);
    const result = await run(provider, controller.signal, () => controller.abort());
    assert.equal(result.failure?.kind, 'aborted');
    assert.equal(result.text, 'One ');
    assert.equal(openaiCalls(), 0);
    assert.deepEqual(outcomes(attempts), ['anthropic:cancelled']);
    await waitUntil(() => anthropicFake.requests.at(-1)!.aborted, 'the fake to see the request closed');
  });

  it('closes the request and records a cancel when the consumer stops reading, freeing a half-open trial', async () => {
    let clock = 0;
    const breaker = new CircuitBreakerRegistry({ now: () => clock });
    for (let i = 0; i < 3; i++) breaker.recordFailure('anthropic');
    clock = 30_000;
    anthropicFake.scriptMessages([{ chunks: ['One ', 'two ', 'three'], chunkDelayMs: 300 }]);
    const { provider, attempts } = chain([anthropic()], { breaker });
    for await (const event of provider.generate(REQUEST, PROMPT, new AbortController().signal)) {
      if (event.type === 'delta') break;
    }
    assert.deepEqual(outcomes(attempts), ['anthropic:cancelled']);
    await waitUntil(() => anthropicFake.requests.at(-1)!.aborted, 'the fake to see the request closed');
    assert.equal(breaker.allow('anthropic'), true, 'the half-open trial is free again');
  });

  it('says why every provider failed, without the keys', async () => {
    anthropicFake.scriptMessages([{ status: 401, errorMessage: `invalid x-api-key ${ANTHROPIC_KEY}` }]);
    openaiFake.scriptChat([{ status: 401, errorMessage: `Incorrect API key provided: ${OPENAI_KEY}` }]);
    const { provider, attempts } = chain([anthropic(), openai()]);
    const { failure } = await run(provider);
    assert.equal(failure?.kind, 'auth');
    assert.match(failure?.message ?? '', /anthropic: answered 401.*openai-compatible: answered 401/s);
    for (const text of [failure?.message ?? '', ...attempts.map((attempt) => attempt.error ?? '')]) {
      assert.ok(!text.includes(ANTHROPIC_KEY) && !text.includes(OPENAI_KEY), text);
      assert.ok(!text.includes('0123456789'), text);
    }
  });
});

describe('the circuit breaker', () => {
  it('opens after 3 failures in a row (the 4th call does not reach the provider) and half-opens after the cool-down', async () => {
    let clock = 1_000_000;
    const breaker = new CircuitBreakerRegistry({ now: () => clock });
    const { provider, attempts } = chain([anthropic()], { breaker, maxRetries: 0 });
    anthropicFake.scriptMessages([{ status: 500 }, { status: 500 }, { status: 500 }]);
    for (let call = 1; call <= 3; call++) assert.equal((await run(provider)).failure?.kind, 'server', `call ${call}`);
    assert.equal(anthropicCalls(), 3);
    assert.equal(breaker.state('anthropic'), 'open');

    const fourth = await run(provider);
    assert.equal(fourth.failure?.kind, 'circuit-open');
    assert.equal(anthropicCalls(), 3, 'the 4th call did not reach the fake');
    assert.equal(attempts.length, 3, 'no attempt record for a call that was not made');

    clock += 29_999;
    assert.equal((await run(provider)).failure?.kind, 'circuit-open');
    clock += 1;
    assert.equal(breaker.state('anthropic'), 'half-open');
    anthropicFake.scriptMessages([{ text: 'Back.' }]);
    assert.equal((await run(provider)).text, 'Back.');
    assert.equal(anthropicCalls(), 4);
    assert.equal(breaker.state('anthropic'), 'closed');
  });

  it('lets one call through when half-open; its failure opens the circuit again', () => {
    let clock = 0;
    const breaker = new CircuitBreakerRegistry({ failureThreshold: 3, coolDownMs: 30_000, now: () => clock });
    for (let i = 0; i < 3; i++) breaker.recordFailure('openai');
    assert.equal(breaker.allow('openai'), false);
    clock = 30_000;
    assert.equal(breaker.allow('openai'), true);
    assert.equal(breaker.allow('openai'), false, 'one trial at a time');
    breaker.recordFailure('openai');
    assert.equal(breaker.state('openai'), 'open');
    assert.equal(breaker.retryAt('openai'), 60_000);
    clock = 60_000;
    assert.equal(breaker.allow('openai'), true);
    breaker.release('openai');
    assert.equal(breaker.allow('openai'), true, 'a cancelled trial frees the slot');
    breaker.recordSuccess('openai');
    assert.equal(breaker.state('openai'), 'closed');
  });

  it('counts failures per provider: one provider down does not open another', () => {
    const breaker = new CircuitBreakerRegistry();
    for (let i = 0; i < 3; i++) breaker.recordFailure('anthropic');
    assert.equal(breaker.allow('anthropic'), false);
    assert.equal(breaker.allow('openai'), true);
  });

  it('falls back past an open circuit to the next provider', async () => {
    const breaker = new CircuitBreakerRegistry();
    for (let i = 0; i < 3; i++) breaker.recordFailure('anthropic');
    openaiFake.scriptChat([{ text: 'Next one.' }]);
    const { provider, attempts } = chain([anthropic(), openai()], { breaker });
    const result = await run(provider);
    assert.equal(result.text, 'Next one.');
    assert.equal(anthropicCalls(), 0);
    assert.deepEqual(outcomes(attempts), ['openai-compatible:success']);
  });
});

describe('backoff', () => {
  it('doubles from 0.5 s up to 8 s, with jitter in the upper half of each step', () => {
    assert.equal(backoffMs(0, () => 0), 250);
    assert.equal(backoffMs(0, () => 0.5), 375);
    assert.equal(backoffMs(1, () => 0), 500);
    assert.equal(backoffMs(3, () => 0.999_999) < 4000, true);
    assert.equal(backoffMs(10, () => 0), 4000);
  });

  it('refuses a chain without providers and nonsense options', () => {
    const breaker = new CircuitBreakerRegistry();
    assert.throws(() => createResilientProvider([], { timeoutMs: 1, maxRetries: 0, breaker }), /at least one provider/);
    assert.throws(() => createResilientProvider([openai()], { timeoutMs: 0, maxRetries: 0, breaker }), /timeoutMs/);
    assert.throws(() => createResilientProvider([openai()], { timeoutMs: 1, maxRetries: -1, breaker }), /maxRetries/);
  });
});
