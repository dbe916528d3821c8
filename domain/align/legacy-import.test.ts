import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importLegacyPair, type SourceParagraph } from './legacy-import.ts';
import { htmlParagraphs, textParagraphs } from './legacy-import-source.ts';

const h = (text: string): SourceParagraph => ({ text, heading: true });
const p = (text: string): SourceParagraph => ({ text, heading: false });

const EN: SourceParagraph[] = [
  h('Job Description'),
  p('Position title: Program Officer'),
  p('Classification: PM-4'),
  p('NOC: 41409'),
  p('Language profile: CBC/CBC'),
  p('Position number: 12345'),
  h('1. CLIENT SERVICE RESULTS:'),
  p('Delivers grants and contributions to community organizations across the region.'),
  h('Key activities'),
  p('Reviews funding applications. Recommends approval to the manager.'),
  p('Monitors 25 agreements a year.'),
  h('Skills'),
  p('Knowledge of the Financial Administration Act is required.'),
  h('Effort'),
  p('Concentration is needed to review files.'),
  h('Responsibility'),
  p('Advises clients on program terms.'),
  h('Working Conditions'),
  p('Works in an open office.'),
  h('Travel'),
  p('Travels to rural communities twice a month.'),
];

const FR: SourceParagraph[] = [
  h('Description de travail'),
  p('Titre du poste : Agente ou agent de programme'),
  p('Classification : PM-04'),
  p('CNP : 41409'),
  p('Profil linguistique : CBC/CBC'),
  h('Résultats axés sur le service à la clientèle'),
  p('Offre des subventions et des contributions aux organismes communautaires de la région.'),
  h('2. Activités principales'),
  p('Examine les demandes de financement. Recommande leur approbation au gestionnaire.'),
  p('Surveille 25 accords par année.'),
  h('COMPÉTENCES'),
  p('La connaissance de la Loi sur la gestion des finances publiques est requise.'),
  h('Effort'),
  p('La concentration est nécessaire pour examiner les dossiers.'),
  h('Responsabilité :'),
  p('Conseille les clients sur les modalités du programme.'),
  h('Déplacements'),
  p('Se rend dans les collectivités rurales deux fois par mois.'),
];

let ids = 0;
const options = { customSectionId: () => `custom-${++ids}` };

