// What `ai-assist` answers, apart from Deno.serve (index.ts wires the real providers, prompts and
// database client in; tests can wire others):
//
//   POST { task, text, from?, to?, document_id?, section?, counterpart? }
//   POST { task: 'compliance-review', document_id, from? } → the stored document in both languages,
//        its group and level and the rule findings go to the model; done carries `review` (items
//        parsed from the model's JSON lines, every one advisory)
//     Accept: text/event-stream → `data: {"type":"delta","text":…}` events, then one `done`
//                                  (provider, model, sources, request_id, tokens, cost,
//                                  glossary_flags) or one `error`
//     Accept: application/json   → { text, provider, model, sources, request_id, … } in one piece
//
// Order of checks: the body (400 naming the field), the caller (401), the document (404 when it
// does not exist or the caller may not open it: the same answer, nothing leaks), the
// organization's budget (402 when it is used up and the offline provider is not in its order).
// Grounding (translation-memory matches, glossary terms) is read as the caller, so row-level
// security decides what a model gets to see. Every provider attempt is one ai_requests row
// written as the caller (task, tokens, estimated cost, latency, outcome); a client that goes away
// aborts the provider call and its row says 'cancelled'. Secrets (provider keys, the service key,
// the caller's token) never reach a response or the log.
import type { SupabaseClient } from 'npm:@supabase/supabase-js@2.109.0';
import type {
  AiLang,
  AiProvider,
  AssistJsonAnswer,
  AssistRequest,
  AssistSource,
  AssistStreamEvent,
  GlossaryFlag,
  GlossaryGrounding,
  Prompt,
  ProviderEvent,
  ReviewInput,
} from '../../domain/ai/assist-types.ts';
import { MAX_REVIEW_TEXT } from '../../domain/ai/assist-types.ts';
import { citationStream, parseReview } from '../../domain/ai/prompts/index.ts';
import { reviewInput, reviewLength } from '../../domain/ai/review-input.ts';
import { readerFor } from '../compliance/handler.ts';
import { redactSecrets as redact, type AttemptRecord } from '../../domain/ai/providers/index.ts';
import { preflightResponse } from '../_shared/cors.ts';
import { json } from '../_shared/exchange.ts';
import { BodyError, parseAssistBody, type AssistInput } from './body.ts';
import { glossaryGrounding, groundingSources, tmGrounding } from './grounding.ts';
import { sseResponse } from './sse.ts';

/** The provider names an organization may order (ai_settings.provider_order). */
export const DEFAULT_PROVIDER_ORDER = ['anthropic', 'openai', 'local'] as const;

/** What the handler needs from the outside; index.ts gives the real ones. */
export interface AssistServices {
  /** A supabase-js client acting as the caller (their Authorization header); null without one. */
  callerClient(request: Request): SupabaseClient | null;
  /** The configured providers in the organization's order ('offline' where the order puts it); [] when none is configured. */
  providers(order: readonly string[]): AiProvider[];
  /** The provider of last resort, and the one used when no key is configured. */
  offline(): AiProvider;
  /** One provider over `chain`: ordered fallback, per-call timeout, retries, circuit breaker. */
  resilient(chain: AiProvider[], onAttempt: (attempt: AttemptRecord) => void): AiProvider;
  buildPrompt(request: AssistRequest): Prompt;
  glossaryFlags(output: string, lang: AiLang, glossary: GlossaryGrounding[]): GlossaryFlag[];
  estimateCostUsd(provider: string, model: string, tokensIn: number, tokensOut: number): number;
  /** Values that must never appear in a response or the log (provider keys, the service key). */
  secrets(): string[];
  log(message: string): void;
}

export class RequestError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

const OFFLINE = 'offline';

const bearer = (request: Request) => request.headers.get('authorization')?.replace(/^Bearer\s+/i, '').trim() ?? '';

const dollars = (amount: number) => amount.toFixed(2);

interface Caller {
  db: SupabaseClient;
  organization: string;
}

async function signedIn(request: Request, services: AssistServices): Promise<{ db: SupabaseClient; userId: string }> {
  const db = services.callerClient(request);
  if (!db) throw new RequestError(401, 'sign in to use AI assistance: the request has no Authorization header');
  const { data } = await db.auth.getUser(bearer(request));
  if (!data.user) throw new RequestError(401, 'sign in to use AI assistance: the token is not a signed-in user');
  return { db, userId: data.user.id };
}

