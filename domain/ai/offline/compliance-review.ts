// compliance-review without a language model, honestly: a rewrite item for each rule finding
// that has a suggested fix (the rule's own fix), per section the mechanical equivalence checks
// of the offline check-equivalence (numbers, amounts, dates, codes, number of lines, length),
// one item saying meaning was not compared, and a group-fit item saying plainly that fit to the
// group and level was not assessed. Answered as the JSON lines a model is asked for, so the
// function reads both the same way (prompts/compliance-review.ts parseReview); all advisory.
import type { AiLang, AssistRequest, AssistSource, ReviewInput, ReviewItem } from '../assist-types.ts';
import { reviewLines } from '../prompts/compliance-review.ts';
import type { OfflineAnswer } from './answer.ts';
import { meaningNotChecked, mechanicalDifferences, MEANING_NOT_CHECKED } from './check-equivalence.ts';

/** Cited with every offline review: fit to the group and level was not assessed. */
export const GROUP_FIT_NOT_ASSESSED = 'offline.group-fit-not-assessed';

const WORDING = {
  en: {
    rewrite: (message: string) => `Suggested fix of the rule: ${message}`,
    groupFit: (group: string) => `Whether the duties fit ${group} was not assessed offline: the offline review has no language model. Ask a classification advisor, or use an AI provider.`,
    noGroup: 'the stated group and level',
  },
  fr: {
    rewrite: (message: string) => `Correction proposée par la règle : ${message}`,
    groupFit: (group: string) => `La correspondance des fonctions avec ${group} n’a pas été évaluée hors ligne : la révision hors ligne n’a pas de modèle de langue. Consultez une conseillère ou un conseiller en classification, ou utilisez un fournisseur d’IA.`,
    noGroup: 'le groupe et le niveau indiqués',
  },
} as const;

function groupName(review: ReviewInput, ui: AiLang): string {
  if (!review.group) return WORDING[ui].noGroup;
  const name = `${review.group.code}${review.level ? `-${review.level}` : ''} (${review.group[ui]})`;
  return ui === 'fr' ? `le groupe ${name}` : `the group ${name}`;
}

export function complianceReviewOffline(request: AssistRequest): OfflineAnswer {
  const ui = request.from;
  const review = request.review ?? { classification: null, group: null, level: null, sections: [], findings: [] };
  const items: ReviewItem[] = [];
  const sources: AssistSource[] = [];
  for (const finding of review.findings) {
    if (finding.fix === undefined || finding.fix === finding.text) continue;
    items.push({
      kind: 'rewrite', section: finding.section, lang: finding.lang === 'both' ? null : finding.lang, finding_rule: finding.id,
      text: finding.text, message: WORDING[ui].rewrite(finding.message[ui]), suggestion: finding.fix, advisory: true,
    });
    sources.push({ kind: 'rule', id: finding.id, description: finding.message[ui] });
  }
  for (const section of review.sections) {
    if (!section.en.trim() || !section.fr.trim()) continue;
    for (const difference of mechanicalDifferences(section.en, 'en', section.fr, 'fr', ui)) {
      items.push({ kind: 'equivalence', section: section.section, lang: null, message: difference.bullet.slice(2), advisory: true });
      sources.push({ kind: 'rule', id: difference.id, description: difference.bullet.slice(2) });
    }
  }
  items.push({ kind: 'equivalence', section: null, lang: null, message: meaningNotChecked(ui), advisory: true });
  sources.push({ kind: 'rule', id: MEANING_NOT_CHECKED, description: meaningNotChecked(ui) });
  const groupFit = WORDING[ui].groupFit(groupName(review, ui));
  items.push({ kind: 'group-fit', section: null, lang: null, message: groupFit, advisory: true });
  sources.push({ kind: 'rule', id: GROUP_FIT_NOT_ASSESSED, description: groupFit });
  return { text: `${reviewLines(items)}\n`, sources };
}
