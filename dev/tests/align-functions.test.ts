// Issue 14 items 4 and 5, acceptance criterion 5: the `align` and `legacy-import` Edge Functions
// through the real gateway and function host, called with the real supabase-js
// (`functions.invoke`) as signed-in demo users.
//  * align: pasted texts, uploaded DOCX files, a stored document pair; the alignment is stored as
//    the caller; another department cannot align a document it cannot read; a viewer may not;
//  * bad input: empty text, one language only, a 10 MB text, a binary file, an old .doc, a damaged
//    DOCX, mismatched section counts: a 4xx naming the problem (in French when asked), or an
//    alignment with a warning; never a 500;
//  * legacy-import: a DOCX pair becomes a new job description of the caller's organization with
//    its identification and sections, whose Y.Doc the sync server fills from them; an unreadable
//    file creates nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { FunctionsHttpError, type SupabaseClient } from '@supabase/supabase-js';
import * as Y from 'yjs';
import { startStack, type RunningStack } from '../stack.js';
import { clientFor, signInDemoUser } from './stack-fixture.js';
import { connectClient, synced, waitFor } from '../../signaling/tests/support/clients.js';
import { LEGACY_EN, LEGACY_FR, legacyDocx } from './support/legacy-docx.js';

const ESDC = 'e5dc0000-0000-4000-a000-000000000001';
const ESDC_DOCUMENT = 'e5dc0000-0000-4000-a000-00000000d001';

let stack: RunningStack;
let service: SupabaseClient;
let editor: SupabaseClient;
let editorToken: string;
let translator: SupabaseClient;
let viewer: SupabaseClient;
let tcEditor: SupabaseClient;

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/** Calls a function with supabase-js and reads its answer, error or not. */
async function invoke(client: SupabaseClient, name: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const { data, error, response } = await client.functions.invoke(name, { body: body as Record<string, unknown>, headers });
  if (error) {
    assert.ok(error instanceof FunctionsHttpError, `${name}: ${String(error)}`);
    const context = error.context as Response;
    return { status: context.status, body: (await context.json()) as Record<string, unknown> };
  }
  return { status: response!.status, body: data as Record<string, unknown> };
}

async function count(table: string, column?: string, value?: string): Promise<number> {
  let query = service.from(table).select('*', { count: 'exact', head: true });
  if (column) query = query.eq(column, value!);
  const { count: n, error } = await query;
  assert.equal(error, null, error?.message);
  return n ?? 0;
}

function form(en: Blob | string, fr: Blob | string, names: [string, string] = ['en.docx', 'fr.docx']): FormData {
  const data = new FormData();
  if (typeof en === 'string') data.set('en', en);
  else data.set('en', en, names[0]);
  if (typeof fr === 'string') data.set('fr', fr);
  else data.set('fr', fr, names[1]);
  return data;
}

const docxBlob = (bytes: Uint8Array<ArrayBuffer>) => new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });

const EN_TEXT = 'Key Activities\nReviews funding applications. Recommends approval to the manager.\nMonitors 25 agreements a year.\n\nSkill\nKnowledge of the Financial Administration Act.';
const FR_TEXT = 'Activités principales\nExamine les demandes de financement. Recommande leur approbation au gestionnaire.\nSurveille 25 accords par année.\n\nCompétences\nConnaissance de la Loi sur la gestion des finances publiques.';

before(async () => {
  stack = await startStack({ dataDir: 'memory', apiPort: 0, dbPort: 0, syncPort: 0, signalingPort: 0, log: () => {} });
  service = clientFor(stack, stack.serviceRoleKey);
  const signedIn = await signInDemoUser(stack, 'editor@esdc.example');
  editor = signedIn.supabase;
  editorToken = signedIn.token;
  translator = (await signInDemoUser(stack, 'translator@esdc.example')).supabase;
  viewer = (await signInDemoUser(stack, 'viewer@esdc.example')).supabase;
  tcEditor = (await signInDemoUser(stack, 'editor@tc.example')).supabase;
});

after(async () => {
  await stack?.stop();
});

