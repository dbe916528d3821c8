// Issue 17, criterion 6: the `export` Edge Function on the real stack (gateway, function host,
// Deno), called as demo users with their supabase-js session. The DOCX (read back with mammoth)
// and the PDF (text extracted with pdfjs-dist) of the seeded bilingual job description hold
// exactly the stored text — the identification block, the approval stamp and every section, in
// English, in French and side by side — another department gets 404, bad parameters get 400
// naming them, an approved document carries its stamp (version, approver, date), and the PDF's
// first page is saved as test-artifacts/export/*.png.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import mammoth from 'mammoth';
import { startStack, type RunningStack } from '../stack.js';
import { clientFor, signInDemoUser } from './stack-fixture.js';
import { startPdfReader, type PdfReader } from './support/pdf-in-chromium.js';

const ESDC_DOCUMENT = 'e5dc0000-0000-4000-a000-00000000d001';
const ARTIFACTS = resolve(import.meta.dirname, '../../test-artifacts/export');
type Lang = 'en' | 'fr';

// Whitespace normalised. PDFKit may break a line after a hyphen ("follow-" / "ups"), which the
// PDF's text items give as "follow- ups": a hyphen followed by a space is read as a hyphen, on
// both sides, so stored "pre- and post-" compares the same way.
const normalize = (text: string) => text.replace(/\s+/g, ' ').replace(/- /g, '-').trim();

/** A named run of lines the export must show, in each language. */
interface Expected {
  name: string;
  en: string[];
  fr: string[];
}

/** What the stored job description says, block by block (written here, not taken from the export model). */
async function storedBlocks(stack: RunningStack, documentId: string, stamp: Record<Lang, string>): Promise<Expected[]> {
  const service = clientFor(stack, stack.serviceRoleKey);
  const row = (await service.from('job_descriptions').select('title_en, title_fr, classification, noc_code, position_number, language_profile').eq('id', documentId).single()).data!;
  const rows = (await service.from('document_sections').select('lang, section_id, heading, body, position').eq('document_id', documentId)).data as {
    lang: Lang;
    section_id: string;
    heading: string;
    body: string;
    position: number;
  }[];
  const sectionsOf = (lang: Lang) => rows.filter((r) => r.lang === lang).sort((a, b) => a.position - b.position);
  const lines = (body: string) => body.split('\n').filter((l) => l.trim() !== '');
  assert.ok(sectionsOf('en').length >= 6 && sectionsOf('fr').length === sectionsOf('en').length, 'the seeded sections in both languages');
  return [
    { name: 'title', en: [row.title_en], fr: [row.title_fr] },
    {
      name: 'identification',
      en: ['Position Identification', `Title: ${row.title_en}`, `Classification: ${row.classification}`, `NOC 2021: ${row.noc_code}`, `Position number: ${row.position_number}`, `Language profile: ${row.language_profile}`],
      fr: ['Identification du poste', `Titre : ${row.title_fr}`, `Classification : ${row.classification}`, `CNP 2021 : ${row.noc_code}`, `Numéro de poste : ${row.position_number}`, `Profil linguistique : ${row.language_profile}`],
    },
    { name: 'approval stamp', en: [stamp.en], fr: [stamp.fr] },
    ...sectionsOf('en').map((en) => {
      const fr = sectionsOf('fr').find((s) => s.section_id === en.section_id)!;
      return { name: `section ${en.section_id}`, en: [en.heading, ...lines(en.body)], fr: [fr.heading, ...lines(fr.body)] };
    }),
  ];
}

/** Asserts that `text` is exactly the blocks' text in order (whitespace normalised), naming the first block that differs. */
function assertSameText(text: string, blocks: { name: string; lines: string[] }[], what: string) {
  const actual = normalize(text);
  let cursor = 0;
  for (const block of blocks) {
    const expected = normalize(block.lines.join(' '));
    const found = actual.slice(cursor, cursor + expected.length);
    assert.equal(found, expected, `${what}, ${block.name}`);
    cursor += expected.length + 1;
  }
  assert.equal(actual, normalize(blocks.map((b) => b.lines.join(' ')).join(' ')), `${what}: nothing more, nothing less`);
}

const oneLanguage = (blocks: Expected[], lang: Lang) => blocks.map((b) => ({ name: `${b.name} (${lang})`, lines: b[lang] }));

