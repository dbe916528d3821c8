// Success responses: statuses, `Content-Range` (how supabase-js learns `count`), and bodies.
import { contentTypeFor, type ResponseFormat } from './media-type.js';
import { invalidRange } from './rest-error.js';

// `first-last/total` for a page of rows, `*/total` for an empty page. `total` is `*` when no
// count was requested — never when one was: supabase-js would turn it into `NaN`.
export function readContentRange(offset: number, pageTotal: number, total: number | null): string {
  const totalText = total === null ? '*' : String(total);
  if (pageTotal === 0) return `*/${totalText}`;
  return `${offset}-${offset + pageTotal - 1}/${totalText}`;
}

// Writes report only how many rows they touched: `*/n`, or `*/*` without a count.
export function writeContentRange(affected: number, counted: boolean): string {
  return `*/${counted ? affected : '*'}`;
}

/** 200, or 206 when a counted result is only part of the set; 416 past its end. */
export function readStatus(offset: number, pageTotal: number, total: number | null): number {
  if (total === null) return 200;
  if (offset > total) {
    throw invalidRange(`An offset of ${offset} was requested, but there are only ${total} rows.`);
  }
  return pageTotal < total ? 206 : 200;
}

export function jsonResponse(
  status: number,
  body: string | null,
  format: ResponseFormat,
  headers: Record<string, string>,
): Response {
  if (body === null) return new Response(null, { status, headers });
  return new Response(body, { status, headers: { 'Content-Type': contentTypeFor(format), ...headers } });
}