describe('align', () => {
  test('aligns two pasted texts and stores the pairs as the caller, in their organization', async () => {
    const answer = await invoke(editor, 'align', { en: EN_TEXT, fr: FR_TEXT, en_name: 'old-en.txt', fr_name: 'old-fr.txt' });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const pairs = answer.body['pairs'] as { en: string; fr: string; bead: string; score: number }[];
    assert.deepEqual(answer.body['warnings'], []);
    assert.ok(pairs.some((p) => p.en === 'Monitors 25 agreements a year.' && p.fr === 'Surveille 25 accords par année.' && p.bead === '1-1'));
    const { data: alignment } = await service.from('alignments').select('organization_id, source_name, target_name, created_by').eq('id', answer.body['alignment'] as string).single();
    assert.equal(alignment!.organization_id, ESDC);
    assert.equal(alignment!.source_name, 'old-en.txt');
    assert.equal(await count('alignment_pairs', 'alignment_id', answer.body['alignment'] as string), pairs.length);
  });

  test('aligns a stored document pair the caller may read', async () => {
    const answer = await invoke(translator, 'align', { document: ESDC_DOCUMENT });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const pairs = answer.body['pairs'] as { en: string; fr: string }[];
    assert.ok(pairs.length > 10, `${pairs.length} pairs`);
    assert.ok(pairs.some((p) => p.en === 'Key Activities' && p.fr === 'Activités principales'), 'headings are paired');
    const { data } = await service.from('alignments').select('source_document_id, target_document_id').eq('id', answer.body['alignment'] as string).single();
    assert.deepEqual(data, { source_document_id: ESDC_DOCUMENT, target_document_id: ESDC_DOCUMENT });
  });

  test('another department cannot align a document it cannot read, and nothing is stored', async () => {
    const before = await count('alignments');
    const answer = await invoke(tcEditor, 'align', { document: ESDC_DOCUMENT });
    assert.equal(answer.status, 404);
    assert.equal(answer.body['code'], 'document_not_found');
    assert.match(String(answer.body['error']), /was not found, or you may not read it/);
    assert.equal(await count('alignments'), before);
  });

  test('a viewer may not store alignments', async () => {
    const answer = await invoke(viewer, 'align', { en: EN_TEXT, fr: FR_TEXT });
    assert.equal(answer.status, 403);
    assert.equal(answer.body['code'], 'no_write');
  });

  test('aligns two uploaded Word files', async () => {
    const answer = await invoke(editor, 'align', form(docxBlob(await legacyDocx(LEGACY_EN)), docxBlob(await legacyDocx(LEGACY_FR))));
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const pairs = answer.body['pairs'] as { en: string; fr: string }[];
    assert.ok(pairs.some((p) => p.en === 'Monitors 25 contribution agreements a year.' && p.fr === 'Surveille 25 accords de contribution par année.'), JSON.stringify(pairs));
  });
});

