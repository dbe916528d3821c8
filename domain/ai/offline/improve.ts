// improve without a language model: rule-based rewrites only, each cited with its rule id (and,
// in French, the glossary's substitutions of forbidden terms, cited as the glossary term) —
// inclusive wording (inclusive-rewrites.ts), verb-first key activities (verb-first.ts), then long
// sentences split (long-sentences.ts, on the text the first pass made). Nothing else is touched:
// clarity and meaning are for a writer or a model. With nothing to rewrite the text comes back
// unchanged and the sources say so.
import type { AssistRequest, AssistSource } from '../assist-types.ts';
import { applyEdits } from './edits.ts';
import { forbiddenTermEdits } from './glossary-substitutions.ts';
import { inclusiveEdits } from './inclusive-rewrites.ts';
import { longSentenceEdits } from './long-sentences.ts';
import type { OfflineAnswer } from './answer.ts';
import { verbFirstEdits } from './verb-first.ts';

export const NOTHING_FOUND_RULE = 'offline.nothing-found';

const NOTHING_FOUND = {
  en: 'No rule-based rewrite applies (checked: inclusive wording, verb-first key activities, long sentences). Clarity and meaning are not reviewed offline.',
  fr: 'Aucune réécriture par règle ne s’applique (vérifié : rédaction inclusive, activités commençant par un verbe, longues phrases). La clarté et le sens ne sont pas revus hors ligne.',
} as const;

export function improveOffline(request: AssistRequest): OfflineAnswer {
  const lang = request.from;
  const inclusive = inclusiveEdits(request.text, lang);
  // French text: forbidden glossary terms become their approved equivalents (the grounding's
  // source is the term as written in the text).
  const glossary = lang === 'fr' ? forbiddenTermEdits(request.glossary, 'fr')(request.text) : { edits: [], notes: [] };
  const first = applyEdits(request.text, [...glossary.edits, ...inclusive.edits, ...verbFirstEdits(request.text, lang)]);
  const second = applyEdits(first.text, longSentenceEdits(first.text, lang));
  const sources: AssistSource[] = [...first.applied, ...second.applied].map((edit) => edit.source).concat(glossary.notes, inclusive.notes);
  return { text: second.text, sources: sources.length ? sources : [{ kind: 'rule', id: NOTHING_FOUND_RULE, description: NOTHING_FOUND[lang] }] };
}
