// The OpenAI provider, over the official `openai` SDK: OpenAI itself, or any server that speaks
// its chat completions API (OPENAI_BASE_URL, or a local model server). One streamed
// chat.completions call per answer; the SDK's own retries are off (the resilience layer retries,
// falls back and keeps the circuit breaker), and `signal` aborts the HTTP request.
import OpenAI, { type ClientOptions } from 'openai';
import type { AiProvider, AssistRequest, Prompt, ProviderEvent } from '../assist-types.ts';
import { classifySdkError } from './failure.ts';
import { checkStreamEnd, sdkClientOptions } from './sdk-options.ts';

export const OPENAI_BASE_URL = 'https://api.openai.com/v1';

export interface OpenAIProviderSettings {
  apiKey: string;
  /** null: OpenAI itself. */
  baseUrl: string | null;
  model: string;
  /** ai_requests.provider. Default: 'openai', or 'openai-compatible' with a base URL. */
  name?: 'openai' | 'openai-compatible' | 'local';
  fetch?: ClientOptions['fetch'];
  timeoutMs?: number;
}

export function createOpenAIProvider(settings: OpenAIProviderSettings): AiProvider {
  const name = settings.name ?? (settings.baseUrl ? 'openai-compatible' : 'openai');
  const client = new OpenAI({
    apiKey: settings.apiKey,
    // Explicit, so that the SDK never picks OPENAI_BASE_URL up from the environment by itself.
    baseURL: settings.baseUrl ?? OPENAI_BASE_URL,
    organization: null,
    project: null,
    ...sdkClientOptions(settings),
  });
  const fail = (error: unknown, signal: AbortSignal) => classifySdkError(name, error, OpenAI, signal, settings.apiKey);

  return {
    name,
    model: settings.model,
    async *generate(_request: AssistRequest, prompt: Prompt, signal: AbortSignal): AsyncGenerator<ProviderEvent> {
      let stream;
      try {
        stream = await client.chat.completions.create(
          {
            model: settings.model,
            messages: [
              { role: 'system', content: prompt.system },
              { role: 'user', content: prompt.user },
            ],
            // OpenAI's newer models take only max_completion_tokens; compatible servers often
            // know only the older max_tokens.
            ...(name === 'openai' ? { max_completion_tokens: prompt.maxTokens } : { max_tokens: prompt.maxTokens }),
            stream: true,
            stream_options: { include_usage: true },
          },
          { signal },
        );
      } catch (error) {
        throw fail(error, signal);
      }
      let model = settings.model;
      let finished = false;
      let usage: { prompt_tokens: number; completion_tokens: number } | null = null;
      try {
        for await (const chunk of stream) {
          if (chunk.model) model = chunk.model;
          if (chunk.usage) usage = chunk.usage;
          // Compatible servers may send the usage chunk with `choices: null`.
          const choice = chunk.choices?.[0];
          if (choice?.finish_reason) finished = true;
          const text = choice?.delta?.content;
          if (text) yield { type: 'delta', text };
        }
      } catch (error) {
        throw fail(error, signal);
      }
      checkStreamEnd(name, signal, finished);
      yield { type: 'end', model, tokensIn: usage?.prompt_tokens ?? 0, tokensOut: usage?.completion_tokens ?? 0 };
    },
  };
}
