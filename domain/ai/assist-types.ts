// The contract of AI assistance (issue 16), runtime-neutral: what a task asks, what a provider
// streams back, and what the `ai-assist` Edge Function answers. The providers (OpenAI, Anthropic,
// an OpenAI-compatible local server, and the offline provider built from the translation memory
// and the glossary), the prompts, the function and <jd-editor>'s AI panel all speak these types,
// so they can be built and tested apart.

export type AiLang = 'en' | 'fr';

/** What the writer or translator asks for. */
export const AI_TASKS = ['improve', 'translate', 'check-equivalence', 'draft-section', 'compliance-review'] as const;
export type AiTask = (typeof AI_TASKS)[number];
/** The tasks on a text (a selection or a section); compliance-review reviews a whole stored document instead. */
export type TextTask = Exclude<AiTask, 'compliance-review'>;
export const TEXT_TASKS: readonly TextTask[] = AI_TASKS.filter((task): task is TextTask => task !== 'compliance-review');

/** A translation-memory match the answer may build on (from tm_search, best first). */
export interface TmGrounding {
  /** tm_segments.id, as text: the citation key is `TM<index+1>` in prompts. */
  id: string;
  source: string;
  target: string;
  /** CAT match score, 0–101 (101: context match). */
  score: number;
}

/** A glossary term found in the text (from glossary_lookup), in the task's direction. */
export interface GlossaryGrounding {
  /** glossary_terms.id. */
  id: string;
  /** The term as it is written in the source language, and its equivalent in the target. */
  source: string;
  target: string;
  status: 'approved' | 'forbidden' | 'pending';
  /** For a forbidden term: the approved equivalents to use instead. */
  approvedEquivalents: string[] | null;
}

/** Everything a provider needs to answer one task. */
export interface AssistRequest {
  task: AiTask;
  /** The selection or section text (1..MAX_ASSIST_TEXT characters). */
  text: string;
  /** The text's language, and for translate the language wanted. */
  from: AiLang;
  to: AiLang;
  /** For check-equivalence: the other language's text of the same section. */
  counterpart?: string;
  /** Translation-memory matches of the text's sentences (translate), best first. */
  tm: TmGrounding[];
  /** Glossary terms found in the text. */
  glossary: GlossaryGrounding[];
  /** For compliance-review: the whole stored document, its stated group and level, and the rule findings. */
  review?: ReviewInput;
}

/** A rule finding as the compliance review reads it (domain/compliance's Finding, without its source). */
export interface ReviewFinding {
  id: string;
  severity: 'error' | 'warning' | 'info';
  lang: AiLang | 'both';
  section: string;
  text: string;
  message: { en: string; fr: string };
  fix?: string;
}

/** What compliance-review reviews: read by ai-assist from the stored document, never sent by the client. */
export interface ReviewInput {
  /** The classification as stored ("PM-04"), or null. */
  classification: string | null;
  /** The occupational group the classification names, with its definition (its names) from classification_groups.yaml; null when it names none. */
  group: { code: string; en: string; fr: string } | null;
  /** The level ("04"), or null when the classification has none. */
  level: string | null;
  /** The sections in document order, with each language's text ('' where a language has none). */
  sections: { section: string; heading: { en: string; fr: string }; en: string; fr: string }[];
  /** The compliance rules' findings on the stored text. */
  findings: ReviewFinding[];
}

/**
 * One item of an AI compliance review. Always advisory: a reviewer decides, the rules' findings
 * stay the reference. `text` (when given) is the document's words a rewrite replaces, exactly as
 * written, so the panel can apply it where it maps to a range.
 */
export interface ReviewItem {
  kind: 'equivalence' | 'group-fit' | 'rewrite';
  section: string | null;
  lang: AiLang | null;
  /** The rule finding a rewrite answers (its id), when it answers one. */
  finding_rule?: string;
  /** The words concerned, exactly as in the document. */
  text?: string;
  message: string;
  suggestion?: string;
  advisory: true;
}

