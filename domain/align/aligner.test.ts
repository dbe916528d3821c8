import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { alignSentences } from './aligner.ts';
import { alignTexts } from './documents.ts';
import { goldText, JOB_DESCRIPTION_GOLD } from './fixtures/job-descriptions.ts';

function coversEverySentenceOnce(beads: { en: number[]; fr: number[] }[], ne: number, nf: number) {
  assert.deepEqual(beads.flatMap((b) => b.en), Array.from({ length: ne }, (_, i) => i));
  assert.deepEqual(beads.flatMap((b) => b.fr), Array.from({ length: nf }, (_, j) => j));
}

describe('aligner', () => {
  it('reaches a strict bead F1 of at least 0.95 on the job-description gold set', () => {
    let hits = 0;
    let predicted = 0;
    let gold = 0;
    for (const document of JOB_DESCRIPTION_GOLD) {
      const { beads, warnings } = alignTexts(goldText(document, 0), goldText(document, 1));
      assert.deepEqual(warnings, []);
      const goldBeads = new Set(document.sections.flat(2).map(([en, fr]) => JSON.stringify([en, fr])));
      hits += beads.filter((b) => goldBeads.has(JSON.stringify([b.en, b.fr]))).length;
      predicted += beads.length;
      gold += goldBeads.size;
    }
    const f1 = (2 * hits) / (predicted + gold);
    assert.ok(f1 >= 0.95, `F1 ${f1.toFixed(3)}`);
  });

  it('puts every sentence in exactly one bead, with a confidence in [0, 1]', () => {
    const en = ['Plans the work of the unit.', 'Sets priorities.', 'Reviews 12 files a week.', 'Reports to the director.'];
    const fr = ['Planifie le travail de l’unité et établit les priorités.', 'Examine 12 dossiers par semaine.', 'Relève du directeur.'];
    const beads = alignSentences({ sentences: en }, { sentences: fr });
    coversEverySentenceOnce(beads, en.length, fr.length);
    assert.deepEqual(beads.map((b) => [b.en, b.fr]), [[[0, 1], [0]], [[2], [1]], [[3], [2]]]);
    for (const bead of beads) assert.ok(bead.score >= 0 && bead.score <= 1);
  });

  it('leaves everything unaligned when one side is empty, and warns', () => {
    assert.deepEqual(alignSentences({ sentences: ['One.', 'Two.'] }, { sentences: [] }), [
      { en: [0], fr: [], score: 0 },
      { en: [1], fr: [], score: 0 },
    ]);
    const result = alignTexts('Skill\nKnowledge is required.', '');
    assert.match(result.warnings.join(' '), /French text is empty/);
    assert.equal(result.beads.length, 2);
  });

  it('aligns mismatched section counts as one text, with a warning', () => {
    const result = alignTexts('Skill\nKnowledge of SQL.\n\nEffort\nConcentration.', 'Compétences\nConnaissance de SQL.\nEffort\nConcentration.');
    assert.match(result.warnings.join(' '), /2 sections and the French text 1/);
    assert.deepEqual(result.beads.map((b) => [b.en, b.fr]), [
      [['Skill'], ['Compétences']],
      [['Knowledge of SQL.'], ['Connaissance de SQL.']],
      [['Effort'], ['Effort']],
      [['Concentration.'], ['Concentration.']],
    ]);
  });

  it('uses glossary pairs and the embedding hook as evidence', () => {
    // Equal lengths: only the evidence can tell which English sentence has no translation.
    const en = ['Abcdefghij klmnop.', 'Qrstuvwxyz abcdef.', 'Bcdefghijk lmnopq.'];
    const fr = ['Zyxwvutsrq ponmlk.', 'Jihgfedcba zyxwvu.'];
    const pairs = (beads: { en: number[]; fr: number[] }[]) => beads.map((b) => [b.en, b.fr]);
    const similar = (matches: [number, number][]) => (e: number, f: number) => (matches.some(([x, y]) => x === e && y === f) ? 1 : -1);
    const first = alignSentences({ sentences: en }, { sentences: fr }, { similarity: similar([[0, 0], [2, 1]]), similarityWeight: 20 });
    assert.deepEqual(pairs(first), [[[0], [0]], [[1], []], [[2], [1]]]);
    const second = alignSentences({ sentences: en }, { sentences: fr }, { similarity: similar([[1, 0], [2, 1]]), similarityWeight: 20 });
    assert.deepEqual(pairs(second), [[[0], []], [[1], [0]], [[2], [1]]]);
    // Glossary pairs move the break: which English sentence joins the first French one
    // depends on the terms, with lengths that cannot tell.
    const withGlossary = (glossary: [string, string][]) => pairs(alignSentences({ sentences: en }, { sentences: fr }, { glossary }));
    assert.deepEqual(withGlossary([['qrstuvwxyz', 'zyxwvutsrq'], ['bcdefghijk', 'jihgfedcba']]), [[[0, 1], [0]], [[2], [1]]]);
    assert.deepEqual(withGlossary([['abcdefghij', 'zyxwvutsrq'], ['qrstuvwxyz', 'jihgfedcba']]), [[[0], [0]], [[1, 2], [1]]]);
  });

  it('keeps memory linear: a long text is aligned inside a band', () => {
    const en = Array.from({ length: 3000 }, (_, i) => `Item ${i} reviews the file ${i * 7}.`);
    const fr = Array.from({ length: 3000 }, (_, i) => `Élément ${i} : examine le dossier ${i * 7}.`);
    const passes: { cells: number }[] = [];
    const beads = alignSentences({ sentences: en }, { sentences: fr }, { onPass: (pass) => passes.push(pass) });
    coversEverySentenceOnce(beads, 3000, 3000);
    assert.equal(passes.length, 1);
    assert.ok(passes[0]!.cells <= 3001 * 40, `${passes[0]!.cells} cells for 3 000 sentences`);
    assert.ok(beads.every((b) => b.en.length === 1 && b.fr.length === 1 && b.en[0] === b.fr[0]));
  });

  it('aligns texts that are not translations of each other, every sentence once, in a bounded band', () => {
    const en = Array.from({ length: 4000 }, (_, i) => `Sentence ${i % 97} about the budget and staffing of the unit.`);
    const fr = Array.from({ length: 500 }, (_, j) => `Phrase ${j % 13} : autre chose, ${'très '.repeat(j % 7)}longue.`);
    const passes: { cells: number; halfWidth: number }[] = [];
    const beads = alignSentences({ sentences: en }, { sentences: fr }, { onPass: (pass) => passes.push(pass) });
    coversEverySentenceOnce(beads, en.length, fr.length);
    assert.ok(passes.every((pass) => pass.halfWidth <= 256), JSON.stringify(passes));
  });
});
