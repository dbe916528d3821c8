// Which remote providers the function may call, from its environment (secrets), and in which
// order an organization wants them. A provider without its key (or, for a local model server,
// its base URL) is absent; with none, the function answers with the offline provider only.
import type { AiProvider } from '../assist-types.ts';
import { createAnthropicProvider } from './anthropic.ts';
import { createOpenAIProvider, type OpenAIProviderSettings } from './openai.ts';

/** The three kinds of remote provider an organization can put in its order. */
export const PROVIDER_SLOTS = ['anthropic', 'openai', 'local'] as const;
export type ProviderSlot = (typeof PROVIDER_SLOTS)[number];

export const DEFAULT_ANTHROPIC_MODEL = 'claude-sonnet-4-5';
export const DEFAULT_OPENAI_MODEL = 'gpt-4.1-mini';

export interface ProviderConfig {
  slot: ProviderSlot;
  /** ai_requests.provider: 'anthropic', 'openai', 'openai-compatible' (OPENAI_BASE_URL set) or 'local'. */
  name: 'anthropic' | 'openai' | 'openai-compatible' | 'local';
  apiKey: string;
  /** null: the provider's own API. */
  baseUrl: string | null;
  model: string;
}

type Env = { get(key: string): string | undefined };

const read = (env: Env, key: string) => env.get(key)?.trim() || null;

/** The base URL in `key`, checked: an http(s) URL, or a clear error naming the setting. */
function baseUrlFrom(env: Env, key: string): string | null {
  const value = read(env, key);
  if (value === null) return null;
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new Error(`${key} must be an http:// or https:// URL`);
  }
  return value.replace(/\/+$/u, '');
}

/** The configured providers, in the default order anthropic, openai, local. */
export function providerSettingsFromEnv(env: Env): ProviderConfig[] {
  const configs: ProviderConfig[] = [];
  const anthropicKey = read(env, 'ANTHROPIC_API_KEY');
  if (anthropicKey) {
    configs.push({
      slot: 'anthropic', name: 'anthropic', apiKey: anthropicKey,
      baseUrl: baseUrlFrom(env, 'ANTHROPIC_BASE_URL'), model: read(env, 'JD_ANTHROPIC_MODEL') ?? DEFAULT_ANTHROPIC_MODEL,
    });
  }
  const openaiKey = read(env, 'OPENAI_API_KEY');
  if (openaiKey) {
    const baseUrl = baseUrlFrom(env, 'OPENAI_BASE_URL');
    configs.push({
      slot: 'openai', name: baseUrl ? 'openai-compatible' : 'openai', apiKey: openaiKey,
      baseUrl, model: read(env, 'JD_OPENAI_MODEL') ?? DEFAULT_OPENAI_MODEL,
    });
  }
  const localUrl = baseUrlFrom(env, 'JD_LOCAL_AI_BASE_URL');
  if (localUrl) {
    const model = read(env, 'JD_LOCAL_AI_MODEL');
    if (!model) throw new Error('JD_LOCAL_AI_BASE_URL is set but JD_LOCAL_AI_MODEL is not: name the model the local server runs');
    // Local servers (Ollama, llama.cpp, vLLM) usually ignore the key, but the SDK needs one.
    configs.push({ slot: 'local', name: 'local', apiKey: read(env, 'JD_LOCAL_AI_API_KEY') ?? 'no-key', baseUrl: localUrl, model });
  }
  return configs;
}

/**
 * The configured providers in the organization's order (slots, e.g. ['anthropic', 'openai',
 * 'local']); a configured provider the order leaves out is not used, and a slot in the order that
 * is not configured (or 'offline', which the function adds itself) is skipped.
 */
export function orderProviders(configs: readonly ProviderConfig[], order: readonly string[]): ProviderConfig[] {
  const ordered: ProviderConfig[] = [];
  for (const slot of new Set(order)) {
    const config = configs.find((candidate) => candidate.slot === slot || candidate.name === slot);
    if (config && !ordered.includes(config)) ordered.push(config);
  }
  return ordered;
}

/** The SDK-backed provider for `config`. */
export function createProvider(config: ProviderConfig, options: { fetch?: OpenAIProviderSettings['fetch']; timeoutMs?: number } = {}): AiProvider {
  const common = { apiKey: config.apiKey, baseUrl: config.baseUrl, model: config.model, ...options };
  return config.slot === 'anthropic' ? createAnthropicProvider(common) : createOpenAIProvider({ ...common, name: config.slot === 'local' ? 'local' : config.baseUrl ? 'openai-compatible' : 'openai' });
}
