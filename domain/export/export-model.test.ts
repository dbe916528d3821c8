import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blockLines, exportBlocks, exportFileName, stampText } from './export-model.ts';

test('the blocks are in the TBS order: title, identification, stamp, then sections by position', () => {
  const blocks = exportBlocks({
    identification: { title_en: 'Clerk', title_fr: 'Commis', classification: 'CR-04', noc_code: null },
    sections: [
      { lang: 'fr', sectionId: 'effort', heading: 'Effort', body: 'Soulève des boîtes.', position: 1 },
      { lang: 'en', sectionId: 'effort', heading: 'Effort', body: 'Lifts boxes.', position: 1 },
      { lang: 'en', sectionId: 'skill', heading: '', body: 'Types.\n\n  Files.  ', position: 0 },
      { lang: 'fr', sectionId: 'skill', heading: '', body: 'Tape.\nClasse.', position: 0 },
    ],
    approval: null,
  });
  assert.deepEqual(blocks.map((b) => b.kind), ['title', 'identification', 'stamp', 'section', 'section']);
  assert.deepEqual(blockLines(blocks[1]!, 'fr'), ['Identification du poste', 'Titre : Commis', 'Classification : CR-04']);
  assert.deepEqual(blockLines(blocks[2]!, 'en'), ['Draft — not approved']);
  // An empty heading falls back to the standard section's title; empty lines are not paragraphs.
  assert.deepEqual(blockLines(blocks[3]!, 'en'), ['Skill', 'Types.', 'Files.']);
  assert.deepEqual(blockLines(blocks[3]!, 'fr'), ['Compétences', 'Tape.', 'Classe.']);
  assert.deepEqual(blockLines(blocks[4]!, 'fr'), ['Effort', 'Soulève des boîtes.']);
});

test('the approval stamp names the version, the approver and the day', () => {
  assert.deepEqual(stampText({ versionNumber: 3, approver: 'Rachel Reviewer', decidedAt: '2026-12-06T23:30:00-02:00' }), {
    en: 'Approved — version 3 — by Rachel Reviewer — 2026-12-07',
    fr: 'Approuvé — version 3 — par Rachel Reviewer — 2026-12-07',
  });
  assert.equal(stampText({ versionNumber: null, approver: null, decidedAt: '2026-12-06T10:00:00Z' }).en, 'Approved — 2026-12-06');
});

test('the file name is ASCII letters, digits and hyphens: nothing that could break the header', () => {
  assert.equal(exportFileName({ title_fr: 'Agent « spécial »\r\n"; x=1', classification: 'PM-04' }, 'fr', 'pdf'), 'PM-04-Agent-special-x-1-fr.pdf');
  assert.equal(exportFileName({}, 'both', 'docx'), 'job-description-both.docx');
  assert.match(exportFileName({ title_en: 'A'.repeat(300) }, 'en', 'pdf'), /^A{80}-en\.pdf$/);
});
