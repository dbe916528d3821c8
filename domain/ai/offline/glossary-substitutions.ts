// The glossary's substitutions: a forbidden French term (a calque the glossary says never to use)
// becomes its approved equivalent, cited as the glossary term. Used on reused TM targets
// (translate into French) and on French text (improve). Only where the swap cannot break the
// grammar around it: the words are the forbidden term exactly as the glossary writes it (not a
// plural or feminine form), not after a determiner that carries a gender (le, la, un, une, du,
// au, ce, cette, son, sa…), and not after an elision (l', d') when the approved term starts with
// a consonant. Anywhere else the term is cited as found and left to the writer.
import { sameCase } from '../../compliance/phrase-rule.ts';
import { glossaryKey } from '../../tm/glossary.ts';
import type { AiLang, AssistSource, GlossaryGrounding } from '../assist-types.ts';
import { approvedBySource, groundingFinder } from '../glossary-flags.ts';
import type { Edit } from './edits.ts';

/** Rule id of a forbidden term found but not replaced. */
export const FORBIDDEN_TERM_KEPT = 'glossary.forbidden-term';

const GENDERED_BEFORE = /(?:^|[\s(«"“])(?:le|la|un|une|du|au|ce|cet|cette|mon|ma|ton|ta|son|sa)\s+$/iu;
const ELIDED_BEFORE = /(?:^|[\s(«"“])(?:l|d|qu|jusqu|lorsqu|puisqu)['’]\s*$/iu;
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[’]/g, "'").replace(/\s+/g, ' ').trim();

function safeToReplace(text: string, start: number, words: string, forbidden: string, approved: string): boolean {
  const before = text.slice(0, start);
  if (fold(words) !== fold(forbidden)) return false;
  if (GENDERED_BEFORE.test(before)) return false;
  return !(ELIDED_BEFORE.test(before) && !/^[aeiouyhàâéèêëîïôöùûü]/iu.test(approved));
}

/**
 * For French texts: replacements of the forbidden terms of `glossary` by their first approved
 * equivalent (for an English source, else the approved term of the same English term), and notes
 * for those it could not safely replace. `from` is the language of the grounding's `source`.
 */
export function forbiddenTermEdits(glossary: readonly GlossaryGrounding[], from: AiLang): (text: string) => { edits: Edit[]; notes: AssistSource[] } {
  const approved = approvedBySource(glossary, from);
  const find = groundingFinder(glossary.filter((t) => t.status === 'forbidden'), from);
  return (text) => {
    const edits: Edit[] = [];
    const notes: AssistSource[] = [];
    for (const hit of find(text, 'fr')) {
      const instead = hit.term.approvedEquivalents?.[0] ?? (from === 'en' ? approved.get(glossaryKey(hit.term.source, 'en'))?.[0]?.target : undefined);
      if (!instead) continue;
      const words = text.slice(hit.start, hit.end);
      const frenchTerm = from === 'fr' ? hit.term.source : hit.term.target;
      if (safeToReplace(text, hit.start, words, frenchTerm, instead)) {
        edits.push({ start: hit.start, end: hit.end, replacement: sameCase(instead)(words), source: { kind: 'glossary', id: hit.term.id, source: hit.term.source, target: hit.term.target, status: hit.term.status } });
      } else {
        notes.push({ kind: 'rule', id: FORBIDDEN_TERM_KEPT, description: `Terme à proscrire relevé, non remplacé (accord à revoir) : « ${words} » → « ${instead} »` });
      }
    }
    return { edits, notes };
  };
}