async function docxText(bytes: Uint8Array): Promise<string> {
  return (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value;
}

describe('the export function', () => {
  let stack: RunningStack;
  let reviewer: { token: string; userId: string };
  let tcEditor: { token: string };
  let pdfReader: PdfReader;
  const pdfText = (bytes: Uint8Array, columns: 1 | 2) => pdfReader.text(bytes, columns);

  /** GET /functions/v1/export as `token`: status, headers and the bytes. */
  async function exportAs(token: string, query: string) {
    const response = await fetch(`${stack.apiUrl}/functions/v1/export?${query}`, { headers: { Authorization: `Bearer ${token}`, apikey: stack.anonKey } });
    return { status: response.status, headers: response.headers, bytes: new Uint8Array(await response.arrayBuffer()) };
  }
  const exported = async (token: string, query: string) => {
    const answer = await exportAs(token, query);
    assert.equal(answer.status, 200, new TextDecoder().decode(answer.bytes));
    return answer;
  };

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    stack = await startStack({ dataDir: 'memory', apiPort: 0, dbPort: 0, syncPort: 0, signalingPort: 0, log: () => {} });
    reviewer = await signInDemoUser(stack, 'reviewer@esdc.example');
    tcEditor = await signInDemoUser(stack, 'editor@tc.example');
    pdfReader = await startPdfReader();
  });
  after(async () => {
    await pdfReader?.close();
    await stack?.stop();
  });

  const DRAFT = { en: 'Draft — not approved', fr: 'Ébauche — non approuvée' };

  test('DOCX in English, in French and side by side: the text read back is the stored text', async () => {
    const blocks = await storedBlocks(stack, ESDC_DOCUMENT, DRAFT);
    for (const lang of ['en', 'fr'] as const) {
      const { headers, bytes } = await exported(reviewer.token, `document=${ESDC_DOCUMENT}&format=docx&lang=${lang}`);
      assert.equal(headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      assert.equal(headers.get('content-disposition'), `attachment; filename="PM-04-${lang === 'en' ? 'Program-Officer-Grants-and-Contributions' : 'Agent-de-programme-subventions-et-contributions'}-${lang}.docx"`);
      assertSameText(await docxText(bytes), oneLanguage(blocks, lang), `DOCX ${lang}`);
    }
    const { bytes } = await exported(reviewer.token, `document=${ESDC_DOCUMENT}&format=docx&lang=both`);
    writeFileSync(resolve(ARTIFACTS, 'program-officer-both.docx'), bytes);
    // A two-column table, one row per block: each row reads English cell, then French cell.
    assertSameText(await docxText(bytes), blocks.flatMap((b) => [{ name: `${b.name} (en)`, lines: b.en }, { name: `${b.name} (fr)`, lines: b.fr }]), 'DOCX both');
  });

  test('PDF in English, in French and side by side: the extracted text is the stored text; the first page is saved', async () => {
    const blocks = await storedBlocks(stack, ESDC_DOCUMENT, DRAFT);
    for (const lang of ['en', 'fr'] as const) {
      const { headers, bytes } = await exported(reviewer.token, `document=${ESDC_DOCUMENT}&format=pdf&lang=${lang}`);
      assert.equal(headers.get('content-type'), 'application/pdf');
      assert.match(headers.get('content-disposition') ?? '', new RegExp(`^attachment; filename="PM-04-[A-Za-z0-9-]+-${lang}\\.pdf"$`));
      const [text] = await pdfText(bytes, 1);
      assertSameText(text!, oneLanguage(blocks, lang), `PDF ${lang}`);
    }
    const { bytes } = await exported(reviewer.token, `document=${ESDC_DOCUMENT}&format=pdf&lang=both`);
    writeFileSync(resolve(ARTIFACTS, 'program-officer-both.pdf'), bytes);
    const [left, right] = await pdfText(bytes, 2);
    assertSameText(left!, oneLanguage(blocks, 'en'), 'PDF both, left column');
    assertSameText(right!, oneLanguage(blocks, 'fr'), 'PDF both, right column');
    assert.deepEqual(await pdfReader.overlaps(bytes), [], 'no line drawn over another');
    await pdfReader.screenshotFirstPage(bytes, resolve(ARTIFACTS, 'program-officer-both-page-1.png'));
  });

  test('a paragraph longer than a page stays side by side with its translation, word for word', async () => {
    const TC_DOCUMENT = '7c000000-0000-4000-a000-00000000d001';
    const service = clientFor(stack, stack.serviceRoleKey);
    const long = (lang: Lang) =>
      Array.from({ length: 220 }, (_, i) => (lang === 'en' ? `Inspects aircraft record ${i + 1} for compliance with the regulations.` : `Inspecte le dossier d’aéronef ${i + 1} pour vérifier sa conformité à la réglementation.`)).join(' ');
    for (const lang of ['en', 'fr'] as const) {
      const { error } = await service.from('document_sections').update({ body: `${long(lang)}\nA short closing line ${lang}.` }).eq('document_id', TC_DOCUMENT).eq('lang', lang).eq('section_id', 'effort');
      assert.equal(error, null, error?.message);
    }
    const blocks = await storedBlocks(stack, TC_DOCUMENT, DRAFT);
    const { bytes } = await exported(tcEditor.token, `document=${TC_DOCUMENT}&format=pdf&lang=both`);
    const [left, right] = await pdfText(bytes, 2);
    assertSameText(left!, oneLanguage(blocks, 'en'), 'long PDF, left column');
    assertSameText(right!, oneLanguage(blocks, 'fr'), 'long PDF, right column');
    assert.deepEqual(await pdfReader.overlaps(bytes), [], 'no line drawn over another');
    const pages = await pdfReader.pages(bytes, 2);
    const pageWith = (column: number, needle: string) => pages.findIndex((p) => normalize(p[column]!).includes(needle));
    const start = pageWith(0, 'Inspects aircraft record 1 for');
    assert.ok(start > 0, 'the long English paragraph is there');
    assert.equal(pageWith(1, 'Inspecte le dossier d’aéronef 1 pour'), start, 'its French starts beside it, on the same page');
  });

  test('another department gets 404 and not a byte of the document', async () => {
    for (const format of ['docx', 'pdf']) {
      const answer = await exportAs(tcEditor.token, `document=${ESDC_DOCUMENT}&format=${format}&lang=both`);
      assert.equal(answer.status, 404);
      assert.deepEqual(JSON.parse(new TextDecoder().decode(answer.bytes)), { error: 'no such document, or you may not read it' });
    }
  });

  test('bad parameters are 400 and name each one', async () => {
    const problem = async (query: string) => {
      const answer = await exportAs(reviewer.token, query);
      assert.equal(answer.status, 400, query);
      return (JSON.parse(new TextDecoder().decode(answer.bytes)) as { error: string }).error;
    };
    assert.equal(await problem(`document=d001&format=pdf&lang=en`), 'document must be the uuid of a job description (?document=<uuid>)');
    assert.equal(await problem(`document=${ESDC_DOCUMENT}&format=odt&lang=en`), 'format must be docx or pdf (?format=docx|pdf)');
    assert.equal(await problem(`document=${ESDC_DOCUMENT}&format=pdf`), 'lang must be en, fr or both (?lang=en|fr|both)');
    assert.equal(await problem(''), 'document must be the uuid of a job description (?document=<uuid>); format must be docx or pdf (?format=docx|pdf); lang must be en, fr or both (?lang=en|fr|both)');
  });

  test('an approved document carries the stamp: version, approver, date', async () => {
    const editor = await signInDemoUser(stack, 'editor@esdc.example');
    const saved = await editor.supabase.rpc('save_version', { doc: ESDC_DOCUMENT, version_name: 'For approval' });
    assert.equal(saved.error, null, saved.error?.message);
    const submitted = await editor.supabase.rpc('submit_for_review', { doc: ESDC_DOCUMENT });
    assert.equal(submitted.error, null, submitted.error?.message);
    const decided = await (await signInDemoUser(stack, 'reviewer@esdc.example')).supabase.rpc('decide_approval', { doc: ESDC_DOCUMENT, decision: 'approved' });
    assert.equal(decided.error, null, decided.error?.message);
    // The version the round pinned when it was submitted (issue 17 item 1), the one after the saved one.
    const savedNumber = (saved.data as { version_number: number }[])[0]!.version_number;
    const round = await editor.supabase.from('approvals').select('version_number').eq('document_id', ESDC_DOCUMENT).eq('decision', 'approved').single();
    assert.equal(round.error, null, round.error?.message);
    const versionNumber = round.data!.version_number as number;
    assert.equal(versionNumber, savedNumber + 1, 'the submission pinned a new version');
    const day = (decided.data as { decided_at: string }).decided_at.slice(0, 10);
    const service = clientFor(stack, stack.serviceRoleKey);
    const name = (await service.from('profiles').select('display_name').eq('id', reviewer.userId).single()).data!.display_name as string;
    assert.ok(name, 'the seeded reviewer has a display name');
    const stamp = { en: `Approved — version ${versionNumber} — by ${name} — ${day}`, fr: `Approuvé — version ${versionNumber} — par ${name} — ${day}` };
    const blocks = await storedBlocks(stack, ESDC_DOCUMENT, stamp);

    const docx = await exported(reviewer.token, `document=${ESDC_DOCUMENT}&format=docx&lang=fr`);
    assertSameText(await docxText(docx.bytes), oneLanguage(blocks, 'fr'), 'approved DOCX fr');
    const pdf = await exported(reviewer.token, `document=${ESDC_DOCUMENT}&format=pdf&lang=both`);
    const [left, right] = await pdfText(pdf.bytes, 2);
    assertSameText(left!, oneLanguage(blocks, 'en'), 'approved PDF, left column');
    assertSameText(right!, oneLanguage(blocks, 'fr'), 'approved PDF, right column');
    await pdfReader.screenshotFirstPage(pdf.bytes, resolve(ARTIFACTS, 'program-officer-approved-page-1.png'));
  });
});
