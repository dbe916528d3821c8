// Inclusive wording, offline: the compliance rules find the words (domain/compliance/inclusive.ts:
// their lists and exceptions, e.g. the impersonal « il »), and a rewrite is made only where it is
// mechanical and grammatical:
//  * English generic pronouns → they/them/their/theirs/themselves, with the verb after a subject
//    pronoun agreed ("he manages" → "they manage", "she is" → "they are");
//  * gendered role nouns → the rule's neutral noun (plural kept: "firemen" → "firefighters"); in
//    French the rule's full doublet or « la ou le titulaire », and « il » (the incumbent) → « la
//    personne titulaire » (« qu'il » → « que la personne titulaire »);
//  * "native (English) speaker" → "person with advanced proficiency (in English)".
// What needs a writer (a masculine-only title, a truncated form, « tous les employés », « peut-il »,
// "he's", « langue maternelle », "mother tongue") is cited as found but not rewritten.
import { englishPlural } from '../../compliance/glossary.ts';
import { gendered, genericPronoun, nativeSpeaker } from '../../compliance/inclusive.ts';
import { sameCase, type LocatedFinding, type PhraseRule } from '../../compliance/phrase-rule.ts';
import type { Lang } from '../../sections.ts';
import type { AssistSource } from '../assist-types.ts';
import { change, documentOf, emptyDocument, type Edit } from './edits.ts';

const SUBJECT = /^(?:he|she|he or she|she or he|he\/she|she\/he|s\/he)$/i;
const OBJECT = /^(?:him|him or her|her or him|him\/her)$/i;
const REFLEXIVE = /^(?:himself|herself)$/i;
const POSSESSIVE = /^(?:his or her|her or his|his\/her)$/i;
const MODALS = new Set(['must', 'will', 'can', 'may', 'should', 'would', 'could', 'shall', 'might', 'did', 'had']);
const ADVERB = String.raw`(?:also|often|always|usually|regularly|then|sometimes|never|\p{L}+ly)`;
// Words that follow "her" as an object ("contact her when…", "give her the file"), not a noun it owns.
const AFTER_OBJECT_HER = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'to', 'with', 'when', 'if', 'on', 'in', 'at', 'for', 'about', 'as', 'before', 'after', 'by', 'from', 'of', 'so', 'until', 'while', 'and', 'or', 'but', 'into', 'through', 'directly', 'immediately', 'regularly', 'promptly', 'informed', 'know']);
// "focuses" is the one -uses verb of job descriptions whose stem ends in -us ("uses", "causes" keep the e).
const IRREGULAR: Record<string, string> = { is: 'are', was: 'were', has: 'have', does: 'do', focuses: 'focus' };

/** The third-person verb "manages" agreed with "they" ("manage"); unchanged when not one. */
export function pluralVerb(verb: string): string {
  const lower = verb.toLowerCase();
  if (IRREGULAR[lower]) return sameCase(IRREGULAR[lower])(verb);
  if (MODALS.has(lower) || lower.length < 3 || !lower.endsWith('s') || lower.endsWith('ss') || lower.endsWith('us')) return verb;
  if (/[^aeiou]ies$/.test(lower)) return verb.slice(0, -3) + 'y';
  if (/(?:ches|shes|sses|xes|zes|oes)$/.test(lower)) return verb.slice(0, -2);
  return verb.slice(0, -1);
}

/** An English pronoun rewrite: how much text it covers from the pronoun, and what replaces it. */
function pronounRewrite(text: string, start: number, words: string): { end: number; replacement: string } {
  const after = text.slice(start + words.length);
  const end = start + words.length;
  if (SUBJECT.test(words)) {
    const verb = new RegExp(String.raw`^(\s+(?:${ADVERB}\s+)?)(\p{L}+)(?![\p{L}'’])`, 'u').exec(after);
    const they = sameCase('they')(words);
    if (!verb) return { end, replacement: they };
    return { end: end + verb[0].length, replacement: they + verb[1]! + pluralVerb(verb[2]!) };
  }
  if (OBJECT.test(words)) return { end, replacement: sameCase('them')(words) };
  if (REFLEXIVE.test(words)) return { end, replacement: sameCase('themselves')(words) };
  if (POSSESSIVE.test(words)) return { end, replacement: sameCase('their')(words) };
  const next = /^\s+(\p{L}+)/u.exec(after)?.[1]?.toLowerCase();
  if (/^hers$/i.test(words) || (/^his$/i.test(words) && next === undefined)) return { end, replacement: sameCase('theirs')(words) };
  if (/^her$/i.test(words) && (next === undefined || AFTER_OBJECT_HER.has(next))) return { end, replacement: sameCase('them')(words) };
  return { end, replacement: sameCase('their')(words) }; // his/her before a noun
}

// "they manage X and reviews their…": a verb coordinated with the first, recognised by the
// determiner or pronoun that starts its object.
const COORDINATED_VERB = /(?<![\p{L}])(?:and|or)\s+(\p{L}+s)\s+(?=(?:the|a|an|their|his|her|its|all|each|every|any|them|these|those)(?![\p{L}]))/giu;

/** Verbs coordinated with a subject pronoun's verb, agreed with "they", up to the end of its clause. */
function coordinatedVerbEdits(text: string, from: number, rule: PhraseRule, lang: Lang): Edit[] {
  const clause = /^[^.;!?\n]*/u.exec(text.slice(from))![0];
  return [...clause.matchAll(COORDINATED_VERB)].flatMap((m) => {
    const verb = m[1]!;
    const agreed = pluralVerb(verb);
    if (agreed === verb) return [];
    const start = from + m.index + m[0].trimEnd().length - verb.length;
    return [{ start, end: start + verb.length, replacement: agreed, source: { kind: 'rule' as const, id: rule.id, description: change(lang, verb, agreed) } }];
  });
}

