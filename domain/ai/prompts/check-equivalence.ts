// check-equivalence: does the other language's version say what this one says? A short bulleted
// list in the UI language (the `from` language, the text's), or the exact "nothing found" phrase,
// which the offline provider and the UI can recognise.
import type { AiLang, AssistRequest, Prompt } from '../assist-types.ts';
import { dataBlock, LANGUAGE_NAME, systemPrompt } from './frame.ts';

/** The whole answer when the versions agree, per UI language. */
export const NO_DIFFERENCES: Record<AiLang, string> = { en: 'No differences found.', fr: 'Aucune différence relevée.' };

const instructions = (lang: AiLang) => `Task: compare the text in <document> with its other-language version in <counterpart>, as a reviewer of official-language equivalence.
- List omissions (in the document, missing from the counterpart), additions (in the counterpart only), shifts of meaning, and mismatched numbers, dates, amounts or classification codes.
- Answer in ${LANGUAGE_NAME[lang]}: a short bulleted list, one difference per line starting with "- ", quoting the words concerned. Nothing else.
- If the versions say the same thing, answer exactly: ${NO_DIFFERENCES[lang]}`;

export function checkEquivalencePrompt(request: AssistRequest): Prompt {
  return {
    system: systemPrompt(instructions(request.from)),
    user: [
      `The document is in ${LANGUAGE_NAME[request.from]}, the counterpart in ${LANGUAGE_NAME[request.to]}.`,
      dataBlock('document', request.text),
      dataBlock('counterpart', request.counterpart ?? ''),
    ].join('\n'),
    maxTokens: 1024,
  };
}
