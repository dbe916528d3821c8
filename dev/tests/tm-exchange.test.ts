// Issue 13, item 6 and acceptance criterion 3: TMX import/export and TBX glossary import as Edge
// Functions, through the real gateway and the function host, as signed-in demo users.
//  * every ImportTest*.tmx of the TMX compliance kit imports, and exporting it and importing the
//    export into a fresh organization gives the same segments (texts, inline tags, whitespace,
//    props);
//  * sampleTBXfile.tbx imports as a glossary; a bilingual TBX gives approved and forbidden terms;
//  * malformed XML, a wrong TMX version, an unknown language code, a text over the limits, and an
//    error after several batches were staged are refused with the line, and change nothing;
//  * only admins import; exports show only what the caller may read;
//  * a generated 5 MB TMX streams through with bounded memory (peak RSS printed; 100 MB: npm run
//    bench:tmx).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import type { SupabaseClient } from '@supabase/supabase-js';
import { readTmx } from '../../domain/tm/tmx.ts';
import { startStack, type RunningStack } from '../stack.js';
import { clientFor, signInDemoUser } from './stack-fixture.js';
import {
  exportFile,
  exportTmx,
  peakRssOfFunction,
  postImport,
  tmxOf,
  writeGeneratedTmx,
  type ExchangeCaller,
} from './support/tm-exchange.js';

// The reference data beside the repository (../shared/data), wherever the checkout is.
const EXCHANGE_DATA = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'exchange');
const KIT = join(EXCHANGE_DATA, 'tmx-compliance-kit');
const SAMPLE_TBX = join(EXCHANGE_DATA, 'sampleTBXfile.tbx');
const ESDC = 'e5dc0000-0000-4000-a000-000000000001';
const TC = '7c000000-0000-4000-a000-000000000002';
const ADMIN_ID = 'e5dc0000-0000-4000-a000-000000000105';

let stack: RunningStack;
let service: SupabaseClient;
let admin: ExchangeCaller;
let translator: ExchangeCaller;
let viewer: ExchangeCaller;
let tcEditor: ExchangeCaller;
let scratch: string;

async function caller(email: string): Promise<ExchangeCaller> {
  const { token } = await signInDemoUser(stack, email);
  return { apiUrl: stack.apiUrl, anonKey: stack.anonKey, token };
}

let orgCounter = 0;
/** A new organization whose admin is admin@esdc.example. */
async function freshOrganization(): Promise<string> {
  orgCounter += 1;
  const slug = `tmx-${Date.now()}-${orgCounter}`;
  const { data, error } = await service.from('organizations').insert({ slug, name_en: slug, name_fr: slug }).select('id').single();
  assert.equal(error, null, error?.message);
  const { error: memberError } = await service.from('memberships').insert({ organization_id: data!.id, user_id: ADMIN_ID, role: 'admin' });
  assert.equal(memberError, null, memberError?.message);
  return data!.id as string;
}

interface StoredSegment {
  source_lang: string;
  target_lang: string;
  source_text: string;
  target_text: string;
  tmx_props: unknown;
}

async function segmentsOf(organization: string): Promise<StoredSegment[]> {
  const { data, error } = await service
    .from('tm_segments')
    .select('source_lang, target_lang, source_text, target_text, tmx_props')
    .eq('organization_id', organization)
    .order('source_text');
  assert.equal(error, null, error?.message);
  return data as StoredSegment[];
}

/** Rows a failed import must leave as they were: the memory, the glossary, the staging table. */
async function counts(): Promise<{ segments: number; terms: number; staged: number }> {
  const count = async (table: string) => {
    const { count: n, error } = await service.from(table).select('*', { count: 'exact', head: true });
    assert.equal(error, null, error?.message);
    return n ?? 0;
  };
  return { segments: await count('tm_segments'), terms: await count('glossary_terms'), staged: await count('tm_import_rows') };
}

before(async () => {
  stack = await startStack({ dataDir: 'memory', apiPort: 0, dbPort: 0, syncPort: 0, signalingPort: 0, log: () => {} });
  service = clientFor(stack, stack.serviceRoleKey);
  admin = await caller('admin@esdc.example');
  translator = await caller('translator@esdc.example');
  viewer = await caller('viewer@esdc.example');
  tcEditor = await caller('editor@tc.example');
  scratch = mkdtempSync(join(tmpdir(), 'tm-exchange-'));
});

