// The directives, acts and guides the rules cite (one place, so a finding's source is the same
// text wherever it comes from).
export const SOURCES = {
  tbsStructure:
    'Treasury Board of Canada Secretariat, Directive on Classification (2019) and its work description format: Client Service Results, Key Activities, Skill, Effort, Responsibility, Working Conditions, after the position identification',
  classificationGroups:
    'Treasury Board of Canada Secretariat, occupational groups (canada.ca), as listed in open-data/ckanext-canada classification_group.yaml; levels are two digits',
  noc: 'Statistics Canada and ESDC, National Occupational Classification (NOC) 2021 Version 1.0: five-digit codes whose second digit is the TEER category (0 to 5); four-digit codes are NOC 2016',
  languageProfile:
    'Treasury Board, Directive on Official Languages for People Management, and the Public Service Commission\'s Qualification Standards in relation to Official Languages: reading, writing and oral interaction, each at level A, B or C, or P (specialized proficiency); X and E are test results or exemptions, not requirements',
  officialLanguages:
    'Official Languages Act, s. 36(1)(a), and Treasury Board, Directive on Official Languages for People Management: work instruments in both official languages, of equal quality and content',
  inclusiveEn:
    'Canada.ca Content Style Guide, "Inclusive language"; Language Portal of Canada (Translation Bureau), "Inclusive writing – Guidelines and resources" (gender-inclusive writing)',
  inclusiveFr:
    'Portail linguistique du Canada (Bureau de la traduction), « Rédaction inclusive – Lignes directrices et ressources » : doublets complets (« les agentes et agents »), formulations épicènes, pas de formes tronquées',
  nativeSpeaker:
    'Canadian Human Rights Act, ss. 3 and 7 (national or ethnic origin); Public Service Commission, official language proficiency is assessed (levels A, B, C), not first language',
  age: 'Canadian Human Rights Act, ss. 3, 7 and 8 (age); Canada.ca Content Style Guide, "Inclusive language"',
  ability:
    'Canadian Human Rights Act, ss. 7, 8 and 15(1)(a) (bona fide occupational requirements); Accessible Canada Act; Public Service Commission, Guide for assessing persons with disabilities: describe the task, not how the body does it',
  genderDecoder:
    'Gaucher, Friesen & Kay (2011), JPSP 101(1):109-128, word lists as in the gender-decoder project (lovedaybrooke/gender-decoder); information only, with Government of Canada vocabulary excluded',
  plainLanguage:
    'Canada.ca Content Style Guide, "Plain language" (short sentences, one idea per paragraph); Flesch-Kincaid grade level (Kincaid et al., 1975) for English, Kandel & Moles (1958) for French',
} as const;