describe('align: bad input gets a clear answer, never a crash', () => {
  const cases: { name: string; body: () => Promise<unknown> | unknown; status: number; code: string; message: RegExp }[] = [
    { name: 'an empty text', body: () => ({ en: '  \n\n ', fr: FR_TEXT }), status: 422, code: 'empty_text', message: /The English document has no text/ },
    { name: 'one language only', body: () => ({ en: EN_TEXT }), status: 400, code: 'missing_language', message: /The French document is missing/ },
    {
      name: 'one file only',
      body: () => {
        const data = new FormData();
        data.set('en', new Blob(['Skill']), 'en.txt');
        return data;
      },
      status: 400,
      code: 'missing_language',
      message: /The French document is missing/,
    },
    { name: 'a 10 MB text', body: () => ({ en: 'Reviews files. '.repeat(700_000), fr: FR_TEXT }), status: 413, code: 'text_too_long', message: /The English text has 10500000 characters: at most 2000000/ },
    {
      name: 'a binary file',
      body: () => form(new Blob([new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))]), 'Compétences', ['photo.jpg', '']),
      status: 415,
      code: 'binary_file',
      message: /The English file \(photo\.jpg\) cannot be read: it is not a Word \(\.docx\), HTML or plain-text \(UTF-8\) file/,
    },
    {
      name: 'an old Word 97-2003 file',
      body: () => form('Skill', new Blob([new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0])]), ['', 'poste.doc']),
      status: 415,
      code: 'old_word',
      message: /The French file \(poste\.doc\) is an old Word 97-2003 \(\.doc\) file: open it in Word and save it as \.docx/,
    },
    {
      name: 'a damaged Word file',
      body: async () => form(docxBlob((await legacyDocx(LEGACY_EN)).slice(0, 2000)), 'Compétences', ['en.docx', '']),
      status: 422,
      code: 'unreadable_docx',
      message: /The English file \(en\.docx\) looks like a Word document but cannot be read/,
    },
    { name: 'a document id that is no uuid', body: () => ({ document: 'not-a-uuid' }), status: 400, code: 'bad_request', message: /document must be the UUID of a job description/ },
    { name: 'plain text sent as text/plain', body: () => new Blob(['Skill'], { type: 'text/plain' }), status: 415, code: 'media_type', message: /Send JSON/ },
  ];
  for (const c of cases) {
    test(`${c.name} → ${c.status} ${c.code}`, async () => {
      const before = await count('alignments');
      const answer = await invoke(editor, 'align', await c.body());
      assert.equal(answer.status, c.status, JSON.stringify(answer.body));
      assert.equal(answer.body['code'], c.code);
      assert.match(String(answer.body['error']), c.message);
      assert.equal(await count('alignments'), before, 'nothing stored');
    });
  }

  test('the error is in French when the caller asks for French', async () => {
    const answer = await invoke(editor, 'align', { en: EN_TEXT, fr: '' }, { 'Accept-Language': 'fr-CA,fr;q=0.9' });
    assert.equal(answer.status, 422);
    assert.equal(answer.body['error'], 'Le document français ne contient aucun texte.');
  });

  test('mismatched section counts give a best-effort alignment with a warning', async () => {
    const answer = await invoke(editor, 'align', { en: EN_TEXT, fr: FR_TEXT.replace('\n\nCompétences', '\nCompétences') });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.deepEqual(answer.body['warnings'], ['The English text has 2 sections and the French text 1: aligned as one text, section by section where the sentences agree.']);
    const pairs = answer.body['pairs'] as { en: string; fr: string }[];
    assert.ok(pairs.some((p) => p.en === 'Monitors 25 agreements a year.' && p.fr === 'Surveille 25 accords par année.'));
  });
});

