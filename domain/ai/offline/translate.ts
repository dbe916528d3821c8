// translate without a language model. The offline provider does not translate: it assembles
// what the organization has already approved, and says plainly what it left alone.
//  * A sentence with a 100 % translation-memory match (same words, same punctuation: the TM's
//    own fuzzy score recomputed against this sentence) becomes that match's target, verbatim;
//    cited as kind 'tm'.
//  * Any other sentence stays in the source language, prefixed « [à traduire] » / "[to
//    translate] " (in the target language), cited as kind 'untranslated'. A fuzzy match is never
//    put in the text (another sentence's translation is not this one's) but the closest one, from
//    75 %, is cited as kind 'tm' with its score for this sentence, for the translator to adapt.
//  * Glossary. A forbidden French term in a reused TM target is replaced by its approved
//    equivalent where that is grammatically safe (glossary-substitutions.ts; else cited as found):
//    the glossary wins over old translations. An approved term of the sentence whose
//    target is not in the output sentence (an untranslated sentence, or a TM target worded
//    otherwise) is given after the sentence as a bracketed note « [Lexique : « X » → « Y »] »,
//    never spliced into source-language text: no mixed-language sentences. Every glossary term
//    used or noted is cited as kind 'glossary'.
import { fuzzyScore } from '../../tm/fuzzy-score.ts';
import { collapsedRaw } from '../../tm/normalize.ts';
import type { AiLang, AssistRequest, AssistSource, GlossaryGrounding, TmGrounding } from '../assist-types.ts';
import { approvedBySource, groundingFinder, type GroundingHit } from '../glossary-flags.ts';
import { splitLines } from '../sentences.ts';
import { listMarker, type OfflineAnswer } from './answer.ts';
import { applyEdits, type Edit } from './edits.ts';
import { forbiddenTermEdits } from './glossary-substitutions.ts';

/** The mark of a sentence left in the source language, in the target language's words. */
export const UNTRANSLATED_MARK: Record<AiLang, string> = { en: '[to translate] ', fr: '[à traduire] ' };

const quote = (lang: AiLang, text: string) => (lang === 'fr' ? `« ${text} »` : `"${text}"`);

/** The note listing approved terms a sentence needs, in the target language. */
export function glossaryNote(to: AiLang, terms: readonly GlossaryGrounding[]): string {
  const pairs = terms.map((t) => `${quote(to, t.source)} → ${quote(to, t.target)}`);
  return to === 'fr' ? ` [Lexique : ${pairs.join(' ; ')}]` : ` [Glossary: ${pairs.join('; ')}]`;
}

function exactScore(sentence: string, source: string): number {
  try {
    return fuzzyScore(sentence, source);
  } catch {
    return 0; // more words than the TM scores: no match
  }
}

/**
 * The best TM match that is exact for this sentence (a context match, 101, before a 100). A score
 * of 100 needs the same text once spaces are collapsed (the 99 rule): that cheap test comes first.
 */
function exactMatch(sentence: string, tm: readonly TmGrounding[]): TmGrounding | null {
  const raw = collapsedRaw(sentence);
  return tm.filter((m) => m.score >= 100 && collapsedRaw(m.source) === raw && exactScore(sentence, m.source) >= 100).sort((a, b) => b.score - a.score)[0] ?? null;
}

/** The lowest fuzzy score worth showing a translator (the CAT tools' usual threshold, matchBand's 75-84). */
export const FUZZY_CITATION_MIN = 75;

/** The closest TM match of a sentence without an exact one, scored against this sentence, from FUZZY_CITATION_MIN; else null. */
function closestMatch(sentence: string, tm: readonly TmGrounding[]): TmGrounding | null {
  const scored = tm.map((m) => ({ ...m, score: Math.min(m.score, exactScore(sentence, m.source), 99) })).filter((m) => m.score >= FUZZY_CITATION_MIN);
  return scored.sort((a, b) => b.score - a.score)[0] ?? null;
}

const glossarySource = (t: GlossaryGrounding): AssistSource => ({ kind: 'glossary', id: t.id, source: t.source, target: t.target, status: t.status });
const tmSource = (m: TmGrounding): AssistSource => ({ kind: 'tm', id: m.id, source: m.source, target: m.target, score: m.score });

/** What every sentence of one request is translated with (glossary matchers built once). */
interface Grounding {
  request: AssistRequest;
  findApproved: (text: string, lang: AiLang) => GroundingHit[];
  replaceForbidden: (text: string) => { edits: Edit[]; notes: AssistSource[] };
}

/** One sentence (without its list marker) in the target language, or marked as left alone. */
function translateSentence(sentence: string, { request, findApproved, replaceForbidden }: Grounding, sources: AssistSource[]): string {
  const match = exactMatch(sentence, request.tm);
  let output: string;
  if (match) {
    // The glossary wins over old translations: a forbidden French term in the target is replaced.
    const glossary = request.to === 'fr' ? replaceForbidden(match.target) : { edits: [], notes: [] };
    const substituted = applyEdits(match.target, glossary.edits);
    output = substituted.text;
    sources.push(...substituted.applied.map((edit) => edit.source), ...glossary.notes);
    sources.push(tmSource(match));
  } else {
    output = UNTRANSLATED_MARK[request.to] + sentence;
    sources.push({ kind: 'untranslated', text: sentence });
    const closest = closestMatch(sentence, request.tm);
    if (closest) sources.push(tmSource(closest));
  }
  // Approved terms of this sentence: used in the output, or given in a note.
  const approved = findApproved(sentence, request.from).map((h) => h.term);
  const inOutput = new Set(match ? findApproved(output, request.to).map((h) => h.term.id) : []);
  const missing: GlossaryGrounding[] = [];
  for (const group of approvedBySource(approved, request.from).values()) {
    const used = group.find((t) => inOutput.has(t.id));
    if (used) sources.push(glossarySource(used));
    else missing.push(group[0]!);
  }
  for (const term of missing) sources.push(glossarySource(term));
  return missing.length ? output + glossaryNote(request.to, missing) : output;
}

export function translateOffline(request: AssistRequest): OfflineAnswer {
  const grounding: Grounding = {
    request,
    findApproved: groundingFinder(request.glossary.filter((t) => t.status === 'approved'), request.from),
    replaceForbidden: forbiddenTermEdits(request.glossary, request.from),
  };
  const sources: AssistSource[] = [];
  const lines = request.text.split(/\r\n?|\n/);
  const text = splitLines(request.text, request.from)
    .map((sentences, i) => {
      const marker = listMarker(lines[i] ?? '');
      return sentences.map((sentence, k) => (k === 0 && marker ? marker + translateSentence(sentence.slice(marker.trim().length).trim(), grounding, sources) : translateSentence(sentence, grounding, sources))).join(' ');
    })
    .join('\n');
  return { text, sources };
}
