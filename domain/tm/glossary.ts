// Terminology matching: which glossary terms a sentence contains, and where, however it writes
// them (« l'agente », « des agents » find « agent »). The rules are private.glossary_key's
// (supabase/migrations/20261205100600_glossary_lookup.sql), so the editor underlines what
// glossary_lookup returns; scripts/glossary-parity.test.ts checks both on the same cases.
//  * normalize_text's words, accents folded (NFD without combining marks, œ -> oe, æ -> ae),
//    hyphens and apostrophes as word breaks;
//  * in French, each word reduced to a common form of its plural and feminine (frenchWordKey).
// A term matches where its keys are consecutive keys of the text.
import { normalizeTraced, normalizeText } from './normalize.ts';
import type { Span } from './traced-text.ts';

export type Lang = 'en' | 'fr';
export type TermStatus = 'approved' | 'forbidden' | 'pending';

/** A glossary_terms row as the matcher needs it. */
export interface GlossaryTerm {
  id: string;
  termEn: string;
  termFr: string;
  status: TermStatus;
  /** null: shared terminology. */
  organizationId: string | null;
}

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const length = (word: string) => [...word].length;

function foldCodePoint(codePoint: string): string {
  if (codePoint === '-' || codePoint === "'") return ' ';
  return codePoint.normalize('NFD').replace(COMBINING_MARKS, '').replace('œ', 'oe').replace('æ', 'ae');
}

/** One French word's common form for plural and feminine (the SQL's three steps). */
export function frenchWordKey(word: string): string {
  let w = word;
  if (length(w) > 3) {
    if (w.endsWith('aux')) w = `${w.slice(0, -3)}al`;
    else if (w.endsWith('s') || w.endsWith('x')) w = w.slice(0, -1);
  }
  const feminine: [suffix: string, replacement: string][] = [['trice', 'teur'], ['euse', 'eur'], ['elle', 'el'], ['enne', 'en'], ['ive', 'if']];
  for (const [suffix, replacement] of feminine) {
    if (w.endsWith(suffix) && length(w) > length(suffix)) {
      w = w.slice(0, -suffix.length) + replacement;
      break;
    }
  }
  const trimmed = w.replace(/e+$/, '');
  return length(trimmed) >= 3 ? trimmed : [...w].slice(0, 3).join('');
}

/** A glossary key word and the stretch of the original text it comes from. */
export interface KeyWord {
  key: string;
  span: Span;
}

/** The text's glossary key words, with their spans. */
export function glossaryKeyWords(text: string, lang: Lang): KeyWord[] {
  return normalizeTraced(text)
    .mapCodePoints(foldCodePoint)
    .words()
    .map(({ word, span }) => ({ key: lang === 'fr' ? frenchWordKey(word) : word, span }));
}

/** private.glossary_key(text, lang). */
export function glossaryKey(text: string, lang: Lang): string {
  return glossaryKeyWords(text, lang).map((w) => w.key).join(' ');
}

/** One place a term occurs in the text. */
export interface GlossaryHit {
  term: GlossaryTerm;
  /** The term in the text's language, and its equivalent in the other. */
  text: string;
  translation: string;
  /** Where the occurrence is in the text (UTF-16 offsets), for underlining. */
  span: Span;
  /** For a forbidden term: the approved French terms for the same English term; else null. */
  approvedEquivalents: string[] | null;
}

interface KeyedTerm {
  term: GlossaryTerm;
  keys: string[];
  enKey: string;
}

/** A glossary prepared for matching many texts (each term's keys computed once). */
export class GlossaryMatcher {
  private readonly keyed: Record<Lang, KeyedTerm[]>;

  constructor(private readonly terms: readonly GlossaryTerm[]) {
    const keyedIn = (lang: Lang) =>
      terms
        .map((term) => ({
          term,
          keys: glossaryKeyWords(lang === 'en' ? term.termEn : term.termFr, lang).map((w) => w.key),
          enKey: glossaryKey(term.termEn, 'en'),
        }))
        .filter((k) => k.keys.length > 0);
    this.keyed = { en: keyedIn('en'), fr: keyedIn('fr') };
  }

  /** The approved French terms for the same English term, as glossary_lookup orders them. */
  private approvedEquivalents(enKey: string): string[] {
    const approved = this.keyed.en.filter((k) => k.term.status === 'approved' && k.enKey === enKey);
    const shared = new Map<string, boolean>();
    for (const { term } of approved) shared.set(term.termFr, (shared.get(term.termFr) ?? true) && term.organizationId === null);
    // Postgres orders false before true, then the terms byte by byte (collation C).
    return [...shared.entries()]
      .sort(([a, aShared], [b, bShared]) => Number(aShared) - Number(bShared) || compareBytes(a, b))
      .map(([termFr]) => termFr);
  }

  /** Every occurrence of every term, in text order (longer terms first at the same place). */
  find(text: string, lang: Lang): GlossaryHit[] {
    const words = glossaryKeyWords(text, lang);
    const hits: GlossaryHit[] = [];
    for (const { term, keys, enKey } of this.keyed[lang]) {
      for (let i = 0; i + keys.length <= words.length; i++) {
        if (!keys.every((key, k) => words[i + k]?.key === key)) continue;
        const first = words[i];
        const last = words[i + keys.length - 1];
        if (!first || !last) continue;
        hits.push({
          term,
          text: lang === 'en' ? term.termEn : term.termFr,
          translation: lang === 'en' ? term.termFr : term.termEn,
          span: { start: first.span.start, end: last.span.end },
          approvedEquivalents: term.status === 'forbidden' ? this.approvedEquivalents(enKey) : null,
        });
      }
    }
    return hits.sort((a, b) => a.span.start - b.span.start || (b.span.end - b.span.start) - (a.span.end - a.span.start));
  }

  /**
   * What glossary_lookup returns: each term found once, longest first (normalised length), then
   * organization terms before shared, then status and id.
   */
  lookup(text: string, lang: Lang): GlossaryHit[] {
    const firstOfEach = new Map<string, GlossaryHit>();
    for (const hit of this.find(text, lang)) if (!firstOfEach.has(hit.term.id)) firstOfEach.set(hit.term.id, hit);
    const normalizedLength = (hit: GlossaryHit) => length(normalizeText(hit.text));
    return [...firstOfEach.values()].sort(
      (a, b) =>
        normalizedLength(b) - normalizedLength(a) ||
        Number(a.term.organizationId === null) - Number(b.term.organizationId === null) ||
        compareBytes(a.term.status, b.term.status) ||
        compareBytes(a.term.id, b.term.id),
    );
  }
}

/** Hits to underline: where terms overlap, the longest (then the first) wins. */
export function underlinedHits(hits: readonly GlossaryHit[]): GlossaryHit[] {
  const byLength = [...hits].sort((a, b) => (b.span.end - b.span.start) - (a.span.end - a.span.start) || a.span.start - b.span.start);
  const kept: GlossaryHit[] = [];
  for (const hit of byLength) {
    if (kept.every((k) => hit.span.end <= k.span.start || hit.span.start >= k.span.end)) kept.push(hit);
  }
  return kept.sort((a, b) => a.span.start - b.span.start);
}

function compareBytes(a: string, b: string): number {
  // Code point order is UTF-8 byte order (Postgres collation C); UTF-16 order differs only above U+FFFF.
  const x = [...a].map((c) => c.codePointAt(0) ?? 0);
  const y = [...b].map((c) => c.codePointAt(0) ?? 0);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  return x.length - y.length;
}
