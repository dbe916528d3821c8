// The request body of `ai-assist`, validated with zod: { task, text, from?, to?, document_id?,
// section?, counterpart? }; compliance-review takes { task, document_id, from? } and no text (the
// function reads the stored document). Every refusal names the field and what is wrong with it.
import { z } from 'npm:zod@4.6.7';
import { AI_TASKS, MAX_ASSIST_TEXT, type AiLang, type AiTask } from '../../domain/ai/assist-types.ts';

const Lang = z.enum(['en', 'fr'], { error: 'must be "en" or "fr"' });

/** Trimmed text of 1..MAX_ASSIST_TEXT characters. */
const assistText = (field: string) =>
  z
    .string({ error: `${field} must be a string` })
    .transform((text) => text.trim())
    .pipe(
      z
        .string()
        .min(1, { error: `${field} is empty` })
        .max(MAX_ASSIST_TEXT, { error: (issue) => `${field} is too long: at most ${MAX_ASSIST_TEXT} characters (got ${(issue.input as string).length})` }),
    );

const Body = z
  .strictObject(
    {
      task: z.enum(AI_TASKS, { error: `task must be one of ${AI_TASKS.join(', ')}` }),
      text: assistText('text').optional(),
      from: Lang.optional(),
      to: Lang.optional(),
      document_id: z.uuid({ error: 'document_id must be the uuid of a job description' }).optional(),
      section: z.string({ error: 'section must be a section id' }).trim().min(1, { error: 'section is empty' }).max(200, { error: 'section is at most 200 characters' }).optional(),
      /** check-equivalence without a stored document: the other language's text. */
      counterpart: assistText('counterpart').optional(),
    },
    { error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}` : 'the body must be a JSON object') },
  );

/** A validated request, languages resolved. */
export interface AssistInput {
  task: AiTask;
  text: string;
  from: AiLang;
  to: AiLang;
  documentId: string | null;
  section: string | null;
  counterpart: string | null;
}

export class BodyError extends Error {}

const other = (lang: AiLang): AiLang => (lang === 'en' ? 'fr' : 'en');

/** The validated body, or BodyError with a message naming the field. */
export function parseAssistBody(raw: unknown): AssistInput {
  const parsed = Body.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.');
    const message = issue.message.startsWith(field) || issue.path.length === 0 ? issue.message : `${field} ${issue.message}`;
    throw new BodyError(`invalid request: ${message}`);
  }
  const body = parsed.data;
  if (body.task === 'compliance-review') {
    if (!body.document_id) throw new BodyError('invalid request: compliance-review needs document_id (the stored job description to review)');
    if (body.text !== undefined || body.counterpart !== undefined || body.section !== undefined) {
      throw new BodyError('invalid request: compliance-review reads the stored document itself: send document_id (and from, the language of the answer), not text, counterpart or section');
    }
  } else if (body.text === undefined) {
    throw new BodyError('invalid request: text must be a string');
  }
  // Defaults: English to French; the other language when only one is given.
  const from = body.from ?? (body.to ? other(body.to) : 'en');
  const to = body.to ?? other(from);
  if (body.task === 'translate' && from === to) {
    throw new BodyError(`invalid request: translate needs two different languages (from and to are both "${from}")`);
  }
  if (body.task === 'check-equivalence' && from === to) {
    throw new BodyError(`invalid request: check-equivalence compares two languages (from and to are both "${from}")`);
  }
  if (body.task === 'check-equivalence' && !body.counterpart && !(body.document_id && body.section)) {
    throw new BodyError('invalid request: check-equivalence needs document_id and section (the stored text to compare with), or counterpart');
  }
  if (body.section && !body.document_id) throw new BodyError('invalid request: section needs document_id');
  return {
    task: body.task,
    text: body.text ?? '',
    from,
    to,
    documentId: body.document_id?.toLowerCase() ?? null,
    section: body.section ?? null,
    counterpart: body.counterpart ?? null,
  };
}
