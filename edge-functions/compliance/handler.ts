// What the `compliance` function answers, apart from Deno.serve (index.ts), so `deno test` can
// call it directly:
//   POST { en, fr }        the two texts in the CLI's format → { findings } (anyone with the key)
//   POST { document }      the stored document as the caller reads it (row-level security: the
//                          job_descriptions row and its document_sections) → { findings }
// `findings` is exactly what `npm run --silent check -- EN_FILE FR_FILE` prints for the same text.
// A bad body is 400 with { error } naming what is wrong; a document the caller cannot read is 404.
import type { SupabaseClient } from 'npm:@supabase/supabase-js@2.109.0';
import { z } from 'npm:zod@4.6.7';
import { checkTexts } from '../../domain/compliance/check.ts';
import { storedText, type StoredIdentification, type StoredSection } from '../../domain/compliance/document-text.ts';
import type { Finding } from '../../domain/compliance/types.ts';
import { preflightResponse } from '../_shared/cors.ts';
import { json } from '../_shared/exchange.ts';

/** Characters per text: about ten times a long job description; the rules run in well under a second on it. */
export const MAX_TEXT_CHARACTERS = 500_000;

const text = (lang: string) =>
  z.string({ error: `${lang} must be the ${lang === 'en' ? 'English' : 'French'} job description as text` }).max(MAX_TEXT_CHARACTERS, { error: `${lang} is longer than ${MAX_TEXT_CHARACTERS} characters` });

const Body = z.union(
  [
    z.strictObject({ document: z.uuid({ error: 'document must be the uuid of a job description' }) }),
    z.strictObject({ en: text('en'), fr: text('fr') }),
  ],
  { error: 'the body must be { "document": "<uuid>" } or { "en": "<text>", "fr": "<text>" }' },
);

/** Reads a stored document as the caller: null when it does not exist or the caller may not read it. */
export type DocumentReader = (documentId: string) => Promise<{ identification: StoredIdentification; sections: StoredSection[] } | null>;

/** A reader through supabase-js as the caller (their JWT), so row-level security decides. */
export function readerFor(supabase: SupabaseClient): DocumentReader {
  return async (documentId) => {
    const row = await supabase
      .from('job_descriptions')
      .select('title_en, title_fr, classification, noc_code, language_profile, position_number')
      .eq('id', documentId)
      .maybeSingle();
    if (row.error) throw new Error(`reading the document: ${row.error.message}`);
    if (!row.data) return null;
    const sections = await supabase.from('document_sections').select('lang, section_id, heading, body, position').eq('document_id', documentId);
    if (sections.error) throw new Error(`reading the document's sections: ${sections.error.message}`);
    return {
      identification: row.data as StoredIdentification,
      sections: (sections.data as { lang: 'en' | 'fr'; section_id: string; heading: string | null; body: string | null; position: number | null }[]).map((s) => ({
        lang: s.lang,
        sectionId: s.section_id,
        heading: s.heading ?? '',
        body: s.body ?? '',
        position: s.position ?? 0,
      })),
    };
  };
}

const problem = (status: number, error: string) => json({ error }, status);

/** The answer to one request; `reader` is null when the request has no Authorization header. */
export async function handleCompliance(request: Request, reader: (request: Request) => DocumentReader | null): Promise<Response> {
  const preflight = preflightResponse(request);
  if (preflight) return preflight;
  if (request.method !== 'POST') return problem(405, 'use POST with { "document": "<uuid>" } or { "en": "<text>", "fr": "<text>" }');
  let raw: unknown;
  try {
    raw = await request.json();
  } catch {
    return problem(400, 'the body is not JSON');
  }
  const parsed = Body.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    // A union reports its own message; the branch whose keys the body has says more.
    const branch = typeof raw === 'object' && raw !== null ? ('document' in raw ? 0 : 'en' in raw || 'fr' in raw ? 1 : -1) : -1;
    const detail = issue.code === 'invalid_union' && branch >= 0 ? issue.errors[branch]?.[0]?.message : undefined;
    return problem(400, detail ?? issue.message);
  }
  const body = parsed.data;
  let findings: Finding[];
  if ('document' in body) {
    const read = reader(request);
    if (!read) return problem(401, 'sign in: the request has no Authorization header');
    const stored = await read(body.document.toLowerCase());
    if (!stored) return problem(404, 'no such document, or you may not read it');
    findings = checkTexts(storedText(stored.identification, stored.sections, 'en'), storedText(stored.identification, stored.sections, 'fr'));
  } else {
    findings = checkTexts(body.en, body.fr);
  }
  return json({ findings });
}