/** The organization charged: the document's when there is one (which the caller must be able to open), else the caller's first. */
async function organizationOf(db: SupabaseClient, userId: string, input: AssistInput): Promise<string> {
  if (input.documentId) {
    const access = await db.rpc('can_open_document', { doc: input.documentId });
    if (access.error) throw new Error(`can_open_document: ${access.error.message}`);
    if (!access.data) throw new RequestError(404, `no job description ${input.documentId}, or you may not open it`);
    const row = await db.from('job_descriptions').select('organization_id').eq('id', input.documentId).maybeSingle();
    if (row.error) throw new Error(`job_descriptions: ${row.error.message}`);
    if (!row.data) throw new RequestError(404, `no job description ${input.documentId}, or you may not open it`);
    return (row.data as { organization_id: string }).organization_id;
  }
  const { data, error } = await db.from('memberships').select('organization_id').eq('user_id', userId).order('organization_id').limit(1);
  if (error) throw new Error(`memberships: ${error.message}`);
  const organization = (data as { organization_id: string }[])[0]?.organization_id;
  if (!organization) throw new RequestError(403, 'you belong to no organization: AI assistance is charged to one');
  return organization;
}

/** check-equivalence: the other language's text of the section, given or stored. */
async function counterpartOf(db: SupabaseClient, input: AssistInput): Promise<string | undefined> {
  if (input.task !== 'check-equivalence') return undefined;
  if (input.counterpart) return input.counterpart;
  const { data, error } = await db
    .from('document_sections')
    .select('body')
    .eq('document_id', input.documentId!)
    .eq('section_id', input.section!)
    .eq('lang', input.to)
    .maybeSingle();
  if (error) throw new Error(`document_sections: ${error.message}`);
  const body = (data as { body: string | null } | null)?.body?.trim();
  if (!body) {
    throw new RequestError(404, `section "${input.section}" has no ${input.to === 'fr' ? 'French' : 'English'} text in job description ${input.documentId}: send it as counterpart`);
  }
  return body;
}

/** compliance-review: the stored document as the caller reads it, with the rules' findings on it. */
async function reviewOf(db: SupabaseClient, input: AssistInput): Promise<ReviewInput | undefined> {
  if (input.task !== 'compliance-review') return undefined;
  const stored = await readerFor(db)(input.documentId!);
  if (!stored) throw new RequestError(404, `no job description ${input.documentId}, or you may not open it`);
  const review = reviewInput(stored.identification, stored.sections);
  const length = reviewLength(review);
  if (length === 0) throw new RequestError(422, `job description ${input.documentId} has no section text to review`);
  if (length > MAX_REVIEW_TEXT) {
    throw new RequestError(413, `job description ${input.documentId} is too long to review: at most ${MAX_REVIEW_TEXT} characters in both languages together (it has ${length})`);
  }
  return review;
}

async function providerOrder(db: SupabaseClient, organization: string): Promise<string[]> {
  const { data, error } = await db.from('ai_settings').select('provider_order').eq('organization_id', organization).maybeSingle();
  if (error) throw new Error(`ai_settings: ${error.message}`);
  return (data as { provider_order: string[] } | null)?.provider_order ?? [...DEFAULT_PROVIDER_ORDER];
}

interface UsageRow {
  provider: string;
  model: string;
  tokensIn: number;
  tokensOut: number;
  cost: number;
  latencyMs: number | null;
  outcome: AttemptRecord['outcome'] | 'budget_exceeded';
  error: string | null;
}

interface Recorder {
  record(row: UsageRow): Promise<number | null>;
}

function recorderFor(caller: Caller, input: AssistInput, services: AssistServices): Recorder {
  return {
    async record(row) {
      const { data, error } = await caller.db
        .from('ai_requests')
        .insert({
          organization_id: caller.organization,
          document_id: input.documentId,
          function: 'ai-assist',
          task: input.task,
          provider: row.provider,
          model: row.model,
          tokens_in: row.tokensIn,
          tokens_out: row.tokensOut,
          estimated_cost: row.cost,
          latency_ms: row.latencyMs === null ? null : Math.max(0, Math.round(row.latencyMs)),
          outcome: row.outcome,
          error: row.error === null ? null : redact(row.error, services.secrets()).slice(0, 10_000),
        })
        .select('id')
        .single();
      if (error) {
        services.log(`ai-assist: could not record usage: ${error.message}`);
        return null;
      }
      return (data as { id: number }).id;
    },
  };
}

