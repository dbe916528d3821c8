// What a call costs, estimated from the tokens the provider counted (ai_requests.estimated_cost,
// which the monthly budget caps add up). List prices in US dollars per million tokens, input and
// output, standard tier (no batch or cache discounts), as published on
// https://www.anthropic.com/pricing#api and https://openai.com/api/pricing/ (list prices of 2025:
// re-check them there when a model is added or a price changes).
// A model missing from the table is priced high on purpose, so that a budget errs on the safe side.

export interface ModelPrice {
  /** Model name prefix: dated snapshots (claude-sonnet-4-5-20250929, gpt-4.1-mini-2025-04-14) match it. */
  prefix: string;
  inputUsdPerMillion: number;
  outputUsdPerMillion: number;
}

export const MODEL_PRICES: readonly ModelPrice[] = [
  // Anthropic
  { prefix: 'claude-opus-4-5', inputUsdPerMillion: 5, outputUsdPerMillion: 25 },
  { prefix: 'claude-opus-4', inputUsdPerMillion: 15, outputUsdPerMillion: 75 },
  { prefix: 'claude-sonnet-4', inputUsdPerMillion: 3, outputUsdPerMillion: 15 },
  { prefix: 'claude-3-7-sonnet', inputUsdPerMillion: 3, outputUsdPerMillion: 15 },
  { prefix: 'claude-haiku-4-5', inputUsdPerMillion: 1, outputUsdPerMillion: 5 },
  { prefix: 'claude-3-5-haiku', inputUsdPerMillion: 0.8, outputUsdPerMillion: 4 },
  // OpenAI
  { prefix: 'gpt-5-nano', inputUsdPerMillion: 0.05, outputUsdPerMillion: 0.4 },
  { prefix: 'gpt-5-mini', inputUsdPerMillion: 0.25, outputUsdPerMillion: 2 },
  { prefix: 'gpt-5', inputUsdPerMillion: 1.25, outputUsdPerMillion: 10 },
  { prefix: 'gpt-4.1-nano', inputUsdPerMillion: 0.1, outputUsdPerMillion: 0.4 },
  { prefix: 'gpt-4.1-mini', inputUsdPerMillion: 0.4, outputUsdPerMillion: 1.6 },
  { prefix: 'gpt-4.1', inputUsdPerMillion: 2, outputUsdPerMillion: 8 },
  { prefix: 'gpt-4o-mini', inputUsdPerMillion: 0.15, outputUsdPerMillion: 0.6 },
  { prefix: 'gpt-4o', inputUsdPerMillion: 2.5, outputUsdPerMillion: 10 },
];

/** An unknown model: priced like the dearest model in the table, so budgets stay conservative. */
export const UNKNOWN_MODEL_PRICE: Omit<ModelPrice, 'prefix'> = { inputUsdPerMillion: 15, outputUsdPerMillion: 75 };

/** Providers that cost nothing per token: the offline provider, and a model server of our own. */
const FREE_PROVIDERS = new Set(['offline', 'local']);

/** The price of `model`: the longest matching prefix in the table, else UNKNOWN_MODEL_PRICE. */
export function modelPrice(model: string): Omit<ModelPrice, 'prefix'> {
  const name = model.trim().toLowerCase();
  let best: ModelPrice | null = null;
  for (const price of MODEL_PRICES) {
    if (name.startsWith(price.prefix) && (!best || price.prefix.length > best.prefix.length)) best = price;
  }
  return best ?? UNKNOWN_MODEL_PRICE;
}

/** Estimated cost in US dollars of one call. */
export function estimateCostUsd(provider: string, model: string, tokensIn: number, tokensOut: number): number {
  for (const [label, tokens] of [['tokensIn', tokensIn], ['tokensOut', tokensOut]] as const) {
    if (!Number.isFinite(tokens) || tokens < 0) throw new RangeError(`${label} must be a finite number of tokens, 0 or more (got ${tokens})`);
  }
  if (FREE_PROVIDERS.has(provider)) return 0;
  const price = modelPrice(model);
  return (tokensIn * price.inputUsdPerMillion + tokensOut * price.outputUsdPerMillion) / 1_000_000;
}
