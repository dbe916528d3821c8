// "Perhaps you meant …" hints. PostgREST uses Data.FuzzySet (a port of fuzzyset.js): cosine
// similarity of 3-grams (falling back to 2-grams), re-ranked by Levenshtein distance. This is
// the same procedure, so the same misspelling gets the same suggestion.

const nonWord = /[^a-zA-Z0-9\u00C0-\u00FF, ]+/g;

function grams(value: string, size: number): Map<string, number> {
  let padded = `-${value.toLowerCase().replace(nonWord, '')}-`;
  while (padded.length < size) padded += '-';
  const counts = new Map<string, number>();
  for (let i = 0; i + size <= padded.length; i++) {
    const gram = padded.slice(i, i + size);
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

function norm(counts: Map<string, number>): number {
  let sum = 0;
  for (const count of counts.values()) sum += count * count;
  return Math.sqrt(sum);
}

function levenshtein(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0] ?? 0;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      previous[j] = Math.min(above + 1, (previous[j - 1] ?? 0) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return previous[b.length] ?? 0;
}

function matchesAtGramSize(candidates: readonly string[], query: string, size: number): [number, string][] {
  const queryGrams = grams(query, size);
  const queryNorm = norm(queryGrams);
  const cosine: [number, string][] = [];
  for (const candidate of candidates) {
    const candidateGrams = grams(candidate, size);
    let dot = 0;
    for (const [gram, count] of queryGrams) dot += count * (candidateGrams.get(gram) ?? 0);
    if (dot > 0) cosine.push([dot / (queryNorm * norm(candidateGrams)), candidate]);
  }
  const lowered = query.toLowerCase();
  return cosine
    .sort((a, b) => b[0] - a[0])
    .slice(0, 50)
    .map(([, candidate]): [number, string] => {
      const other = candidate.toLowerCase();
      return [1 - levenshtein(lowered, other) / Math.max(lowered.length, other.length), candidate];
    })
    .sort((a, b) => b[0] - a[0]);
}

/** The closest candidate scoring at least `minScore` (0.75 for names, 0.33 for parameter lists). */
export function closestMatch(candidates: readonly string[], query: string, minScore: number): string | null {
  const unique = [...new Set(candidates)];
  for (const size of [3, 2]) {
    const matches = matchesAtGramSize(unique, query, size).filter(([score]) => score >= minScore);
    if (matches.length > 0) return matches[0]?.[1] ?? null;
  }
  return null;
}
