// Inclusive-language rules, English and French, on sentences as they appear in job
// descriptions: what a reviewer flags, and the look-alikes that must stay quiet (program names,
// clients described by age, the impersonal « il », full doublets, task descriptions).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { abilityRequirement, ageCoded, genderCodedWords, gendered, genericPronoun, nativeSpeaker } from './inclusive.ts';
import { addLine, findingsOf, setField } from './testing.ts';
import { checkTexts } from './check.ts';
import { parseDocument } from './parse.ts';
import type { Rule } from './types.ts';

/** Findings of `rule` when `en` is added to English Skill and `fr` to French Compétences. */
const inSkill = (rule: Rule, en: string | null, fr: string | null) =>
  findingsOf(rule, { en: en === null ? [] : [addLine('Skill', en)], fr: fr === null ? [] : [addLine('Compétences', fr)] });

describe('inclusive.generic-pronoun', () => {
  it('reports he/his/him and « il » for the incumbent', () => {
    assert.deepEqual(inSkill(genericPronoun, 'He applies analytical skills to assess risks and follows up on his findings with recipients.', 'Il applique ses compétences analytiques pour évaluer les risques.'), ['en skill: He', 'en skill: his', 'fr skill: Il']);
  });
  it('reports a generic "she" or "her" as well', () => {
    assert.deepEqual(inSkill(genericPronoun, 'The nurse uses her clinical judgment; she decides when a client must be evacuated.', null), ['en skill: her', 'en skill: she']);
  });
  it('reports "he or she" as one finding', () => {
    assert.deepEqual(inSkill(genericPronoun, 'He or she must keep his or her knowledge current.', null), ['en skill: He or she', 'en skill: his or her']);
  });
  it('passes "they", the impersonal « il » and words that contain the pronouns', () => {
    assert.deepEqual(
      inSkill(genericPronoun, 'They explain decisions to the organizations in the Atlantic region and help them through the whole process.', 'Il faut parfois travailler le soir. Il est nécessaire de respecter les délais. Il y a des périodes de pointe. Il s’agit d’un poste de conseil.'),
      [],
    );
  });
});

describe('inclusive.gendered-noun', () => {
  it('reports English gendered role nouns, in the title too', () => {
    assert.deepEqual(findingsOf(gendered, { en: [setField('Title', 'Maintenance Foreman'), addLine('Key Activities', '- Acts as secretary to the committee and prepares the minutes for the chairman.')] }), [
      'en identification: Foreman',
      'en key-activities: chairman',
    ]);
    assert.deepEqual(inSkill(gendered, 'Estimates the manpower and man-hours needed; liaises with the department\'s spokesman.', null), ['en skill: manpower', 'en skill: man-hours', 'en skill: spokesman']);
  });
  it('reports the French masculine generic plural, truncated forms and « le titulaire »', () => {
    assert.deepEqual(inSkill(gendered, null, 'Le titulaire forme les employés et répond aux questions des conseiller(ère)s et des agent·e·s.'), [
      'fr skill: Le titulaire',
      'fr skill: les employés',
      'fr skill: conseiller(ère)s',
      'fr skill: agent·e·s',
    ]);
  });
  it('reports a French title in the masculine only, and accepts the doublet', () => {
    assert.deepEqual(findingsOf(gendered, { fr: [setField('Titre', 'Agent correctionnel')] }), ['fr identification: Agent correctionnel']);
    assert.deepEqual(findingsOf(gendered, { fr: [setField('Titre', 'Agente correctionnelle ou agent correctionnel')] }), []);
    assert.deepEqual(findingsOf(gendered, { fr: [setField('Titre', 'Analyste des politiques')] }), []);
  });
  it('sees an adjective between the determiner and the noun', () => {
    assert.deepEqual(inSkill(gendered, null, 'Préside les réunions avec les autres ingénieurs et les experts-conseils.'), ['fr skill: les autres ingénieurs', 'fr skill: les experts-conseils']);
  });
  it('takes only the same noun in the feminine for the other half of a doublet', () => {
    assert.deepEqual(inSkill(gendered, null, 'Supervise les techniciens, les étudiants et les scientifiques invités. Répond aux appels des clients et explique les règles.'), [
      'fr skill: les techniciens',
      'fr skill: les étudiants',
      'fr skill: des clients',
    ]);
  });
  it('passes full doublets, epicene and collective nouns, and agents that are not people', () => {
    assert.deepEqual(
      inSkill(
        gendered,
        'The incumbent trains staff and answers questions from the chair of the committee and from program officers.',
        'La ou le titulaire forme les employées et employés ainsi que les agentes et agents, répond aux questions du personnel et des gestionnaires, et manipule des agents pathogènes.',
      ),
      [],
    );
  });
});

