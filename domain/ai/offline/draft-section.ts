// draft-section without a language model: a mechanical draft. Each note (a line, its list marker
// removed) becomes one sentence: first letter capitalised, ending with a period. Words are left
// as written (a note that starts with a verb keeps it); nothing is added. The sources say it is
// a mechanical draft.
import type { AssistRequest } from '../assist-types.ts';
import { listMarker, type OfflineAnswer } from './answer.ts';

export const MECHANICAL_DRAFT_RULE = 'offline.mechanical-draft';

const DESCRIPTION = {
  en: 'Mechanical draft: each note became one sentence (capital letter, final period); no wording was added or changed. Review it before use.',
  fr: 'Ébauche mécanique : chaque note est devenue une phrase (majuscule, point final); aucun mot n’a été ajouté ni changé. Révisez-la avant de l’utiliser.',
} as const;

/** One note as a sentence. */
export function noteSentence(note: string): string {
  const body = note.slice(listMarker(note).length).trim().replace(/[\s,;:–-]+$/u, '');
  if (body === '') return '';
  const capitalised = body.charAt(0).toUpperCase() + body.slice(1);
  return /[.!?…]$/u.test(capitalised) ? capitalised : `${capitalised}.`;
}

export function draftSectionOffline(request: AssistRequest): OfflineAnswer {
  const text = request.text
    .split(/\r\n?|\n/)
    .map(noteSentence)
    .filter((sentence) => sentence !== '')
    .join('\n');
  return { text, sources: [{ kind: 'rule', id: MECHANICAL_DRAFT_RULE, description: DESCRIPTION[request.from] }] };
}
