import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitParagraph, splitText } from './sentences.ts';

describe('sentence splitting, English', () => {
  it('keeps abbreviations inside the sentence (e.g., i.e., Mr., no., approx.)', () => {
    assert.deepEqual(splitParagraph('Prepares briefing notes, e.g., for Question Period. Processes staffing actions, i.e., letters of offer. Reports to Mr. Tremblay. See position no. 45021 for details.', 'en'), [
      'Prepares briefing notes, e.g., for Question Period.',
      'Processes staffing actions, i.e., letters of offer.',
      'Reports to Mr. Tremblay.',
      'See position no. 45021 for details.',
    ]);
    assert.deepEqual(splitParagraph('Monitors a budget of approx. $2.4 million. Reports monthly.', 'en'), ['Monitors a budget of approx. $2.4 million.', 'Reports monthly.']);
  });

  it('ends a sentence after a classification code (AS-02) and keeps decimals', () => {
    assert.deepEqual(splitParagraph('The position is classified AS-02. Acting appointments at the AS-03 level are possible. It uses WCAG 2.1 daily.', 'en'), [
      'The position is classified AS-02.',
      'Acting appointments at the AS-03 level are possible.',
      'It uses WCAG 2.1 daily.',
    ]);
  });

  it('treats list items and headings as their own sentences (lines are hard boundaries)', () => {
    const text = 'Key Activities\n1. Analyzes data from Statistics Canada. Drafts memoranda.\n2. Represents the department\n• Participates in code reviews • Provides level 3 support';
    assert.deepEqual(splitText(text, 'en'), [
      [['Key Activities'], ['1. Analyzes data from Statistics Canada.', 'Drafts memoranda.'], ['2. Represents the department'], ['• Participates in code reviews', '• Provides level 3 support']],
    ]);
  });

  it('does not split on colons or semicolons, and splits on ? and !', () => {
    assert.deepEqual(splitParagraph('Duties include: planning; organizing. What makes it hard? Deadlines!', 'en'), ['Duties include: planning; organizing.', 'What makes it hard?', 'Deadlines!']);
  });

  it('separates sections at blank lines and paragraphs at line ends', () => {
    assert.deepEqual(splitText('Skill\nKnowledge of the Act is required\n\nEffort\r\nSustained concentration.', 'en'), [
      [['Skill'], ['Knowledge of the Act is required']],
      [['Effort'], ['Sustained concentration.']],
    ]);
  });
});

describe('sentence splitting, French', () => {
  it('keeps French abbreviations (M., Mme, p. ex., c.-à-d., no) inside the sentence', () => {
    assert.deepEqual(splitParagraph('Consulte l’équipe de M. Tremblay et l’unité de Mme Roy. Prépare des notes, p. ex. pour la période des questions. Traite les mesures de dotation, c.-à-d. les lettres d’offre. Voir le poste no. 45021.', 'fr'), [
      'Consulte l’équipe de M. Tremblay et l’unité de Mme Roy.',
      'Prépare des notes, p. ex. pour la période des questions.',
      'Traite les mesures de dotation, c.-à-d. les lettres d’offre.',
      'Voir le poste no. 45021.',
    ]);
  });

  it('handles the space before ; : ! ? and guillemets', () => {
    assert.deepEqual(splitParagraph('Qu’est-ce qui rend ce travail exigeant ? Les échéances : elles se chevauchent ; souvent. Attention ! La politique dit : « Les services sont offerts dans les deux langues. » Le gestionnaire l’approuve.', 'fr'), [
      'Qu’est-ce qui rend ce travail exigeant ?',
      'Les échéances : elles se chevauchent ; souvent.',
      'Attention !',
      'La politique dit : « Les services sont offerts dans les deux langues. »',
      'Le gestionnaire l’approuve.',
    ]);
    // Non-breaking and narrow non-breaking spaces, as word processors insert them.
    assert.deepEqual(splitParagraph('Pourquoi\u202f? Parce que\u00a0: chaque service compte.', 'fr'), ['Pourquoi\u202f?', 'Parce que\u00a0: chaque service compte.']);
  });

  it('ends a sentence after a classification code and keeps lists and headings apart', () => {
    assert.deepEqual(splitText('Activités principales\n1. Analyse des données. Rédige des mémoires.\nLe poste est classifié AS-02. Il relève du directeur.\n• Participe aux revues • Offre du soutien', 'fr'), [
      [['Activités principales'], ['1. Analyse des données.', 'Rédige des mémoires.'], ['Le poste est classifié AS-02.', 'Il relève du directeur.'], ['• Participe aux revues', '• Offre du soutien']],
    ]);
  });
});