describe('inclusive.native-speaker', () => {
  it('reports "native speaker" and « langue maternelle »', () => {
    assert.deepEqual(inSkill(nativeSpeaker, 'A native English speaker reviews advertisements before publication.', 'Une personne de langue maternelle anglaise révise les annonces.'), ['en skill: native English speaker', 'fr skill: de langue maternelle anglaise']);
  });
  it('passes proficiency wording and "first official language"', () => {
    assert.deepEqual(inSkill(nativeSpeaker, 'Advanced proficiency in English is required; the first official language of each employee is recorded.', 'Une maîtrise avancée de l’anglais est requise; la première langue officielle de chaque employé est consignée.'), []);
  });
});

describe('inclusive.age-coded', () => {
  it('reports young, digital native, recent graduate and « jeune diplômé »', () => {
    assert.deepEqual(
      inSkill(ageCoded, 'The successful candidate will join a young, dynamic team; a recent graduate or digital native would thrive.', 'La personne retenue se joindra à une équipe jeune et dynamique; un jeune diplômé ou une personne nouvellement diplômée y réussirait.'),
      ['en skill: young', 'en skill: recent graduate', 'en skill: digital native', 'fr skill: jeune', 'fr skill: un jeune diplômé', 'fr skill: nouvellement diplômée'],
    );
  });
  it('reports « jeune » with a noun of the candidate as one finding, doublet included', () => {
    assert.deepEqual(inSkill(ageCoded, null, 'La personne retenue devrait être une jeune professionnelle ou un jeune professionnel désireux d’apprendre.'), ['fr skill: une jeune professionnelle ou un jeune professionnel']);
  });
  it('does not fire on program names or on young people as clients', () => {
    assert.deepEqual(
      inSkill(
        ageCoded,
        'Knowledge of the Youth Employment Strategy and of Young Canada Works is required to advise employers who hire young people and young Canadians at risk.',
        'La connaissance de la Stratégie emploi et compétences jeunesse et de Jeunesse Canada au travail est requise pour conseiller les employeurs qui embauchent des jeunes, ainsi que les jeunes Autochtones et les jeunes à risque.',
      ),
      [],
    );
  });
});

describe('inclusive.ability-requirement', () => {
  it('reports abilities stated as requirements', () => {
    assert.deepEqual(
      inSkill(abilityRequirement, 'Must be able to stand for long periods and to lift 20 kg; good eyesight is essential.', 'Doit pouvoir se tenir debout pendant de longues périodes; une bonne vue est essentielle.'),
      ['en skill: Must be able to stand', 'en skill: good eyesight', 'fr skill: Doit pouvoir se tenir debout', 'fr skill: bonne vue'],
    );
    assert.deepEqual(inSkill(abilityRequirement, 'The incumbent must be able to sit for extended periods.', 'Elle doit pouvoir rester assise pendant de longues périodes.'), ['en skill: must be able to sit', 'fr skill: doit pouvoir rester assise']);
  });
  it('passes the task described, as the Effort section should', () => {
    assert.deepEqual(
      inSkill(abilityRequirement, 'The work involves moving boxes of files of up to 20 kg and standing at a service counter for periods of two hours.', 'Le travail exige de déplacer des boîtes de dossiers pesant jusqu’à 20 kg et de travailler à un comptoir de service pendant des périodes de deux heures.'),
      [],
    );
  });
});

describe('inclusive.gender-coded-words (information)', () => {
  it('reports, as information, an English text that leans on masculine-coded words', () => {
    // The clean text's "objectives" and "active agreements" count too: gender-decoder's stems are broad.
    const found = findingsOf(genderCodedWords, { en: [addLine('Skill', 'We want an ambitious, assertive and competitive self-reliant person who is driven and fearless.')] });
    assert.deepEqual(found, ['en document: objectives, ambitious, assertive, competitive, self-reliant, driven, fearless, active']);
    assert.deepEqual(findingsOf(genderCodedWords), []);
  });
  it('ignores the Responsibility heading, "responsible for", "active offer" and analysis vocabulary', () => {
    assert.deepEqual(
      findingsOf(genderCodedWords, { en: [addLine('Responsibility', 'The incumbent is responsible for the active offer of services, leads the analysis of decisions and supports individuals.')] }),
      [],
    );
  });
  it('is information, never a warning', () => {
    assert.equal(genderCodedWords.severity, 'info');
    assert.deepEqual(checkTexts('', '', [genderCodedWords]), []);
  });
});

describe('phrase rules locate their findings (for rewrites, domain/ai/offline/)', () => {
  it('gives the offset where each finding starts in the input, past the impersonal « il »', () => {
    const text = 'Compétences\nIl faut voyager; il gère le budget des employés.';
    const located = genericPronoun.locate({ en: parseDocument('', 'en'), fr: parseDocument(text, 'fr') });
    assert.deepEqual(located.map((f) => [f.text, f.at, text.slice(f.at, f.at + f.text.length)]), [['il', 29, 'il']]);
    assert.deepEqual(gendered.locate({ en: parseDocument('', 'en'), fr: parseDocument(text, 'fr') }).map((f) => text.slice(f.at, f.at + f.text.length)), ['des employés']);
    assert.deepEqual(genericPronoun.check({ en: parseDocument('', 'en'), fr: parseDocument(text, 'fr') }), located.map(({ at: _at, ...f }) => f));
  });
});
