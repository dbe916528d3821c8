// Structure rules: the position identification and the TBS sections, each with a mistake a
// reviewer sends back (positive) and the correct text (negative), in English and French.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkTexts } from './check.ts';
import { identificationFieldMissing, identificationMissing, sectionEmpty, sectionMissing, sectionOrder } from './structure.ts';
import { findingsOf, pairText, setField, type Edit } from './testing.ts';

const dropSection = (heading: string): Edit => (jd) => {
  jd.sections = jd.sections.filter(([h]) => h !== heading);
};
const swapSections = (a: string, b: string): Edit => (jd) => {
  const i = jd.sections.findIndex(([h]) => h === a);
  const j = jd.sections.findIndex(([h]) => h === b);
  [jd.sections[i], jd.sections[j]] = [jd.sections[j]!, jd.sections[i]!];
};
const emptySection = (heading: string): Edit => (jd) => {
  jd.sections.find(([h]) => h === heading)![1] = [];
};

describe('structure.identification-missing', () => {
  it('reports a document that starts with a section instead of the identification', () => {
    const { en, fr } = pairText();
    const withoutIdentification = (text: string) => text.slice(text.indexOf('\n\n') + 2);
    assert.deepEqual(checkTexts(withoutIdentification(en), fr, [identificationMissing]).map((f) => `${f.lang} ${f.text}`), ['en Position identification']);
    assert.deepEqual(checkTexts(en, withoutIdentification(fr), [identificationMissing]).map((f) => `${f.lang} ${f.text}`), ['fr Identification du poste']);
  });
  it('accepts the identification with or without a heading of its own', () => {
    const { en, fr } = pairText();
    assert.deepEqual(checkTexts(`Position Identification\n${en}`, `Identification du poste\n${fr}`, [identificationMissing]), []);
    assert.deepEqual(checkTexts(en, fr, [identificationMissing]), []);
  });
});

describe('structure.identification-field-missing', () => {
  it('names the missing or empty field in each language', () => {
    assert.deepEqual(findingsOf(identificationFieldMissing, { en: [setField('Position number', null)], fr: [setField('CNP', '')] }), [
      'en identification: Position number',
      'fr identification: CNP',
    ]);
  });
  it('passes a complete identification', () => {
    assert.deepEqual(findingsOf(identificationFieldMissing), []);
  });
});

describe('structure.section-missing', () => {
  it('names the missing section in its language', () => {
    assert.deepEqual(findingsOf(sectionMissing, { en: [dropSection('Effort')], fr: [dropSection('Conditions de travail')] }), ['en effort: Effort', 'fr working-conditions: Conditions de travail']);
  });
  it('recognizes the headings as written, plural or numbered', () => {
    const rename = (from: string, to: string): Edit => (jd) => {
      jd.sections.find(([h]) => h === from)![0] = to;
    };
    assert.deepEqual(findingsOf(sectionMissing, { en: [rename('Responsibility', 'Responsibilities'), rename('Skill', '3. Skills')], fr: [rename('Responsabilité', 'RESPONSABILITÉS')] }), []);
  });
  it('does not take an English heading in the French version for the French section', () => {
    const english: Edit = (jd) => {
      jd.sections.find(([h]) => h === 'Compétences')![0] = 'Skill';
    };
    assert.deepEqual(findingsOf(sectionMissing, { fr: [english] }), ['fr skill: Compétences']);
  });
});

describe('structure.section-order', () => {
  it('reports the section out of the prescribed order (of two swapped, the later one)', () => {
    assert.deepEqual(findingsOf(sectionOrder, { en: [swapSections('Skill', 'Effort')], fr: [swapSections('Responsabilité', 'Conditions de travail')] }), [
      'en skill: Skill',
      'fr responsibility: Responsabilité',
    ]);
  });
  it('reports only the moved section when one section moves far', () => {
    const moveFirstToEnd: Edit = (jd) => {
      jd.sections.push(jd.sections.shift()!);
    };
    assert.deepEqual(findingsOf(sectionOrder, { en: [moveFirstToEnd] }), ['en client-service-results: Client Service Results']);
  });
  it('passes the prescribed order, with a custom section anywhere', () => {
    const custom: Edit = (jd) => {
      jd.sections.splice(2, 0, ['Supervision', ['Supervises two program assistants.']]);
    };
    assert.deepEqual(findingsOf(sectionOrder, { en: [custom] }), []);
  });
});

describe('structure.section-empty', () => {
  it('reports a heading without content', () => {
    assert.deepEqual(findingsOf(sectionEmpty, { en: [emptySection('Effort')], fr: [emptySection('Effort')] }), ['en effort: Effort', 'fr effort: Effort']);
  });
  it('passes sections with content', () => {
    assert.deepEqual(findingsOf(sectionEmpty), []);
  });
});
