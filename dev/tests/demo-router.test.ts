// The demo portal's addresses (demo/router.ts): each page in either language by its hash, and
// anything else falls back to the document list rather than to a blank page.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inOtherLanguage, parseRoute, routeHref, type Route } from '../../demo/router.js';

const ID = 'e5dc0000-0000-4000-a000-00000000d001';

describe('demo portal routes', () => {
  it('reads every page in both languages and writes it back the same', () => {
    const routes: Route[] = [
      { lang: 'en', page: 'documents' },
      { lang: 'fr', page: 'documents' },
      { lang: 'en', page: 'review' },
      { lang: 'fr', page: 'sign-in' },
      { lang: 'fr', page: 'document', id: ID },
      { lang: 'en', page: 'import' },
      { lang: 'fr', page: 'import' },
      { lang: 'en', page: 'admin' },
      { lang: 'fr', page: 'admin' },
      { lang: 'en', page: 'document', id: ID, alignment: ID.replace(/^.{8}/, 'a11a0000') },
    ];
    for (const route of routes) assert.deepEqual(parseRoute(routeHref(route), 'en'), route, routeHref(route));
  });

  it('lower-cases a document id and refuses what is no document id', () => {
    assert.deepEqual(parseRoute(`#/en/documents/${ID.toUpperCase()}`, 'en'), { lang: 'en', page: 'document', id: ID });
    assert.deepEqual(parseRoute('#/en/documents/not-an-id', 'fr'), { lang: 'en', page: 'documents' });
    assert.deepEqual(parseRoute(`#/en/review/${ID}`, 'en'), { lang: 'en', page: 'documents' });
    assert.deepEqual(parseRoute(`#/en/admin/${ID}`, 'en'), { lang: 'en', page: 'documents' });
  });

  it('opens the document list for an empty, unknown or foreign address, in the language it names or the current one', () => {
    assert.deepEqual(parseRoute('', 'fr'), { lang: 'fr', page: 'documents' });
    assert.deepEqual(parseRoute('#/fr/nowhere', 'en'), { lang: 'fr', page: 'documents' });
    assert.deepEqual(parseRoute('#/de/documents', 'en'), { lang: 'en', page: 'documents' });
    assert.deepEqual(parseRoute(`#/en/documents/${ID}/extra`, 'en'), { lang: 'en', page: 'documents' });
    assert.deepEqual(parseRoute(`#/en/documents/${ID}/alignment/not-an-id`, 'en'), { lang: 'en', page: 'documents' });
    assert.deepEqual(parseRoute(`#/en/documents/${ID}/alignment/${ID.toUpperCase()}`, 'en'), { lang: 'en', page: 'document', id: ID, alignment: ID });
  });

  it('the language toggle keeps the page', () => {
    assert.equal(routeHref(inOtherLanguage({ lang: 'en', page: 'document', id: ID })), `#/fr/documents/${ID}`);
    assert.equal(routeHref(inOtherLanguage({ lang: 'fr', page: 'review' })), '#/en/review');
  });
});
