import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitParagraph } from '../align/sentences.ts';
import { splitLines, splitSentences } from './sentences.ts';

describe('splitSentences', () => {
  it('splits each line as the aligner does, lines being paragraphs or list items', () => {
    const text = 'Manages the team. Reports to the director, e.g. weekly.\n\n- Plans the work.\r\n- Monitors a budget of approx. $2.4 million.';
    assert.deepEqual(splitSentences(text, 'en'), ['Manages the team.', 'Reports to the director, e.g. weekly.', '- Plans the work.', '- Monitors a budget of approx. $2.4 million.']);
    assert.deepEqual(splitLines(text, 'en'), [['Manages the team.', 'Reports to the director, e.g. weekly.'], [], ['- Plans the work.'], ['- Monitors a budget of approx. $2.4 million.']]);
    assert.deepEqual(splitSentences(text, 'en'), text.split(/\r?\n/).flatMap((line) => splitParagraph(line, 'en')));
  });

  it('follows French conventions (« p. ex. », space before ! and ?)', () => {
    assert.deepEqual(splitSentences('Gère l’équipe, p. ex. les agents. Est-ce clair ? Oui !', 'fr'), ['Gère l’équipe, p. ex. les agents.', 'Est-ce clair ?', 'Oui !']);
  });
});
