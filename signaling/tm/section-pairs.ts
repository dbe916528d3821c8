// The sentence pairs of an approved document: its English and French sections paired by
// section id (the editor keeps them in step), each pair's headings as one pair, and the bodies'
// sentences aligned with domain/align inside the section pair. Lines are paragraphs (the
// projection writes one block per line), so beads seldom straddle list items. Only beads with
// sentences on both sides, all from one line on each side, and a confidence of at least
// MIN_CONFIDENCE become pairs (an untranslated line pulled into its neighbour's bead would
// otherwise enter the memory); a 2-1 or 1-2 bead becomes one pair of the sentences joined, as
// translators merge or split sentences.
import { alignSentences } from '../../domain/align/aligner.js';
import { splitParagraph } from '../../domain/align/sentences.js';

/** One section of one language, as the job stores it (document_sections at approval). */
export interface ApprovedSection {
  section_id: string;
  lang: string;
  heading: string | null;
  body: string | null;
}

export interface SentencePair {
  section_id: string;
  en: string;
  fr: string;
}

/**
 * The aligner's confidence (a logistic of the bead's cost) below which a bead is not trusted as
 * memory. A plausible 1-1 bead of a job description scores above 0.9; 0.5 drops beads whose
 * lengths or anchors disagree (an untranslated or reordered line).
 */
export const MIN_CONFIDENCE = 0.5;

export function sectionPairs(sections: readonly ApprovedSection[], minConfidence = MIN_CONFIDENCE): SentencePair[] {
  const french = new Map(sections.filter((s) => s.lang === 'fr').map((s) => [s.section_id, s]));
  const pairs: SentencePair[] = [];
  for (const en of sections) {
    if (en.lang !== 'en') continue;
    const fr = french.get(en.section_id);
    if (!fr) continue;
    const enHeading = en.heading?.trim() ?? '';
    const frHeading = fr.heading?.trim() ?? '';
    if (enHeading !== '' && frHeading !== '') pairs.push({ section_id: en.section_id, en: enHeading, fr: frHeading });
    pairs.push(...bodyPairs(en.section_id, en.body ?? '', fr.body ?? '', minConfidence));
  }
  return pairs;
}

function sentencesOf(body: string, lang: 'en' | 'fr'): { sentences: string[]; paragraphs: number[] } {
  const sentences: string[] = [];
  const paragraphs: number[] = [];
  body.split('\n').forEach((line, index) => {
    for (const sentence of splitParagraph(line, lang)) {
      sentences.push(sentence);
      paragraphs.push(index);
    }
  });
  return { sentences, paragraphs };
}

/** Whether the sentences are all on one line (a bead across list items is no sentence pair). */
function oneLine(indices: readonly number[], lineOf: readonly number[]): boolean {
  return indices.every((i) => lineOf[i] === lineOf[indices[0]!]);
}

function bodyPairs(sectionId: string, enBody: string, frBody: string, minConfidence: number): SentencePair[] {
  const en = sentencesOf(enBody, 'en');
  const fr = sentencesOf(frBody, 'fr');
  if (en.sentences.length === 0 || fr.sentences.length === 0) return [];
  return alignSentences(en, fr)
    .filter((bead) => bead.en.length > 0 && bead.fr.length > 0 && bead.score >= minConfidence)
    .filter((bead) => oneLine(bead.en, en.paragraphs) && oneLine(bead.fr, fr.paragraphs))
    .map((bead) => ({
      section_id: sectionId,
      en: bead.en.map((i) => en.sentences[i]!).join(' '),
      fr: bead.fr.map((j) => fr.sentences[j]!).join(' '),
    }));
}
