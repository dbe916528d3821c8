// Glossary flags of an AI answer: forbidden French terms used, approved equivalents missing,
// found with the glossary matcher (elision, plurals, feminines, accents).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GlossaryGrounding } from './assist-types.ts';
import { glossaryFlags } from './glossary-flags.ts';

const approved = (id: string, source: string, target: string): GlossaryGrounding => ({ id, source, target, status: 'approved', approvedEquivalents: null });
const forbidden = (id: string, source: string, target: string, approvedEquivalents: string[]): GlossaryGrounding => ({ id, source, target, status: 'forbidden', approvedEquivalents });

// What glossary_lookup returns for "Meets every deadline set by the program officer." (English).
const EN_TO_FR = [approved('g1', 'program officer', 'agent de programme'), approved('g2', 'deadline', 'date limite'), forbidden('g3', 'deadline', 'deadline', ['date limite'])];

describe('glossaryFlags', () => {
  it('passes a translation that uses the approved terms, however inflected (« agentes de programmes », « dates limites »)', () => {
    assert.deepEqual(glossaryFlags('Respecte les dates limites fixées par les agentes de programmes.', 'fr', EN_TO_FR), []);
  });

  it('flags a forbidden French term used, with its approved equivalent, and the approved term then missing', () => {
    assert.deepEqual(glossaryFlags('Respecte chaque DEADLINE fixée par l’agent de programme.', 'fr', EN_TO_FR), [
      { kind: 'forbidden-term-used', term_id: 'g3', expected: 'date limite', found: 'DEADLINE' },
      { kind: 'approved-term-missing', term_id: 'g2', expected: 'date limite', found: null },
    ]);
  });

  it('flags an approved term whose equivalent the translation lacks', () => {
    assert.deepEqual(glossaryFlags('Respecte chaque date limite fixée par l’agent.', 'fr', EN_TO_FR), [{ kind: 'approved-term-missing', term_id: 'g1', expected: 'agent de programme', found: null }]);
  });

  it('takes any of several approved equivalents of one term', () => {
    const two = [approved('a', 'meeting', 'réunion'), approved('b', 'meeting', 'rencontre')];
    assert.deepEqual(glossaryFlags('Prépare les rencontres.', 'fr', two), []);
    assert.deepEqual(glossaryFlags('Prépare les dossiers.', 'fr', two), [{ kind: 'approved-term-missing', term_id: 'a', expected: 'réunion', found: null }]);
  });

  it('into English: finds approved terms in the plural, and does not apply French forbidden terms to English', () => {
    // glossary_lookup on the French text « Les agents de programme préparent le meeting. »
    const frToEn = [approved('g1', 'agent de programme', 'program officer'), forbidden('g6', 'meeting', 'meeting', ['réunion'])];
    assert.deepEqual(glossaryFlags('Program officers prepare the meeting.', 'en', frToEn), []);
    assert.deepEqual(glossaryFlags('Officers prepare the meeting.', 'en', frToEn), [{ kind: 'approved-term-missing', term_id: 'g1', expected: 'program officer', found: null }]);
  });

  it('in the same language (improve in French): a forbidden term kept is flagged, an approved term dropped is flagged', () => {
    // glossary_lookup on « Le meeting des agents de programme » (French).
    const fr = [forbidden('g6', 'meeting', 'meeting', ['réunion']), approved('g1', 'agent de programme', 'program officer')];
    assert.deepEqual(glossaryFlags('La réunion des agentes et agents de programme.', 'fr', fr, 'fr'), []);
    assert.deepEqual(glossaryFlags('Le meeting des personnes.', 'fr', fr, 'fr'), [
      { kind: 'forbidden-term-used', term_id: 'g6', expected: 'réunion', found: 'meeting' },
      { kind: 'approved-term-missing', term_id: 'g1', expected: 'agent de programme', found: null },
    ]);
  });

  it('ignores pending terms', () => {
    assert.deepEqual(glossaryFlags('Rien.', 'fr', [{ id: 'p', source: 'x', target: 'y', status: 'pending', approvedEquivalents: null }]), []);
  });
});
