// `align` (issue 14 item 4): aligns an English document and its French version sentence by
// sentence (domain/align) and stores the result in alignments/alignment_pairs as the caller, so
// row-level security decides where they may write and what they may read.
//
//   POST application/json { en, fr, organization?, en_name?, fr_name? }   plain text or HTML
//   POST multipart/form-data  en, fr (files: DOCX, HTML or UTF-8 text; or text fields), organization?
//   POST application/json { document }                                     a stored job description's EN and FR sections
//   → 200 { alignment, pairs: [{ en, fr, bead, score }], warnings }   (warnings in the caller's language where written in both)
//
// Bad input gets a 4xx `{ error, code }` naming the problem, in the caller's language
// (Accept-Language): one language only (400 missing_language), an empty document (422
// empty_text), more than MAX_TEXT_CHARS characters (413 text_too_long), a file that is not DOCX,
// HTML or UTF-8 text (415 binary_file, old_word; 422 unreadable_docx), a document the caller may
// not read (404). Section counts that differ are aligned anyway, with a warning.
import { z } from 'npm:zod@4.6.7';
import { alignTexts, type TextBead } from '../../domain/align/documents.ts';
import { alignSeeds, type Warning } from '../../domain/align/legacy-import.ts';
import { LANGS, type Lang, type SectionSeed } from '../../domain/sections.ts';
import { seedsFromRows } from '../../domain/document-init.ts';
import {
  json,
  mediaTypeOf,
  multipartDocuments,
  parseJson,
  parseWith,
  readBody,
  RequestError,
  serveBilingual,
  textDocument,
  type InputDocument,
} from '../_shared/bilingual-input.ts';
import { pairRows, storeAlignment, writableOrganization, type AlignmentHeader } from '../_shared/alignment-store.ts';
import { callerClient } from '../_shared/exchange.ts';
import { requestLang } from '../_shared/request-lang.ts';
import type { SupabaseClient } from 'npm:@supabase/supabase-js@2.109.0';

const Organization = z.uuid('organization must be a UUID').optional();
const Name = z.string().max(500, 'a name is at most 500 characters').optional();
const TextsRequest = z.strictObject({
  en: z.string('en must be a text'),
  fr: z.string('fr must be a text'),
  organization: Organization,
  en_name: Name,
  fr_name: Name,
});
const DocumentRequest = z.strictObject({ document: z.uuid('document must be the UUID of a job description') });

interface Aligned {
  header: AlignmentHeader;
  beads: TextBead[];
  warnings: Warning[];
}

async function alignDocuments(supabase: SupabaseClient, request: Request, documents: Record<Lang, InputDocument>, organization: string | undefined, names: Record<Lang, string | null | undefined>): Promise<Aligned> {
  const organizationId = await writableOrganization(supabase, request, organization);
  const { beads, warnings } = alignTexts(documents.en.text, documents.fr.text);
  // The aligner's own warnings (domain/align/documents.ts) are written in English only.
  return { header: { organization_id: organizationId, source_name: names.en ?? documents.en.name, target_name: names.fr ?? documents.fr.name }, beads, warnings: warnings.map((w) => ({ en: w, fr: w })) };
}

/** A stored job description's sections, EN section k beside FR section k (paired by id). */
async function alignStoredDocument(supabase: SupabaseClient, document: string): Promise<Aligned> {
  const id = document.toLowerCase();
  const { data: row, error } = await supabase.from('job_descriptions').select('id, organization_id').eq('id', id).maybeSingle();
  if (error) throw new Error(`job_descriptions: ${error.message}`);
  if (!row) throw new RequestError('document_not_found', { id });
  const { data: rows, error: sectionsError } = await supabase.from('document_sections').select('lang, section_id, kind, heading, body, position').eq('document_id', id).order('position');
  if (sectionsError) throw new Error(`document_sections: ${sectionsError.message}`);
  const stored = (rows ?? []).map((r) => ({ lang: String(r.lang), section_id: String(r.section_id), kind: String(r.kind ?? 'custom'), heading: String(r.heading ?? ''), body: String(r.body ?? '') }));
  if (!stored.some((r) => r.heading.trim() || r.body.trim())) throw new RequestError('document_empty', { id });
  const seeds = seedsFromRows(stored);
  const warnings: Warning[] = [];
  const ids = [...new Set([...seeds.en, ...seeds.fr].map((s) => s.sectionId))];
  const side = (lang: Lang): SectionSeed[] =>
    ids.map((sectionId) => {
      const found = seeds[lang].find((s) => s.sectionId === sectionId);
      if (!found) {
        warnings.push({
          en: `Section ${sectionId} has no ${lang === 'en' ? 'English' : 'French'} text: its sentences are left unaligned.`,
          fr: `La section ${sectionId} n’a pas de texte ${lang === 'en' ? 'anglais' : 'français'} : ses phrases restent non alignées.`,
        });
      }
      return found ?? { sectionId, kind: 'custom', heading: '', paragraphs: [] };
    });
  const sections = Object.fromEntries(LANGS.map((lang) => [lang, side(lang)])) as Record<Lang, SectionSeed[]>;
  const organizationId = String(row.organization_id);
  return { header: { organization_id: organizationId, source_document_id: id, target_document_id: id }, beads: alignSeeds(sections), warnings };
}

async function handle(request: Request): Promise<Response> {
  if (request.method !== 'POST') throw new RequestError('method');
  const supabase = callerClient(request);
  if (!supabase) throw new RequestError('unauthenticated');
  const mediaType = mediaTypeOf(request);
  if (mediaType !== 'application/json' && mediaType !== 'multipart/form-data') throw new RequestError('media_type');
  const body = await readBody(request);
  let aligned: Aligned;
  if (mediaType === 'multipart/form-data') {
    const { documents, fields } = await multipartDocuments(request, body);
    const organization = fields.get('organization');
    aligned = await alignDocuments(supabase, request, documents, parseWith(Organization, typeof organization === 'string' ? organization : undefined), { en: null, fr: null });
  } else {
    const parsed = parseJson(body);
    if (parsed && typeof parsed === 'object' && 'document' in parsed) {
      aligned = await alignStoredDocument(supabase, parseWith(DocumentRequest, parsed).document);
    } else {
      const texts = parseWith(TextsRequest, parsed);
      const documents = { en: textDocument('en', texts.en), fr: textDocument('fr', texts.fr) };
      aligned = await alignDocuments(supabase, request, documents, texts.organization, { en: texts.en_name, fr: texts.fr_name });
    }
  }
  const warnings = [...aligned.warnings];
  const rows = pairRows(aligned.beads, warnings);
  const alignment = await storeAlignment(supabase, aligned.header, rows);
  const lang = requestLang(request);
  return json({ alignment, pairs: rows, warnings: warnings.map((w) => w[lang]) });
}

serveBilingual('align', 'The alignment failed on the server; nothing was stored.', handle);
