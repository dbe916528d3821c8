// `ai-assist`: AI suggestions for a job description (issue 16), streamed as Server-Sent Events.
// This file only wires the real parts into the handler (handler.ts says what it answers): the
// providers configured in the function's environment (domain/ai/providers), the offline provider
// (domain/ai/offline), the prompts (domain/ai/prompts) and the glossary check.
import { glossaryFlags } from '../../domain/ai/glossary-flags.ts';
import { createOfflineProvider } from '../../domain/ai/offline/index.ts';
import { buildPrompt } from '../../domain/ai/prompts/index.ts';
import {
  CircuitBreakerRegistry,
  createProvider,
  createResilientProvider,
  estimateCostUsd,
  orderProviders,
  providerSettingsFromEnv,
} from '../../domain/ai/providers/index.ts';
import { callerClient } from '../_shared/exchange.ts';
import { handleAssist, type AssistServices } from './handler.ts';

declare const Deno: {
  serve(handler: (request: Request) => Response | Promise<Response>): unknown;
  env: { get(key: string): string | undefined; toObject(): Record<string, string> };
};

/** Per provider call (the first token included); a call that takes longer falls back. */
const PROVIDER_TIMEOUT_MS = 30_000;
/** Retries of one provider on 429/5xx before the next one is tried. */
const PROVIDER_RETRIES = 2;

// One registry for the life of the process (the function host keeps it warm), so a provider that
// keeps failing is skipped by every request until its cool-down ends.
const breaker = new CircuitBreakerRegistry();

const services: AssistServices = {
  callerClient,
  providers(order) {
    const remote = orderProviders(providerSettingsFromEnv(Deno.env), order).map((config) => ({ slot: config.slot, provider: createProvider(config) }));
    if (remote.length === 0) return [];
    return order.flatMap((slot) => (slot === 'offline' ? [createOfflineProvider()] : remote.filter((r) => r.slot === slot).map((r) => r.provider)));
  },
  offline: createOfflineProvider,
  resilient: (chain, onAttempt) =>
    createResilientProvider(chain, { timeoutMs: PROVIDER_TIMEOUT_MS, maxRetries: PROVIDER_RETRIES, breaker, onAttempt }),
  buildPrompt,
  glossaryFlags,
  estimateCostUsd,
  secrets: () =>
    Object.entries(Deno.env.toObject())
      .filter(([name, value]) => /KEY|SECRET|TOKEN|PASSWORD/i.test(name) && value.length >= 8)
      .map(([, value]) => value),
  log: (message) => console.error(message),
};

Deno.serve((request) => handleAssist(request, services));
