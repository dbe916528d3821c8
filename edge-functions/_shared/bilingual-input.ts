// What the align and legacy-import functions share: reading an English and a French document from
// the request (JSON texts, or multipart files: DOCX, HTML or plain text), the limits, and the
// errors they answer with, in the caller's language (Accept-Language).
import { z } from 'npm:zod@4.6.7';
import type { Lang } from '../../domain/sections.ts';
import type { SourceParagraph } from '../../domain/align/legacy-import.ts';
import { htmlParagraphs, looksLikeHtml, paragraphsToText, textParagraphs } from '../../domain/align/legacy-import-source.ts';
import { preflightResponse, withCors } from './cors.ts';
import { requestLang } from './request-lang.ts';
import { docxToHtml } from './docx.ts';

declare const Deno: { serve(handler: (request: Request) => Response | Promise<Response>): unknown };

/** Characters of text per language aligned in one request (a job description has about 30 000). */
export const MAX_TEXT_CHARS = 2_000_000;
/** Bytes of a request body: two files of up to 10 MiB, and the form's own lines. */
export const MAX_BODY_BYTES = 21 * 1024 * 1024;
/** Bytes of one uploaded file. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

const LANG_NAME: Record<Lang, Record<Lang, string>> = { en: { en: 'English', fr: 'French' }, fr: { en: 'anglais', fr: 'français' } };
const MB = (bytes: number) => Math.round(bytes / (1024 * 1024));

type Params = Record<string, string | number>;
const MESSAGES = {
  method: { status: 405, en: () => 'Use POST.', fr: () => 'Utilisez POST.' },
  unauthenticated: { status: 401, en: () => 'Sign in: the request has no Authorization header.', fr: () => 'Connectez-vous : la requête n’a pas d’en-tête Authorization.' },
  media_type: {
    status: 415,
    en: () => 'Send JSON ({ "en": text, "fr": text } or { "document": id }) or multipart/form-data with the files "en" and "fr".',
    fr: () => 'Envoyez du JSON ({ "en": texte, "fr": texte } ou { "document": id }) ou un formulaire multipart/form-data avec les fichiers « en » et « fr ».',
  },
  body_too_large: { status: 413, en: (p: Params) => `The request is larger than ${p.limit} MB.`, fr: (p: Params) => `La requête dépasse ${p.limit} Mo.` },
  bad_json: { status: 400, en: () => 'The body is not valid JSON.', fr: () => 'Le corps de la requête n’est pas du JSON valide.' },
  bad_request: { status: 400, en: (p: Params) => `Invalid request: ${p.detail}`, fr: (p: Params) => `Requête invalide : ${p.detail}` },
  missing_language: {
    status: 400,
    en: (p: Params) => `The ${p.lang_en} document is missing: send both the English and the French document.`,
    fr: (p: Params) => `Le document ${p.lang_fr} manque : envoyez le document anglais et le document français.`,
  },
  empty_text: { status: 422, en: (p: Params) => `The ${p.lang_en} document has no text.`, fr: (p: Params) => `Le document ${p.lang_fr} ne contient aucun texte.` },
  text_too_long: {
    status: 413,
    en: (p: Params) => `The ${p.lang_en} text has ${p.chars} characters: at most ${p.max} can be aligned at once. Split the document.`,
    fr: (p: Params) => `Le texte ${p.lang_fr} compte ${p.chars} caractères : au plus ${p.max} peuvent être alignés à la fois. Divisez le document.`,
  },
  file_too_large: {
    status: 413,
    en: (p: Params) => `The ${p.lang_en} file is larger than ${p.limit} MB.`,
    fr: (p: Params) => `Le fichier ${p.lang_fr} dépasse ${p.limit} Mo.`,
  },
  binary_file: {
    status: 415,
    en: (p: Params) => `The ${p.lang_en} file (${p.name}) cannot be read: it is not a Word (.docx), HTML or plain-text (UTF-8) file.`,
    fr: (p: Params) => `Le fichier ${p.lang_fr} (${p.name}) est illisible : ce n’est pas un fichier Word (.docx), HTML ou texte brut (UTF-8).`,
  },
  old_word: {
    status: 415,
    en: (p: Params) => `The ${p.lang_en} file (${p.name}) is an old Word 97-2003 (.doc) file: open it in Word and save it as .docx.`,
    fr: (p: Params) => `Le fichier ${p.lang_fr} (${p.name}) est un ancien fichier Word 97-2003 (.doc) : ouvrez-le dans Word et enregistrez-le en .docx.`,
  },
  unreadable_docx: {
    status: 422,
    en: (p: Params) => `The ${p.lang_en} file (${p.name}) looks like a Word document but cannot be read: it may be damaged.`,
    fr: (p: Params) => `Le fichier ${p.lang_fr} (${p.name}) semble être un document Word, mais il est illisible : il est peut-être endommagé.`,
  },
  document_not_found: {
    status: 404,
    en: (p: Params) => `Document ${p.id} was not found, or you may not read it.`,
    fr: (p: Params) => `Le document ${p.id} est introuvable, ou vous n’avez pas le droit de le lire.`,
  },
  document_empty: { status: 422, en: (p: Params) => `Document ${p.id} has no text to align yet.`, fr: (p: Params) => `Le document ${p.id} n’a pas encore de texte à aligner.` },
  organization_required: {
    status: 400,
    en: () => 'You can write in several organizations: say which one with "organization".',
    fr: () => 'Vous pouvez écrire dans plusieurs organisations : précisez laquelle avec « organization ».',
  },
  no_write: {
    status: 403,
    en: () => 'You may not do this in this organization: editors, translators and administrators may.',
    fr: () => 'Vous ne pouvez pas faire cela dans cette organisation : les rédacteurs, les traducteurs et les administrateurs le peuvent.',
  },
  too_large_to_import: {
    status: 413,
    en: (p: Params) => `The documents are too long to import at once (${p.detail}).`,
    fr: (p: Params) => `Les documents sont trop longs pour être importés d’un seul coup (${p.detail}).`,
  },
  refused: { status: 422, en: (p: Params) => `The database refused the data: ${p.detail}`, fr: (p: Params) => `La base de données a refusé les données : ${p.detail}` },
} satisfies Record<string, { status: number; en: (p: Params) => string; fr: (p: Params) => string }>;

export type ErrorCode = keyof typeof MESSAGES;

/** A request the function refuses: an HTTP status, a stable code and a message in the caller's language. */
export class RequestError extends Error {
  readonly status: number;
  constructor(readonly code: ErrorCode, readonly params: Params = {}) {
    super(MESSAGES[code].en(params));
    this.status = MESSAGES[code].status;
  }
}

