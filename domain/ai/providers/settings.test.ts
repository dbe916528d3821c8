// Which providers the environment configures, in which order an organization uses them, and what
// a call costs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  createProvider,
  DEFAULT_ANTHROPIC_MODEL,
  DEFAULT_OPENAI_MODEL,
  estimateCostUsd,
  orderProviders,
  providerSettingsFromEnv,
  redactSecrets,
  retryAfterMs,
  UNKNOWN_MODEL_PRICE,
} from './index.ts';

const env = (values: Record<string, string>) => ({ get: (key: string) => values[key] });

describe('provider settings from the environment', () => {
  it('are empty without keys (blank ones included): the offline provider only', () => {
    assert.deepEqual(providerSettingsFromEnv(env({})), []);
    assert.deepEqual(providerSettingsFromEnv(env({ ANTHROPIC_API_KEY: ' ', OPENAI_API_KEY: '', JD_LOCAL_AI_MODEL: 'llama' })), []);
  });

  it('read each provider with its defaults, in the order anthropic, openai, local', () => {
    const configs = providerSettingsFromEnv(env({
      OPENAI_API_KEY: 'sk-o', ANTHROPIC_API_KEY: 'sk-a',
      JD_LOCAL_AI_BASE_URL: 'http://127.0.0.1:11434/v1/', JD_LOCAL_AI_MODEL: 'llama3.1',
    }));
    assert.deepEqual(configs, [
      { slot: 'anthropic', name: 'anthropic', apiKey: 'sk-a', baseUrl: null, model: DEFAULT_ANTHROPIC_MODEL },
      { slot: 'openai', name: 'openai', apiKey: 'sk-o', baseUrl: null, model: DEFAULT_OPENAI_MODEL },
      { slot: 'local', name: 'local', apiKey: 'no-key', baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3.1' },
    ]);
  });

  it('take base URLs, models and the local key', () => {
    const configs = providerSettingsFromEnv(env({
      ANTHROPIC_API_KEY: 'sk-a', ANTHROPIC_BASE_URL: 'https://proxy.example/anthropic', JD_ANTHROPIC_MODEL: 'claude-haiku-4-5',
      OPENAI_API_KEY: 'sk-o', OPENAI_BASE_URL: 'https://proxy.example/v1', JD_OPENAI_MODEL: 'gpt-4o-mini',
      JD_LOCAL_AI_BASE_URL: 'http://gpu:8000/v1', JD_LOCAL_AI_MODEL: 'qwen', JD_LOCAL_AI_API_KEY: 'local-secret',
    }));
    assert.deepEqual(configs.map((config) => [config.name, config.baseUrl, config.model, config.apiKey]), [
      ['anthropic', 'https://proxy.example/anthropic', 'claude-haiku-4-5', 'sk-a'],
      ['openai-compatible', 'https://proxy.example/v1', 'gpt-4o-mini', 'sk-o'],
      ['local', 'http://gpu:8000/v1', 'qwen', 'local-secret'],
    ]);
  });

  it('refuse a base URL that is not http(s), and a local server without a model, naming the setting', () => {
    assert.throws(() => providerSettingsFromEnv(env({ OPENAI_API_KEY: 'sk', OPENAI_BASE_URL: 'localhost:8080' })), /OPENAI_BASE_URL must be an http/);
    assert.throws(() => providerSettingsFromEnv(env({ JD_LOCAL_AI_BASE_URL: 'file:///etc/passwd', JD_LOCAL_AI_MODEL: 'm' })), /JD_LOCAL_AI_BASE_URL must be an http/);
    assert.throws(() => providerSettingsFromEnv(env({ JD_LOCAL_AI_BASE_URL: 'http://127.0.0.1:1/v1' })), /JD_LOCAL_AI_MODEL is not/);
  });

  it('build the SDK provider of each slot', () => {
    const configs = providerSettingsFromEnv(env({
      ANTHROPIC_API_KEY: 'sk-a', OPENAI_API_KEY: 'sk-o', JD_LOCAL_AI_BASE_URL: 'http://127.0.0.1:1/v1', JD_LOCAL_AI_MODEL: 'm',
    }));
    assert.deepEqual(configs.map((config) => createProvider(config).name), ['anthropic', 'openai', 'local']);
  });
});

describe('the organization\'s provider order', () => {
  const configs = providerSettingsFromEnv(env({
    ANTHROPIC_API_KEY: 'sk-a', OPENAI_API_KEY: 'sk-o', OPENAI_BASE_URL: 'http://127.0.0.1:1/v1',
    JD_LOCAL_AI_BASE_URL: 'http://127.0.0.1:2/v1', JD_LOCAL_AI_MODEL: 'm',
  }));

  it('orders the configured providers, leaving out those it does not name', () => {
    assert.deepEqual(orderProviders(configs, ['local', 'anthropic']).map((config) => config.slot), ['local', 'anthropic']);
    assert.deepEqual(orderProviders(configs, ['openai', 'anthropic', 'local']).map((config) => config.name), ['openai-compatible', 'anthropic', 'local']);
  });

  it('skips what is not configured, offline, repeats, and accepts the ai_requests names', () => {
    assert.deepEqual(orderProviders(configs.slice(0, 1), ['openai', 'offline', 'anthropic', 'anthropic']).map((config) => config.slot), ['anthropic']);
    assert.deepEqual(orderProviders(configs, ['openai-compatible']).map((config) => config.slot), ['openai']);
    assert.deepEqual(orderProviders(configs, []), []);
  });
});

describe('estimated cost', () => {
  it('uses the price per million tokens of the model (dated snapshots too)', () => {
    assert.equal(estimateCostUsd('anthropic', 'claude-sonnet-4-5-20250929', 1_000_000, 1_000_000), 18);
    assert.equal(estimateCostUsd('openai', 'gpt-4.1-mini', 2_000_000, 500_000), 0.8 + 0.8);
    assert.equal(estimateCostUsd('openai', 'gpt-4.1-mini-2025-04-14', 1000, 0), 0.0004);
    // The longest prefix wins: gpt-4.1 is not gpt-4.1-mini.
    assert.equal(estimateCostUsd('openai', 'gpt-4.1', 1_000_000, 0), 2);
  });

  it('prices an unknown model high, and the offline provider and a local server at 0', () => {
    assert.equal(estimateCostUsd('openai-compatible', 'mystery-70b', 1_000_000, 1_000_000), UNKNOWN_MODEL_PRICE.inputUsdPerMillion + UNKNOWN_MODEL_PRICE.outputUsdPerMillion);
    assert.equal(estimateCostUsd('offline', 'jd-offline-1', 5000, 5000), 0);
    assert.equal(estimateCostUsd('local', 'llama3.1', 5000, 5000), 0);
  });

  it('refuses token counts that are not counts', () => {
    assert.throws(() => estimateCostUsd('openai', 'gpt-4o', -1, 0), /tokensIn/);
    assert.throws(() => estimateCostUsd('openai', 'gpt-4o', 0, Number.NaN), /tokensOut/);
  });
});

describe('failure details', () => {
  it('read retry-after-ms, Retry-After in seconds and as a date', () => {
    const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name] ?? null });
    assert.equal(retryAfterMs(headers({ 'retry-after-ms': '1500', 'retry-after': '9' })), 1500);
    assert.equal(retryAfterMs(headers({ 'retry-after': '7' })), 7000);
    assert.equal(retryAfterMs(headers({ 'retry-after': 'Sun, 06 Dec 2026 03:00:10 GMT' }), Date.parse('Sun, 06 Dec 2026 03:00:00 GMT')), 10_000);
    assert.equal(retryAfterMs(headers({ 'retry-after': 'soon' })), null);
    assert.equal(retryAfterMs(undefined), null);
  });

  it('scrub the key and key-shaped strings from messages', () => {
    assert.equal(redactSecrets('bad key abcdEFGH1234 given', ['abcdEFGH1234']), 'bad key [redacted] given');
    assert.equal(redactSecrets('Incorrect API key provided: sk-proj-****abcd.', []), 'Incorrect API key provided: [redacted]');
  });
});
