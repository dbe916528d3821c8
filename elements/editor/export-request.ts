// One request to the `export` Edge Function (issue 17 item 6): the job description as DOCX or
// PDF, as the signed-in person. Plain fetch, because supabase-js's functions.invoke reads a
// Word document's media type as text and would corrupt the file.
import type { ExportFormat, ExportLanguages } from '../../domain/export/export-model.js';
import type { RequestFailure } from '../core/data-access.js';

export interface ExportRequest {
  /** `<supabase-url>/functions/v1`. */
  functionsUrl: string;
  accessToken: string;
  documentId: string;
  format: ExportFormat;
  languages: ExportLanguages;
}

/** The file and the name the function gave it, or why there is none. Never throws. */
export async function requestExport(request: ExportRequest): Promise<{ file: Blob; fileName: string } | { error: RequestFailure }> {
  const query = new URLSearchParams({ document: request.documentId, format: request.format, lang: request.languages });
  let response: Response;
  try {
    response = await fetch(`${request.functionsUrl.replace(/\/+$/, '')}/export?${query}`, { headers: { authorization: `Bearer ${request.accessToken}` } });
  } catch (error) {
    return { error: { message: (error as Error).message, code: '', status: 0 } };
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: unknown; message?: unknown } | null;
    const message = typeof body?.error === 'string' ? body.error : typeof body?.message === 'string' ? body.message : response.statusText;
    return { error: { message, code: '', status: response.status } };
  }
  const fileName = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `job-description-${request.languages}.${request.format}`;
  return { file: await response.blob(), fileName };
}
