// The language a function answers in (its error messages, generated text): the caller's
// Accept-Language, negotiated against the kit's languages from domain/. Runtime-neutral.
import { LANGS, type Lang } from '../../domain/sections.ts';

/** One `Accept-Language` entry, e.g. `fr-CA;q=0.8`: its primary subtag and its weight. */
function parseEntry(entry: string): { primary: string; weight: number } | null {
  const [tag = '', ...params] = entry.trim().split(';');
  const primary = tag.trim().toLowerCase().split('-')[0] ?? '';
  if (primary === '') return null;
  const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
  const weight = q === undefined ? 1 : Number(q.slice(2));
  return Number.isFinite(weight) && weight > 0 ? { primary, weight } : null;
}

/** The caller's preferred language among the kit's (`en` when it states none of them). */
export function requestLang(request: Request): Lang {
  const entries = (request.headers.get('accept-language') ?? '')
    .split(',')
    .map(parseEntry)
    .filter((entry) => entry !== null)
    // A stable sort: equal weights keep the caller's order.
    .sort((a, b) => b.weight - a.weight);
  const supported = LANGS as readonly string[];
  const match = entries.find((entry) => supported.includes(entry.primary));
  return (match?.primary as Lang | undefined) ?? 'en';
}