/** Params naming a language in both message languages. */
export const langParams = (lang: Lang): Params => ({ lang_en: LANG_NAME.en[lang], lang_fr: LANG_NAME.fr[lang] });

export const json = (body: unknown, status = 200) => withCors(Response.json(body, { status }));

/** The message of a refused request in `lang`. */
export const errorMessage = (error: RequestError, lang: Lang): string => MESSAGES[error.code][lang](error.params);

/** The answer to a refused request: `{ error, code }`, the message in `lang`. */
export function errorResponse(error: RequestError, lang: Lang): Response {
  return json({ error: errorMessage(error, lang), code: error.code }, error.status);
}

/** One side of the pair as the request gave it. */
export interface InputDocument {
  lang: Lang;
  /** The file's name, when uploaded. */
  name: string | null;
  paragraphs: SourceParagraph[];
  /** The text in the align command's plain-text format (sections separated by blank lines). */
  text: string;
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);
/** Control characters no text file holds (tab, line feed, carriage return and form feed aside). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const BINARY_CONTROL = /[\u0000-\u0008\u000e-\u001f]/;

/** The paragraphs of a pasted text (HTML or plain text). */
export function textDocument(lang: Lang, text: string, name: string | null = null): InputDocument {
  if (text.length > MAX_TEXT_CHARS) throw new RequestError('text_too_long', { ...langParams(lang), chars: text.length, max: MAX_TEXT_CHARS });
  if (BINARY_CONTROL.test(text.slice(0, 65_536))) throw new RequestError('binary_file', { ...langParams(lang), name: name ?? lang });
  const html = looksLikeHtml(text);
  const paragraphs = html ? htmlParagraphs(text) : textParagraphs(text);
  if (paragraphs.length === 0) throw new RequestError('empty_text', langParams(lang));
  return { lang, name, paragraphs, text: html ? paragraphsToText(paragraphs) : text };
}

