// Issue 13, item 6: XLIFF 2.0 export and import of one job description, as Edge Functions
// through the real gateway and function host, called with the real supabase-js
// (`functions.invoke`) as the seeded demo users.
//  * a translator exports the seeded ESDC description: its English sections as sources, its
//    stored French as targets; re-importing the export changes nothing; a changed target is
//    answered as that section's new French;
//  * another department's member gets 403 and none of the text; a viewer exports but may not
//    import; nobody imports into a description in review (the review lock), and the reason says so;
//  * bad files are refused with 422 and the line of the problem; a wrong request with 400/415.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { FunctionsHttpError, type SupabaseClient } from '@supabase/supabase-js';
import { readXliff, type SectionTarget } from '../../domain/exchange/xliff.ts';
import { startStack, type RunningStack } from '../stack.js';
import { clientFor, signInDemoUser } from './stack-fixture.js';

const ESDC_DOC = 'e5dc0000-0000-4000-a000-00000000d001';

interface ImportAnswer {
  sections: { id: string; fr: { heading: string | null; blocks: (string | null)[] } }[];
  updated: number;
  unchanged: number;
  errors: { line: number; message: string }[];
}

let stack: RunningStack;
let service: SupabaseClient;
let translator: SupabaseClient;
let viewer: SupabaseClient;
let tcEditor: SupabaseClient;

async function signedIn(email: string): Promise<SupabaseClient> {
  return (await signInDemoUser(stack, email)).supabase;
}

/** GET xliff-export as a user: the status and the file (or the error's JSON). */
async function exportXliff(client: SupabaseClient, document = ESDC_DOC): Promise<{ status: number; text: string; contentType: string | null }> {
  const { data, error, response } = await client.functions.invoke<string>(`xliff-export?document=${document}`, { method: 'GET' });
  if (error) {
    const failed = (error as FunctionsHttpError).context as Response;
    return { status: failed.status, text: await failed.text(), contentType: failed.headers.get('content-type') };
  }
  return { status: response!.status, text: data!, contentType: response!.headers.get('content-type') };
}

/** POST xliff-import as a user: the status and the JSON answer. */
async function importXliff(client: SupabaseClient, body: string, options: { document?: string; contentType?: string; lang?: string } = {}): Promise<{ status: number; answer: ImportAnswer }> {
  const { data, error, response } = await client.functions.invoke<ImportAnswer>(`xliff-import?document=${options.document ?? ESDC_DOC}`, {
    method: 'POST',
    headers: { 'Content-Type': options.contentType ?? 'application/xliff+xml', ...(options.lang ? { 'Accept-Language': options.lang } : {}) },
    body,
  });
  if (error) {
    const failed = (error as FunctionsHttpError).context as Response;
    return { status: failed.status, answer: (await failed.json()) as ImportAnswer };
  }
  return { status: response!.status, answer: data! };
}

async function storedSections(lang: 'en' | 'fr'): Promise<{ section_id: string; heading: string; body: string }[]> {
  const { data, error } = await service.from('document_sections').select('section_id, heading, body').eq('document_id', ESDC_DOC).eq('lang', lang).order('position');
  assert.equal(error, null, error?.message);
  return data as { section_id: string; heading: string; body: string }[];
}

before(async () => {
  stack = await startStack({ dataDir: 'memory', apiPort: 0, dbPort: 0, syncPort: 0, signalingPort: 0, log: () => {} });
  service = clientFor(stack, stack.serviceRoleKey);
  translator = await signedIn('translator@esdc.example');
  viewer = await signedIn('viewer@esdc.example');
  tcEditor = await signedIn('editor@tc.example');
});

after(async () => {
  await stack?.stop();
});

describe('xliff-export', () => {
  test('a translator exports the description: English sources, the stored French as targets', async () => {
    const exported = await exportXliff(translator);
    assert.equal(exported.status, 200, exported.text);
    assert.match(exported.contentType ?? '', /^application\/xliff\+xml/);
    assert.match(exported.text, /<xliff xmlns="urn:oasis:names:tc:xliff:document:2\.0" version="2\.0" srcLang="en-CA" trgLang="fr-CA">/);
    const english = await storedSections('en');
    const french = await storedSections('fr');
    assert.equal(english.length, 6);
    for (const section of english) assert.ok(exported.text.includes(`<unit id="section-${section.section_id}"`), section.section_id);
    const read = readXliff(exported.text, { documentId: ESDC_DOC, sectionIds: new Set(english.map((s) => s.section_id)) });
    assert.deepEqual(read.errors, []);
    assert.deepEqual(
      read.targets,
      french.map((s): SectionTarget => ({ sectionId: s.section_id, heading: s.heading, blocks: s.body.split('\n').filter((b) => b !== '') })),
      'reading the export back gives the stored French',
    );
  });

  test('a viewer of the department exports too', async () => {
    assert.equal((await exportXliff(viewer)).status, 200);
  });

  test('another department gets 403 and none of the text', async () => {
    const exported = await exportXliff(tcEditor);
    assert.equal(exported.status, 403);
    assert.match(exported.text, /you may not read document/);
    assert.doesNotMatch(exported.text, /Program Officer|grants/i);
  });

  test('a document argument that is not a uuid is a 400 naming it', async () => {
    const exported = await exportXliff(translator, 'not-a-uuid');
    assert.equal(exported.status, 400);
    assert.match(exported.text, /document must be the uuid of a job description/);
  });
});

