// Job descriptions for the rules' tests: a correct, well-written English/French pair (the kind
// of text a reviewer passes), and edits of it that introduce one mistake at a time.
import type { Lang } from '../sections.ts';
import { checkTexts } from './check.ts';
import type { Finding, Rule } from './types.ts';

export interface JobDescriptionText {
  /** Identification lines in order; a null value leaves the line out. */
  fields: [key: string, value: string | null][];
  /** Heading and lines of each section, in order. */
  sections: [heading: string, lines: string[]][];
}

export function cleanJobDescription(lang: Lang): JobDescriptionText {
  if (lang === 'en') {
    return {
      fields: [['Title', 'Program Officer'], ['Classification', 'PM-04'], ['NOC', '41407'], ['Language profile', 'CBC/CBC'], ['Position number', '00045231']],
      sections: [
        ['Client Service Results', ['Delivers grants and contributions programs to community organizations in the Atlantic region so that funded projects meet program objectives.']],
        ['Key Activities', [
          '- Assesses funding applications against program criteria and recommends approval or refusal.',
          '- Negotiates contribution agreements of up to $250,000 with recipient organizations.',
          '- Monitors funded projects through site visits, progress reports and financial claims.',
        ]],
        ['Skill', ['The work requires knowledge of the program\'s terms and conditions and of the Policy on Transfer Payments. The incumbent analyzes budgets and activity reports to detect risks and recommends corrective measures to the manager.']],
        ['Effort', ['The work requires sustained concentration when reviewing applications and claims during intake periods.']],
        ['Responsibility', ['The incumbent is accountable for the accuracy of funding recommendations and for the follow-up of about 40 active agreements.']],
        ['Working Conditions', ['The work is performed in an office environment, with occasional travel to rural communities.']],
      ],
    };
  }
  return {
    fields: [['Titre', 'Agente ou agent de programme'], ['Classification', 'PM-04'], ['CNP', '41407'], ['Profil linguistique', 'CBC/CBC'], ['Numéro de poste', '00045231']],
    sections: [
      ['Résultats axés sur le service à la clientèle', ['Exécute des programmes de subventions et de contributions destinés aux organismes communautaires de la région de l\'Atlantique afin que les projets financés atteignent les objectifs du programme.']],
      ['Activités principales', [
        '- Évalue les demandes de financement au regard des critères du programme et recommande leur approbation ou leur refus.',
        '- Négocie avec les organismes bénéficiaires des accords de contribution pouvant atteindre 250 000 $.',
        '- Assure le suivi des projets financés au moyen de visites sur place, de rapports d\'étape et de demandes de remboursement.',
      ]],
      ['Compétences', ['Le travail exige la connaissance des modalités du programme et de la Politique sur les paiements de transfert. La personne titulaire du poste analyse les budgets et les rapports d\'activité afin de déceler les risques et recommande des mesures correctives à la gestionnaire ou au gestionnaire.']],
      ['Effort', ['Le travail exige une concentration soutenue lors de l\'examen des demandes et des demandes de remboursement pendant les périodes de réception.']],
      ['Responsabilité', ['La personne titulaire du poste répond de l\'exactitude des recommandations de financement et du suivi d\'environ 40 accords en vigueur.']],
      ['Conditions de travail', ['Le travail s\'effectue dans un bureau, avec des déplacements occasionnels vers des collectivités rurales.']],
    ],
  };
}

/** The plain-text format: identification lines, then sections separated by blank lines. */
export function render(jd: JobDescriptionText, lang: Lang): string {
  const separator = lang === 'fr' ? ' : ' : ': ';
  const fields = jd.fields.filter(([, value]) => value !== null).map(([key, value]) => `${key}${separator}${value}`);
  return [fields.join('\n'), ...jd.sections.map(([heading, lines]) => [heading, ...lines].join('\n'))].join('\n\n') + '\n';
}

export type Edit = (jd: JobDescriptionText) => void;

/** Sets (or, with null, removes) an identification field. */
export const setField = (key: string, value: string | null): Edit => (jd) => {
  const entry = jd.fields.find(([k]) => k === key);
  if (!entry) throw new Error(`no field ${key}`);
  entry[1] = value;
};

/** Replaces `from` by `to` in the section whose heading is `heading` (`to` may be several lines). */
export const replaceIn = (heading: string, from: string, to: string): Edit => (jd) => {
  const section = jd.sections.find(([h]) => h === heading);
  if (!section) throw new Error(`no section ${heading}`);
  const text = section[1].join('\n');
  if (!text.includes(from)) throw new Error(`"${from}" is not in ${heading}`);
  section[1] = text.replace(from, to).split('\n');
};

/** Appends a line to a section. */
export const addLine = (heading: string, line: string): Edit => (jd) => {
  const section = jd.sections.find(([h]) => h === heading);
  if (!section) throw new Error(`no section ${heading}`);
  section[1].push(line);
};

/** The clean pair with edits applied to each language. */
export function pairText(edits: { en?: Edit[]; fr?: Edit[] } = {}): { en: string; fr: string } {
  const en = cleanJobDescription('en');
  const fr = cleanJobDescription('fr');
  for (const edit of edits.en ?? []) edit(en);
  for (const edit of edits.fr ?? []) edit(fr);
  return { en: render(en, 'en'), fr: render(fr, 'fr') };
}

/** The findings of `rule` on the clean pair with `edits`, as `lang section: text` strings. */
export function findingsOf(rule: Rule, edits: { en?: Edit[]; fr?: Edit[] } = {}): string[] {
  const { en, fr } = pairText(edits);
  return checkTexts(en, fr, [rule]).map(describe);
}

export const describe = (f: Finding): string => `${f.lang} ${f.section}: ${f.text}`;