/** Refuses (402) or falls back to the offline provider when the month's budget is used up. */
async function withinBudget(
  caller: Caller,
  chain: AiProvider[],
  order: readonly string[],
  services: AssistServices,
  recorder: Recorder,
): Promise<{ chain: AiProvider[]; notice?: string }> {
  const paid = chain.filter((provider) => provider.name !== OFFLINE);
  if (paid.length === 0) return { chain };
  const { data, error } = await caller.db.rpc('ai_budget_status', { organization: caller.organization });
  if (error) throw new Error(`ai_budget_status: ${error.message}`);
  const status = (data as { spent_usd: number | string; budget_usd: number | string | null; month_start: string }[])[0];
  if (!status || status.budget_usd === null) return { chain };
  const spent = Number(status.spent_usd);
  const budget = Number(status.budget_usd);
  if (spent < budget) return { chain };

  const { data: org } = await caller.db.from('organizations').select('name_en').eq('id', caller.organization).maybeSingle();
  const name = (org as { name_en: string } | null)?.name_en ?? caller.organization;
  const message = `the monthly AI budget of ${name} (US$${dollars(budget)}) is used up: US$${dollars(spent)} spent since ${status.month_start.slice(0, 10)}`;
  if (order.includes(OFFLINE)) {
    // The organization listed the offline provider: it costs nothing, so it still answers.
    return { chain: [services.offline()], notice: `${message}; the offline provider answered instead` };
  }
  await recorder.record({
    provider: paid[0]!.name, model: paid[0]!.model, tokensIn: 0, tokensOut: 0, cost: 0, latencyMs: null, outcome: 'budget_exceeded', error: message,
  });
  throw new RequestError(402, message);
}

/** Everything decided before the provider is called. */
interface Prepared {
  input: AssistInput;
  request: AssistRequest;
  prompt: Prompt;
  chain: AiProvider[];
  notice?: string;
  recorder: Recorder;
}

async function prepare(request: Request, services: AssistServices): Promise<Prepared> {
  let raw: unknown;
  try {
    raw = await request.json();
  } catch {
    throw new RequestError(400, 'invalid request: the body must be a JSON object');
  }
  let input: AssistInput;
  try {
    input = parseAssistBody(raw);
  } catch (error) {
    if (error instanceof BodyError) throw new RequestError(400, error.message);
    throw error;
  }
  const { db, userId } = await signedIn(request, services);
  const organization = await organizationOf(db, userId, input);
  const caller = { db, organization };
  const counterpart = await counterpartOf(db, input);
  const review = await reviewOf(db, input);

  const order = await providerOrder(db, organization);
  const configured = services.providers(order);
  // No key configured (or none the organization allows): the offline provider answers.
  const recorder = recorderFor(caller, input, services);
  const budgeted = await withinBudget(caller, configured.length > 0 ? configured : [services.offline()], order, services, recorder);

  const [tm, glossary] = await Promise.all([
    input.task === 'translate' ? tmGrounding(db, input.text, input.from, input.to) : Promise.resolve([]),
    input.task === 'compliance-review' ? Promise.resolve([]) : glossaryGrounding(db, input.text, input.from),
  ]);
  const assistRequest: AssistRequest = {
    task: input.task,
    text: input.text,
    from: input.from,
    to: input.to,
    ...(counterpart === undefined ? {} : { counterpart }),
    ...(review === undefined ? {} : { review }),
    tm,
    glossary,
  };
  return { input, request: assistRequest, prompt: services.buildPrompt(assistRequest), chain: budgeted.chain, notice: budgeted.notice, recorder };
}

