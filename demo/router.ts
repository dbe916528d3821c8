// The portal's addresses: hash routes, so the page opens directly in either language at any page
// and Vite serves it without server-side routing. The routes are listed in main.ts.
import type { Lang } from '../domain/sections.js';

export type Route =
  | { lang: Lang; page: 'documents' }
  | { lang: Lang; page: 'review' }
  | { lang: Lang; page: 'sign-in' }
  | { lang: Lang; page: 'import' }
  | { lang: Lang; page: 'admin' }
  | { lang: Lang; page: 'document'; id: string; alignment?: string };

const DOCUMENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The route a location hash names; anything unknown is the document list in `fallbackLang`. */
export function parseRoute(hash: string, fallbackLang: Lang): Route {
  const [lang, page, id, ...rest] = hash.replace(/^#\/?/, '').split('/');
  const routeLang: Lang = lang === 'fr' ? 'fr' : lang === 'en' ? 'en' : fallbackLang;
  // `#/<lang>/documents/<id>/alignment/<alignment id>`: the document with that alignment in the
  // translation memory's Alignment tab (where a legacy import offers its pairs for the TM).
  if (lang === routeLang && page === 'documents' && id !== undefined && DOCUMENT_ID.test(id) && rest.length === 2 && rest[0] === 'alignment' && DOCUMENT_ID.test(rest[1]!)) {
    return { lang: routeLang, page: 'document', id: id.toLowerCase(), alignment: rest[1]!.toLowerCase() };
  }
  if (lang !== routeLang || rest.length > 0) return { lang: routeLang, page: 'documents' };
  if (page === 'documents' && id !== undefined && DOCUMENT_ID.test(id)) return { lang: routeLang, page: 'document', id: id.toLowerCase() };
  if (id !== undefined) return { lang: routeLang, page: 'documents' };
  if (page === 'review' || page === 'sign-in' || page === 'import' || page === 'admin') return { lang: routeLang, page };
  return { lang: routeLang, page: 'documents' };
}

/** The hash of a route, e.g. `#/fr/documents/<id>`. */
export function routeHref(route: Route): string {
  if (route.page !== 'document') return `#/${route.lang}/${route.page}`;
  return `#/${route.lang}/documents/${route.id}${route.alignment ? `/alignment/${route.alignment}` : ''}`;
}

/** The same page in the other official language (the header's language toggle). */
export function inOtherLanguage(route: Route): Route {
  return { ...route, lang: route.lang === 'en' ? 'fr' : 'en' };
}
