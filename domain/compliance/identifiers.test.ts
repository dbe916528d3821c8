// Identifier rules: classification code (format, O/I for 0/1, known group), NOC 2021 and the
// language profile, with the values reviewers actually see typed into job descriptions.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkTexts } from './check.ts';
import {
  classificationFormat,
  classificationLetterForDigit,
  classificationUnknownGroup,
  languageProfileFormat,
  languageProfileLevel,
  nocFormat,
  nocLegacy,
  repairClassification,
} from './identifiers.ts';
import { pairText, setField } from './testing.ts';

const both = (enKey: string, frKey: string, value: string) => ({ en: [setField(enKey, value)], fr: [setField(frKey, value)] });
const fixes = (rule: Parameters<typeof checkTexts>[2] & object, edits: ReturnType<typeof both>) => {
  const { en, fr } = pairText(edits);
  return checkTexts(en, fr, rule).map((f) => `${f.lang} ${f.text}${f.fix ? ` -> ${f.fix}` : ''}`);
};

describe('identifiers.classification-format', () => {
  it('reports malformed codes and suggests the repaired one', () => {
    assert.deepEqual(fixes([classificationFormat], { en: [setField('Classification', 'as-2')], fr: [setField('Classification', 'PM 04')] }), ['en as-2 -> AS-02', 'fr PM 04 -> PM-04']);
    assert.deepEqual(fixes([classificationFormat], both('Classification', 'Classification', 'Program Officer level 4')), ['en Program Officer level 4', 'fr Program Officer level 4']);
    assert.deepEqual(fixes([classificationFormat], both('Classification', 'Classification', 'EC-25')), ['en EC-25', 'fr EC-25'], 'levels run from 00 to 19');
  });
  it('passes group and sub-group codes with a two-digit level', () => {
    assert.deepEqual(fixes([classificationFormat], { en: [setField('Classification', 'CT-FIN-03')], fr: [setField('Classification', 'GL-MAM-10')] }), []);
  });
});

describe('identifiers.classification-letter-for-digit', () => {
  it('reports the letters O and I typed for 0 and 1 in the level', () => {
    assert.deepEqual(fixes([classificationLetterForDigit, classificationFormat], { en: [setField('Classification', 'AS-O1')], fr: [setField('Classification', 'PM-0I')] }), ['en AS-O1 -> AS-01', 'fr PM-0I -> PM-01']);
  });
  it('does not read the O of a group code (CO, PO-IMA) as a digit', () => {
    assert.deepEqual(fixes([classificationLetterForDigit], { en: [setField('Classification', 'CO-02')], fr: [setField('Classification', 'PO-IMA-01')] }), []);
    assert.equal(repairClassification('CO-O2')?.fixed, 'CO-02');
  });
});

describe('identifiers.classification-unknown-group', () => {
  it('reports a well-formed code of a group that does not exist', () => {
    assert.deepEqual(fixes([classificationUnknownGroup], { en: [setField('Classification', 'ECO-04')], fr: [setField('Classification', 'XX-02')] }), ['en ECO-04', 'fr XX-02']);
  });
  it('knows the groups of the Treasury Board list, French code RH included', () => {
    assert.deepEqual(fixes([classificationUnknownGroup], { en: [setField('Classification', 'EC-05')], fr: [setField('Classification', 'RH-03')] }), []);
  });
});

describe('identifiers.noc-format and noc-legacy', () => {
  it('reports a TEER digit above 5, a wrong length, and the letter O for zero', () => {
    assert.deepEqual(fixes([nocFormat], { en: [setField('NOC', '17100')], fr: [setField('CNP', '4140')] }), ['en 17100']);
    assert.deepEqual(fixes([nocFormat], { en: [setField('NOC', '414O7')], fr: [setField('CNP', '414071')] }), ['en 414O7 -> 41407', 'fr 414071']);
  });
  it('warns on four-digit NOC 2016 codes', () => {
    assert.deepEqual(fixes([nocLegacy, nocFormat], both('NOC', 'CNP', '2171')), ['en 2171', 'fr 2171']);
  });
  it('passes five-digit codes, with the occupation name after them', () => {
    assert.deepEqual(fixes([nocFormat, nocLegacy], { en: [setField('NOC', '41401 – Economists and economic policy researchers')], fr: [setField('CNP', '41401')] }), []);
  });
});

describe('identifiers.language-profile-format and -level', () => {
  it('reports X and E, which are results and exemptions, once per profile', () => {
    assert.deepEqual(fixes([languageProfileLevel, languageProfileFormat], both('Language profile', 'Profil linguistique', 'BXB/BXB')), ['en BXB', 'fr BXB']);
    assert.deepEqual(fixes([languageProfileLevel], { en: [setField('Language profile', 'CEC/CBC')], fr: [setField('Profil linguistique', 'CBC/CBC')] }), ['en CEC']);
  });
  it('reports profiles that are not three levels', () => {
    assert.deepEqual(fixes([languageProfileFormat, languageProfileLevel], { en: [setField('Language profile', 'CBCB')], fr: [setField('Profil linguistique', 'Bilingue impératif')] }), ['en CBCB', 'fr Bilingue impératif']);
    assert.deepEqual(fixes([languageProfileFormat], { en: [setField('Language profile', 'CBD/CBC')], fr: [setField('Profil linguistique', 'CBC/CBC')] }), ['en CBD']);
  });
  it('passes A/B/C/P and -, with words around, and unilingual requirements', () => {
    assert.deepEqual(fixes([languageProfileFormat, languageProfileLevel], { en: [setField('Language profile', 'Bilingual imperative CBC/CBC')], fr: [setField('Profil linguistique', 'BB-/BB-')] }), []);
    assert.deepEqual(fixes([languageProfileFormat, languageProfileLevel], { en: [setField('Language profile', 'English essential')], fr: [setField('Profil linguistique', 'Anglais essentiel')] }), []);
    assert.deepEqual(fixes([languageProfileFormat, languageProfileLevel], both('Language profile', 'Profil linguistique', 'CPC/CPC')), []);
  });
});