describe('legacy import', () => {
  it('recognises the TBS sections by their headings in either language, whatever the case, accents, numbering and colon', () => {
    const result = importLegacyPair(EN, FR, options);
    const enIds = result.sections.en.map((s) => s.sectionId);
    assert.deepEqual(enIds.slice(0, 6), ['client-service-results', 'key-activities', 'skill', 'effort', 'responsibility', 'working-conditions']);
    assert.deepEqual(result.sections.fr.map((s) => s.sectionId), enIds, 'both languages have the same sections in the same order');
    assert.equal(result.sections.en[0]!.heading, '1. CLIENT SERVICE RESULTS:');
    assert.deepEqual(result.sections.en[1]!.paragraphs, ['Reviews funding applications. Recommends approval to the manager.', 'Monitors 25 agreements a year.']);
    assert.equal(result.sections.fr[2]!.heading, 'COMPÉTENCES');
    // Working conditions are missing in French: kept, with the TBS title and no text.
    assert.equal(result.sections.fr[5]!.heading, 'Conditions de travail');
    assert.deepEqual(result.sections.fr[5]!.paragraphs, []);
    // The unrecognised heading is a custom section paired by order.
    assert.equal(result.sections.en[6]!.kind, 'custom');
    assert.equal(result.sections.en[6]!.heading, 'Travel');
    assert.equal(result.sections.fr[6]!.heading, 'Déplacements');
  });

  it('reads the identification fields and repairs what the columns would refuse', () => {
    const { identification, warnings } = importLegacyPair(EN, FR, options);
    assert.deepEqual(identification, {
      title_en: 'Program Officer',
      title_fr: 'Agente ou agent de programme',
      classification: 'PM-04',
      noc_code: '41409',
      language_profile: 'CBC/CBC',
      position_number: '12345',
    });
    assert.ok(!warnings.some((w) => w.en.includes('classification')), 'PM-4 and PM-04 are the same classification once repaired');
  });

  it('warns about unrecognised headings, missing sections and mismatched section counts', () => {
    const warnings = importLegacyPair(EN, FR, options).warnings.map((w) => w.en);
    assert.ok(warnings.includes('The English document has 7 sections and the French document 6.'), warnings.join('\n'));
    assert.ok(warnings.includes('The French document has no "Conditions de travail" section: it is left empty.'));
    assert.ok(importLegacyPair(EN, FR, options).warnings.some((w) => w.fr === 'Le document français n’a pas de section « Conditions de travail » : elle est laissée vide.'));
    assert.ok(warnings.includes('The heading "Travel" in the English document is not a TBS section: kept as a section of its own.'));
  });

  it('aligns the pair section by section, headings included, every sentence once', () => {
    const { pairs, sections } = importLegacyPair(EN, FR, options);
    const pair = (en: string) => pairs.find((b) => b.en.includes(en));
    assert.deepEqual(pair('Reviews funding applications.')?.fr, ['Examine les demandes de financement.']);
    assert.deepEqual(pair('Monitors 25 agreements a year.')?.fr, ['Surveille 25 accords par année.']);
    assert.deepEqual(pair('Key activities')?.fr, ['2. Activités principales']);
    assert.deepEqual(pair('Works in an open office.')?.fr, [], 'a sentence of a section missing in French stays unaligned');
    const enSentences = pairs.flatMap((b) => b.en);
    assert.equal(new Set(enSentences).size, enSentences.length);
    assert.ok(enSentences.length >= sections.en.length);
    for (const b of pairs) assert.ok(b.score >= 0 && b.score <= 1);
  });

  it('gives a best-effort draft with warnings for a document without any TBS heading or text', () => {
    const result = importLegacyPair([], [p('Du texte sans titre de section.')], options);
    assert.deepEqual(result.sections.en, []);
    assert.deepEqual(result.pairs, []);
    assert.ok(result.warnings.some((w) => w.en === 'No TBS section heading was recognised in the English document.' && w.fr === 'Aucun titre de section du SCT n’a été reconnu dans le document anglais.'));
    assert.ok(result.warnings.some((w) => w.en === 'No title found in the English document.' && w.fr === 'Aucun titre trouvé dans le document anglais.'));
  });

  it('drops identifiers the database would refuse, naming them', () => {
    const { identification, warnings } = importLegacyPair([p('Classification: ZZ-99'), p('NOC: abc'), h('Skill'), p('Writes.')], [h('Compétences'), p('Rédige.')], options);
    assert.equal(identification.classification, undefined);
    assert.equal(identification.noc_code, undefined);
    assert.deepEqual(
      warnings.find((w) => w.en.startsWith('The classification')),
      { en: 'The classification "ZZ-99" in the English document is not valid: left empty.', fr: 'La classification « ZZ-99 » dans le document anglais n’est pas valide : le champ reste vide.' },
    );
  });
});

describe('legacy import sources', () => {
  it('reads paragraphs and headings from HTML as mammoth writes it', () => {
    const html =
      '<h1>Job Description</h1><p><strong>Classification:</strong> AS-02</p><h2>Key Activities</h2><ul><li>Plans work &amp; sets priorities.</li><li>Advises the director&#8217;s office.</li></ul><p>Line one<br />line two</p><table><tr><td>Cell</td></tr></table>';
    assert.deepEqual(htmlParagraphs(html), [
      { text: 'Job Description', heading: true },
      { text: 'Classification: AS-02', heading: false },
      { text: 'Key Activities', heading: true },
      { text: 'Plans work & sets priorities.', heading: false },
      { text: 'Advises the director’s office.', heading: false },
      { text: 'Line one', heading: false },
      { text: 'line two', heading: false },
      { text: 'Cell', heading: false },
    ]);
  });

  it('ignores scripts, styles and comments in HTML', () => {
    assert.deepEqual(htmlParagraphs('<html><head><title>x</title><style>p{}</style></head><body><script>alert(1)</script><!-- c --><p>Text</p></body></html>'), [{ text: 'Text', heading: false }]);
  });

  it('reads plain text: a short first line of a block without final punctuation is a heading', () => {
    assert.deepEqual(textParagraphs('Key Activities\nPlans work.\nSets priorities.\n\nSkill\nKnows the Act.'), [
      { text: 'Key Activities', heading: true },
      { text: 'Plans work.', heading: false },
      { text: 'Sets priorities.', heading: false },
      { text: 'Skill', heading: true },
      { text: 'Knows the Act.', heading: false },
    ]);
  });
});
