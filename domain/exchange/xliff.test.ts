// XLIFF 2.0 of a job description: what is written, that reading it back gives the same French,
// that a translator's changes come back section by section, and that bad files are refused with
// the line and the problem.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readXliff, writeXliff, type XliffDocument } from './xliff.ts';

const DOC = 'e5dc0000-0000-4000-a000-00000000d001';

const document: XliffDocument = {
  documentId: DOC,
  sections: [
    {
      sectionId: 'client-service-results',
      kind: 'client_service_results',
      en: { heading: 'Client Service Results', blocks: ['Delivers grants & contributions <programs>.'] },
      fr: { heading: 'Résultats axés sur le service à la clientèle', blocks: ['Exécute des programmes « de subventions » & contributions.'] },
    },
    {
      sectionId: 'key-activities',
      kind: 'key_activities',
      en: { heading: 'Key Activities', blocks: ['Assesses proposals.', '  Negotiates agreements.  ', 'Monitors projects.'] },
      // One French block fewer than English: p3 has no target.
      fr: { heading: 'Activités principales', blocks: ['Évalue les propositions.', '  Négocie des accords.  '] },
    },
    {
      sectionId: 'skill',
      kind: 'skill',
      en: { heading: 'Skill', blocks: ['Knowledge of programs.'] },
      // One French block more than English: p2 has an empty source.
      fr: { heading: 'Compétences', blocks: ['Connaissance des programmes.', 'Connaissance des lois.'] },
    },
    { sectionId: 'custom-1', kind: 'custom', en: { heading: 'Travel', blocks: ['Travels to regions.'] }, fr: null },
  ],
};

const expect = { documentId: DOC, sectionIds: new Set(document.sections.map((s) => s.sectionId)) };

/** A minimal file around units, for the error cases. */
function file(units: string, root = `xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en-CA" trgLang="fr-CA"`): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<xliff ${root}>\n<file id="f1" original="job-description/${DOC}">\n${units}\n</file>\n</xliff>\n`;
}

describe('writeXliff', () => {
  const xliff = writeXliff(document);

  test('declares XLIFF 2.0, English to French, one file naming the document', () => {
    assert.match(xliff, /<xliff xmlns="urn:oasis:names:tc:xliff:document:2\.0" version="2\.0" srcLang="en-CA" trgLang="fr-CA">/);
    assert.equal(xliff.match(/<file /g)?.length, 1);
    assert.match(xliff, new RegExp(`<file id="f1" original="job-description/${DOC}" xml:space="preserve">`));
  });

  test('one unit per section with the heading as a note, segments h and p1…pn, escaped text', () => {
    assert.equal(xliff.match(/<unit /g)?.length, 4);
    assert.match(xliff, /<unit id="section-key-activities" name="key_activities">\n {6}<notes><note category="section">Key Activities<\/note><\/notes>/);
    assert.match(xliff, /<segment id="h"><source>Client Service Results<\/source><target>Résultats axés sur le service à la clientèle<\/target><\/segment>/);
    assert.match(xliff, /<segment id="p1"><source>Delivers grants &amp; contributions &lt;programs&gt;\.<\/source>/);
    assert.match(xliff, /<segment id="p3"><source>Monitors projects\.<\/source><\/segment>/, 'no French block: no target');
    assert.match(xliff, /<segment id="p2"><source><\/source><target>Connaissance des lois\.<\/target><\/segment>/, 'extra French block: empty source');
    assert.match(xliff, /<unit id="section-custom-1" name="custom">[\s\S]*<segment id="h"><source>Travel<\/source><\/segment>/, 'no French section: no targets');
  });

  test('round trip: reading the export gives the same French, whitespace kept', () => {
    const read = readXliff(xliff, expect);
    assert.deepEqual(read.errors, []);
    assert.deepEqual(read.targets, [
      { sectionId: 'client-service-results', heading: 'Résultats axés sur le service à la clientèle', blocks: ['Exécute des programmes « de subventions » & contributions.'] },
      { sectionId: 'key-activities', heading: 'Activités principales', blocks: ['Évalue les propositions.', '  Négocie des accords.  '] },
      { sectionId: 'skill', heading: 'Compétences', blocks: ['Connaissance des programmes.', 'Connaissance des lois.'] },
      { sectionId: 'custom-1', heading: null, blocks: [] },
    ]);
  });
});

describe('readXliff: what a translator sends back', () => {
  test('changed targets come back; inline codes keep their text; a line break becomes a space', () => {
    const read = readXliff(
      file(`<unit id="section-skill">
  <segment id="p1" state="final"><source>Knowledge of programs.</source><target>Connaissance <pc id="1" type="fmt" subType="xlf:b">approfondie</pc> des programmes<ph id="2"/>.</target></segment>
  <segment id="p3"><source/><target>Ligne une
     ligne deux<cp hex="00A0"/>!</target></segment>
