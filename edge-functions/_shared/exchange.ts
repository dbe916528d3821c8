// What the exchange functions (tm-import, tm-export, glossary-import) share: the answer shape
// of an import, the organization argument, and a supabase-js client that acts as the caller
// (their JWT, so row-level security decides what they may read and write).
import { createClient, type SupabaseClient } from 'npm:@supabase/supabase-js@2.109.0';
import { z } from 'npm:zod@4.6.7';
import { corsHeaders, preflightResponse } from './cors.ts';

export interface ImportIssue {
  line: number;
  message: string;
}

/** The answer of every import, success or refusal: exactly these four fields. */
export interface ImportAnswer {
  imported: number;
  updated: number;
  skipped: number;
  errors: ImportIssue[];
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...corsHeaders, 'content-type': 'application/json', ...headers },
  });
}

/**
 * Why units or entries were skipped, by reason (JSON), as a header beside the exact answer body;
 * exposed to browser pages on other origins.
 */
export function skippedHeaders(skipped: Record<string, number>): Record<string, string> {
  return { 'x-skipped-reasons': JSON.stringify(skipped), 'access-control-expose-headers': 'x-skipped-reasons' };
}

/** A refused import: nothing was written; line 0 when the problem is not in the file. */
export function refused(status: number, errors: ImportIssue[], skipped = 0): Response {
  const answer: ImportAnswer = { imported: 0, updated: 0, skipped, errors };
  return json(answer, status);
}

const organizationParam = z.uuid({ error: 'organization must be the uuid of an organization (?organization=<uuid>)' });

/** The `?organization=` uuid, or the message saying what is wrong with it. */
export function organizationOf(url: URL): { organization: string } | { problem: string } {
  const parsed = organizationParam.safeParse(url.searchParams.get('organization') ?? '');
  return parsed.success ? { organization: parsed.data.toLowerCase() } : { problem: parsed.error.issues[0]!.message };
}

declare const Deno: { env: { get(key: string): string | undefined } };

/** A client that sends the caller's Authorization header, so Postgres sees the caller. */
export function callerClient(request: Request): SupabaseClient | null {
  const authorization = request.headers.get('authorization');
  if (!authorization) return null;
  const url = Deno.env.get('SUPABASE_URL');
  const anonKey = Deno.env.get('SUPABASE_ANON_KEY');
  if (!url || !anonKey) throw new Error('SUPABASE_URL and SUPABASE_ANON_KEY must be set');
  return createClient(url, anonKey, {
    global: { headers: { Authorization: authorization } },
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  });
}

/** The HTTP status for a PostgREST error of an import RPC, and its message. */
export function statusOfDatabaseError(error: { code?: string; message: string }): number {
  if (error.code === '42501') return 403;
  if (error.code === '22023' || error.code === '23514' || error.code === 'PGRST413') return 422;
  return 500;
}

/** `line N: message` from the RPCs' argument checks, as an issue of the file. */
export function issueOf(message: string): ImportIssue {
  const match = /^line (\d+): (.*)$/s.exec(message);
  return match ? { line: Number(match[1]), message: match[2]! } : { line: 0, message };
}

/** What an import request must be: POST, `?organization=<uuid>`, a file of one of these media types. */
export interface ImportRequestRules {
  /** The file's kind, for messages: "TMX", "TBX". */
  kind: string;
  /** Accepted content-types; the first is the one messages name. */
  mediaTypes: string[];
}

/**
 * The organization and the caller's client of an import request, or the answer that refuses it
 * (CORS preflight, wrong method, organization, content-type, no Authorization) before the body
 * is read.
 */
export function acceptImport(request: Request, rules: ImportRequestRules): { organization: string; supabase: SupabaseClient } | Response {
  const preflight = preflightResponse(request);
  if (preflight) return preflight;
  if (request.method !== 'POST') return refused(405, [{ line: 0, message: `use POST with the ${rules.kind} file as the body` }]);
  const target = organizationOf(new URL(request.url));
  if ('problem' in target) return refused(400, [{ line: 0, message: target.problem }]);
  const mediaType = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!rules.mediaTypes.includes(mediaType)) {
    return refused(415, [{ line: 0, message: `content-type must be ${rules.mediaTypes[0]} (got ${mediaType || 'none'})` }]);
  }
  const supabase = callerClient(request);
  if (!supabase) return refused(401, [{ line: 0, message: 'sign in: the request has no Authorization header' }]);
  return { organization: target.organization, supabase };
}
