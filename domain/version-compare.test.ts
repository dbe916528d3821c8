import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as Y from 'yjs';
import { compareDocuments, wordRuns } from './version-compare.ts';

/** A Y.Doc with the sections' [heading, paragraph] in each language, as the editor stores them. */
function docOf(sections: Record<string, { en: [string, string]; fr: [string, string] }>): Y.Doc {
  const doc = new Y.Doc();
  for (const lang of ['en', 'fr'] as const) {
    const fragment = doc.getXmlFragment(lang);
    for (const [id, texts] of Object.entries(sections)) {
      const section = new Y.XmlElement('section');
      section.setAttribute('sectionId', id);
      section.setAttribute('kind', 'custom');
      const [heading, paragraph] = texts[lang].map((text, i) => {
        const block = new Y.XmlElement(i === 0 ? 'heading' : 'paragraph');
        block.insert(0, [new Y.XmlText(text)]);
        return block;
      });
      section.insert(0, [heading!, paragraph!]);
      fragment.push([section]);
    }
  }
  return doc;
}

describe('version comparison', () => {
  it('marks words added and removed, keeping spaces in the unchanged runs', () => {
    assert.deepEqual(wordRuns('Manages a small team', 'Manages a large team'), [
      { kind: 'same', text: 'Manages a ' },
      { kind: 'removed', text: 'small' },
      { kind: 'added', text: 'large' },
      { kind: 'same', text: ' team' },
    ]);
  });

  it('compares two documents per section in both languages, with sections added and removed', () => {
    const before = docOf({
      skill: { en: ['Skill', 'Knows the rules.'], fr: ['Compétences', 'Connaît les règles.'] },
      effort: { en: ['Effort', 'Sits.'], fr: ['Effort', 'Assis.'] },
    });
    const after = docOf({
      skill: { en: ['Skill', 'Knows the new rules.'], fr: ['Compétences', 'Connaît les nouvelles règles.'] },
      extra: { en: ['Extra', 'More.'], fr: ['Supplément', 'Plus.'] },
    });
    const sections = compareDocuments(before, after);
    assert.deepEqual(
      sections.map((s) => [s.sectionId, s.presence, s.changed]),
      [
        ['skill', 'both', true],
        ['effort', 'removed', true],
        ['extra', 'added', true],
      ],
    );
    const skill = sections[0]!;
    assert.deepEqual(skill.langs.en.body.filter((r) => r.kind !== 'same'), [{ kind: 'added', text: 'new ' }]);
    assert.deepEqual(skill.langs.fr.body.filter((r) => r.kind !== 'same'), [{ kind: 'added', text: 'nouvelles ' }]);
    assert.equal(skill.langs.en.heading.every((r) => r.kind === 'same'), true);
    assert.equal(sections[1]!.title.fr, 'Effort');
  });
});
