// The prompt for each AI task (one file per task, sharing frame.ts), and the parsing of a
// translation's citations.
import type { AiTask, AssistRequest, Prompt } from '../assist-types.ts';
import { checkEquivalencePrompt } from './check-equivalence.ts';
import { complianceReviewPrompt } from './compliance-review.ts';
import { draftSectionPrompt } from './draft-section.ts';
import { improvePrompt } from './improve.ts';
import { translatePrompt } from './translate.ts';

const BUILDERS: Record<AiTask, (request: AssistRequest) => Prompt> = {
  improve: improvePrompt,
  translate: translatePrompt,
  'check-equivalence': checkEquivalencePrompt,
  'draft-section': draftSectionPrompt,
  'compliance-review': complianceReviewPrompt,
};

/** The system and user prompt, and the output budget, of a request. */
export function buildPrompt(request: AssistRequest): Prompt {
  return BUILDERS[request.task](request);
}

export { citationStream, parseCitations } from './citations.ts';
export { NO_DIFFERENCES } from './check-equivalence.ts';
export { parseReview, reviewLines } from './compliance-review.ts';
export { DATA_TAGS, neutraliseTags } from './frame.ts';
export { glossaryKey, tmKey } from './translate.ts';
