// The whole check: the finding shape the CLI and the editor rely on, the order of findings,
// and criterion 1's look-alikes that must trigger nothing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkTexts, RULES } from './check.ts';
import { addLine, pairText, setField } from './testing.ts';

describe('checkTexts', () => {
  it('returns findings of the documented shape, errors first', () => {
    const { en, fr } = pairText({ en: [setField('Classification', 'AS-O2'), addLine('Skill', 'He reviews files.')], fr: [] });
    const found = checkTexts(en, fr);
    assert.deepEqual(found.map((f) => f.severity), ['error', 'error', 'warning']);
    const [first] = found;
    assert.deepEqual(Object.keys(first!).sort(), ['family', 'fix', 'id', 'lang', 'message', 'section', 'severity', 'source', 'text']);
    assert.deepEqual(first, {
      id: 'identifiers.classification-letter-for-digit',
      family: 'identifiers',
      severity: 'error',
      lang: 'en',
      section: 'identification',
      text: 'AS-O2',
      message: RULES.find((r) => r.id === 'identifiers.classification-letter-for-digit')!.message,
      fix: 'AS-02',
      source: RULES.find((r) => r.id === 'identifiers.classification-letter-for-digit')!.source,
    });
  });

  it('every rule has a unique id, a family, both messages and a source', () => {
    assert.equal(new Set(RULES.map((r) => r.id)).size, RULES.length);
    for (const rule of RULES) {
      assert.ok(rule.id.startsWith(`${rule.family}.`), rule.id);
      assert.ok(rule.message.en && rule.message.fr && rule.source.length > 20, rule.id);
    }
  });

  it('"Responsibility" as a section heading, and the program names, trigger nothing', () => {
    const { en, fr } = pairText({
      en: [addLine('Client Service Results', 'Delivers the Youth Employment Strategy and Young Canada Works to employers who hire young people.')],
      fr: [addLine('Résultats axés sur le service à la clientèle', 'Exécute la Stratégie emploi et compétences jeunesse et Jeunesse Canada au travail auprès des employeurs qui embauchent des jeunes.')],
    });
    assert.deepEqual(checkTexts(en, fr), []);
  });

  it('reports everything missing on empty input instead of failing', () => {
    const found = checkTexts('', '');
    assert.deepEqual(found.map((f) => `${f.id} ${f.lang}`).filter((x) => !x.startsWith('structure.section-missing')), ['structure.identification-missing en', 'structure.identification-missing fr']);
    assert.equal(found.filter((f) => f.id === 'structure.section-missing').length, 12);
  });
});
