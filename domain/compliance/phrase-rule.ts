// A rule made of word lists: each entry a pattern (matched in the prose of one language) with
// an optional fix and exclusions, so that a list and its exceptions read together.
import type { Lang } from '../sections.ts';
import { matchesIn, type TextMatch } from './text.ts';
import { finding, type DocumentPair, type Finding, type Rule, type RuleInfo } from './types.ts';

export interface PhraseEntry {
  /** Matched case-insensitively, whole words; the match is the finding's text. */
  pattern: string;
  /** What to write instead; `$0` is replaced by the match (e.g. to keep its case). */
  fix?: string | ((match: string) => string);
  /** The match is not a finding when the text around it matches (`before` ends right before the match, `after` starts right after). */
  unless?: { before?: RegExp; after?: RegExp; test?: (m: TextMatch) => boolean };
}

const compile = (entry: PhraseEntry) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${entry.pattern})(?![\\p{L}\\p{N}])`, 'giu');

/** A finding with where its words start in the input (offset of the line plus index in it). */
export type LocatedFinding = Finding & { at: number };

/** A phrase rule also says where each finding is, so a rewrite can replace exactly those words (domain/ai/offline/). */
export interface PhraseRule extends Rule {
  locate(pair: DocumentPair): LocatedFinding[];
}

/** A rule that reports every match, in the language's prose (position title included), of its entries. */
export function phraseRule(info: RuleInfo, lists: Partial<Record<Lang, readonly PhraseEntry[]>>): PhraseRule {
  const compiled = (Object.entries(lists) as [Lang, readonly PhraseEntry[]][]).map(([lang, entries]) => ({ lang, entries: entries.map((e) => ({ entry: e, re: compile(e) })) }));
  const rule: PhraseRule = {
    ...info,
    check: (pair) => rule.locate(pair).map(({ at: _at, ...f }) => f),
    locate: (pair) => {
      const findings: (Finding & { at: number })[] = [];
      for (const { lang, entries } of compiled) {
        const taken: { start: number; end: number }[] = [];
        for (const { entry, re } of entries) {
          for (const m of matchesIn(pair[lang], re)) {
            const before = m.line.text.slice(0, m.index);
            const after = m.line.text.slice(m.index + m.text.length);
            if (entry.unless?.before?.test(before) || entry.unless?.after?.test(after) || entry.unless?.test?.(m)) continue;
            const start = m.line.offset + m.index;
            const end = start + m.text.length;
            if (taken.some((t) => t.start < end && start < t.end)) continue; // an earlier entry took these words
            taken.push({ start, end });
            const fix = typeof entry.fix === 'function' ? entry.fix(m.text) : entry.fix?.replace('$0', m.text);
            findings.push({ ...finding(rule, lang, m.section, m.text, fix === undefined ? {} : { fix }), at: start });
          }
        }
      }
      // In document order per language, whichever entry found them.
      return findings.sort((a, b) => (a.lang === b.lang ? a.at - b.at : a.lang < b.lang ? -1 : 1));
    },
  };
  return rule;
}

/** `fix` with the first letter's case of `match`. */
export const sameCase = (fix: string) => (match: string) => (/^\p{Lu}/u.test(match) ? fix[0]!.toUpperCase() + fix.slice(1) : fix);
