// compliance-review: what the rules cannot see. The model reads the whole job description in
// both languages (English in <document>, French in <counterpart>, section by section), the
// stated occupational group with its definition from classification_groups.yaml, and the rule
// findings (<findings>), and answers one JSON object per line: differences of meaning between
// the languages per section, whether the duties fit the group and level, and a rewrite for each
// finding. parseReview() reads that answer, tolerating anything else a model writes around it.
import type { AiLang, AssistRequest, Prompt, ReviewFinding, ReviewInput, ReviewItem } from '../assist-types.ts';
import { dataBlock, LANGUAGE_NAME, systemPrompt } from './frame.ts';

const REVIEW_KINDS: readonly ReviewItem['kind'][] = ['equivalence', 'group-fit', 'rewrite'];

/** Longest message or suggestion kept from a model's item (characters). */
const MAX_ITEM_TEXT = 4000;

const instructions = (lang: AiLang) => `Task: review the job description as a reviewer of classification and of official-language equivalence would. <document> holds the English version, <counterpart> the French one, each section after a line "## <section id>". <findings> lists what the rules already found.
Answer with JSON objects only, one per line, no other text, no code fences. Each object has:
  "kind": "equivalence", "group-fit" or "rewrite";
  "section": the section id (as after "##") or null;
  "lang": "en", "fr" or null;
  "message": what you found, in ${LANGUAGE_NAME[lang]};
  and where useful "suggestion" (the text to write instead, in the language of "lang"), "text" (the exact words of the document it replaces) and, for a rewrite of a finding, "finding_rule" (the finding's rule id).
- "equivalence": for each section, where the English and the French do not say the same thing (omissions, additions, shifts of meaning, different numbers, dates, amounts or codes). Give "lang" of the version to change and its "suggestion".
- "group-fit": whether the duties fit the stated occupational group and level (see its definition), e.g. duties of another group, or a scope too wide or too narrow for the level. One item at least, even when they fit.
- "rewrite": for each finding of <findings>, a rewrite of the words concerned that resolves it, with "finding_rule", "text" and "suggestion".
Your answer is advisory: a reviewer decides. Do not invent duties or facts.`;

/** The group and level as a line of the prompt: from our own data, never from the document's text. */
function groupLine(review: ReviewInput): string {
  if (!review.group) return 'Stated group: none recognised (the classification is missing or names no Treasury Board occupational group); say so in a group-fit item.';
  const level = review.level ? `, level ${review.level}` : ', no level';
  return `Stated group: ${review.group.code}${level}. Definition of the group (Treasury Board occupational groups, classification_groups.yaml): English "${review.group.en}"; French "${review.group.fr}".`;
}

function sectionsOf(review: ReviewInput, lang: AiLang): string {
  return review.sections
    .filter((s) => s[lang].trim() !== '')
    .map((s) => `## ${s.section}\n${s.heading[lang] ? `${s.heading[lang]}\n` : ''}${s[lang]}`)
    .join('\n\n');
}

function findingLine(finding: ReviewFinding): string {
  const fix = finding.fix !== undefined ? ` → "${finding.fix}"` : '';
  return `- [${finding.id}] ${finding.section} (${finding.lang}): "${finding.text}"${fix}: ${finding.message.en}`;
}

export function complianceReviewPrompt(request: AssistRequest): Prompt {
  const review = request.review ?? { classification: null, group: null, level: null, sections: [], findings: [] };
  return {
    system: systemPrompt(instructions(request.from)),
    user: [
      groupLine(review),
      dataBlock('document', sectionsOf(review, 'en')),
      dataBlock('counterpart', sectionsOf(review, 'fr')),
      dataBlock('findings', review.findings.length ? review.findings.map(findingLine).join('\n') : '(no findings)'),
    ].join('\n'),
    maxTokens: 4096,
  };
}

const optionalString = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, MAX_ITEM_TEXT) : undefined);

/** One item from a parsed JSON value, or null when it is not one. */
function reviewItem(value: unknown): ReviewItem | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  if (!REVIEW_KINDS.includes(v.kind as ReviewItem['kind'])) return null;
  const message = optionalString(v.message);
  if (!message) return null;
  if (v.section !== undefined && v.section !== null && typeof v.section !== 'string') return null;
  if (v.lang !== undefined && v.lang !== null && v.lang !== 'en' && v.lang !== 'fr') return null;
  const item: ReviewItem = {
    kind: v.kind as ReviewItem['kind'],
    section: typeof v.section === 'string' && v.section.trim() !== '' ? v.section.trim().slice(0, 200) : null,
    lang: v.lang === 'en' || v.lang === 'fr' ? v.lang : null,
    message,
    advisory: true,
  };
  const rule = optionalString(v.finding_rule);
  const text = optionalString(v.text);
  const suggestion = optionalString(v.suggestion);
  if (rule) item.finding_rule = rule.slice(0, 200);
  if (text) item.text = text;
  if (suggestion) item.suggestion = suggestion;
  return item;
}

/**
 * The review items of a model's answer: every line that holds a JSON object (or an array of
 * them) of the right shape, whatever surrounds it (prose, code fences, bullets); malformed lines
 * and items are dropped. Every item is marked advisory, whatever the model wrote.
 */
export function parseReview(output: string): ReviewItem[] {
  const items: ReviewItem[] = [];
  for (const line of output.split('\n')) {
    const start = line.search(/[[{]/);
    const end = Math.max(line.lastIndexOf('}'), line.lastIndexOf(']'));
    if (start < 0 || end <= start) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line.slice(start, end + 1));
    } catch {
      continue;
    }
    for (const value of Array.isArray(parsed) ? parsed : [parsed]) {
      const item = reviewItem(value);
      if (item) items.push(item);
    }
  }
  return items;
}

/** Items as the answer's text: one JSON object per line (what the prompt asks a model for). */
export const reviewLines = (items: readonly ReviewItem[]): string => items.map((item) => JSON.stringify(item)).join('\n');
