// The offline provider: what ai-assist uses when no AI provider key is configured. Deterministic
// (same request, same answer), free (0 tokens), and honest: it builds answers only from the
// translation memory, the glossary and the compliance rules, cites where every part came from,
// and never pretends to translate, review meaning or write what it cannot (see each task's file).
import type { AiProvider, AiTask, AssistRequest, Prompt, ProviderEvent } from '../assist-types.ts';
import { streamPieces, uniqueSources, type OfflineAnswer } from './answer.ts';
import { checkEquivalenceOffline } from './check-equivalence.ts';
import { complianceReviewOffline } from './compliance-review.ts';
import { draftSectionOffline } from './draft-section.ts';
import { improveOffline } from './improve.ts';
import { translateOffline } from './translate.ts';

export const OFFLINE_PROVIDER = 'offline';
export const OFFLINE_MODEL = 'jd-offline-1';

const TASKS: Record<AiTask, (request: AssistRequest) => OfflineAnswer> = {
  improve: improveOffline,
  translate: translateOffline,
  'check-equivalence': checkEquivalenceOffline,
  'draft-section': draftSectionOffline,
  'compliance-review': complianceReviewOffline,
};

/** The whole offline answer of a request (what generate() streams). */
export function offlineAnswer(request: AssistRequest): OfflineAnswer {
  const answer = TASKS[request.task](request);
  return { text: answer.text, sources: uniqueSources(answer.sources) };
}

export function createOfflineProvider(): AiProvider {
  return {
    name: OFFLINE_PROVIDER,
    model: OFFLINE_MODEL,
    // The prompt is for language models; the offline provider reads the request itself.
    async *generate(request: AssistRequest, _prompt: Prompt, signal: AbortSignal): AsyncIterable<ProviderEvent> {
      signal.throwIfAborted();
      const answer = offlineAnswer(request);
      // Sentence by sentence, as a model streams; a cancel between pieces stops the answer.
      for (const text of streamPieces(answer.text)) {
        signal.throwIfAborted();
        yield { type: 'delta', text };
      }
      signal.throwIfAborted();
      yield { type: 'end', model: OFFLINE_MODEL, tokensIn: 0, tokensOut: 0, sources: answer.sources };
    },
  };
}
