// The terminology matcher (issue #13, acceptance criterion 4): the glossary cases (the same
// ones run against glossary_lookup in scripts/glossary-parity.test.ts and, in pgTAP, in
// supabase/tests/database/56-glossary.test.sql), the spans the editor underlines, and the
// French word rules.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GLOSSARY, GLOSSARY_CASES } from './glossary-cases.ts';
import { frenchWordKey, GlossaryMatcher, glossaryKey, underlinedHits } from './glossary.ts';

const matcher = new GlossaryMatcher(GLOSSARY);

describe('GlossaryMatcher: the glossary cases', () => {
  for (const example of GLOSSARY_CASES) {
    it(`${example.topic} (${example.lang}): ${example.text}`, () => {
      const found = matcher.lookup(example.text, example.lang);
      assert.deepEqual(
        found.map((hit) => ({ term: hit.text, status: hit.term.status, approvedEquivalents: hit.approvedEquivalents })),
        example.found.map(({ covers: _covers, ...rest }) => rest),
      );
      const all = matcher.find(example.text, example.lang);
      for (const expected of example.found) {
        assert.deepEqual(
          all.filter((hit) => hit.text === expected.term && hit.term.status === expected.status)
            .map((hit) => example.text.slice(hit.span.start, hit.span.end)),
          expected.covers,
          `where "${expected.term}" occurs`,
        );
      }
    });
  }
});

describe('glossary keys', () => {
  it('reduce French plurals and feminines to one form', () => {
    assert.deepEqual(['agent', 'agente', 'agents', 'agentes'].map(frenchWordKey), ['agent', 'agent', 'agent', 'agent']);
    assert.deepEqual(['directeur', 'directrice', 'directrices'].map(frenchWordKey), ['directeur', 'directeur', 'directeur']);
    assert.deepEqual(['principal', 'principaux'].map(frenchWordKey), ['principal', 'principal']);
    assert.deepEqual(['actif', 'active', 'actives'].map(frenchWordKey), ['actif', 'actif', 'actif']);
    assert.deepEqual(['officiel', 'officielles'].map(frenchWordKey), ['officiel', 'officiel']);
    assert.deepEqual(['les', 'des', 'une'].map(frenchWordKey), ['les', 'des', 'une']);
  });
  it('fold accents, case, hyphens and elided articles', () => {
    assert.equal(glossaryKey("L’Équipe des sous-ministres, mise en Œuvre", 'fr'), 'l equip des sou ministr mis en oeuvr');
    assert.equal(glossaryKey("The manager's Café", 'en'), 'the manager s cafe');
  });
});

describe('underlinedHits', () => {
  it('keeps the longest of overlapping terms, in text order', () => {
    const text = 'Les agentes de programmes rencontrent les agents.';
    assert.deepEqual(underlinedHits(matcher.find(text, 'fr')).map((hit) => [text.slice(hit.span.start, hit.span.end), hit.text]), [
      ['agentes de programmes', 'agent de programme'],
      ['agents', 'agent'],
    ]);
  });
});
