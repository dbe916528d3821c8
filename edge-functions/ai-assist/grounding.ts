// What a suggestion is grounded in, read as the caller (row-level security decides which
// memories and glossaries they see): the best translation-memory matches of each sentence
// (translate) and the glossary terms found in the text (every task).
import type { SupabaseClient } from 'npm:@supabase/supabase-js@2.109.0';
import type { AiLang, AssistSource, GlossaryGrounding, TmGrounding } from '../../domain/ai/assist-types.ts';
import { splitSentences } from '../../domain/ai/sentences.ts';

/** Matches kept per sentence. */
export const TM_MATCHES_PER_SENTENCE = 3;
/** Least fuzzy score worth showing a model. */
export const TM_MIN_SCORE = 70;
/** tm_search's own limits on a query (private.check_segment_text): longer sentences are not looked up. */
const TM_QUERY_MAX_CHARACTERS = 2000;
const TM_QUERY_MAX_WORDS = 200;
/** Sentences looked up at once (each is one RPC). */
const TM_LOOKUPS_AT_ONCE = 8;
/** glossary_lookup reads at most 10 000 characters per call. */
const GLOSSARY_CHUNK = 10_000;

interface TmRow {
  segment_id: number;
  source: string;
  target: string;
  score: number;
}

interface GlossaryRow {
  term_id: string;
  term: string;
  translation: string;
  status: GlossaryGrounding['status'];
  approved_equivalents: string[] | null;
}

const wordCount = (text: string) => text.split(/\s+/u).filter(Boolean).length;

/** The top matches of every sentence, in sentence order, each segment once. */
export async function tmGrounding(db: SupabaseClient, text: string, from: AiLang, to: AiLang): Promise<TmGrounding[]> {
  const sentences = splitSentences(text, from)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0 && sentence.length <= TM_QUERY_MAX_CHARACTERS && wordCount(sentence) <= TM_QUERY_MAX_WORDS);
  const perSentence: TmRow[][] = [];
  for (let start = 0; start < sentences.length; start += TM_LOOKUPS_AT_ONCE) {
    const batch = sentences.slice(start, start + TM_LOOKUPS_AT_ONCE);
    perSentence.push(...await Promise.all(batch.map(async (query) => {
      const { data, error } = await db.rpc('tm_search', {
        query, source_lang: from, target_lang: to, min_score: TM_MIN_SCORE, max_results: TM_MATCHES_PER_SENTENCE,
      });
      if (error) throw new Error(`tm_search: ${error.message}`);
      return data as TmRow[];
    })));
  }
  const seen = new Set<number>();
  const matches: TmGrounding[] = [];
  for (const row of perSentence.flat()) {
    if (seen.has(row.segment_id)) continue;
    seen.add(row.segment_id);
    matches.push({ id: String(row.segment_id), source: row.source, target: row.target, score: row.score });
  }
  return matches;
}

/** Pieces of at most `limit` characters, cut after a sentence where possible. */
function chunks(text: string, lang: AiLang, limit: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const sentence of splitSentences(text, lang)) {
    for (let offset = 0; offset < sentence.length; offset += limit) {
      const part = sentence.slice(offset, offset + limit);
      if (current.length + part.length + 1 > limit && current) {
        pieces.push(current);
        current = '';
      }
      current = current ? `${current} ${part}` : part;
    }
  }
  if (current.trim()) pieces.push(current);
  return pieces;
}

/** Glossary terms (in `from`) found in the text, each once, with their equivalent. */
export async function glossaryGrounding(db: SupabaseClient, text: string, from: AiLang): Promise<GlossaryGrounding[]> {
  const found = new Map<string, GlossaryGrounding>();
  for (const piece of chunks(text, from, GLOSSARY_CHUNK)) {
    const { data, error } = await db.rpc('glossary_lookup', { input_text: piece, lang: from });
    if (error) throw new Error(`glossary_lookup: ${error.message}`);
    for (const row of data as GlossaryRow[]) {
      if (found.has(row.term_id)) continue;
      found.set(row.term_id, {
        id: row.term_id,
        source: row.term,
        target: row.translation,
        status: row.status,
        approvedEquivalents: row.approved_equivalents,
      });
    }
  }
  return [...found.values()];
}

/** The grounding a remote model was given, as the answer's citations. */
export function groundingSources(tm: TmGrounding[], glossary: GlossaryGrounding[]): AssistSource[] {
  return [
    ...tm.map((m): AssistSource => ({ kind: 'tm', id: m.id, source: m.source, target: m.target, score: m.score })),
    ...glossary.map((g): AssistSource => ({ kind: 'glossary', id: g.id, source: g.source, target: g.target, status: g.status })),
  ];
}
