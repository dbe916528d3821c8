// translate: English to French or French to English, grounded in the translation memory and the
// glossary. Each match and term has a citation key ([TM1].., [G1]..) that the model cites on a
// last "Sources:" line; parseCitations (citations.ts) turns that line into the answer's sources.
import type { AssistRequest, GlossaryGrounding, Prompt, TmGrounding } from '../assist-types.ts';
import { dataBlock, LANGUAGE_NAME, outputBudget, systemPrompt } from './frame.ts';

export const tmKey = (index: number): string => `TM${index + 1}`;
export const glossaryKey = (index: number): string => `G${index + 1}`;

const INSTRUCTIONS = `Task: translate the text in <document> following the Translation Bureau's conventions (Government of Canada style, Canadian spelling and typography; in French, inclusive wording with full doublets or epicene terms).
- <tm> lists past approved translations (source → target, with their match score). Reuse a 100 % (or 101 %) match's target verbatim for its sentence; adapt a lower match only where it fits.
- <glossary> lists terms found in the text. An approved term must be translated with its target term. A forbidden term must never be used: use the approved equivalent given.
- Keep numbers, dates, amounts and classification codes as the target language writes them; keep the line structure (one line per paragraph or list item).
- Answer with the translation only, then one last line "Sources: " followed by the keys of the matches and terms you used, e.g. "Sources: [TM1], [G2]", or "Sources: none".`;

function tmLine(match: TmGrounding, index: number): string {
  return `[${tmKey(index)}] (${match.score} %) ${match.source} → ${match.target}`;
}

function glossaryLine(term: GlossaryGrounding, index: number): string {
  const key = `[${glossaryKey(index)}]`;
  switch (term.status) {
    case 'approved':
      return `${key} approved: "${term.source}" → must use "${term.target}"`;
    case 'forbidden': {
      const instead = term.approvedEquivalents?.length ? `; use ${term.approvedEquivalents.map((t) => `"${t}"`).join(' or ')}` : '';
      return `${key} forbidden: never translate "${term.source}" as "${term.target}"${instead}`;
    }
    case 'pending':
      return `${key} pending (not yet approved, may use): "${term.source}" → "${term.target}"`;
  }
}

export function translatePrompt(request: AssistRequest): Prompt {
  const tm = request.tm.length ? request.tm.map(tmLine).join('\n') : '(no matches)';
  const glossary = request.glossary.length ? request.glossary.map(glossaryLine).join('\n') : '(no terms)';
  return {
    system: systemPrompt(INSTRUCTIONS),
    user: [
      `Translate from ${LANGUAGE_NAME[request.from]} into ${LANGUAGE_NAME[request.to]}.`,
      dataBlock('tm', tm),
      dataBlock('glossary', glossary),
      dataBlock('document', request.text),
    ].join('\n'),
    maxTokens: outputBudget(request.text),
  };
}
