// check-equivalence without a language model: the compliance engine's mechanical comparisons of
// the two versions (domain/compliance/: numbers, amounts, dates, times and classification codes
// with quantities.ts; the number of lines or items; bilingual.length-ratio), in the list format
// the models are asked for (prompts/check-equivalence.ts), in the UI language (`from`). It says
// plainly that meaning was not compared, and never answers the models' "No differences found.",
// which would claim more than was checked.
import { lengthRatio } from '../../compliance/bilingual.ts';
import { quantities, unmatched } from '../../compliance/quantities.ts';
import type { DocumentPair } from '../../compliance/types.ts';
import type { AiLang, AssistRequest, AssistSource } from '../assist-types.ts';
import type { OfflineAnswer } from './answer.ts';
import { documentOf } from './edits.ts';

/** Cited with every offline equivalence check: meaning was not compared. */
export const MEANING_NOT_CHECKED = 'offline.meaning-not-checked';

export const EQUIVALENCE_RULES = { quantities: 'bilingual.quantities', lines: 'bilingual.line-count', length: lengthRatio.id } as const;

const LANGUAGE: Record<AiLang, Record<AiLang, string>> = { en: { en: 'English', fr: 'French' }, fr: { en: 'anglaise', fr: 'française' } };

const WORDING = {
  en: {
    onlyIn: (side: string, words: string[]) => `- Only in the ${side} version (number, amount, date or code): ${words.map((w) => `"${w}"`).join(', ')}`,
    lines: (a: string, n: number, b: string, m: number) => `- The ${a} version has ${n} ${n === 1 ? 'line or item' : 'lines or items'}, the ${b} version ${m}.`,
    nothing: 'No difference in numbers, amounts, dates, codes or the number of lines or items.',
    meaning: 'Meaning was not compared: the offline check compares numbers, amounts, dates, codes, the number of lines and the length only. Omissions, additions and shifts of meaning need a reviewer or an AI provider.',
  },
  fr: {
    onlyIn: (side: string, words: string[]) => `- Seulement dans la version ${side} (nombre, montant, date ou code) : ${words.map((w) => `« ${w} »`).join(', ')}`,
    lines: (a: string, n: number, b: string, m: number) => `- La version ${a} compte ${n} ${n < 2 ? 'ligne ou élément' : 'lignes ou éléments'}, la version ${b} ${m}.`,
    nothing: 'Aucune différence de nombres, de montants, de dates, de codes ni de nombre de lignes ou d’éléments.',
    meaning: 'Le sens n’a pas été comparé : la vérification hors ligne ne compare que les nombres, montants, dates, codes, le nombre de lignes et la longueur. Les omissions, ajouts et glissements de sens demandent une révision humaine ou un fournisseur d’IA.',
  },
} as const;

const lineCount = (text: string) => text.split('\n').filter((line) => line.trim() !== '').length;

/** The mechanical differences of a text and its counterpart, as bullets ("- …") in the UI language, with the rule behind each. */
export function mechanicalDifferences(text: string, from: AiLang, counterpart: string, to: AiLang, ui: AiLang): { id: string; bullet: string }[] {
  const names = LANGUAGE[ui];
  const wording = WORDING[ui];
  const found: { id: string; bullet: string }[] = [];
  const { onlyA, onlyB } = unmatched(quantities(text, from), quantities(counterpart, to));
  if (onlyA.length) found.push({ id: EQUIVALENCE_RULES.quantities, bullet: wording.onlyIn(names[from], onlyA.map((q) => q.text)) });
  if (onlyB.length) found.push({ id: EQUIVALENCE_RULES.quantities, bullet: wording.onlyIn(names[to], onlyB.map((q) => q.text)) });
  const [lines, otherLines] = [lineCount(text), lineCount(counterpart)];
  if (lines !== otherLines) found.push({ id: EQUIVALENCE_RULES.lines, bullet: wording.lines(names[from], lines, names[to], otherLines) });
  // The length rule reads an English/French pair: the two texts as one section each.
  const [en, fr] = from === 'en' ? [text, counterpart] : [counterpart, text];
  const pair: DocumentPair = { en: documentOf(en, 'en'), fr: documentOf(fr, 'fr') };
  for (const finding of lengthRatio.check(pair)) found.push({ id: EQUIVALENCE_RULES.length, bullet: `- ${finding.message[ui]}` });
  return found;
}

/** What the offline equivalence check says plainly it did not do, in the UI language. */
export const meaningNotChecked = (ui: AiLang): string => WORDING[ui].meaning;

export function checkEquivalenceOffline(request: AssistRequest): OfflineAnswer {
  const ui = request.from;
  const wording = WORDING[ui];
  const found = mechanicalDifferences(request.text, request.from, request.counterpart ?? '', request.to, ui);
  const text = [found.length ? found.map((f) => f.bullet).join('\n') : wording.nothing, wording.meaning].join('\n');
  const sources: AssistSource[] = [
    ...found.map((f): AssistSource => ({ kind: 'rule', id: f.id, description: f.bullet.slice(2) })),
    { kind: 'rule', id: MEANING_NOT_CHECKED, description: wording.meaning },
  ];
  return { text, sources };
}