/** The answer's events: deltas as the provider streams them, then done or error. */
async function* answer(prepared: Prepared, services: AssistServices, signal: AbortSignal): AsyncGenerator<AssistStreamEvent> {
  const attempts: Promise<{ attempt: AttemptRecord; id: number | null; cost: number }>[] = [];
  const provider = services.resilient(prepared.chain, (attempt) => {
    const cost = attempt.outcome === 'cancelled' && attempt.tokensOut === 0 ? 0 : services.estimateCostUsd(attempt.provider, attempt.model, attempt.tokensIn, attempt.tokensOut);
    attempts.push(prepared.recorder.record({ ...attempt, cost }).then((id) => ({ attempt, id, cost })));
  });
  let text = '';
  let end: Extract<ProviderEvent, { type: 'end' }> | null = null;
  let finished = false;
  const started = Date.now();
  // A model's translation ends with "Sources: [TM1], [G2]": the writer sees the text without it,
  // and the keys become the answer's sources (only what the prompt gave can be cited).
  const citations = prepared.input.task === 'translate' ? citationStream(prepared.request) : null;
  let cited: AssistSource[] | null = null;
  try {
    for await (const event of provider.generate(prepared.request, prepared.prompt, signal)) {
      if (event.type === 'delta') {
        const shown = citations ? citations.push(event.text) : event.text;
        if (!shown) continue;
        text += shown;
        yield { type: 'delta', text: shown };
      } else {
        end = event;
      }
    }
    if (citations) {
      const { rest, sources } = citations.end();
      cited = sources;
      if (rest) {
        text += rest;
        yield { type: 'delta', text: rest };
      }
    }
    finished = true;
  } catch (error) {
    finished = true;
    if (signal.aborted) {
      await recordCancellation(prepared, attempts, started);
      return;
    }
    await Promise.all(attempts);
    const failure = error as { kind?: string; message?: string };
    const message = redact(failure.message ?? String(error), services.secrets());
    services.log(`ai-assist: ${prepared.input.task} failed: ${message}`);
    yield { type: 'error', code: failure.kind ?? 'provider-error', message };
    return;
  } finally {
    // The client went away while a delta was being delivered: the generator is closed from outside.
    if (!finished && signal.aborted) await recordCancellation(prepared, attempts, started);
  }
  const recorded = await Promise.all(attempts);
  const success = recorded.findLast((r) => r.attempt.outcome === 'success');
  // The offline provider names its own sources; a model's are its citations (translate), else
  // the matches and terms its prompt held.
  const sources: AssistSource[] = end?.sources ?? cited ?? groundingSources(prepared.request.tm, prepared.request.glossary);
  const outputLang = prepared.input.task === 'translate' ? prepared.input.to : prepared.input.from;
  yield {
    type: 'done',
    // The resilient chain names the provider that answered on its end event (when it does).
    provider: (end && 'provider' in end && typeof end.provider === 'string' ? end.provider : undefined) ?? success?.attempt.provider ?? provider.name,
    model: end?.model ?? success?.attempt.model ?? provider.model,
    sources,
    request_id: success?.id ?? null,
    tokens_in: end?.tokensIn ?? 0,
    tokens_out: end?.tokensOut ?? 0,
    cost: recorded.reduce((sum, r) => sum + r.cost, 0),
    glossary_flags: prepared.input.task === 'check-equivalence' || prepared.input.task === 'compliance-review' ? [] : services.glossaryFlags(text, outputLang, prepared.request.glossary),
    ...(prepared.notice ? { notice: prepared.notice } : {}),
    ...(prepared.input.task === 'compliance-review' ? { review: parseReview(text) } : {}),
  };
}

/** The cancelled call is on record once: the resilient provider's own report, or ours. */
async function recordCancellation(prepared: Prepared, attempts: Promise<{ attempt: AttemptRecord }>[], started: number): Promise<void> {
  const recorded = await Promise.all(attempts);
  if (recorded.some((r) => r.attempt.outcome === 'cancelled')) return;
  const last = recorded.at(-1)?.attempt;
  const provider = prepared.chain.find((p) => p.name === last?.provider) ?? prepared.chain[0]!;
  await prepared.recorder.record({
    provider: provider.name, model: provider.model, tokensIn: 0, tokensOut: 0, cost: 0, latencyMs: Date.now() - started, outcome: 'cancelled', error: null,
  });
}

/** The whole answer at once (Accept: application/json). */
async function jsonAnswer(events: AsyncGenerator<AssistStreamEvent>): Promise<Response> {
  let text = '';
  for await (const event of events) {
    if (event.type === 'delta') text += event.text;
    else if (event.type === 'error') return json({ error: event.message, code: event.code }, 502);
    else {
      const { type: _type, ...done } = event;
      const body: AssistJsonAnswer = { text, ...done };
      return json(body);
    }
  }
  return json({ error: 'the answer ended without a result' }, 502);
}

export async function handleAssist(request: Request, services: AssistServices): Promise<Response> {
  const preflight = preflightResponse(request);
  if (preflight) return preflight;
  if (request.method !== 'POST') {
    return json({ error: 'use POST with { "task", "text", "from"?, "to"?, "document_id"?, "section"? }' }, 405);
  }
  const streaming = (request.headers.get('accept') ?? '').includes('text/event-stream');
  try {
    const prepared = await prepare(request, services);
    // The provider call stops when the client goes away (request.signal) or stops reading (cancel).
    const controller = new AbortController();
    if (request.signal.aborted) controller.abort();
    request.signal.addEventListener('abort', () => controller.abort(), { once: true });
    const events = answer(prepared, services, controller.signal);
    if (streaming) return sseResponse(events, () => controller.abort());
    return await jsonAnswer(events);
  } catch (error) {
    if (error instanceof RequestError) return json({ error: error.message }, error.status);
    const message = redact((error as Error).message ?? String(error), [...services.secrets(), bearer(request)]);
    services.log(`ai-assist failed: ${message}`);
    return json({ error: `ai-assist failed: ${message}` }, 500);
  }
}
