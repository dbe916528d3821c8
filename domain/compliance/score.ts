// Scoring findings against a labelled sample: a finding matches a label with the same rule id,
// language, section and text (whitespace runs compared as one space). Only errors and warnings
// count; information findings are not labelled.
import type { Finding, FindingLang } from './types.ts';

export interface Label {
  id: string;
  lang: FindingLang;
  section: string;
  text: string;
  reason: string;
  /** Why the rule cannot see this one (the label still counts against recall). */
  knownMiss?: string;
}

export interface Score {
  truePositives: number;
  falsePositives: Finding[];
  falseNegatives: Label[];
}

const key = (f: { id: string; lang: string; section: string; text: string }) => [f.id, f.lang, f.section, f.text.replace(/\s+/g, ' ').trim()].join('\u0000');

export function score(found: readonly Finding[], labels: readonly Label[]): Score {
  const counted = found.filter((f) => f.severity !== 'info');
  const remaining = new Map<string, number>();
  for (const l of labels) remaining.set(key(l), (remaining.get(key(l)) ?? 0) + 1);
  const falsePositives: Finding[] = [];
  let truePositives = 0;
  for (const f of counted) {
    const left = remaining.get(key(f)) ?? 0;
    if (left > 0) {
      remaining.set(key(f), left - 1);
      truePositives++;
    } else falsePositives.push(f);
  }
  const falseNegatives = labels.filter((l) => {
    const left = remaining.get(key(l)) ?? 0;
    if (left > 0) {
      remaining.set(key(l), left - 1);
      return true;
    }
    return false;
  });
  return { truePositives, falsePositives, falseNegatives };
}

/** Precision and recall over several documents' scores (1 when there is nothing to divide). */
export function precisionRecall(scores: readonly Score[]): { precision: number; recall: number; truePositives: number; falsePositives: number; falseNegatives: number } {
  const tp = scores.reduce((n, s) => n + s.truePositives, 0);
  const fp = scores.reduce((n, s) => n + s.falsePositives.length, 0);
  const fn = scores.reduce((n, s) => n + s.falseNegatives.length, 0);
  return { precision: tp + fp === 0 ? 1 : tp / (tp + fp), recall: tp + fn === 0 ? 1 : tp / (tp + fn), truePositives: tp, falsePositives: fp, falseNegatives: fn };
}
