// The embeddings provider: the official openai SDK against OpenAI or any OpenAI-compatible server
// (OPENAI_BASE_URL), in batches, with the SDK's retries (429/5xx, honouring Retry-After). The
// policy (batch size, retries, dimension check) is domain/ai/embeddings.ts.
import OpenAI from 'npm:openai@7.60.0';
import {
  DEFAULT_EMBEDDING_MODEL,
  EMBEDDING_MAX_RETRIES,
  EMBEDDING_TIMEOUT_MS,
  inBatches,
  orderedEmbeddings,
} from '../../domain/ai/embeddings.ts';

export interface EmbeddingSettings {
  apiKey: string;
  /** null: OpenAI itself. */
  baseUrl: string | null;
  model: string;
}

/** The settings from the function's environment, or null when no key is configured (semantic search off). */
export function embeddingSettingsFrom(env: { get(key: string): string | undefined }): EmbeddingSettings | null {
  const apiKey = env.get('OPENAI_API_KEY')?.trim();
  if (!apiKey) return null;
  return {
    apiKey,
    baseUrl: env.get('OPENAI_BASE_URL')?.trim() || null,
    model: env.get('JD_EMBEDDING_MODEL')?.trim() || DEFAULT_EMBEDDING_MODEL,
  };
}

/** ai_requests.provider: which kind of server answered (never its address). */
export const providerName = (settings: EmbeddingSettings) => (settings.baseUrl ? 'openai-compatible' : 'openai');

export interface EmbeddingResult {
  embeddings: number[][];
  model: string;
  promptTokens: number;
}

/** Embedding failed after the SDK's retries; `status` is the provider's last HTTP status, if any. */
export class ProviderError extends Error {
  constructor(message: string, readonly status: number | null) {
    super(message);
    this.name = 'ProviderError';
  }
}

export function createEmbedder(settings: EmbeddingSettings) {
  const client = new OpenAI({
    apiKey: settings.apiKey,
    baseURL: settings.baseUrl ?? undefined,
    maxRetries: EMBEDDING_MAX_RETRIES,
    timeout: EMBEDDING_TIMEOUT_MS,
  });

  /** One embedding per text, in order; texts are already normalised (non-blank). */
  return async function embed(texts: readonly string[]): Promise<EmbeddingResult> {
    const embeddings: number[][] = [];
    let promptTokens = 0;
    let model = settings.model;
    for (const batch of inBatches(texts)) {
      let answer;
      try {
        // float: the SDK would otherwise ask for base64, which not every compatible server speaks.
        answer = await client.embeddings.create({ model: settings.model, input: batch, encoding_format: 'float' });
      } catch (error) {
        const status = error instanceof OpenAI.APIError ? (error.status ?? null) : null;
        throw new ProviderError(`the embeddings provider failed: ${(error as Error).message}`, status);
      }
      try {
        embeddings.push(...orderedEmbeddings(answer.data, batch.length));
      } catch (error) {
        throw new ProviderError(`the embeddings provider's answer was refused: ${(error as Error).message}`, null);
      }
      promptTokens += answer.usage?.prompt_tokens ?? 0;
      model = answer.model || model;
    }
    return { embeddings, model, promptTokens };
  };
}

export type Embedder = ReturnType<typeof createEmbedder>;
