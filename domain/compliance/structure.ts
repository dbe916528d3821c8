// Structure: the position identification's fields, and the TBS sections present, in order and
// not empty, in each language.
import { LANGS, STANDARD_SECTIONS } from '../sections.ts';
import { IDENTIFICATION_FIELDS, field } from './identification.ts';
import { SOURCES } from './sources.ts';
import { finding, type ParsedSection, type Rule } from './types.ts';

const base = { family: 'structure', languages: ['en', 'fr'], source: SOURCES.tbsStructure } as const;

export const identificationMissing: Rule = {
  ...base,
  id: 'structure.identification-missing',
  severity: 'error',
  message: {
    en: 'The position identification (title, classification, NOC, language profile, position number as "Key: value" lines) must come first.',
    fr: "L'identification du poste (titre, classification, CNP, profil linguistique, numéro de poste en lignes « Clé : valeur ») doit venir en premier.",
  },
  check: (pair) =>
    LANGS.flatMap((lang) => (pair[lang].identificationSection ? [] : [finding(identificationMissing, lang, 'identification', lang === 'en' ? 'Position identification' : 'Identification du poste')])),
};

export const identificationFieldMissing: Rule = {
  ...base,
  id: 'structure.identification-field-missing',
  severity: 'error',
  message: {
    en: 'A required position identification field is missing or empty.',
    fr: "Un champ obligatoire de l'identification du poste est absent ou vide.",
  },
  check: (pair) =>
    LANGS.flatMap((lang) => {
      const doc = pair[lang];
      if (!doc.identificationSection) return []; // one finding for the whole block (identificationMissing)
      return IDENTIFICATION_FIELDS.filter((spec) => !field(doc, spec.name)?.value.trim()).map((spec) =>
        finding(identificationFieldMissing, lang, 'identification', spec.key[lang], { fix: lang === 'fr' ? `${spec.key.fr} : …` : `${spec.key.en}: …` }),
      );
    }),
};

export const sectionMissing: Rule = {
  ...base,
  id: 'structure.section-missing',
  severity: 'error',
  message: {
    en: 'A section of the Treasury Board work description format is missing.',
    fr: 'Une section du format de description de travail du Conseil du Trésor est absente.',
  },
  check: (pair) =>
    LANGS.flatMap((lang) =>
      STANDARD_SECTIONS.filter((s) => !pair[lang].sections.some((p) => p.sectionId === s.sectionId)).map((s) =>
        finding(sectionMissing, lang, s.sectionId, s.title[lang], { fix: s.title[lang] }),
      ),
    ),
};

/** Indexes (into `ranks`) outside one longest strictly increasing subsequence: the items out of order. */
function outOfOrder(ranks: readonly number[]): Set<number> {
  const best: number[] = ranks.map(() => 1);
  const previous: number[] = ranks.map(() => -1);
  for (let i = 0; i < ranks.length; i++) {
    for (let j = 0; j < i; j++) {
      if (ranks[j]! < ranks[i]! && best[j]! + 1 > best[i]!) {
        best[i] = best[j]! + 1;
        previous[i] = j;
      }
    }
  }
  const keep = new Set<number>();
  let end = best.indexOf(Math.max(0, ...best));
  while (end >= 0) {
    keep.add(end);
    end = previous[end]!;
  }
  return new Set(ranks.map((_, i) => i).filter((i) => !keep.has(i)));
}

/** The standard sections of a document that are out of the prescribed order. */
export function sectionsOutOfOrder(sections: readonly ParsedSection[]): ParsedSection[] {
  const standard = sections.filter((s) => s.sectionId !== null);
  const ranks = standard.map((s) => STANDARD_SECTIONS.findIndex((t) => t.sectionId === s.sectionId));
  return [...outOfOrder(ranks)].sort((a, b) => a - b).map((i) => standard[i]!);
}

export const sectionOrder: Rule = {
  ...base,
  id: 'structure.section-order',
  severity: 'warning',
  message: {
    en: 'This section is out of the prescribed order (Client Service Results, Key Activities, Skill, Effort, Responsibility, Working Conditions).',
    fr: "Cette section n'est pas à sa place dans l'ordre prescrit (Résultats axés sur le service à la clientèle, Activités principales, Compétences, Effort, Responsabilité, Conditions de travail).",
  },
  check: (pair) =>
    LANGS.flatMap((lang) => sectionsOutOfOrder(pair[lang].sections).map((s) => finding(sectionOrder, lang, s.sectionId!, s.heading.text))),
};

export const sectionEmpty: Rule = {
  ...base,
  id: 'structure.section-empty',
  severity: 'error',
  message: {
    en: 'This section has a heading but no content.',
    fr: 'Cette section a un titre, mais aucun contenu.',
  },
  check: (pair) =>
    LANGS.flatMap((lang) =>
      pair[lang].sections.filter((s) => s.sectionId !== null && s.lines.length === 0).map((s) => finding(sectionEmpty, lang, s.sectionId!, s.heading.text)),
    ),
};

export const STRUCTURE_RULES: readonly Rule[] = [identificationMissing, identificationFieldMissing, sectionMissing, sectionOrder, sectionEmpty];