/** The paragraphs of an uploaded file: DOCX (by its zip signature), else UTF-8 HTML or plain text. */
export async function fileDocument(lang: Lang, file: File): Promise<InputDocument> {
  const params = { ...langParams(lang), name: file.name || lang };
  if (file.size > MAX_FILE_BYTES) throw new RequestError('file_too_large', { ...params, limit: MB(MAX_FILE_BYTES) });
  if (file.size === 0) throw new RequestError('empty_text', params);
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (startsWith(bytes, OLE_MAGIC)) throw new RequestError('old_word', params);
  if (startsWith(bytes, ZIP_MAGIC)) {
    let html: string;
    try {
      html = await docxToHtml(bytes);
    } catch {
      throw new RequestError('unreadable_docx', params);
    }
    return textDocument(lang, html, file.name);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new RequestError('binary_file', params);
  }
  return textDocument(lang, text, file.name);
}

/** A body of at most `limit` bytes (Content-Length is checked first; a body without one is counted as it arrives). */
export async function readBody(request: Request, limit = MAX_BODY_BYTES): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > limit) throw new RequestError('body_too_large', { limit: MB(limit) });
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new RequestError('body_too_large', { limit: MB(limit) });
    }
    chunks.push(value as Uint8Array<ArrayBuffer>);
  }
  return new Uint8Array(await new Blob(chunks).arrayBuffer());
}

/**
 * Serves `handle` with the answers every such function gives: CORS preflights, a refusal as
 * `{ error, code }` in the caller's language, anything unexpected as a 500 saying nothing was
 * written (and logged).
 */
export function serveBilingual(name: string, failed: string, handle: (request: Request) => Promise<Response>): void {
  Deno.serve(async (request) => {
    const preflight = preflightResponse(request);
    if (preflight) return preflight;
    try {
      return await handle(request);
    } catch (error) {
      if (error instanceof RequestError) return errorResponse(error, requestLang(request));
      console.error(`${name} failed`, error);
      return json({ error: failed, code: 'internal' }, 500);
    }
  });
}

/** The media type of a request, lower case, without parameters. */
export const mediaTypeOf = (request: Request) => (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();

/** The two documents of a multipart request: fields `en` and `fr`, each a file or a text. */
export async function multipartDocuments(request: Request, body: Uint8Array<ArrayBuffer>): Promise<{ documents: Record<Lang, InputDocument>; fields: FormData }> {
  let form: FormData;
  try {
    form = await new Request(request.url, { method: 'POST', headers: { 'content-type': request.headers.get('content-type') ?? '' }, body }).formData();
  } catch {
    throw new RequestError('bad_request', { detail: 'the multipart/form-data body cannot be read' });
  }
  const read = async (lang: Lang): Promise<InputDocument> => {
    const value = form.get(lang);
    if (value === null) throw new RequestError('missing_language', langParams(lang));
    return typeof value === 'string' ? textDocument(lang, value) : await fileDocument(lang, value);
  };
  return { documents: { en: await read('en'), fr: await read('fr') }, fields: form };
}

/** The first zod issue of a refused JSON body, as `path: message`. */
export function zodDetail(error: z.ZodError): string {
  const issue = error.issues[0]!;
  return issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}

/** Parses JSON bytes, or refuses the request. */
export function parseJson(body: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(body));
  } catch {
    throw new RequestError('bad_json');
  }
}

/** `body` checked against `schema`; a one-language body names the missing language. */
export function parseWith<T>(schema: z.ZodType<T>, body: unknown): T {
  if (body && typeof body === 'object' && !('document' in body)) {
    for (const lang of ['en', 'fr'] as const) {
      const value = (body as Record<string, unknown>)[lang];
      if (value === undefined || value === null) throw new RequestError('missing_language', langParams(lang));
    }
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new RequestError('bad_request', { detail: zodDetail(parsed.error) });
  return parsed.data;
}
