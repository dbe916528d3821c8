// Bilingual equivalence rules: the two versions line up section by section, in key activities,
// identifiers, numbers and dates (after locale normalization) and length.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { identifiersDiffer, keyActivityCount, lengthRatio, quantitiesDiffer, sectionsDiffer } from './bilingual.ts';
import { quantities, unmatched } from './quantities.ts';
import { addLine, findingsOf, replaceIn, setField, type Edit } from './testing.ts';

describe('quantities', () => {
  it('normalizes amounts, dates, thousands and number words across locales', () => {
    const keys = (text: string, lang: 'en' | 'fr') => quantities(text, lang).map((q) => q.key);
    assert.deepEqual(keys('a budget of $4.3M by April 1, 2027 for 1,200 clients, five teams, 15% and $40 million', 'en'), ['n:4300000', 'date:04-01', 'n:2027', 'n:1200', 'n:5', 'n:15', 'n:40000000']);
    assert.deepEqual(keys('un budget de 4,3 M$ d’ici le 1er avril 2027 pour 1 200 clients, cinq équipes, 15 % et 40 millions de dollars', 'fr'), ['n:4300000', 'date:04-01', 'n:2027', 'n:1200', 'n:5', 'n:15', 'n:40000000']);
  });
  it('reads "4 p.m." as « 16 h » and "8:30 a.m." as « 8 h 30 »', () => {
    assert.deepEqual(unmatched(quantities('before the payment run at 4 p.m. and from 8:30 a.m.', 'en'), quantities('avant le traitement des paiements à 16 h et dès 8 h 30', 'fr')), { onlyA: [], onlyB: [] });
    assert.deepEqual(quantities('à 15 h', 'fr').map((q) => q.key), ['time:15:00']);
  });
  it('reads « les deux » as "both" and "twice" as « deux fois »', () => {
    assert.deepEqual(unmatched(quantities('in both official languages, twice a month', 'en'), quantities('dans les deux langues officielles, deux fois par mois', 'fr')), { onlyA: [], onlyB: [] });
  });
});

describe('bilingual.quantities', () => {
  it('reports an amount and a date that differ, with the French words as written', () => {
    assert.deepEqual(findingsOf(quantitiesDiffer, { fr: [replaceIn('Activités principales', '250 000 $', '205 000 $')] }), ['both key-activities: 205 000 $']);
    assert.deepEqual(findingsOf(quantitiesDiffer, { en: [addLine('Working Conditions', 'Deadlines peak before March 31.')], fr: [addLine('Conditions de travail', 'Les échéances culminent avant le 1er mars.')] }), ['both working-conditions: 1er mars']);
  });
  it('reports a number the French leaves out, with the English words', () => {
    assert.deepEqual(findingsOf(quantitiesDiffer, { fr: [replaceIn('Responsabilité', "d'environ 40 accords", 'des accords')] }), ['both responsibility: 40']);
  });
  it('passes "$4.3M" = « 4,3 M$ » and "April 1" = « 1er avril »', () => {
    assert.deepEqual(
      findingsOf(quantitiesDiffer, {
        en: [addLine('Responsibility', 'Manages a budget of $4.3M; reports are due April 1.')],
        fr: [addLine('Responsabilité', 'Gère un budget de 4,3 M$; les rapports sont dus le 1er avril.')],
      }),
      [],
    );
  });
});

describe('bilingual.key-activity-count', () => {
  it('reports a key activity missing from one version', () => {
    assert.deepEqual(findingsOf(keyActivityCount, { en: [addLine('Key Activities', '- Prepares briefing notes for the Regional Director.')] }), ['both key-activities: Activités principales']);
  });
  it('passes the same number of key activities', () => {
    assert.deepEqual(
      findingsOf(keyActivityCount, { en: [addLine('Key Activities', '- Prepares briefing notes for the Regional Director.')], fr: [addLine('Activités principales', '- Rédige des notes d’information pour la directrice régionale ou le directeur régional.')] }),
      [],
    );
  });
});

describe('bilingual.identifiers', () => {
  it('reports a classification, NOC, profile or position number that differs, the English value as the fix', () => {
    assert.deepEqual(findingsOf(identifiersDiffer, { fr: [setField('Numéro de poste', '00045213'), setField('Classification', 'PM-05')] }), ['both identification: PM-05', 'both identification: 00045213']);
    assert.deepEqual(findingsOf(identifiersDiffer, { fr: [setField('CNP', '41400'), setField('Profil linguistique', 'BBB/BBB')] }), ['both identification: 41400', 'both identification: BBB/BBB']);
  });
  it('passes identical identifiers, and leaves a typo the identifier rules report to them', () => {
    assert.deepEqual(findingsOf(identifiersDiffer, { fr: [setField('Classification', 'PM-O4'), setField('Numéro de poste', '000 452 31')] }), []);
    assert.deepEqual(findingsOf(identifiersDiffer, { en: [setField('Language profile', 'English essential')], fr: [setField('Profil linguistique', 'Anglais essentiel')] }), []);
  });
});

describe('bilingual.sections', () => {
  const custom = (heading: string, line: string): Edit => (jd) => {
    jd.sections.splice(2, 0, [heading, [line]]);
  };
  it('reports a section that one version has and the other does not', () => {
    assert.deepEqual(findingsOf(sectionsDiffer, { en: [custom('Supervision', 'Supervises two program assistants.')] }), ['both Supervision: Supervision']);
  });
  it('passes the same sections, and leaves missing or misplaced standard sections to the structure rules', () => {
    assert.deepEqual(findingsOf(sectionsDiffer, { en: [custom('Supervision', 'Supervises two program assistants.')], fr: [custom('Supervision', 'Supervise deux adjointes ou adjoints de programme.')] }), []);
    const drop: Edit = (jd) => {
      jd.sections = jd.sections.filter(([h]) => h !== 'Effort');
    };
    assert.deepEqual(findingsOf(sectionsDiffer, { fr: [drop] }), []);
    const misnamed: Edit = (jd) => {
      jd.sections.find(([h]) => h === 'Working Conditions')![0] = 'Work Conditions';
    };
    assert.deepEqual(findingsOf(sectionsDiffer, { en: [misnamed] }), [], 'a misnamed section is structure.section-missing, reported once');
  });
});

describe('bilingual.length-ratio', () => {
  it('reports a French section far shorter than the English', () => {
    assert.deepEqual(findingsOf(lengthRatio, { fr: [replaceIn('Compétences', ' La personne titulaire du poste analyse les budgets et les rapports d\'activité afin de déceler les risques et recommande des mesures correctives à la gestionnaire ou au gestionnaire.', '')] }), ['both skill: Compétences']);
  });
  it('reports a French section far longer than the English', () => {
    assert.deepEqual(findingsOf(lengthRatio, { fr: [addLine('Compétences', 'Le travail exige aussi une excellente connaissance des systèmes financiers ministériels, des pratiques de gestion du risque et des exigences de la Loi sur la gestion des finances publiques, ainsi que la capacité de former le personnel des organismes bénéficiaires.')] }), ['both skill: Compétences']);
  });
  it('passes a full translation, and sections too short to judge', () => {
    assert.deepEqual(findingsOf(lengthRatio), []);
    assert.deepEqual(findingsOf(lengthRatio, { fr: [replaceIn('Effort', 'pendant les périodes de réception', '')] }), []);
  });
});
