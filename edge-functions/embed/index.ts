// `embed`: embeddings for the translation memory (issue 13 item 5), with the official openai SDK
// against OpenAI (text-embedding-3-small, 1536 dimensions) or any OpenAI-compatible server.
//
//   GET                                   → { enabled, model }: whether semantic search is on.
//   POST { texts, organization? }         → { embeddings, model, usage }   (signed-in members)
//   POST { query, source_lang, target_lang, max_results?, organization? }
//                                         → { enabled: true, matches }     (signed-in members;
//                                           tm_semantic_search as the caller, so RLS decides)
//   POST { pending: true, max_segments? } → { read, embedded, stored, failed } (service only)
//
// Pending mode is the background job: the segments whose embedding is null (new, imported,
// harvested, or whose source text changed) are embedded and written as the service. Only the
// service may run it, because it reads and writes every organization's segments; the local stack
// calls it on a timer (dev/embedding-schedule.ts), a hosted project schedules it with pg_cron and
// pg_net. Every provider call is recorded in ai_requests (tokens, model, organization, user,
// latency, outcome), as the caller for member calls so RLS checks the organization.
// Without OPENAI_API_KEY every POST answers 503 and GET says { enabled: false }.
import { createClient, type SupabaseClient } from 'npm:@supabase/supabase-js@2.109.0';
import { z } from 'npm:zod@4.6.7';
import { estimatedCost, inBatches, MAX_TEXT_LENGTH, MAX_TEXTS_PER_CALL, normalizeEmbeddingInput } from '../../domain/ai/embeddings.ts';
import { preflightResponse, withCors } from '../_shared/cors.ts';
import { createEmbedder, embeddingSettingsFrom, ProviderError, providerName, type EmbeddingSettings } from './provider.ts';

declare const Deno: {
  serve(handler: (request: Request) => Response | Promise<Response>): unknown;
  env: { get(key: string): string | undefined };
};

export const SEMANTIC_SEARCH_OFF = 'semantic search is off: no embeddings key configured';

const Text = z.string().max(MAX_TEXT_LENGTH, `each text must be at most ${MAX_TEXT_LENGTH} characters`);
const Organization = z.uuid('organization must be a UUID').optional();
const Lang = z.enum(['en', 'fr'], 'must be "en" or "fr"');

const TextsRequest = z.strictObject({
  texts: z.array(Text).min(1, 'texts must hold at least one text').max(MAX_TEXTS_PER_CALL, `texts must hold at most ${MAX_TEXTS_PER_CALL} texts`),
  organization: Organization,
});
const SearchRequest = z.strictObject({
  query: Text,
  source_lang: Lang,
  target_lang: Lang,
  max_results: z.int().min(1).max(100).optional(),
  organization: Organization,
});
const PendingRequest = z.strictObject({
  pending: z.literal(true),
  max_segments: z.int().min(1).max(MAX_TEXTS_PER_CALL).optional(),
});

const json = (body: unknown, status = 200) => withCors(Response.json(body, { status }));
const failure = (status: number, error: string) => json({ error }, status);

class RequestError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) throw new RequestError(400, `invalid request: ${z.prettifyError(result.error).replaceAll('\n', ' ')}`);
  return result.data;
}

function normalizedTexts(texts: readonly string[], field: string): string[] {
  return texts.map((text, i) => {
    const normalized = normalizeEmbeddingInput(text);
    if (normalized === null) throw new RequestError(400, `invalid request: ${field}${texts.length > 1 ? `[${i}]` : ''} is blank`);
    return normalized;
  });
}

interface Usage {
  organization: string;
  model: string;
  tokens: number;
  latencyMs: number;
  outcome: 'success' | 'error';
  error: string | null;
}

async function recordUsage(db: SupabaseClient, settings: EmbeddingSettings, usage: Usage): Promise<void> {
  const { error } = await db.from('ai_requests').insert({
    organization_id: usage.organization,
    function: 'embed',
    provider: providerName(settings),
    model: usage.model,
    tokens_in: usage.tokens,
    estimated_cost: estimatedCost(usage.tokens),
    latency_ms: usage.latencyMs,
    outcome: usage.outcome,
    error: usage.error,
  });
  if (error) console.error(`embed: could not record usage: ${error.message}`);
}

/** Embeds `texts` and records the call, whatever its outcome. */
async function embedRecorded(db: SupabaseClient, settings: EmbeddingSettings, organization: string, texts: string[]) {
  const started = Date.now();
  try {
    const result = await createEmbedder(settings)(texts);
    await recordUsage(db, settings, {
      organization, model: result.model, tokens: result.promptTokens, latencyMs: Date.now() - started, outcome: 'success', error: null,
    });
    return result;
  } catch (error) {
    await recordUsage(db, settings, {
      organization, model: settings.model, tokens: 0, latencyMs: Date.now() - started, outcome: 'error', error: (error as Error).message.slice(0, 10_000),
    });
    throw error;
  }
}

const bearer = (request: Request) => request.headers.get('authorization')?.replace(/^Bearer\s+/i, '') ?? '';

function clientAs(token: string): SupabaseClient {
  const url = Deno.env.get('SUPABASE_URL') ?? '';
  const anonKey = Deno.env.get('SUPABASE_ANON_KEY') ?? '';
  return createClient(url, anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    global: { headers: { Authorization: `Bearer ${token}` } },
  });
}

