// Which provider the function talks to, from its environment: no key means semantic search is
// off; OPENAI_BASE_URL points at any OpenAI-compatible server; JD_EMBEDDING_MODEL names the model.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { embeddingSettingsFrom, providerName } from './provider.ts';

const env = (values: Record<string, string>) => ({ get: (key: string) => values[key] });

describe('embedding settings', () => {
  it('are off without a key (a blank one included)', () => {
    assert.equal(embeddingSettingsFrom(env({})), null);
    assert.equal(embeddingSettingsFrom(env({ OPENAI_API_KEY: '  ', OPENAI_BASE_URL: 'http://127.0.0.1:1/v1' })), null);
  });

  it('default to OpenAI and text-embedding-3-small', () => {
    const settings = embeddingSettingsFrom(env({ OPENAI_API_KEY: 'sk-x' }));
    assert.deepEqual(settings, { apiKey: 'sk-x', baseUrl: null, model: 'text-embedding-3-small' });
    assert.equal(providerName(settings!), 'openai');
  });

  it('take a compatible server and another model', () => {
    const settings = embeddingSettingsFrom(env({
      OPENAI_API_KEY: 'sk-x', OPENAI_BASE_URL: 'http://127.0.0.1:8080/v1', JD_EMBEDDING_MODEL: 'local-1536-model',
    }));
    assert.deepEqual(settings, { apiKey: 'sk-x', baseUrl: 'http://127.0.0.1:8080/v1', model: 'local-1536-model' });
    assert.equal(providerName(settings!), 'openai-compatible');
  });
});
