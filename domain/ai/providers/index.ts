// The provider layer of AI assistance (issue 16): the OpenAI (and OpenAI-compatible, and local)
// and Anthropic providers over their official SDKs, how they fail, the resilient chain over
// them (timeout, retry, fallback, circuit breaker), their settings and their prices.
export { createAnthropicProvider, type AnthropicProviderSettings } from './anthropic.ts';
export { CircuitBreakerRegistry, type CircuitBreakerOptions, type CircuitState } from './circuit-breaker.ts';
export { ProviderFailure, redactSecrets, retryAfterMs, type FailureKind } from './failure.ts';
export { createOpenAIProvider, type OpenAIProviderSettings } from './openai.ts';
export { estimateCostUsd, modelPrice, MODEL_PRICES, UNKNOWN_MODEL_PRICE, type ModelPrice } from './pricing.ts';
export { backoffMs, createResilientProvider, type AttemptRecord, type ResilienceOptions } from './resilience.ts';
export {
  createProvider,
  DEFAULT_ANTHROPIC_MODEL,
  DEFAULT_OPENAI_MODEL,
  orderProviders,
  PROVIDER_SLOTS,
  providerSettingsFromEnv,
  type ProviderConfig,
  type ProviderSlot,
} from './settings.ts';