describe('xliff-import', () => {
  let exported: string;
  before(async () => {
    exported = (await exportXliff(translator)).text;
  });

  test('re-importing the export changes nothing', async () => {
    const { status, answer } = await importXliff(translator, exported);
    assert.equal(status, 200, JSON.stringify(answer));
    assert.deepEqual({ updated: answer.updated, unchanged: answer.unchanged, errors: answer.errors }, { updated: 0, unchanged: 6, errors: [] });
  });

  test('a changed target comes back as that section\'s new French', async () => {
    const changed = exported.replace(/(<unit id="section-key-activities"[\s\S]*?<segment id="p2"><source>[^<]*<\/source><target>)[^<]*(<\/target>)/, '$1Négocie des ententes de contribution.$2');
    assert.notEqual(changed, exported);
    const { status, answer } = await importXliff(translator, changed);
    assert.equal(status, 200, JSON.stringify(answer));
    assert.equal(answer.updated, 1);
    assert.equal(answer.unchanged, 5);
    const keyActivities = answer.sections.find((s) => s.id === 'key-activities')!;
    assert.equal(keyActivities.fr.blocks[1], 'Négocie des ententes de contribution.');
    assert.equal(keyActivities.fr.heading, 'Activités principales');
  });

  test('a viewer may not import: 403 with the reason', async () => {
    const { status, answer } = await importXliff(viewer, exported);
    assert.equal(status, 403);
    assert.match(answer.errors[0]!.message, /your role may read this document but not change it/);
  });

  test('another department may not import: 403', async () => {
    const { status, answer } = await importXliff(tcEditor, exported);
    assert.equal(status, 403);
    assert.match(answer.errors[0]!.message, /you may not read document/);
  });

  test('nobody imports into a description in review: 403 naming the review lock', async () => {
    const lock = await service.from('job_descriptions').update({ status: 'in_review' }).eq('id', ESDC_DOC);
    assert.equal(lock.error, null, lock.error?.message);
    try {
      const { status, answer } = await importXliff(translator, exported);
      assert.equal(status, 403);
      assert.match(answer.errors[0]!.message, /the document is in review: only a draft is edited/);
    } finally {
      const unlock = await service.from('job_descriptions').update({ status: 'draft' }).eq('id', ESDC_DOC);
      assert.equal(unlock.error, null, unlock.error?.message);
    }
  });

  test('a malformed file is refused with the line of the problem', async () => {
    const lines = exported.split('\n');
    lines[6] = lines[6]!.replace('</source>', '</sorce>');
    const { status, answer } = await importXliff(translator, lines.join('\n'));
    assert.equal(status, 422);
    assert.deepEqual(answer.sections, []);
    assert.equal(answer.errors[0]!.line, 7);
    assert.match(answer.errors[0]!.message, /not well-formed XML/);
  });

  test('a unit that is not a section of the document is refused with its line', async () => {
    const bad = exported.replace('<unit id="section-skill"', '<unit id="section-skills"');
    const line = bad.slice(0, bad.indexOf('section-skills')).split('\n').length;
    const { status, answer } = await importXliff(translator, bad);
    assert.equal(status, 422);
    assert.deepEqual(answer.errors, [{ line, message: 'unit "section-skills" is not a section of this document' }]);
  });

  test('the problems are in French for a caller who asks for French', async () => {
    const { status, answer } = await importXliff(translator, exported.replace('<unit id="section-skill"', '<unit id="section-skills"'), { lang: 'fr-CA,fr;q=0.9,en;q=0.5' });
    assert.equal(status, 422);
    assert.equal(answer.errors[0]!.message, 'l’unité « section-skills » n’est pas une section de ce document');
  });

  test('the file of another document is refused', async () => {
    const { status, answer } = await importXliff(translator, exported.replace(`job-description/${ESDC_DOC}`, 'job-description/7c000000-0000-4000-a000-00000000d001'));
    assert.equal(status, 422);
    assert.match(answer.errors[0]!.message, /this file is of another document/);
  });

  test('a file over 5 MiB is a 413', async () => {
    const padding = `<!--${'x'.repeat(5 * 1024 * 1024)}-->`;
    const { status, answer } = await importXliff(translator, exported.replace('</xliff>', `${padding}</xliff>`));
    assert.equal(status, 413);
    assert.match(answer.errors[0]!.message, /larger than 5242880 bytes/);
  });

  test('a wrong content-type is a 415 naming the expected one', async () => {
    const { status, answer } = await importXliff(translator, exported, { contentType: 'text/plain' });
    assert.equal(status, 415);
    assert.match(answer.errors[0]!.message, /content-type must be application\/xliff\+xml \(got text\/plain\)/);
  });
});
