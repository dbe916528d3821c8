// Lexical anchors: the evidence, beside length, that an English and a French sentence say the
// same thing. Each sentence becomes a set of features (numbers, codes, cognate word prefixes,
// capitalised names, telling punctuation, glossary terms); a pair of sentences scores the
// weights of the features they share. Weights are inverse document frequencies over the pair of
// texts being aligned, so "Nautilus" or "AS-02" counts for much and "the"/"pour" collide for
// nothing.

export interface AnchorOptions {
  /** English/French term pairs (a departmental glossary): each pair is one shared feature. */
  glossary?: readonly (readonly [string, string])[];
  /** Words of at least this many letters give a cognate feature (their first `prefixLength` letters). */
  minWordLength?: number;
  prefixLength?: number;
}

/** Accents off, lower case: "Évaluer" and "evaluate" share "eval". */
export function normalizeWord(word: string): string {
  return word.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

const GLOSSARY_WEIGHT = 2;
const WORD = /\p{L}+/gu;
// Digit groups a French or English writer may separate with spaces, commas or points: 20 000,
// 20,000, 1.5 and 1,5 all become their digits.
const NUMBER = /\d+(?:[ \u00a0\u202f,.]\d+)*/g;
const CODE = /\b[A-Z]{2,4}[- ]?\d{1,2}\b/g;
const QUOTES = /["«»“”„‹›]|``|''/;

/** The features of one sentence, as strings (ids are given by {@link AnchorIndex}). */
export function sentenceFeatures(sentence: string, options: AnchorOptions = {}, glossaryPatterns: readonly RegExp[] = []): string[] {
  const minWord = options.minWordLength ?? 4;
  const prefix = options.prefixLength ?? 4;
  const features = new Set<string>();
  for (const match of sentence.matchAll(NUMBER)) features.add(`#${match[0].replace(/\D/g, '')}`);
  for (const match of sentence.matchAll(CODE)) features.add(`@${match[0].replace(/[- ]/, '')}`);
  for (const match of normalizeWord(sentence).matchAll(WORD)) {
    const word = match[0];
    if (word.length >= minWord) features.add(`w${word.slice(0, prefix)}`);
  }
  if (QUOTES.test(sentence)) features.add('"');
  if (sentence.includes('?')) features.add('?');
  if (sentence.includes('!')) features.add('!');
  if (sentence.includes(';')) features.add(';');
  if (sentence.includes('(')) features.add('(');
  if (/--|—|–/.test(sentence)) features.add('—');
  if (/^\s*(?:[•▪◦*-]|\d+[.)]|[a-z][.)])\s/.test(sentence)) features.add('•');
  glossaryPatterns.forEach((pattern, k) => {
    if (pattern.test(sentence)) features.add(`g${k}`);
  });
  return [...features];
}

/** Sparse feature vectors of both texts, with shared ids and IDF weights. */
export class AnchorIndex {
  readonly en: FeatureVectors;
  readonly fr: FeatureVectors;

  constructor(en: readonly string[], fr: readonly string[], options: AnchorOptions = {}) {
    const ids = new Map<string, number>();
    const df: number[] = [];
    const patterns = glossaryPatterns(options.glossary ?? []);
    const featurize = (sentences: readonly string[], side: 0 | 1) =>
      sentences.map((sentence) =>
        sentenceFeatures(sentence, options, patterns[side]).map((name) => {
          let id = ids.get(name);
          if (id === undefined) {
            id = df.length;
            ids.set(name, id);
            df.push(0);
          }
          df[id]!++;
          return id;
        }),
      );
    const enLists = featurize(en, 0);
    const frLists = featurize(fr, 1);
    const total = en.length + fr.length;
    const weights = new Float64Array(df.length);
    // Features on more than a third of the sentences carry nothing; rarer ones carry log(N/df).
    for (let id = 0; id < df.length; id++) weights[id] = Math.max(0, Math.log(total / (3 * df[id]!)));
    // A glossary pair is evidence a person vouched for: it counts even in a short text.
    for (const [name, id] of ids) if (name.startsWith('g')) weights[id] = Math.max(weights[id]!, GLOSSARY_WEIGHT);
    this.en = new FeatureVectors(enLists, weights);
    this.fr = new FeatureVectors(frLists, weights);
  }

  /** Sum of the weights of the features sentence `i` (English) and `j` (French) share. */
  shared(i: number, j: number): number {
    const { offsets: eo, ids: ei } = this.en;
    const { offsets: fo, ids: fi, weights } = this.fr;
    let a = eo[i]!;
    const aEnd = eo[i + 1]!;
    let b = fo[j]!;
    const bEnd = fo[j + 1]!;
    let sum = 0;
    while (a < aEnd && b < bEnd) {
      const x = ei[a]!;
      const y = fi[b]!;
      if (x === y) {
        sum += weights[x]!;
        a++;
        b++;
      } else if (x < y) a++;
      else b++;
    }
    return sum;
  }
}

/** Sorted feature ids of every sentence, flattened (offsets[i]..offsets[i+1]). */
export class FeatureVectors {
  readonly offsets: Int32Array;
  readonly ids: Int32Array;
  /** The sum of a sentence's feature weights: what it could share at most. */
  readonly mass: Float64Array;

  constructor(
    lists: number[][],
    readonly weights: Float64Array,
  ) {
    this.offsets = new Int32Array(lists.length + 1);
    let n = 0;
    lists.forEach((list, i) => {
      n += list.length;
      this.offsets[i + 1] = n;
    });
    this.ids = new Int32Array(n);
    this.mass = new Float64Array(lists.length);
    lists.forEach((list, i) => {
      list.sort((x, y) => x - y);
      this.ids.set(list, this.offsets[i]!);
      this.mass[i] = list.reduce((sum, id) => sum + weights[id]!, 0);
    });
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function glossaryPatterns(glossary: readonly (readonly [string, string])[]): [RegExp[], RegExp[]] {
  const pattern = (term: string) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(term.trim())}(?![\\p{L}\\p{N}])`, 'iu');
  return [glossary.map(([en]) => pattern(en)), glossary.map(([, fr]) => pattern(fr))];
}
