// private.fuzzy_score (supabase/migrations/20261205100400_tm_bounded_search.sql) in TypeScript,
// for showing a match (which words differ) and re-ranking it: the CAT-tool score in percent,
//   100 - ceil(100 · word edit distance / longer word count)   (never below 0),
// on the normalised words (normalize.ts); 0 when both texts have no word; 99 instead of 100 when
// the same words come from texts that still differ (case, punctuation, spacing) once spaces are
// trimmed and collapsed. The SQL computes the distance with fuzzystrmatch's levenshtein, which
// refuses texts of more than 255 words; so does this (the TM keeps segments to 200 words).
import { collapsedRaw, normalizedWords, type TracedWord } from './normalize.ts';

/** fuzzystrmatch's MAX_LEVENSHTEIN_STRLEN: the SQL edit distance refuses longer word lists. */
export const MAX_SCORED_WORDS = 255;

/** How a word of one text fares against the other text. */
export type WordChange = 'same' | 'changed' | 'missing' | 'extra';

/** A normalised word, where it is in its text, and whether it differs. */
export interface DiffWord extends TracedWord {
  /**
   * same: matched by an equal word; changed: replaced by a different word; missing: a query word
   * the candidate lacks (query side only); extra: a candidate word the query lacks (candidate side).
   */
  change: WordChange;
}

export interface SegmentComparison {
  /** private.fuzzy_score of the two texts. */
  score: number;
  /** Word edit distance (insertions, deletions, substitutions of whole words). */
  distance: number;
  query: DiffWord[];
  candidate: DiffWord[];
}

function checkLength(name: string, words: readonly unknown[]): void {
  if (words.length > MAX_SCORED_WORDS) {
    throw new RangeError(`${name} has ${words.length} words; scoring compares at most ${MAX_SCORED_WORDS}`);
  }
}

/** Levenshtein table over whole words: cell [i][j] is the distance of a[0..i) to b[0..j). */
function distanceTable(a: readonly string[], b: readonly string[]): number[][] {
  const table = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const previous = table[i - 1] ?? [];
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      row.push(Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, substitution));
    }
    table.push(row);
  }
  return table;
}

/**
 * Walks one cheapest edit path back from the end, marking each word: equal words first, then
 * substitutions, then a missing query word, then an extra candidate word.
 */
function markChanges(table: number[][], a: readonly string[], b: readonly string[]): [WordChange[], WordChange[]] {
  const cell = (i: number, j: number) => table[i]?.[j] ?? 0;
  const query: WordChange[] = Array.from({ length: a.length }, () => 'same');
  const candidate: WordChange[] = Array.from({ length: b.length }, () => 'same');
  let i = a.length;
  let j = b.length;
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0 && a[i - 1] === b[j - 1] && cell(i, j) === cell(i - 1, j - 1)) {
      i--;
      j--;
    } else if (i > 0 && j > 0 && cell(i, j) === cell(i - 1, j - 1) + 1) {
      query[--i] = 'changed';
      candidate[--j] = 'changed';
    } else if (i > 0 && cell(i, j) === cell(i - 1, j) + 1) {
      query[--i] = 'missing';
    } else {
      candidate[--j] = 'extra';
    }
  }
  return [query, candidate];
}

/** The score for a distance between word lists of these lengths (before the 99 rule). */
export function scoreFromDistance(distance: number, queryWords: number, candidateWords: number): number {
  const longest = Math.max(queryWords, candidateWords);
  if (longest === 0) return 0;
  // ceil(100 d / longest) in integers, as the SQL's numeric division is exact enough to be.
  return Math.max(0, 100 - Math.ceil((100 * distance) / longest));
}

/** The score and the word-by-word differences of a candidate segment against a query. */
export function compareSegments(query: string, candidate: string): SegmentComparison {
  const queryWords = normalizedWords(query);
  const candidateWords = normalizedWords(candidate);
  checkLength('query', queryWords);
  checkLength('candidate', candidateWords);
  const a = queryWords.map((w) => w.word);
  const b = candidateWords.map((w) => w.word);
  const table = distanceTable(a, b);
  const distance = table[a.length]?.[b.length] ?? 0;
  let score = scoreFromDistance(distance, a.length, b.length);
  if (score === 100 && collapsedRaw(query) !== collapsedRaw(candidate)) score = 99;
  const [queryChanges, candidateChanges] = markChanges(table, a, b);
  return {
    score,
    distance,
    query: queryWords.map((w, k) => ({ ...w, change: queryChanges[k] ?? 'same' })),
    candidate: candidateWords.map((w, k) => ({ ...w, change: candidateChanges[k] ?? 'same' })),
  };
}

/** private.fuzzy_score(normalize_text(query), query, normalize_text(candidate), candidate). */
export function fuzzyScore(query: string, candidate: string): number {
  return compareSegments(query, candidate).score;
}