after(async () => {
  await stack?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('the TMX compliance kit', () => {
  const files = readdirSync(KIT).filter((name) => /^ImportTest.*\.tmx$/.test(name)).sort();
  test('holds the ImportTest files', () => assert.ok(files.length >= 17, `found ${files.length}`));
  for (const file of files) {
    test(`${file} imports, and its export re-imports to the same segments`, async () => {
      const bytes = readFileSync(join(KIT, file));
      const expected = readTmx(bytes);
      const first = await freshOrganization();
      const imported = await postImport(admin, 'tm-import', first, bytes);
      assert.equal(imported.status, 200, JSON.stringify(imported.answer));
      assert.deepEqual(JSON.parse(imported.headers.get('x-skipped-reasons')!), expected.skipped);
      assert.deepEqual(imported.answer, {
        imported: expected.pairs.length,
        updated: 0,
        skipped: Object.values(expected.skipped).reduce((a, b) => a + b, 0),
        errors: [],
      });
      const stored = await segmentsOf(first);
      assert.deepEqual(
        stored.map((s) => [s.source_lang, s.target_lang, s.source_text, s.target_text]).sort(),
        expected.pairs.map((p) => [p.sourceLang, p.targetLang, p.sourceText, p.targetText]).sort(),
        'the stored segments are the file\'s English–French pairs, whitespace and inline tags kept',
      );

      const exported = await exportTmx(admin, first);
      assert.equal(exported.status, 200, exported.text);
      const second = await freshOrganization();
      const again = await postImport(admin, 'tm-import', second, exported.text);
      assert.equal(again.status, 200, JSON.stringify(again.answer));
      assert.deepEqual(again.answer, { imported: expected.pairs.length, updated: 0, skipped: 0, errors: [] });
      assert.deepEqual(await segmentsOf(second), stored, 'the round trip gives the same segments and props');
    });
  }

  test('ImportTest1L keeps the props of its unit', async () => {
    const organization = await freshOrganization();
    await postImport(admin, 'tm-import', organization, readFileSync(join(KIT, 'ImportTest1L.tmx')));
    const [segment] = await segmentsOf(organization);
    assert.deepEqual(segment?.tmx_props, [{ type: 'myPropeType', value: 'Data', lang: 'en-us' }]);
  });

  test('importing the same file again updates instead of duplicating', async () => {
    const organization = await freshOrganization();
    const bytes = readFileSync(join(KIT, 'ImportTest2A.tmx'));
    const first = await postImport(admin, 'tm-import', organization, bytes);
    const second = await postImport(admin, 'tm-import', organization, bytes);
    assert.deepEqual(second.answer, { imported: 0, updated: first.answer.imported, skipped: 0, errors: [] });
    const { data } = await service.from('tm_segments').select('usage_count').eq('organization_id', organization);
    assert.ok(data!.every((row) => row.usage_count === 1), 'each pair counts one more use');
  });
});

describe('a refused TMX changes nothing and names the line', () => {
  const refusals: { name: string; body: string; line: number; message: RegExp }[] = [
    {
      name: 'malformed XML',
      body: tmxOf([{ en: 'One', fr: 'Un' }]).replace('<seg>Un</seg>', '<seg>Un</sge>'),
      line: 5,
      message: /^not well-formed XML: unexpected close tag/,
    },
    { name: 'a wrong TMX version', body: tmxOf([{ en: 'One', fr: 'Un' }], '2.0'), line: 2, message: /unsupported TMX version "2\.0"/ },
    {
      name: 'an unknown language code',
      body: tmxOf([{ en: 'One', fr: 'Un' }, { en: 'Two', fr: 'Deux', frLang: 'xx-YY' }]),
      line: 6,
      message: /unknown language code "xx-YY"/,
    },
    {
      name: 'a language tag that is not BCP 47',
      body: tmxOf([{ en: 'One', fr: 'Un', enLang: 'en_CA!' }]),
      line: 5,
      message: /not a BCP 47 language tag/,
    },
    {
      name: 'a segment over 2 000 characters (checked by tm_import_stage)',
      body: tmxOf([{ en: 'One', fr: 'Un' }, { en: 'word '.repeat(401), fr: 'Deux' }]),
      line: 6,
      message: /source_text must be at most 2000 characters/,
    },
  ];
  for (const refusal of refusals) {
    test(refusal.name, async () => {
      const before = await counts();
      const { status, answer } = await postImport(admin, 'tm-import', ESDC, refusal.body);
      assert.equal(status, 422, JSON.stringify(answer));
      assert.equal(answer.imported, 0);
      assert.equal(answer.updated, 0);
      assert.equal(answer.errors[0]?.line, refusal.line, JSON.stringify(answer.errors));
      assert.match(answer.errors[0]!.message, refusal.message);
      assert.deepEqual(await counts(), before);
    });
  }

  test('an error after several batches were staged: nothing of the staged pairs is kept', async () => {
    const units: Parameters<typeof tmxOf>[0] = Array.from({ length: 5000 }, (_, i) => ({ en: `Late error sentence ${i}.`, fr: `Phrase d'erreur tardive ${i}.` }));
    units.push({ en: 'Bad', fr: 'Mauvais', frLang: 'qq' });
    const before = await counts();
    const { status, answer } = await postImport(admin, 'tm-import', ESDC, tmxOf(units));
    assert.equal(status, 422, JSON.stringify(answer));
    assert.equal(answer.errors[0]?.line, 5005, 'the line of the 5 001st unit');
    assert.deepEqual(await counts(), before);
  });

  test('a translator may not import (403), and nothing changes', async () => {
    const before = await counts();
    const { status, answer } = await postImport(translator, 'tm-import', ESDC, tmxOf([{ en: 'Not mine', fr: 'Pas à moi' }]));
    assert.equal(status, 403);
    assert.match(answer.errors[0]!.message, /only an admin of organization e5dc0000-0000-4000-a000-000000000001 can import a translation memory/);
    assert.deepEqual(await counts(), before);
  });

  test('a wrong request is refused before reading the file', async () => {
    const noOrg = await postImport(admin, 'tm-import', 'not-a-uuid', tmxOf([]));
    assert.equal(noOrg.status, 400);
    assert.match(noOrg.answer.errors[0]!.message, /organization must be the uuid/);
    const wrongType = await postImport(admin, 'tm-import', ESDC, tmxOf([]), 'text/plain');
    assert.equal(wrongType.status, 415);
  });
});

describe('tm-export', () => {
  test('a viewer exports their department\'s memory and never another department\'s', async () => {
    const { error } = await service.from('tm_segments').insert({
      organization_id: TC, source_lang: 'en', target_lang: 'fr',
      source_text: 'Transport secret sentence.', target_text: 'Phrase secrète de Transports.',
    });
    assert.equal(error, null, error?.message);
    const esdc = await exportTmx(viewer, ESDC);
    assert.equal(esdc.status, 200);
    const pairs = readTmx(new TextEncoder().encode(esdc.text)).pairs;
    const { count } = await service.from('tm_segments').select('*', { count: 'exact', head: true }).eq('organization_id', ESDC);
    assert.equal(pairs.length, count);
    assert.ok(!esdc.text.includes('Transport secret sentence'));
    const refused = await exportTmx(viewer, TC);
    assert.equal(refused.status, 403);
    assert.ok(!refused.text.includes('Transport secret sentence'));
    const tc = await exportTmx(tcEditor, TC);
    assert.ok(tc.text.includes('Transport secret sentence'), 'TC\'s own editor gets it');
  });
});

describe('glossary-import (TBX-Basic)', () => {
  test('sampleTBXfile.tbx imports: its entry has English and Hungarian, so no English–French pair', async () => {
    const organization = await freshOrganization();
    const { status, answer, headers } = await postImport(admin, 'glossary-import', organization, readFileSync(SAMPLE_TBX));
    assert.equal(status, 200, JSON.stringify(answer));
    assert.deepEqual(answer, { imported: 0, updated: 0, skipped: 1, errors: [] });
    assert.deepEqual(JSON.parse(headers.get('x-skipped-reasons')!), { 'no French term': 1 });
  });

  test('a bilingual TBX gives approved and forbidden terms', async () => {
    const organization = await freshOrganization();
    const tbx = readFileSync(SAMPLE_TBX, 'utf8')
      .replace('<langSet xml:lang="hu">', '<langSet xml:lang="fr-CA">')
      .replace('hu translation', "facteur de lissage alpha</term><termNote type=\"administrativeStatus\">preferredTerm-admn-sts</termNote></tig><tig><term>coefficient alpha")
      .replace('<termNote type="partOfSpeech">noun</termNote>\n                    </tig>\n                </langSet>\n            </termEntry>',
        '<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>\n                    </tig>\n                </langSet>\n            </termEntry>');
    const { status, answer } = await postImport(admin, 'glossary-import', organization, tbx);
    assert.equal(status, 200, JSON.stringify(answer));
    assert.deepEqual(answer, { imported: 2, updated: 0, skipped: 0, errors: [] });
    const { data } = await service.from('glossary_terms').select('term_en, term_fr, status, domain').eq('organization_id', organization).order('term_fr');
    assert.deepEqual(data, [
      { term_en: 'alpha smoothing factor', term_fr: 'coefficient alpha', status: 'forbidden', domain: 'manufacturing' },
      { term_en: 'alpha smoothing factor', term_fr: 'facteur de lissage alpha', status: 'approved', domain: 'manufacturing' },
    ]);

    // glossary-export gives a TBX that imports into another organization as the same terms.
    const exported = await exportFile(admin, 'glossary-export', organization);
    assert.equal(exported.status, 200, exported.text);
    const second = await freshOrganization();
    const again = await postImport(admin, 'glossary-import', second, exported.text);
    assert.deepEqual(again.answer, { imported: 2, updated: 0, skipped: 0, errors: [] });
    const termsOf = async (org: string) =>
      (await service.from('glossary_terms').select('term_en, term_fr, status, domain, notes').eq('organization_id', org).order('term_fr')).data;
    assert.deepEqual(await termsOf(second), await termsOf(organization));
    assert.equal((await exportFile(tcEditor, 'glossary-export', organization)).status, 403, 'another department gets nothing');
  });

  test('malformed TBX and a translator\'s import change nothing', async () => {
    const before = await counts();
    const malformed = await postImport(admin, 'glossary-import', ESDC, '<martif type="TBX">\n<text><body>\n<termEntry>\n</martif>');
    assert.equal(malformed.status, 422);
    assert.equal(malformed.answer.errors[0]?.line, 4);
    const tbx = readFileSync(SAMPLE_TBX, 'utf8').replace('xml:lang="hu"', 'xml:lang="fr"');
    const translatorTry = await postImport(translator, 'glossary-import', ESDC, tbx);
    assert.equal(translatorTry.status, 403);
    assert.match(translatorTry.answer.errors[0]!.message, /only an admin of organization .* can import a glossary/);
    assert.deepEqual(await counts(), before);
  });
});

describe('a large TMX streams through in bounded memory', () => {
  test('5 MB generated TMX', async () => {
    const path = join(scratch, 'generated-5mb.tmx');
    const units = await writeGeneratedTmx(path, 5 * 1024 * 1024);
    const organization = await freshOrganization();
    const started = performance.now();
    const body = Readable.toWeb(createReadStream(path)) as unknown as ReadableStream<Uint8Array>;
    const { status, answer } = await postImport(admin, 'tm-import', organization, body);
    const seconds = (performance.now() - started) / 1000;
    assert.equal(status, 200, JSON.stringify(answer));
    assert.deepEqual(answer, { imported: units, updated: 0, skipped: 0, errors: [] });
    const peak = peakRssOfFunction('tm-import');
    console.log(
      `tm-import of ${(statSync(path).size / 1024 / 1024).toFixed(1)} MB (${units} units): ${seconds.toFixed(1)} s, ` +
        `peak RSS of the Deno function process ${peak === null ? 'unknown' : `${(peak / 1024 / 1024).toFixed(0)} MB`}`,
    );
    assert.ok(peak !== null && peak < 300 * 1024 * 1024, 'the function process stays far below the file size times a few');
  });
});