/** The prompt a language model receives (built from an AssistRequest by domain/ai/prompts/). */
export interface Prompt {
  system: string;
  user: string;
  /** Output budget. */
  maxTokens: number;
}

/** Where part of a suggestion came from: cited in the answer's `sources`. */
export type AssistSource =
  | { kind: 'tm'; id: string; source: string; target: string; score: number }
  | { kind: 'glossary'; id: string; source: string; target: string; status: GlossaryGrounding['status'] }
  /** A rule-based rewrite of the offline provider (a compliance rule id, e.g. inclusive.generic-pronoun). */
  | { kind: 'rule'; id: string; description: string }
  /** Text the offline provider left as it was because it could not translate it. */
  | { kind: 'untranslated'; text: string };

/** What a provider streams while answering. */
export type ProviderEvent =
  | { type: 'delta'; text: string }
  /** Last event: the model that answered and the tokens it counted (0 when unknown). */
  /** `provider`: set by the resilient chain (domain/ai/providers/resilience.ts) to the AiProvider.name that answered. */
  | { type: 'end'; model: string; tokensIn: number; tokensOut: number; sources?: AssistSource[]; provider?: string };

/** One way of answering: a remote model through its SDK, or the offline provider. */
export interface AiProvider {
  /** ai_requests.provider: 'openai', 'anthropic', 'openai-compatible' or 'offline'. Never a URL or key. */
  readonly name: string;
  readonly model: string;
  /**
   * Streams the answer. `signal` aborts the underlying HTTP request (the SDK's own abort), so a
   * cancelled suggestion stops costing tokens. Throws ProviderFailure (domain/ai/providers/) on
   * a provider error, before or during the stream.
   */
  generate(request: AssistRequest, prompt: Prompt, signal: AbortSignal): AsyncIterable<ProviderEvent>;
}

/** Server-Sent Events of `ai-assist` (Accept: text/event-stream), one JSON object per `data:` line. */
export type AssistStreamEvent =
  | { type: 'delta'; text: string }
  | {
      type: 'done';
      provider: string;
      model: string;
      sources: AssistSource[];
      /** ai_requests.id of this call, for recording the writer's decision. */
      request_id: number | null;
      tokens_in: number;
      tokens_out: number;
      /** Estimated cost in US dollars. */
      cost: number;
      /** Glossary problems in the output (forbidden terms used, approved equivalents missing). */
      glossary_flags: GlossaryFlag[];
      /**
       * Something the writer should know about how this answer was made, in English; e.g. the
       * organization's monthly budget is used up, so the offline provider answered. Absent otherwise.
       */
      notice?: string;
      /** compliance-review: the items parsed from the answer (malformed ones dropped), every one advisory. */
      review?: ReviewItem[];
    }
  | { type: 'error'; code: string; message: string };

/** The one-piece answer (Accept: application/json): the done event's fields plus the whole text. */
export type AssistJsonAnswer = Omit<Extract<AssistStreamEvent, { type: 'done' }>, 'type'> & { text: string };

/** The output does not follow the glossary. */
export interface GlossaryFlag {
  kind: 'forbidden-term-used' | 'approved-term-missing';
  /** The glossary term concerned (glossary_terms.id) and the words at fault or expected. */
  term_id: string;
  expected: string | null;
  found: string | null;
}

/** The request body of `ai-assist` (validated with zod in the function). */
export interface AssistBody {
  task: AiTask;
  /** Required, except for compliance-review, which reads the stored document (document_id) itself. */
  text?: string;
  from?: AiLang;
  to?: AiLang;
  document_id?: string;
  section?: string;
}

/** Longest text one call takes (characters); longer input is refused with a clear message. */
export const MAX_ASSIST_TEXT = 20_000;

/** Longest stored document (both languages together, characters) compliance-review sends a model. */
export const MAX_REVIEW_TEXT = 60_000;
