// The reference bench:tm measures tm_search and concordance_search against: every segment the
// translator may read, held in memory and examined one by one, no index, no pruning.
//  * Fuzzy: each segment is scored with the domain's CAT score (domain/tm/fuzzy-score.ts, which
//    scripts/tm-score-parity.test.ts keeps identical to private.fuzzy_score): word edit distance
//    over the normalised words (the database's own source_normalized/target_normalized), score
//    from scoreFromDistance, 99 when only the raw texts differ. The matches are every segment
//    reaching the threshold, best first.
//  * Concordance: each segment whose normalised text in the language contains the normalised term
//    (as concordance_search's LIKE '%term%'), in concordance_search's order: organization before
//    shared, most used, shortest, then id.
import { collapsedRaw, normalizeText } from '../../domain/tm/normalize.js';
import { scoreFromDistance } from '../../domain/tm/fuzzy-score.js';

export type Lang = 'en' | 'fr';

/** A readable segment as the database stores it. */
export interface StoredSegment {
  id: number;
  organization_id: string | null;
  source_lang: Lang;
  source_text: string;
  target_text: string;
  source_normalized: string;
  target_normalized: string;
  usage_count: number;
}

interface Side {
  words: Int32Array;
  normalized: string;
  raw: string;
  /** length() of the raw text in characters (code points), as Postgres counts. */
  characters: number;
}

interface Entry {
  id: number;
  shared: boolean;
  usage: number;
  /** Indexed by language: the side written in it. */
  en: Side;
  fr: Side;
}

export interface Match {
  id: number;
  score: number;
}

export class BruteForceMemory {
  private readonly entries: Entry[] = [];
  private readonly vocabulary = new Map<string, number>();

  get size(): number {
    return this.entries.length;
  }

  private wordIds(normalized: string): Int32Array {
    const words = normalized === '' ? [] : normalized.split(' ');
    const ids = new Int32Array(words.length);
    words.forEach((word, i) => {
      let id = this.vocabulary.get(word);
      if (id === undefined) {
        id = this.vocabulary.size;
        this.vocabulary.set(word, id);
      }
      ids[i] = id;
    });
    return ids;
  }

  private side(normalized: string, raw: string): Side {
    return { words: this.wordIds(normalized), normalized, raw, characters: [...raw].length };
  }

  add(rows: readonly StoredSegment[]): void {
    for (const row of rows) {
      const source = this.side(row.source_normalized, row.source_text);
      const target = this.side(row.target_normalized, row.target_text);
      this.entries.push({
        id: row.id,
        shared: row.organization_id === null,
        usage: row.usage_count,
        en: row.source_lang === 'en' ? source : target,
        fr: row.source_lang === 'en' ? target : source,
      });
    }
  }

  /** Every segment scoring at least minScore for a query in `lang`, best score first, then id. */
  fuzzyMatches(query: string, lang: Lang, minScore: number): Match[] {
    const queryWords = this.wordIds(normalizeText(query));
    const queryRaw = collapsedRaw(query);
    const row = new Int32Array(64);
    const matches: Match[] = [];
    for (const entry of this.entries) {
      const side = entry[lang];
      const distance = wordDistance(queryWords, side.words, row);
      let score = scoreFromDistance(distance, queryWords.length, side.words.length);
      if (score === 100 && queryRaw !== collapsedRaw(side.raw)) score = 99;
      if (score >= minScore) matches.push({ id: entry.id, score });
    }
    return matches.sort((a, b) => b.score - a.score || a.id - b.id);
  }

  /** concordance_search's answer over every readable segment: the first maxResults in its order. */
  concordance(term: string, lang: Lang, maxResults: number): number[] {
    const needle = normalizeText(term);
    return this.entries
      .filter((entry) => entry[lang].normalized.includes(needle))
      .sort((a, b) => Number(a.shared) - Number(b.shared) || b.usage - a.usage || a[lang].characters - b[lang].characters || a.id - b.id)
      .slice(0, maxResults)
      .map((entry) => entry.id);
  }
}

/** Levenshtein distance over word ids, one row of the table at a time (`row` is scratch space). */
function wordDistance(a: Int32Array, b: Int32Array, scratch: Int32Array): number {
  const m = b.length;
  const row = scratch.length > m ? scratch : new Int32Array(m + 1);
  for (let j = 0; j <= m; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    const word = a[i - 1];
    for (let j = 1; j <= m; j++) {
      const above = row[j]!;
      const substitution = diagonal + (word === b[j - 1] ? 0 : 1);
      row[j] = Math.min(above + 1, row[j - 1]! + 1, substitution);
      diagonal = above;
    }
  }
  return row[m]!;
}

/**
 * How many of the true top `limit` matches at or above `threshold` an answer holds: the expected
 * matches are the brute force's best `limit` reaching the threshold; those scoring above the
 * last expected score must all be in the answer, and of those tied at it (any of which may fill
 * the last places) as many as there are places left. An answer row whose score differs from the
 * brute force's is counted in `wrongScores`.
 */
export function fuzzyRecall(expected: readonly Match[], answer: readonly Match[], threshold: number, limit: number): { expected: number; found: number; wrongScores: number } {
  const relevant = expected.filter((m) => m.score >= threshold).slice(0, limit);
  const truth = new Map(expected.map((m) => [m.id, m.score]));
  const wrongScores = answer.filter((m) => truth.get(m.id) !== m.score).length;
  if (relevant.length === 0) return { expected: 0, found: 0, wrongScores };
  const cutoff = relevant.at(-1)!.score;
  const returned = new Set(answer.map((m) => m.id));
  const above = expected.filter((m) => m.score > cutoff);
  const tied = expected.filter((m) => m.score === cutoff);
  const aboveFound = above.filter((m) => returned.has(m.id)).length;
  const tiedFound = Math.min(tied.filter((m) => returned.has(m.id)).length, relevant.length - above.length);
  return { expected: relevant.length, found: aboveFound + tiedFound, wrongScores };
}
