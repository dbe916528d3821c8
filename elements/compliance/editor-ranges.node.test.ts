// Where "Show in text" and "Apply fix" act: a finding's words as a whole word, in its section,
// its occurrence counted as the stored key counts it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Node as PmNode } from 'prosemirror-model';
import { jdSchema } from '../core/schema.js';
import type { LiveFinding } from './findings-protocol.js';
import { findingRange } from './editor-ranges.js';

const { nodes } = jdSchema;
const paragraph = (t: string) => nodes['paragraph']!.create(null, [jdSchema.text(t)]);
const heading = (t: string) => nodes['heading']!.create({ level: 2 }, [jdSchema.text(t)]);
const section = (sectionId: string, ...texts: string[]) => nodes['section']!.create({ sectionId, kind: 'custom' }, [heading(sectionId), ...texts.map(paragraph)]);
const doc = (...sections: PmNode[]) => nodes['doc']!.create(null, sections);

const pronoun = (section: string, occurrence = 0): LiveFinding => ({
  id: 'inclusive.generic-pronoun',
  family: 'inclusive',
  severity: 'warning',
  lang: 'en',
  section,
  text: 'he',
  message: { en: '', fr: '' },
  fix: 'they',
  source: '',
  key: null,
  occurrence,
});
const wordAt = (d: PmNode, range: { from: number; to: number } | null) => (range ? `${d.textBetween(range.from, range.to)}@${d.textBetween(range.from - 4, range.from)}` : null);

describe('findingRange', () => {
  it('finds "he" as a word, never inside "the" or "where", in the finding\'s section', () => {
    const d = doc(section('skill', 'he knows'), section('key-activities', 'Reviews the files where needed; he will advise.', 'Then he signs.'));
    assert.equal(wordAt(d, findingRange(d, pronoun('key-activities'))), 'he@ed; ');
    assert.equal(wordAt(d, findingRange(d, pronoun('key-activities', 1))), 'he@hen ');
    const inSkill = findingRange(d, pronoun('skill'))!;
    assert.equal(d.textBetween(inSkill.from, inSkill.to + 6), 'he knows');
  });

  it('has no range for the identification or words not in the text', () => {
    const d = doc(section('key-activities', 'Reviews the files.'));
    assert.equal(findingRange(d, pronoun('key-activities')), null);
    assert.equal(findingRange(d, { ...pronoun('identification'), text: 'Reviews' }), null);
  });
});
