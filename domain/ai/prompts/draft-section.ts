// draft-section: bullet notes become a section in Treasury Board style, in the notes' language.
import type { AssistRequest, Prompt } from '../assist-types.ts';
import { dataBlock, LANGUAGE_NAME, outputBudget, sameLanguageGlossary, systemPrompt } from './frame.ts';

const INSTRUCTIONS = `Task: the <document> holds bullet notes for one section of a job description. Write the section from them.
- Treasury Board style: one statement per line; key activities start with a verb in the present tense ("Manages…", « Gère… »).
- Plain language and inclusive wording (Canada.ca Content Style Guide; in French, full doublets or epicene wording).
- Use only what the notes say: add no duties, numbers or requirements. Keep numbers, codes and terms as written; follow <glossary> where given.
- Answer with the section's text only, in the same language as the notes.`;

export function draftSectionPrompt(request: AssistRequest): Prompt {
  return {
    system: systemPrompt(INSTRUCTIONS),
    user: `The notes are in ${LANGUAGE_NAME[request.from]}.${sameLanguageGlossary(request)}\n${dataBlock('document', request.text)}`,
    maxTokens: outputBudget(request.text, 1024),
  };
}