/** The signed-in caller and the organization their usage is charged to (one they belong to). */
async function member(request: Request, organization: string | undefined) {
  const token = bearer(request);
  const db = clientAs(token);
  const { data: user } = await db.auth.getUser(token);
  if (!user.user) throw new RequestError(401, 'sign in to use embeddings');
  let query = db.from('memberships').select('organization_id').eq('user_id', user.user.id).order('organization_id').limit(1);
  if (organization) query = query.eq('organization_id', organization);
  const { data, error } = await query;
  if (error) throw new Error(`memberships: ${error.message}`);
  const charged = (data as { organization_id: string }[])[0]?.organization_id;
  if (!charged) {
    throw new RequestError(403, organization ? `you are not a member of organization ${organization}` : 'you belong to no organization');
  }
  return { db, organization: charged };
}

async function embedTexts(request: Request, settings: EmbeddingSettings, body: z.infer<typeof TextsRequest>) {
  const texts = normalizedTexts(body.texts, 'texts');
  const { db, organization } = await member(request, body.organization);
  const result = await embedRecorded(db, settings, organization, texts);
  return json({ embeddings: result.embeddings, model: result.model, usage: { prompt_tokens: result.promptTokens } });
}

async function semanticMatches(request: Request, settings: EmbeddingSettings, body: z.infer<typeof SearchRequest>) {
  if (body.source_lang === body.target_lang) throw new RequestError(400, 'invalid request: source_lang and target_lang must differ');
  const [query] = normalizedTexts([body.query], 'query');
  const { db, organization } = await member(request, body.organization);
  const { embeddings } = await embedRecorded(db, settings, organization, [query!]);
  const { data, error } = await db.rpc('tm_semantic_search', {
    query_embedding: JSON.stringify(embeddings[0]),
    source_lang: body.source_lang,
    target_lang: body.target_lang,
    max_results: body.max_results ?? 10,
  });
  if (error) throw new Error(`tm_semantic_search: ${error.message}`);
  return json({ enabled: true, matches: data });
}

/**
 * Embeddings per tm_store_embeddings call: 1536 numbers as JSON are about 30 kB, and a REST body
 * may be 1 MiB at most (the gateway's limit; hosted PostgREST's is larger).
 */
const STORE_CHUNK = 16;

interface PendingSegment {
  segment_id: number;
  organization_id: string | null;
  source_text: string;
}

async function embedPending(request: Request, settings: EmbeddingSettings, body: z.infer<typeof PendingRequest>) {
  const serviceKey = Deno.env.get('SUPABASE_SERVICE_ROLE_KEY') ?? '';
  if (!serviceKey || bearer(request) !== serviceKey) throw new RequestError(403, 'only the service may embed pending segments');
  const db = clientAs(serviceKey);
  const { data, error } = await db.rpc('tm_pending_embeddings', { max_rows: body.max_segments ?? MAX_TEXTS_PER_CALL });
  if (error) throw new Error(`tm_pending_embeddings: ${error.message}`);
  const segments = (data as PendingSegment[]).filter((s) => normalizeEmbeddingInput(s.source_text) !== null);

  // One provider call (in batches) per organization, so each organization's usage is its own.
  // The shared memory (no organization) has no one to charge: its calls are not recorded.
  // One organization's failure (recorded in its usage) does not hold the others back.
  const byOrganization = Map.groupBy(segments, (s) => s.organization_id);
  let stored = 0;
  const failed: { organization: string | null; error: string }[] = [];
  for (const [organization, group] of byOrganization) {
    const texts = group.map((s) => normalizeEmbeddingInput(s.source_text)!);
    let result;
    try {
      result = organization
        ? await embedRecorded(db, settings, organization, texts)
        : await createEmbedder(settings)(texts);
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      failed.push({ organization, error: error.message });
      continue;
    }
    for (const [offset, chunk] of inBatches(group, STORE_CHUNK).entries()) {
      const { data: written, error: storeError } = await db.rpc('tm_store_embeddings', {
        segment_ids: chunk.map((s) => s.segment_id),
        source_texts: chunk.map((s) => s.source_text),
        embeddings: result.embeddings.slice(offset * STORE_CHUNK, (offset + 1) * STORE_CHUNK),
      });
      if (storeError) throw new Error(`tm_store_embeddings: ${storeError.message}`);
      stored += written as number;
    }
  }
  // 502 when nothing could be embedded, so a scheduler sees the outage; partial success is 200.
  const status = failed.length > 0 && failed.length === byOrganization.size ? 502 : 200;
  const notEmbedded = failed.reduce((n, f) => n + (byOrganization.get(f.organization)?.length ?? 0), 0);
  return json({ read: (data as PendingSegment[]).length, embedded: segments.length - notEmbedded, stored, failed }, status);
}

async function handle(request: Request): Promise<Response> {
  const settings = embeddingSettingsFrom(Deno.env);
  if (request.method === 'GET') return json({ enabled: settings !== null, model: settings?.model ?? null });
  if (request.method !== 'POST') return failure(405, `method ${request.method} is not allowed: use GET or POST`);
  if (!settings) return failure(503, SEMANTIC_SEARCH_OFF);

  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return failure(400, 'invalid request: the body must be a JSON object');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return failure(400, 'invalid request: the body must be a JSON object');
  if ('pending' in body) return await embedPending(request, settings, parse(PendingRequest, body));
  if ('query' in body) return await semanticMatches(request, settings, parse(SearchRequest, body));
  if ('texts' in body) return await embedTexts(request, settings, parse(TextsRequest, body));
  return failure(400, 'invalid request: send { texts }, { query, source_lang, target_lang } or { pending: true }');
}

Deno.serve(async (request) => {
  const preflight = preflightResponse(request);
  if (preflight) return preflight;
  try {
    return await handle(request);
  } catch (error) {
    if (error instanceof RequestError) return failure(error.status, error.message);
    if (error instanceof ProviderError) return failure(502, error.message);
    console.error(error);
    return failure(500, `embed failed: ${(error as Error).message}`);
  }
});