describe('legacy-import', () => {
  test('creates a job description with its identification and sections, its Y.Doc filled by the sync server, and the alignment', async () => {
    const answer = await invoke(editor, 'legacy-import', form(docxBlob(await legacyDocx(LEGACY_EN)), docxBlob(await legacyDocx(LEGACY_FR)), ['poste-en.docx', 'poste-fr.docx']));
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    assert.equal(answer.body['sections'], 6);
    assert.deepEqual(answer.body['warnings'], []);
    const document = answer.body['document'] as string;
    const { data: row } = await service.from('job_descriptions').select('*').eq('id', document).single();
    assert.equal(row!.organization_id, ESDC);
    assert.equal(row!.status, 'draft');
    assert.deepEqual(
      { title_en: row!.title_en, title_fr: row!.title_fr, classification: row!.classification, noc_code: row!.noc_code, language_profile: row!.language_profile, position_number: row!.position_number },
      { title_en: 'Program Officer', title_fr: 'Agente ou agent de programme', classification: 'PM-04', noc_code: '41409', language_profile: 'CBC/CBC', position_number: '54321' },
    );
    const { data: alignment } = await service.from('alignments').select('source_document_id, source_name, target_name').eq('id', answer.body['alignment'] as string).single();
    assert.deepEqual(alignment, { source_document_id: document, source_name: 'poste-en.docx', target_name: 'poste-fr.docx' });
    const { data: pairs } = await service.from('alignment_pairs').select('source_text, target_text').eq('alignment_id', answer.body['alignment'] as string);
    assert.ok(pairs!.some((p) => p.source_text === 'Advises applicants on eligibility.' && p.target_text === 'Conseille les demandeurs sur l’admissibilité.'));

    // The editor opens it: the sync server seeds the Y.Doc from the imported sections.
    const doc = new Y.Doc();
    const client = connectClient(stack.syncUrl, document, editorToken, doc);
    try {
      await synced(client);
      await waitFor(() => doc.getXmlFragment('fr').length === 6, 'the French sections in the Y.Doc');
      const en = doc.getXmlFragment('en').toString();
      const fr = doc.getXmlFragment('fr').toString();
      assert.match(en, /Monitors 25 contribution agreements a year\./);
      assert.match(en, /SKILL/);
      assert.match(fr, /Surveille 25 accords de contribution par année\./);
      assert.equal(doc.getMap('meta').get('classification'), 'PM-04');
      assert.equal(doc.getMap('meta').get('title_fr'), 'Agente ou agent de programme');
    } finally {
      client.destroy();
    }
  });

  test('warns, in the caller\'s language, about a section missing in one language; the section is kept empty', async () => {
    const shortFrench = { ...LEGACY_FR, sections: LEGACY_FR.sections.slice(0, 5) };
    const answer = await invoke(editor, 'legacy-import', form(docxBlob(await legacyDocx(LEGACY_EN)), docxBlob(await legacyDocx(shortFrench))), { 'Accept-Language': 'fr' });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    assert.deepEqual(answer.body['warnings'], [
      'Le document anglais a 6 sections et le document français 5.',
      'Le document français n’a pas de section « Conditions de travail » : elle est laissée vide.',
    ]);
    const { data } = await service.from('document_sections').select('heading, body').eq('document_id', answer.body['document'] as string).eq('lang', 'fr').eq('section_id', 'working-conditions').single();
    assert.deepEqual(data, { heading: 'Conditions de travail', body: '' });
  });

  test('tells a caller who asks for server-sent events each step as it starts, then the answer', async () => {
    const { data, error } = await editor.functions.invoke('legacy-import', {
      body: form(docxBlob(await legacyDocx(LEGACY_EN)), docxBlob(await legacyDocx(LEGACY_FR))),
      headers: { Accept: 'text/event-stream' },
    });
    assert.equal(error, null);
    const events = (await (data as Response).text())
      .split('\n\n')
      .filter((chunk) => chunk.startsWith('data: '))
      .map((chunk) => JSON.parse(chunk.slice('data: '.length)) as Record<string, unknown>);
    assert.deepEqual(events.slice(0, 3), [{ stage: 'reading' }, { stage: 'aligning' }, { stage: 'creating' }]);
    const done = events[3]!['done'] as Record<string, unknown>;
    assert.equal(done['sections'], 6);
    assert.equal(await count('job_descriptions', 'id', done['document'] as string), 1);
  });

  test('an unreadable file in the event stream ends with the error and creates nothing', async () => {
    const before = await count('job_descriptions');
    const { data } = await editor.functions.invoke('legacy-import', {
      body: form(new Blob(['\u0000\u0001binary']), docxBlob(await legacyDocx(LEGACY_FR)), ['en.bin', 'fr.docx']),
      headers: { Accept: 'text/event-stream' },
    });
    const text = await (data as Response).text();
    assert.match(text, /data: \{"stage":"reading"\}/);
    assert.match(text, /"code":"binary_file","status":415/);
    assert.equal(await count('job_descriptions'), before);
  });

  test('an unreadable file gets a clear message and creates nothing', async () => {
    const before = { documents: await count('job_descriptions'), alignments: await count('alignments'), sections: await count('document_sections') };
    const answer = await invoke(editor, 'legacy-import', form(docxBlob(await legacyDocx(LEGACY_EN)), new Blob([new Uint8Array([0, 1, 2, 3, 255, 254])]), ['en.docx', 'fr.pdf']), { 'Accept-Language': 'fr' });
    assert.equal(answer.status, 415, JSON.stringify(answer.body));
    assert.equal(answer.body['error'], 'Le fichier français (fr.pdf) est illisible : ce n’est pas un fichier Word (.docx), HTML ou texte brut (UTF-8).');
    assert.deepEqual({ documents: await count('job_descriptions'), alignments: await count('alignments'), sections: await count('document_sections') }, before);
  });

  test('another department cannot import into an organization it does not belong to; a viewer cannot import', async () => {
    const before = await count('job_descriptions');
    const files = form(docxBlob(await legacyDocx(LEGACY_EN)), docxBlob(await legacyDocx(LEGACY_FR)));
    files.set('organization', ESDC);
    const foreign = await invoke(tcEditor, 'legacy-import', files);
    assert.equal(foreign.status, 403, JSON.stringify(foreign.body));
    const byViewer = await invoke(viewer, 'legacy-import', form(docxBlob(await legacyDocx(LEGACY_EN)), docxBlob(await legacyDocx(LEGACY_FR))));
    assert.equal(byViewer.status, 403, JSON.stringify(byViewer.body));
    assert.equal(await count('job_descriptions'), before);
  });
});
