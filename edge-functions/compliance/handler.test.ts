// The `compliance` function's handler in Deno (criterion 5): on the well-written sample pair and
// on every labelled pair, { en, fr } answers exactly the findings the rules give for the same
// text (the Node side of the comparison is dev/tests/compliance-function.test.ts, which puts the
// CLI's output beside this function's through the stack); { document } checks the stored text as
// the caller reads it; bad requests get a status and a message naming what was wrong.
import assert from 'node:assert/strict';
import { checkTexts } from '../../domain/compliance/check.ts';
import type { StoredSection } from '../../domain/compliance/document-text.ts';
import { handleCompliance, MAX_TEXT_CHARACTERS, type DocumentReader } from './handler.ts';

declare const Deno: {
  test(name: string, fn: () => Promise<void> | void): void;
  readTextFile(path: string | URL): Promise<string>;
};

const fixtures = new URL('../../domain/compliance/fixtures/', import.meta.url);
const DOCUMENT = '0b7a3c1e-0000-4000-a000-000000000001';

const post = (body: unknown, headers: Record<string, string> = {}) =>
  new Request('http://localhost/functions/v1/compliance', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

const noReader = () => null;

async function answer(request: Request, reader: (request: Request) => DocumentReader | null = noReader) {
  const response = await handleCompliance(request, reader);
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

Deno.test('every sample pair: { en, fr } answers the findings of the rules, in the CLI shape', async () => {
  const expected = JSON.parse(await Deno.readTextFile(new URL('expected.json', fixtures))) as { documents: Record<string, unknown> };
  const names = Object.keys(expected.documents);
  assert.ok(names.includes('00-program-officer-clean') && names.length >= 11);
  for (const name of names) {
    const en = await Deno.readTextFile(new URL(`${name}.en.txt`, fixtures));
    const fr = await Deno.readTextFile(new URL(`${name}.fr.txt`, fixtures));
    const { status, body, headers } = await answer(post({ en, fr }));
    assert.equal(status, 200, name);
    assert.equal(headers.get('access-control-allow-origin'), '*');
    assert.deepEqual(Object.keys(body), ['findings']);
    assert.deepEqual(body.findings, JSON.parse(JSON.stringify(checkTexts(en, fr))), name);
    if (name === '00-program-officer-clean') assert.deepEqual((body.findings as { severity: string }[]).filter((f) => f.severity !== 'info'), []);
    else assert.ok((body.findings as { severity: string }[]).some((f) => f.severity !== 'info'), `${name} has findings`);
  }
});

Deno.test('{ document } checks the stored text as the reader gives it, and 404s what the caller cannot read', async () => {
  const sections: StoredSection[] = [
    { lang: 'en', sectionId: 'client-service-results', heading: 'Client Service Results', body: 'Delivers programs. He reviews files.', position: 0 },
    { lang: 'fr', sectionId: 'client-service-results', heading: 'Résultats axés sur le service à la clientèle', body: 'Exécute des programmes. La personne titulaire examine les dossiers.', position: 0 },
  ];
  const reader: DocumentReader = async (id) => (id === DOCUMENT ? { identification: { title_en: 'Program Officer', title_fr: 'Agente ou agent de programme', classification: 'PM-4' }, sections } : null);
  const { status, body } = await answer(post({ document: DOCUMENT.toUpperCase() }, { authorization: 'Bearer t' }), () => reader);
  assert.equal(status, 200);
  const findings = body.findings as { id: string; lang: string; section: string; text: string; fix?: string }[];
  const described = findings.map((f) => `${f.id} ${f.lang} ${f.section}: ${f.text}${f.fix ? ` -> ${f.fix}` : ''}`);
  for (const expected of [
    'inclusive.generic-pronoun en client-service-results: He -> They',
    'identifiers.classification-format en identification: PM-4 -> PM-04',
    'identifiers.classification-format fr identification: PM-4 -> PM-04',
    'structure.identification-field-missing fr identification: CNP -> CNP : …',
    'structure.section-missing en key-activities: Key Activities -> Key Activities',
  ]) {
    assert.ok(described.includes(expected), `${expected} in ${JSON.stringify(described, null, 1)}`);
  }

  const unknown = await answer(post({ document: '0b7a3c1e-0000-4000-a000-000000000002' }, { authorization: 'Bearer t' }), () => reader);
  assert.deepEqual([unknown.status, unknown.body], [404, { error: 'no such document, or you may not read it' }]);
  const anonymous = await answer(post({ document: DOCUMENT }));
  assert.deepEqual([anonymous.status, anonymous.body], [401, { error: 'sign in: the request has no Authorization header' }]);
});

Deno.test('a bad request says what is wrong', async () => {
  const cases: [Request, number, string | RegExp][] = [
    [new Request('http://localhost/functions/v1/compliance'), 405, /use POST/],
    [post('{"en": '), 400, 'the body is not JSON'],
    [post({ document: 'not-a-uuid' }), 400, 'document must be the uuid of a job description'],
    [post({ en: 'Title: X' }), 400, /fr must be the French job description as text/],
    [post({ en: 'x'.repeat(MAX_TEXT_CHARACTERS + 1), fr: '' }), 400, `en is longer than ${MAX_TEXT_CHARACTERS} characters`],
    [post({ en: 'a', fr: 'b', extra: 1 }), 400, /extra|Unrecognized/i],
    [post([1, 2]), 400, /the body must be/],
  ];
  for (const [request, status, message] of cases) {
    const result = await answer(request);
    assert.equal(result.status, status, String(message));
    if (typeof message === 'string') assert.equal(result.body.error, message);
    else assert.match(String(result.body.error), message);
  }
  const preflight = await handleCompliance(new Request('http://localhost/functions/v1/compliance', { method: 'OPTIONS' }), noReader);
  assert.equal(preflight.status, 204);
});
