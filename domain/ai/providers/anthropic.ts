// The Anthropic provider, over the official `@anthropic-ai/sdk`: one streamed messages call per
// answer (message_start carries the input tokens, content_block_delta the text, message_delta the
// output tokens, message_stop the end). The SDK's own retries are off (the resilience layer
// retries, falls back and keeps the circuit breaker), and `signal` aborts the HTTP request.
import Anthropic, { type ClientOptions } from '@anthropic-ai/sdk';
import type { AiProvider, AssistRequest, Prompt, ProviderEvent } from '../assist-types.ts';
import { classifySdkError } from './failure.ts';
import { checkStreamEnd, sdkClientOptions } from './sdk-options.ts';

export const ANTHROPIC_BASE_URL = 'https://api.anthropic.com';

export interface AnthropicProviderSettings {
  apiKey: string;
  /** null: Anthropic itself. */
  baseUrl: string | null;
  model: string;
  fetch?: ClientOptions['fetch'];
  timeoutMs?: number;
}

export function createAnthropicProvider(settings: AnthropicProviderSettings): AiProvider {
  const name = 'anthropic';
  const client = new Anthropic({
    apiKey: settings.apiKey,
    // Explicit, so that the SDK picks neither ANTHROPIC_BASE_URL nor ANTHROPIC_AUTH_TOKEN up itself.
    authToken: null,
    baseURL: settings.baseUrl ?? ANTHROPIC_BASE_URL,
    ...sdkClientOptions(settings),
  });
  const fail = (error: unknown, signal: AbortSignal) => classifySdkError(name, error, Anthropic, signal, settings.apiKey);

  return {
    name,
    model: settings.model,
    async *generate(_request: AssistRequest, prompt: Prompt, signal: AbortSignal): AsyncGenerator<ProviderEvent> {
      let stream;
      try {
        stream = await client.messages.create(
          {
            model: settings.model,
            max_tokens: prompt.maxTokens,
            // The API refuses an empty system text block.
            ...(prompt.system ? { system: prompt.system } : {}),
            messages: [{ role: 'user', content: prompt.user }],
            stream: true,
          },
          { signal },
        );
      } catch (error) {
        throw fail(error, signal);
      }
      let model = settings.model;
      let tokensIn = 0;
      let tokensOut = 0;
      let finished = false;
      try {
        for await (const event of stream) {
          switch (event.type) {
            case 'message_start':
              model = event.message.model || model;
              tokensIn = event.message.usage.input_tokens;
              tokensOut = event.message.usage.output_tokens;
              break;
            case 'content_block_delta':
              if (event.delta.type === 'text_delta' && event.delta.text) yield { type: 'delta', text: event.delta.text };
              break;
            case 'message_delta':
              // Cumulative counts.
              tokensOut = event.usage.output_tokens;
              if (typeof event.usage.input_tokens === 'number') tokensIn = event.usage.input_tokens;
              break;
            case 'message_stop':
              finished = true;
              break;
            default:
              break;
          }
        }
      } catch (error) {
        throw fail(error, signal);
      }
      checkStreamEnd(name, signal, finished);
      yield { type: 'end', model, tokensIn, tokensOut };
    },
  };
}
