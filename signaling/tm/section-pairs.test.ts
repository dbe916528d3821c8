// The harvest's pairing and alignment step, without a database: sections paired by id, headings
// as pairs, sentences aligned inside each section pair, untranslated and doubtful beads left out.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sectionPairs, type ApprovedSection } from './section-pairs.js';

const section = (lang: 'en' | 'fr', section_id: string, heading: string | null, body: string | null): ApprovedSection => ({ section_id, lang, heading, body });

test('sections are paired by id, whatever their order, and a section missing in one language gives nothing', () => {
  const pairs = sectionPairs([
    section('fr', 'effort', 'Effort physique', 'Le travail exige de longues périodes en position assise.'),
    section('en', 'skill', 'Skill', 'Knowledge of the Financial Administration Act.'),
    section('en', 'effort', 'Physical effort', 'The work requires long periods of sitting.'),
    section('fr', 'skill', 'Compétences', 'Connaissance de la Loi sur la gestion des finances publiques.'),
    section('en', 'only-english', 'Notes', 'Nothing in French.'),
  ]);
  assert.deepEqual(pairs, [
    { section_id: 'skill', en: 'Skill', fr: 'Compétences' },
    { section_id: 'skill', en: 'Knowledge of the Financial Administration Act.', fr: 'Connaissance de la Loi sur la gestion des finances publiques.' },
    { section_id: 'effort', en: 'Physical effort', fr: 'Effort physique' },
    { section_id: 'effort', en: 'The work requires long periods of sitting.', fr: 'Le travail exige de longues périodes en position assise.' },
  ]);
});

test('sentences are aligned inside a section: a sentence translated as two becomes one pair, lines stay apart', () => {
  const pairs = sectionPairs([
    section('en', 'key', '', 'Plans the annual audit program of the region, sets its priorities and assigns the work to the team. Reviews the reports.\nAdvises the director on risks in 2025.'),
    section('fr', 'key', '', 'Planifie le programme annuel de vérification de la région et en fixe les priorités. Il attribue le travail à l\'équipe. Examine les rapports.\nConseille le directeur sur les risques en 2025.'),
  ]);
  assert.deepEqual(pairs, [
    {
      section_id: 'key',
      en: 'Plans the annual audit program of the region, sets its priorities and assigns the work to the team.',
      fr: 'Planifie le programme annuel de vérification de la région et en fixe les priorités. Il attribue le travail à l\'équipe.',
    },
    { section_id: 'key', en: 'Reviews the reports.', fr: 'Examine les rapports.' },
    { section_id: 'key', en: 'Advises the director on risks in 2025.', fr: 'Conseille le directeur sur les risques en 2025.' },
  ]);
});

test('an untranslated line is no pair, and neither is a bead across lines or below the confidence threshold', () => {
  // The aligner puts the untranslated second line with the first one (a 2-1 bead across list
  // items): not a sentence pair, so neither line enters the memory.
  assert.deepEqual(sectionPairs([
    section('en', 'wc', null, 'Works in an open office.\nTravels to the regions twice a year to meet clients, partners and the regional directors of the program.'),
    section('fr', 'wc', null, 'Travaille dans un bureau à aire ouverte.'),
  ]), []);
  const translated = [section('en', 'wc', null, 'Works in an open office.'), section('fr', 'wc', null, 'Travaille dans un bureau à aire ouverte.')];
  assert.deepEqual(sectionPairs(translated), [{ section_id: 'wc', en: 'Works in an open office.', fr: 'Travaille dans un bureau à aire ouverte.' }]);
  assert.deepEqual(sectionPairs(translated, 1.01), [], 'no bead is that certain');
});

test('empty headings and bodies give no pair', () => {
  assert.deepEqual(sectionPairs([section('en', 's', '  ', ''), section('fr', 's', 'Titre', null)]), []);
});