/** "native English speaker" → "person with advanced proficiency in English"; null: needs a writer. */
function nativeSpeakerRewrite(words: string): string | null {
  const m = /^native(?:[- ](English|French))?[- ]speak(er|ers)$/i.exec(words);
  if (m) return `${m[2]!.toLowerCase() === 'ers' ? 'people' : 'person'} with advanced proficiency${m[1] ? ` in ${m[1]}` : ''}`;
  if (/^native[- ]level$/i.test(words)) return sameCase('advanced')(words);
  return null;
}

// « tous les employés », « les nouveaux agents »: a masculine word before the noun would need its
// own doublet (« toutes les employées et tous les employés »), which is for a writer.
const FR_MASCULINE_BEFORE_NOUN = /(?:^|\s)(?:tous|nouveaux|principaux|futurs|anciens)\s/iu;

/** A gendered noun's neutral replacement, plural kept; null when the rule's fix is advice (a title, a truncated form). */
function genderedRewrite(finding: LocatedFinding, lang: Lang): string | null {
  if (finding.fix === undefined) return null;
  if (lang === 'fr' && FR_MASCULINE_BEFORE_NOUN.test(finding.text)) return null;
  const fix = finding.fix.replace(/\s*\(ou [^)]*\)$/, '');
  if (/[(«]/.test(fix)) return null;
  if (lang === 'en' && /(?:men|esses|ies)$/i.test(finding.text) && !/hours?$/i.test(fix)) return englishPlural(fix);
  return fix;
}

// French words elided before « il » (« qu'il », « lorsqu'il », « s'il »), written out before « la personne titulaire ».
const FR_ELIDED: Record<string, string> = { qu: 'que', lorsqu: 'lorsque', puisqu: 'puisque', quoiqu: 'quoique', s: 'si' };

/** « il » → « la personne titulaire », the elided word before it written out; null after an inversion (« peut-il »). */
function frenchPronounRewrite(text: string, finding: LocatedFinding): { start: number; end: number; replacement: string } | null {
  const end = finding.at + finding.text.length;
  if (finding.fix === undefined || /-$/.test(text.slice(0, finding.at))) return null;
  const elided = /(?:^|[^\p{L}])(\p{L}+)['’]$/u.exec(text.slice(0, finding.at));
  if (!elided) return { start: finding.at, end, replacement: sameCase(finding.fix)(finding.text) };
  const full = FR_ELIDED[elided[1]!.toLowerCase()];
  if (!full) return null;
  const start = finding.at - elided[1]!.length - 1;
  return { start, end, replacement: `${sameCase(full)(elided[1]!)} ${finding.fix}` };
}

function rewriteOf(rule: PhraseRule, finding: LocatedFinding, text: string, lang: Lang): { start: number; end: number; replacement: string } | null {
  const end = finding.at + finding.text.length;
  // "he's" is "he is" or "he has": for a writer.
  if (rule === genericPronoun && /^['’]/.test(text.slice(end))) return null;
  if (rule === genericPronoun) return lang === 'en' ? { start: finding.at, ...pronounRewrite(text, finding.at, finding.text) } : frenchPronounRewrite(text, finding);
  if (rule === gendered) {
    const fix = genderedRewrite(finding, lang);
    return fix === null ? null : { start: finding.at, end, replacement: sameCase(fix)(finding.text) };
  }
  const fix = lang === 'en' ? nativeSpeakerRewrite(finding.text) : null;
  return fix === null ? null : { start: finding.at, end, replacement: fix };
}

const NOT_REWRITTEN: Record<Lang, (words: string, advice: string) => string> = {
  en: (words, advice) => `Found, not rewritten (needs a writer): "${words}"${advice ? ` (${advice})` : ''}`,
  fr: (words, advice) => `Relevé, non récrit (à reformuler) : « ${words} »${advice ? ` (${advice})` : ''}`,
};

/** The inclusive-wording edits of `text` (in `lang`), and what was found but left to the writer. */
export function inclusiveEdits(text: string, lang: Lang): { edits: Edit[]; notes: AssistSource[] } {
  const doc = documentOf(text, lang);
  const pair = lang === 'en' ? { en: doc, fr: emptyDocument('fr') } : { en: emptyDocument('en'), fr: doc };
  const edits: Edit[] = [];
  const notes: AssistSource[] = [];
  for (const rule of [genericPronoun, gendered, nativeSpeaker]) {
    for (const finding of rule.locate(pair)) {
      const rewrite = rewriteOf(rule, finding, text, lang);
      if (rewrite === null) {
        notes.push({ kind: 'rule', id: rule.id, description: NOT_REWRITTEN[lang](finding.text, finding.fix ?? '') });
        continue;
      }
      const before = text.slice(rewrite.start, rewrite.end);
      if (rule === genericPronoun && lang === 'en' && SUBJECT.test(finding.text)) edits.push(...coordinatedVerbEdits(text, rewrite.end, rule, lang));
      edits.push({ start: rewrite.start, end: rewrite.end, replacement: rewrite.replacement, source: { kind: 'rule', id: rule.id, description: change(lang, before, rewrite.replacement) } });
    }
  }
  return { edits, notes };
}
