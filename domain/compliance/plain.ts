// Plain language: sentence and paragraph length, and readability per section (Flesch-Kincaid
// grade for English, Kandel-Moles reading ease for French). Information by default; warnings
// only for outliers, since job descriptions are dense by nature.
import { LANGS, type Lang } from '../sections.ts';
import { SOURCES } from './sources.ts';
import { sentences, syllables, withoutBullet, words } from './text.ts';
import { finding, sectionLabel, type Finding, type ParsedSection, type Rule } from './types.ts';

const base = { family: 'plain', languages: ['en', 'fr'], source: SOURCES.plainLanguage } as const;

/** Limits in words. French runs about 15 % longer than English for the same content. */
export const PLAIN_LIMITS = {
  longSentence: { en: 30, fr: 35 },
  veryLongSentence: { en: 50, fr: 58 },
  longParagraph: { en: 150, fr: 175 },
  /** Sections shorter than this are too short for a readability score to mean anything. */
  readabilityMinWords: 40,
  /** Flesch-Kincaid grade above which a section is reported (information), and above which it is an outlier (warning). */
  fkGrade: { info: 16, warning: 22 },
  /** Kandel-Moles reading ease below which a section is reported (information), and below which it is an outlier (warning). */
  kandelMoles: { info: 30, warning: 5 },
} as const;

function sentenceFindings(lang: Lang, sections: readonly ParsedSection[], limit: number, rule: Rule): Finding[] {
  return sections.flatMap((section) =>
    section.lines.flatMap((line) =>
      sentences(line.text)
        .filter((s) => words(s).length > limit)
        .map((s) => finding(rule, lang, sectionLabel(section), s)),
    ),
  );
}

export const longSentence: Rule = {
  ...base,
  id: 'plain.long-sentence',
  severity: 'info',
  message: {
    en: 'A long sentence: consider splitting it (Canada.ca recommends short sentences, one idea each).',
    fr: 'Une longue phrase : envisagez de la diviser (Canada.ca recommande des phrases courtes, une idée par phrase).',
  },
  check: (pair) =>
    LANGS.flatMap((lang) => {
      const { longSentence: lower, veryLongSentence: upper } = PLAIN_LIMITS;
      return sentenceFindings(lang, pair[lang].sections, lower[lang], longSentence).filter((f) => words(f.text).length <= upper[lang]);
    }),
};

export const veryLongSentence: Rule = {
  ...base,
  id: 'plain.very-long-sentence',
  severity: 'warning',
  message: {
    en: 'A very long sentence, hard to follow: split it.',
    fr: 'Une phrase très longue, difficile à suivre : divisez-la.',
  },
  check: (pair) => LANGS.flatMap((lang) => sentenceFindings(lang, pair[lang].sections, PLAIN_LIMITS.veryLongSentence[lang], veryLongSentence)),
};

export const longParagraph: Rule = {
  ...base,
  id: 'plain.long-paragraph',
  severity: 'warning',
  message: {
    en: 'A very long paragraph: split it into paragraphs or a list.',
    fr: 'Un paragraphe très long : divisez-le en paragraphes ou en liste.',
  },
  check: (pair) =>
    LANGS.flatMap((lang) =>
      pair[lang].sections.flatMap((section) =>
        section.lines.filter((l) => words(l.text).length > PLAIN_LIMITS.longParagraph[lang]).map((l) => finding(longParagraph, lang, sectionLabel(section), withoutBullet(l.text))),
      ),
    ),
};

/** Flesch-Kincaid grade (English) or Kandel-Moles reading ease (French) of a text, with its word count. */
export function readability(text: string, lang: Lang): { score: number; words: number } {
  const lines = text.split('\n');
  const sentenceCount = Math.max(1, lines.flatMap((l) => sentences(l)).length);
  const all = words(text);
  const syllableCount = all.reduce((sum, w) => sum + syllables(w, lang), 0);
  const perSentence = all.length / sentenceCount;
  const perWord = syllableCount / Math.max(1, all.length);
  const score = lang === 'en' ? 0.39 * perSentence + 11.8 * perWord - 15.59 : 207 - 1.015 * perSentence - 73.6 * perWord;
  return { score: Math.round(score * 10) / 10, words: all.length };
}

function readabilityFindings(severity: 'info' | 'warning'): (lang: Lang, section: ParsedSection) => Finding[] {
  return (lang, section) => {
    const { score, words: count } = readability(section.lines.map((l) => l.text).join('\n'), lang);
    if (count < PLAIN_LIMITS.readabilityMinWords) return [];
    const level = lang === 'en' ? PLAIN_LIMITS.fkGrade : PLAIN_LIMITS.kandelMoles;
    const beyond = (limit: number) => (lang === 'en' ? score > limit : score < limit);
    const isWarning = beyond(level.warning);
    if (!beyond(level.info) || isWarning !== (severity === 'warning')) return [];
    // A section made hard by one very long sentence already has that sentence reported: the
    // cause, not a second finding about its effect.
    if (isWarning && section.lines.some((l) => sentences(l.text).some((s) => words(s).length > PLAIN_LIMITS.veryLongSentence[lang]))) return [];
    const rule = severity === 'warning' ? readabilityOutlier : readabilityInfo;
    const measure = lang === 'en' ? { en: `Flesch-Kincaid grade ${score}`, fr: `niveau Flesch-Kincaid ${String(score).replace('.', ',')}` } : { en: `Kandel-Moles reading ease ${score}`, fr: `lisibilité Kandel-Moles ${String(score).replace('.', ',')}` };
    return [finding(rule, lang, sectionLabel(section), section.heading.text, { message: { en: `${rule.message.en} (${measure.en})`, fr: `${rule.message.fr} (${measure.fr})` } })];
  };
}

export const readabilityInfo: Rule = {
  ...base,
  id: 'plain.readability',
  severity: 'info',
  message: {
    en: 'This section is hard to read: shorter sentences and everyday words would help.',
    fr: 'Cette section est difficile à lire : des phrases plus courtes et des mots courants aideraient.',
  },
  check: (pair) => LANGS.flatMap((lang) => pair[lang].sections.flatMap((s) => readabilityFindings('info')(lang, s))),
};

export const readabilityOutlier: Rule = {
  ...base,
  id: 'plain.readability-outlier',
  severity: 'warning',
  message: {
    en: 'This section is far harder to read than a job description needs to be: rewrite it in shorter sentences.',
    fr: 'Cette section est bien plus difficile à lire qu’une description de travail ne l’exige : récrivez-la en phrases plus courtes.',
  },
  check: (pair) => LANGS.flatMap((lang) => pair[lang].sections.flatMap((s) => readabilityFindings('warning')(lang, s))),
};

export const PLAIN_RULES: readonly Rule[] = [longSentence, veryLongSentence, longParagraph, readabilityInfo, readabilityOutlier];
