// Plain-language rules: long sentences and paragraphs, readability by section (Flesch-Kincaid
// for English, Kandel-Moles for French): information, and warnings only for outliers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { longParagraph, longSentence, readability, readabilityInfo, readabilityOutlier, veryLongSentence } from './plain.ts';
import { addLine, findingsOf, type Edit } from './testing.ts';
import { sentences, syllables } from './text.ts';

const LONG_EN =
  'The incumbent reviews funding applications from community organizations in the Atlantic region, assesses them against the criteria of the program and the Policy on Transfer Payments, and prepares recommendations for the manager.';
const LONG_FR =
  'La personne titulaire examine les demandes de financement des organismes communautaires de la région de l’Atlantique, les évalue au regard des critères du programme et de la Politique sur les paiements de transfert, puis prépare des recommandations à l’intention de la gestionnaire.';
const VERY_LONG_EN = `${LONG_EN.slice(0, -1)}, which requires knowledge of the financial controls that apply to contribution agreements, of the risk assessment framework used by the department and of the reporting obligations of recipients, so that funds are spent as intended.`;
const VERY_LONG_FR = `${LONG_FR.slice(0, -1)}, ce qui exige la connaissance des contrôles financiers applicables aux accords de contribution, du cadre d’évaluation des risques utilisé par le Ministère et des obligations de rapport des bénéficiaires, afin que les fonds soient dépensés comme prévu.`;

const DENSE_EN =
  'Administers the implementation, evaluation and continuous improvement of interdepartmental accountability frameworks, performance measurement strategies, governance instruments and horizontal information management initiatives, ensuring organizational alignment with governmental priorities, legislative obligations, ministerial commitments, regulatory requirements and institutional accountability expectations across regional and national program areas.';
const DENSE_FR =
  'Administre la mise en œuvre, l’évaluation et l’amélioration continue des cadres de responsabilisation interministériels, des stratégies de mesure du rendement, des instruments de gouvernance et des initiatives horizontales de gestion de l’information, en assurant l’harmonisation organisationnelle avec les priorités gouvernementales, les obligations législatives, les engagements ministériels et les exigences réglementaires.';

const setSection = (heading: string, lines: string[]): Edit => (jd) => {
  jd.sections.find(([h]) => h === heading)![1] = lines;
};

describe('sentences and syllables', () => {
  it('splits at sentence ends, not at abbreviations or list markers', () => {
    assert.deepEqual(sentences('- Prepares reports, e.g. the annual report. Advises the manager.'), ['Prepares reports, e.g. the annual report.', 'Advises the manager.']);
  });
  it('counts syllables by vowel groups', () => {
    assert.equal(syllables('recommendations', 'en'), 5);
    assert.equal(syllables('financement', 'fr'), 3);
  });
});

describe('plain.long-sentence (information)', () => {
  it('reports sentences over 30 words (35 in French) as information', () => {
    assert.deepEqual(findingsOf(longSentence, { en: [addLine('Skill', LONG_EN)], fr: [addLine('Compétences', LONG_FR)] }), [`en skill: ${LONG_EN}`, `fr skill: ${LONG_FR}`]);
    assert.equal(longSentence.severity, 'info');
  });
  it('passes short sentences', () => {
    assert.deepEqual(findingsOf(longSentence), []);
  });
});

describe('plain.very-long-sentence', () => {
  it('warns on sentences over 50 words (58 in French), and does not also report them as long', () => {
    const edits = { en: [addLine('Skill', VERY_LONG_EN)], fr: [addLine('Compétences', VERY_LONG_FR)] };
    assert.deepEqual(findingsOf(veryLongSentence, edits), [`en skill: ${VERY_LONG_EN}`, `fr skill: ${VERY_LONG_FR}`]);
    assert.deepEqual(findingsOf(longSentence, edits), []);
  });
  it('passes a long sentence that is not an outlier', () => {
    assert.deepEqual(findingsOf(veryLongSentence, { en: [addLine('Skill', LONG_EN)], fr: [addLine('Compétences', LONG_FR)] }), []);
  });
});

describe('plain.long-paragraph', () => {
  it('warns on a paragraph over 150 words (175 in French)', () => {
    const en = Array(7).fill(LONG_EN).join(' ');
    const fr = Array(7).fill(LONG_FR).join(' ');
    assert.deepEqual(findingsOf(longParagraph, { en: [addLine('Skill', en)], fr: [addLine('Compétences', fr)] }), [`en skill: ${en}`, `fr skill: ${fr}`]);
  });
  it('passes the same text as separate paragraphs', () => {
    const edits = { en: Array(7).fill(addLine('Skill', LONG_EN)), fr: Array(7).fill(addLine('Compétences', LONG_FR)) };
    assert.deepEqual(findingsOf(longParagraph, edits), []);
  });
});

describe('readability', () => {
  it('scores plain text as easier than dense text, in both formulas', () => {
    const plainEn = readability('The officer reviews each file. She writes a short note. The manager signs it.', 'en');
    const denseEn = readability(VERY_LONG_EN, 'en');
    assert.ok(plainEn.score < denseEn.score, `Flesch-Kincaid grade ${plainEn.score} < ${denseEn.score}`);
    const plainFr = readability('L’agente lit chaque dossier. Elle écrit une note. La gestionnaire la signe.', 'fr');
    const denseFr = readability(VERY_LONG_FR, 'fr');
    assert.ok(plainFr.score > denseFr.score, `Kandel-Moles ${plainFr.score} > ${denseFr.score}`);
  });
  it('reports a hard section as information, and not as an outlier', () => {
    const edits = { en: [setSection('Skill', [LONG_EN, LONG_EN])], fr: [setSection('Compétences', [LONG_FR, LONG_FR])] };
    assert.deepEqual(findingsOf(readabilityInfo, edits), ['en skill: Skill', 'fr skill: Compétences']);
    assert.deepEqual(findingsOf(readabilityOutlier, edits), []);
  });
  it('warns on an outlier section (Flesch-Kincaid grade over 22, Kandel-Moles under 5)', () => {
    const edits = { en: [setSection('Skill', [DENSE_EN])], fr: [setSection('Compétences', [DENSE_FR])] };
    assert.deepEqual(findingsOf(readabilityOutlier, edits), ['en skill: Skill', 'fr skill: Compétences']);
    assert.deepEqual(findingsOf(readabilityInfo, edits), []);
  });
  it('does not report short or plain sections', () => {
    assert.deepEqual(findingsOf(readabilityInfo), []);
    assert.deepEqual(findingsOf(readabilityOutlier), []);
  });
});
