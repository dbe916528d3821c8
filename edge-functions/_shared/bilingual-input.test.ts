import assert from 'node:assert/strict';
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { fileDocument, RequestError } from './bilingual-input.ts';

async function docxFile(name: string): Promise<File> {
  const doc = new Document({
    sections: [{ children: [new Paragraph({ text: 'Key Activities', heading: HeadingLevel.HEADING_1 }), new Paragraph('Plans the work of the unit.')] }],
  });
  return new File([await Packer.toBlob(doc)], name);
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof RequestError);
    return error.code;
  }
  throw new Error('not refused');
}

// mammoth wraps its promises with `__proto__`, which Deno removes: docx.ts works around it.
Deno.test('a Word file is read in Deno: its headings and paragraphs', async () => {
  const document = await fileDocument('en', await docxFile('en.docx'));
  assert.deepEqual(document.paragraphs, [
    { text: 'Key Activities', heading: true },
    { text: 'Plans the work of the unit.', heading: false },
  ]);
  assert.equal(document.text, 'Key Activities\nPlans the work of the unit.');
});

Deno.test('a damaged Word file, an old .doc and a binary file are refused with their own codes', async () => {
  const good = new Uint8Array(await (await docxFile('x.docx')).arrayBuffer());
  assert.equal(await refusal(fileDocument('en', new File([good.slice(0, 1000)], 'en.docx'))), 'unreadable_docx');
  assert.equal(await refusal(fileDocument('fr', new File([new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2])], 'fr.doc'))), 'old_word');
  assert.equal(await refusal(fileDocument('fr', new File([new Uint8Array([0xff, 0xfe, 0, 0x41])], 'fr.bin'))), 'binary_file');
  assert.equal(await refusal(fileDocument('fr', new File([], 'fr.txt'))), 'empty_text');
});
