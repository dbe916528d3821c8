// The plain-text format: identification first (with or without a heading), sections separated
// by blank lines, headings recognized per language, offsets into the input kept.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeHeading, parseDocument, standardSectionOf } from './parse.ts';

describe('parseDocument', () => {
  it('reads the identification fields and the sections, keeping offsets', () => {
    const text = 'Title: Economist\r\nClassification: EC-05\r\n\r\nClient Service Results\r\nProvides economic analysis.\r\n\r\n\r\nSupervision\r\nSupervises two analysts.\r\n';
    const doc = parseDocument(text, 'en');
    assert.deepEqual(doc.identification.map((f) => [f.key, f.value]), [['Title', 'Economist'], ['Classification', 'EC-05']]);
    assert.deepEqual(doc.sections.map((s) => [s.sectionId, s.heading.text, s.lines.map((l) => l.text)]), [
      ['client-service-results', 'Client Service Results', ['Provides economic analysis.']],
      [null, 'Supervision', ['Supervises two analysts.']],
    ]);
    const line = doc.sections[1]!.lines[0]!;
    assert.equal(text.slice(line.offset, line.offset + line.text.length), 'Supervises two analysts.');
  });
  it('keeps offsets past a byte order mark', () => {
    const text = '\uFEFFTitre : Économiste\n\nEffort\nLe travail exige de la concentration.';
    const line = parseDocument(text, 'fr').sections[0]!.lines[0]!;
    assert.equal(text.slice(line.offset, line.offset + line.text.length), 'Le travail exige de la concentration.');
  });
  it('does not take a first section of prose for the identification', () => {
    const doc = parseDocument('Client Service Results\nProvides advice: on staffing.\n', 'en');
    assert.equal(doc.identificationSection, null);
    assert.equal(doc.sections[0]!.sectionId, 'client-service-results');
  });
});

describe('headings', () => {
  it('compare without case, accents, numbering or a final colon', () => {
    assert.equal(normalizeHeading('2. Activités principales :'), 'activites principales');
    assert.equal(standardSectionOf('RESPONSABILITÉS', 'fr'), 'responsibility');
    assert.equal(standardSectionOf('Responsibility', 'en'), 'responsibility');
    assert.equal(standardSectionOf('Responsibility', 'fr'), null);
  });
});
