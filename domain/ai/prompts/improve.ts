// improve: a clearer, plainer, more inclusive version of the text, in its own language.
import type { AssistRequest, Prompt } from '../assist-types.ts';
import { dataBlock, LANGUAGE_NAME, outputBudget, sameLanguageGlossary, systemPrompt } from './frame.ts';

const INSTRUCTIONS = `Task: improve the text in <document> without changing its meaning.
- Clarity and plain language (Canada.ca Content Style Guide): short sentences, one idea each, everyday words, active voice.
- Inclusive wording: "they" for a person whose gender is not known, gender-neutral role nouns, no "native speaker" (state the proficiency needed); in French, full doublets (« les agentes et agents ») or epicene wording, never truncated forms.
- Treasury Board style: each key activity starts with a verb in the present tense ("Manages…", « Gère… »).
- Keep every number, date, amount, classification code and glossary term exactly as written; replace the forbidden terms <glossary> lists, as it says.
- Keep the line structure (one line per paragraph or list item).
- Answer with the rewritten text only, in the same language as the document.`;

export function improvePrompt(request: AssistRequest): Prompt {
  return {
    system: systemPrompt(INSTRUCTIONS),
    user: `The document is in ${LANGUAGE_NAME[request.from]}.${sameLanguageGlossary(request)}\n${dataBlock('document', request.text)}`,
    maxTokens: outputBudget(request.text),
  };
}