</unit>`),
      expect,
    );
    assert.deepEqual(read.errors, []);
    assert.deepEqual(read.targets, [{ sectionId: 'skill', heading: null, blocks: ['Connaissance approfondie des programmes.', null, 'Ligne une ligne deux\u00a0!'] }]);
  });

  test('elements of other namespaces outside targets are ignored; XLIFF 2.1 is read too', () => {
    const read = readXliff(
      file(
        `<unit id="section-skill" xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0"><mtc:matches><mtc:match ref="#p1"><source>a</source><target>b</target></mtc:match></mtc:matches>
<segment id="h"><source>Skill</source><target>Savoir</target></segment></unit>`,
        `xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en" trgLang="fr-CA"`,
      ),
      expect,
    );
    assert.deepEqual(read.errors, []);
    assert.deepEqual(read.targets, [{ sectionId: 'skill', heading: 'Savoir', blocks: [] }]);
  });
});

describe('readXliff: bad files are refused with the line and the problem', () => {
  const cases: { name: string; text: string; line: number; message: RegExp }[] = [
    { name: 'malformed XML', text: file('<unit id="section-skill">\n<segment id="h"><target>x</segment></unit>'), line: 5, message: /not well-formed XML/ },
    { name: 'not XLIFF', text: '<?xml version="1.0"?>\n<tmx version="1.4"/>', line: 2, message: /root must be <xliff/ },
    { name: 'XLIFF 1.2', text: file('', 'xmlns="urn:oasis:names:tc:xliff:document:2.0" version="1.2" srcLang="en" trgLang="fr"'), line: 2, message: /version must be 2\.0 or 2\.1 \(got 1\.2\)/ },
    { name: 'source not English', text: file('', 'xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="de-DE" trgLang="fr"'), line: 2, message: /srcLang must be English.*got de-DE/ },
    { name: 'target not French', text: file('', 'xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="es"'), line: 2, message: /trgLang must be French.*got es/ },
    { name: 'another document', text: file('').replace(DOC, '7c000000-0000-4000-a000-00000000d001'), line: 3, message: /another document \(job-description\/7c000000/ },
    { name: 'unknown section', text: file('\n\n<unit id="section-nope"><segment id="h"><source/><target>x</target></segment></unit>'), line: 6, message: /unit "section-nope" is not a section of this document/ },
    { name: 'unit twice', text: file('<unit id="section-skill"></unit>\n<unit id="section-skill"></unit>'), line: 5, message: /appears twice/ },
    { name: 'bad segment id', text: file('<unit id="section-skill">\n<segment id="seg1"><source/></segment></unit>'), line: 5, message: /segment id "seg1" must be h .* or p1 to p1000/ },
    { name: 'segment twice', text: file('<unit id="section-skill"><segment id="p1"><source/></segment>\n<segment id="p1"><source/></segment></unit>'), line: 5, message: /segment "p1" appears twice in unit "section-skill"/ },
    { name: 'block element in a target', text: file('<unit id="section-skill"><segment id="p1"><source/>\n<target>a <b>bold</b></target></segment></unit>'), line: 5, message: /<b> is not allowed in <target>/ },
    { name: 'English target', text: file('<unit id="section-skill"><segment id="p1"><source/>\n<target xml:lang="en">a</target></segment></unit>'), line: 5, message: /<target> must be French/ },
    { name: 'two files', text: file('</file>\n<file id="f2">'), line: 5, message: /more than one <file>/ },
    { name: 'no file', text: '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr"/>', line: 1, message: /no <file> element/ },
    { name: 'empty', text: '', line: 1, message: /the file is empty/ },
  ];
  test('in French for a French-speaking importer', () => {
    const read = readXliff(file('<unit id="section-nope"></unit>'), { ...expect, lang: 'fr' });
    assert.deepEqual(read.errors, [{ line: 4, message: 'l’unité « section-nope » n’est pas une section de ce document' }]);
    assert.match(readXliff('<?xml version="1.0"?>\n<<', { ...expect, lang: 'fr' }).errors[0]!.message, /^XML mal formé : /);
  });

  for (const c of cases) {
    test(c.name, () => {
      const read = readXliff(c.text, expect);
      assert.deepEqual(read.targets, [], 'nothing to apply');
      assert.ok(read.errors.length > 0, 'an error is reported');
      assert.equal(read.errors[0]!.line, c.line, JSON.stringify(read.errors));
      assert.match(read.errors[0]!.message, c.message);
    });
  }
});
