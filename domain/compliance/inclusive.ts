// Inclusive language, English and French: generic pronouns, gendered role nouns and the
// Translation Bureau's full doublets, "native speaker", age-coded wording, abilities phrased as
// requirements, and (information only) gender-coded English words. Every list cites its source.
import genderCoded from './gender-coded-words.ts';
import { phraseRule, sameCase } from './phrase-rule.ts';
import { SOURCES } from './sources.ts';
import { matchesIn } from './text.ts';
import { finding, type Rule } from './types.ts';

const family = 'inclusive';

/** Sources: Canada.ca Content Style Guide and Language Portal (gender-inclusive writing: singular "they"; « il » for the incumbent). */
export const genericPronoun = phraseRule(
  {
    id: 'inclusive.generic-pronoun',
    family,
    severity: 'warning',
    languages: ['en', 'fr'],
    source: `${SOURCES.inclusiveEn}; ${SOURCES.inclusiveFr}`,
    message: {
      en: 'A gendered pronoun refers to whoever holds or deals with the position (he, she, or both as "he or she"): use "they", repeat the noun ("the incumbent") or rephrase.',
      fr: 'Un pronom genré désigne la personne qui occupera le poste : reformulez (« la personne titulaire », « la ou le titulaire ») ou répétez le nom.',
    },
  },
  {
    en: [
      { pattern: 'he or she|she or he|he/she|s/he|his or her|her or his|his/her|him or her|him/her', fix: sameCase('they') },
      { pattern: 'he|him|himself|she|herself', fix: sameCase('they') },
      { pattern: 'his|her|hers', fix: sameCase('their') },
    ],
    fr: [
      {
        pattern: 'il',
        fix: 'la personne titulaire',
        // The impersonal « il » (il faut, il y a, il s'agit, il est nécessaire de...) is no one.
        unless: {
          after: /^\s+(?:faut|faudra|fallait|y\s|s['’]agit|importe|arrive|convient|incombe|suffit|reste|se\s+peut|peut\s+(?:arriver|être\s+(?:nécessaire|requis|demandé))|est\s+(?:parfois\s+|souvent\s+|aussi\s+)?(?:nécessaire|possible|important|essentiel|requis|souhaitable|prévu|primordial|impératif|rare|fréquent|difficile|probable|entendu|demandé|question|utile))/iu,
        },
      },
    ],
  },
);

/**
 * « et agentes », « ou les agentes »: the feminine half of a doublet right after the masculine
 * noun, recognized by the noun's first letters (so that « les étudiants et les scientifiques »
 * or « des clients et explique » are not taken for doublets).
 */
const feminineHalfOf = (noun: string) => String.raw`\s+(?:et|ou)\s+(?:(?:les|des|la|aux)\s+)?${noun.slice(0, 4)}\p{L}*`;

/** French person nouns whose masculine plural is used as a generic, with the full doublet (Translation Bureau) or a collective noun. */
const FR_MASCULINE_PLURALS: readonly [string, string][] = [
  ['employés', 'employées et employés'],
  ['agents', 'agentes et agents'],
  ['conseillers', 'conseillères et conseillers'],
  ['superviseurs', 'superviseures et superviseurs'],
  ['directeurs', 'directrices et directeurs'],
  ['utilisateurs', 'utilisatrices et utilisateurs'],
  ['intervenants', 'intervenantes et intervenants'],
  ['candidats', 'candidates et candidats'],
  ['clients', 'clientes et clients (ou la clientèle)'],
  ['collaborateurs', 'collaboratrices et collaborateurs'],
  ['enquêteurs', 'enquêteuses et enquêteurs'],
  ['inspecteurs', 'inspectrices et inspecteurs'],
  ['travailleurs', 'travailleuses et travailleurs'],
  ['chercheurs', 'chercheuses et chercheurs'],
  ['représentants', 'représentantes et représentants'],
  ['usagers', 'usagères et usagers'],
  ['participants', 'participantes et participants'],
  ['étudiants', 'étudiantes et étudiants'],
  ['administrateurs', 'administratrices et administrateurs'],
  ['coordonnateurs', 'coordonnatrices et coordonnateurs'],
  ['techniciens', 'techniciennes et techniciens'],
  ['vérificateurs', 'vérificatrices et vérificateurs'],
  ['évaluateurs', 'évaluatrices et évaluateurs'],
  ['formateurs', 'formatrices et formateurs'],
  ['Canadiens', 'Canadiennes et Canadiens (ou la population canadienne)'],
  ['visiteurs', 'visiteuses et visiteurs (ou les personnes en visite)'],
  ['ingénieurs', 'ingénieures et ingénieurs'],
  ['experts(?:-conseils)?', 'expertes et experts'],
  ['consultants', 'consultantes et consultants'],
  ['contrevenants', 'contrevenantes et contrevenants'],
  ['délinquants', 'délinquantes et délinquants'],
  ['détenus', 'détenues et détenus (ou les personnes détenues)'],
  ['demandeurs', 'demandeuses et demandeurs'],
  ['requérants', 'requérantes et requérants'],
  ['patients', 'patientes et patients'],
  ['résidents', 'résidentes et résidents'],
  ['citoyens', 'citoyennes et citoyens (ou la population)'],
  ['enseignants', 'enseignantes et enseignants'],
  ['infirmiers', 'infirmières et infirmiers'],
  ['traducteurs', 'traductrices et traducteurs'],
  ['réviseurs', 'réviseures et réviseurs'],
  ['programmeurs', 'programmeuses et programmeurs'],
  ['développeurs', 'développeuses et développeurs'],
  ['adjoints', 'adjointes et adjoints'],
  ['avocats', 'avocates et avocats'],
  ['policiers', 'policières et policiers'],
  ['décideurs', 'décideuses et décideurs'],
  ['interlocuteurs', 'interlocutrices et interlocuteurs'],
];

/** Singular person nouns that, alone at the head of the French title, make it masculine only (« Agent correctionnel »). */
const FR_MASCULINE_TITLE_HEADS = [
  'agent', 'conseiller', 'directeur', 'superviseur', 'inspecteur', 'enquêteur', 'technicien', 'coordonnateur', 'administrateur', 'adjoint',
  'ingénieur', 'infirmier', 'chercheur', 'traducteur', 'réviseur', 'programmeur', 'développeur', 'concepteur', 'vérificateur', 'évaluateur',
  'formateur', 'représentant', 'chef', 'contremaître', 'commis-chef', 'employé', 'préposé', 'surveillant', 'opérateur', 'mécanicien',
  'électricien', 'policier', 'avocat', 'auditeur', 'analyste-programmeur', 'gardien', 'consultant', 'expert', 'directeur adjoint',
];

/** Sources: Language Portal (Translation Bureau), gender-inclusive writing in English; « Rédaction inclusive » for the French doublets and truncated forms. */
export const gendered = phraseRule(
  {
    id: 'inclusive.gendered-noun',
    family,
    severity: 'warning',
    languages: ['en', 'fr'],
    source: `${SOURCES.inclusiveEn}; ${SOURCES.inclusiveFr}`,
    message: {
      en: 'A gendered noun names a role anyone may hold: use the gender-neutral term.',
      fr: 'Un nom au masculin générique ou une forme tronquée désigne des personnes de tout genre : employez le doublet complet (« les agentes et agents ») ou un terme épicène ou collectif.',
    },
  },
  {
    en: [
      { pattern: 'chairm[ae]n', fix: sameCase('chair') },
      { pattern: 'forem[ae]n', fix: sameCase('supervisor') },
      { pattern: 'manpower', fix: sameCase('workforce') },
      { pattern: 'workm[ae]n', fix: sameCase('worker') },
      { pattern: 'tradesm[ae]n', fix: sameCase('tradesperson') },
      { pattern: 'spokesm[ae]n', fix: sameCase('spokesperson') },
      { pattern: 'salesm[ae]n', fix: sameCase('salesperson') },
      { pattern: 'businessm[ae]n', fix: sameCase('businessperson') },
      { pattern: 'cameram[ae]n', fix: sameCase('camera operator') },
      { pattern: 'repairm[ae]n', fix: sameCase('repair technician') },
      { pattern: 'firem[ae]n', fix: sameCase('firefighter') },
      { pattern: 'policem[ae]n', fix: sameCase('police officer') },
      { pattern: 'watchm[ae]n', fix: sameCase('security guard') },
      { pattern: 'craftsm[ae]n', fix: sameCase('artisan') },
      { pattern: 'draftsm[ae]n', fix: sameCase('drafter') },
      { pattern: 'journeym[ae]n', fix: sameCase('journeyperson') },
      { pattern: 'laym[ae]n', fix: sameCase('layperson') },
      { pattern: 'middlem[ae]n', fix: sameCase('intermediary') },
      { pattern: 'man[- ]hours?', fix: sameCase('person-hours') },
      { pattern: 'manned', fix: sameCase('staffed') },
      { pattern: 'manning', fix: sameCase('staffing') },
      { pattern: 'mankind', fix: sameCase('humanity') },
      { pattern: 'stewardess(?:es)?', fix: sameCase('flight attendant') },
      { pattern: 'waitress(?:es)?', fix: sameCase('server') },
      { pattern: 'cleaning lad(?:y|ies)', fix: sameCase('cleaner') },
    ],
    fr: [
      // A position title in the masculine only: « Agent correctionnel » for « Agente correctionnelle ou agent correctionnel ».
      {
        pattern: `(?:${FR_MASCULINE_TITLE_HEADS.join("|")})(?:\\s[^,(]{0,100}[^,(\\s])?`, // bounded: the words 'agent' etc. also occur in long body lines
        fix: 'le titre au féminin et au masculin (« Agente ou agent … »)',
        unless: { test: (m) => m.section !== 'identification' || m.index !== 0 || /\s(?:ou|et)\s|\//iu.test(m.line.text) },
      },
      // Truncated forms: employé(e)s, agent·e·s, conseiller.ère.s, employé/e.
      { pattern: String.raw`\p{L}+(?:\((?:e|es|ne|nes|le|les|ère|ères|rice|rices|euse|euses|se|ses)\)s?|[·.](?:e|ne|le|ère|rice|euse|se)[·.]?s?|\/(?:e|ne|le|ère|rice|euse)s?)`, fix: 'la forme complète (doublet)' },
      // « le titulaire » for the incumbent: « la ou le titulaire », « la personne titulaire ».
      { pattern: 'le titulaire|du titulaire|au titulaire', fix: (m) => (/^du/i.test(m) ? 'de la ou du titulaire' : /^au/i.test(m) ? 'à la ou au titulaire' : 'la ou le titulaire'), unless: { before: /(?:la|de la|à la)\s+ou\s+$/iu } },
      ...FR_MASCULINE_PLURALS.map(([noun, doublet]) => ({
        // A determiner, maybe an adjective that goes before the noun (« les autres ingénieurs »), the noun.
        pattern: `(?:les|des|aux|ces|nos|vos|leurs|tous les|toutes les)(?: (?:autres|nouveaux|jeunes|principaux|futurs|anciens))? ${noun}`,
        fix: (m: string) => m.replace(/\S+$/, doublet),
        unless: { after: new RegExp(`^(?:${feminineHalfOf(noun)}|\\s+(?:pathogènes|chimiques|biologiques|physiques|de\\s+nettoyage))`, 'iu') },
      })),
    ],
  },
);

/** Source: Canadian Human Rights Act (national or ethnic origin); the PSC assesses proficiency, not first language. */
export const nativeSpeaker = phraseRule(
  {
    id: 'inclusive.native-speaker',
    family,
    severity: 'warning',
    languages: ['en', 'fr'],
    source: SOURCES.nativeSpeaker,
    message: {
      en: 'Asking for a native speaker or a mother tongue excludes people by origin: state the proficiency needed (e.g. "advanced proficiency in French", or the language profile).',
      fr: 'Exiger une langue maternelle ou une personne de langue native exclut selon l’origine : indiquez la compétence requise (p. ex. « maîtrise avancée de l’anglais » ou le profil linguistique).',
    },
  },
  {
    en: [
      { pattern: String.raw`native(?:[- ](?:English|French))?[- ]speak(?:er|ers|ing)|native[- ]level|mother[- ]tongue`, fix: 'advanced proficiency' },
    ],
    fr: [
      { pattern: String.raw`(?:de\s+)?langue\s+maternelle(?:\s+(?:française|anglaise))?|locut(?:eur|rice|eurs|rices)\s+nati(?:f|ve|fs|ves)|langue\s+native`, fix: 'maîtrise avancée' },
    ],
  },
);

/** Nouns that « jeune » turns into a profile of the candidate (« jeune diplômé », « jeune professionnelle »). */
const FR_YOUNG_PERSON = String.raw`diplômée?s?|professionnel(?:le)?s?|talents?|employée?s?|candidate?s?|recrues?|travailleu(?:r|se)s?`;

const EN_CLIENT_NOUNS = String.raw`^\s+(?:people|persons|Canadians|offenders|adults|children|clients|families|women|men|parents|Indigenous|newcomers|learners|students|workers|farmers|veterans)\b`;
/** A word inside a proper name of two or more capitalized words ("Young Canada Works"). */
const inProperName = (before: string, text: string, after: string) =>
  /^\p{Lu}/u.test(text) && (/(?:^|\s)\p{Lu}[\p{L}’'-]*\s+$/u.test(before) || /^\s+\p{Lu}/u.test(after));

/** Source: Canadian Human Rights Act (age) and Canada.ca inclusive language. */
export const ageCoded = phraseRule(
  {
    id: 'inclusive.age-coded',
    family,
    severity: 'warning',
    languages: ['en', 'fr'],
    source: SOURCES.age,
    message: {
      en: 'This wording points to an age group: describe the work and the skills instead.',
      fr: 'Cette formulation vise un groupe d’âge : décrivez plutôt le travail et les compétences.',
    },
  },
  {
    en: [
      { pattern: String.raw`digital natives?`, fix: 'comfortable with digital tools' },
      { pattern: String.raw`recent (?:university |college )?grad(?:uate)?s?|new grads?|fresh graduates?`, fix: 'entry-level candidates' },
      {
        pattern: 'young|younger|youthful',
        unless: {
          after: new RegExp(EN_CLIENT_NOUNS, 'u'),
          test: (m) => inProperName(m.line.text.slice(0, m.index), m.text, m.line.text.slice(m.index + m.text.length)),
        },
      },
    ],
    fr: [
      // « une jeune diplômée ou un jeune diplômé », « une jeune professionnelle ou un jeune professionnel »: one doublet, one finding.
      {
        pattern: String.raw`(?:une?\s+|des\s+)?jeunes?\s+(?:${FR_YOUNG_PERSON})(?:\s+(?:ou|et)\s+(?:une?\s+|des\s+)?jeunes?\s+(?:${FR_YOUNG_PERSON}))?`,
        fix: 'décrivez les compétences',
      },
      { pattern: String.raw`digital natives?|natifs?\s+(?:du\s+)?numérique|nouvellement\s+diplômé(?:e|s|es)?|récemment\s+diplômé(?:e|s|es)?|finissant(?:e|s|es)?`, fix: 'décrivez les compétences' },
      {
        pattern: 'jeunes?',
        unless: {
          // « les jeunes » served by a program, and the named groups of clients, are not about the candidate.
          after: /^\s+(?:contrevenant|autochtone|canadien|adulte|enfant|famille|à risque|de\s+\d+|en\s+difficulté)/iu,
          test: (m) => {
            const before = m.line.text.slice(0, m.index);
            const after = m.line.text.slice(m.index + m.text.length);
            if (inProperName(before, m.text, after)) return true;
            return /(?:les|des|aux|auprès des|pour les)\s+$/iu.test(before) && !/^\s+(?:diplômé|professionnel|talent|employé|candidat|recrue|travailleu)/iu.test(after);
          },
        },
      },
    ],
  },
);

const EN_BODY_VERBS = 'stand|walk|lift|carry|see|hear|sit|climb|kneel|bend|crouch|crawl|run|push|pull|drive|type|reach';
const FR_BODY_VERBS = String.raw`se\s+tenir\s+debout|rester\s+debout|marcher|soulever|porter|voir|entendre|s['’]asseoir|rester\s+assis(?:e|es)?|grimper|monter|se\s+pencher|s['’]agenouiller|courir|pousser|tirer|conduire`;

/** Source: CHRA bona fide occupational requirements; PSC guide for assessing persons with disabilities. */
export const abilityRequirement = phraseRule(
  {
    id: 'inclusive.ability-requirement',
    family,
    severity: 'warning',
    languages: ['en', 'fr'],
    source: SOURCES.ability,
    message: {
      en: 'A physical ability is stated as a requirement: describe the task (e.g. "moves boxes of up to 20 kg", "works on site for full shifts") so that people who do it differently, with accommodation, are not excluded.',
      fr: 'Une capacité physique est posée comme exigence : décrivez la tâche (p. ex. « déplacer des boîtes d’au plus 20 kg », « travailler sur le terrain pendant des quarts complets ») afin de ne pas exclure les personnes qui l’accomplissent autrement, avec des mesures d’adaptation.',
    },
  },
  {
    en: [
      { pattern: String.raw`(?:must|should|shall|will need to|needs? to) be (?:physically )?able to (?:${EN_BODY_VERBS})`, fix: 'describe the task' },
      { pattern: String.raw`(?:physical )?(?:ability|able) to (?:${EN_BODY_VERBS})`, fix: 'describe the task' },
      { pattern: String.raw`physically (?:fit|able|capable)|able[- ]bodied|(?:good|perfect|excellent) (?:eyesight|vision|hearing)`, fix: 'describe the task' },
    ],
    fr: [
      { pattern: String.raw`(?:doit|devra|devrait|doivent)\s+(?:pouvoir|être\s+(?:capable|apte)s?\s+de)\s+(?:${FR_BODY_VERBS})`, fix: 'décrivez la tâche' },
      { pattern: String.raw`(?:capacité|aptitude)\s+(?:de|à)\s+(?:${FR_BODY_VERBS})`, fix: 'décrivez la tâche' },
      { pattern: String.raw`(?:en\s+)?bonne\s+(?:condition|forme)\s+physique|(?:bonne|excellente)\s+(?:vue|vision|ouïe)|vision\s+parfaite`, fix: 'décrivez la tâche' },
    ],
  },
);

/**
 * gender-decoder's stems that are routine Government of Canada vocabulary, not coded wording
 * (../shared/data notes the misfires): "Responsibility" is a mandatory heading and
 * "responsible for" the usual duty phrasing; analysis, support, leadership, decisions and
 * individuals (as clients) describe the work itself.
 */
export const GENDER_DECODER_EXCLUDED_STEMS = ['respon', 'analy', 'support', 'lead', 'decision', 'decid', 'individual', 'depend', 'commit', 'share', 'understand'] as const;
/** Phrases in which a coded stem is a term of art: "active offer" (Official Languages Act, Part IV). */
const EXCLUDED_PHRASES = /^(?:active offer|sharepoint)/i;

/** Information only: counts of gender-coded English words (Gaucher, Friesen & Kay), shown when one side clearly dominates. */
export const genderCodedWords: Rule = {
  id: 'inclusive.gender-coded-words',
  family,
  severity: 'info',
  languages: ['en'],
  source: SOURCES.genderDecoder,
  message: {
    en: 'The English text leans on masculine-coded words (studies link them to fewer applications from women): consider neutral wording.',
    fr: 'Le texte anglais s’appuie sur des mots à connotation masculine (des études les associent à moins de candidatures de femmes) : envisagez une formulation neutre.',
  },
  check: (pair) => {
    const isCoded = (word: string, stems: readonly string[]) => {
      const lower = word.toLowerCase();
      return stems.some((s) => lower.startsWith(s)) && !GENDER_DECODER_EXCLUDED_STEMS.some((s) => lower.startsWith(s)) && !genderCoded.exceptions.some((e) => lower.startsWith(e));
    };
    const masculine: string[] = [];
    let feminine = 0;
    for (const m of matchesIn(pair.en, /[\p{L}][\p{L}-]*/gu, false)) {
      if (EXCLUDED_PHRASES.test(m.line.text.slice(m.index))) continue;
      if (isCoded(m.text, genderCoded.masculine_coded)) masculine.push(m.text);
      else if (isCoded(m.text, genderCoded.feminine_coded)) feminine++;
    }
    // Like gender-decoder, the balance matters, not single words; a clear lean is three or more.
    return masculine.length - feminine >= 3 ? [finding(genderCodedWords, 'en', 'document', [...new Set(masculine)].join(', '))] : [];
  },
};

export const INCLUSIVE_RULES: readonly Rule[] = [genericPronoun, gendered, nativeSpeaker, ageCoded, abilityRequirement, genderCodedWords];
