// Glossary cases (issue #13, acceptance criterion 4): French elision, plurals and feminines,
// multi-word terms, accents and case, forbidden terms with their approved equivalent, and what
// must not match. domain/tm/glossary.test.ts runs them against the TypeScript matcher,
// scripts/glossary-parity.test.ts against glossary_lookup on a database holding only this
// glossary; supabase/tests/database/56-glossary.test.sql asserts the same cases in pgTAP.
import type { GlossaryTerm, Lang } from './glossary.ts';

const term = (n: number, termEn: string, termFr: string, status: GlossaryTerm['status'] = 'approved'): GlossaryTerm => ({
  id: `00000000-0000-4000-a000-${String(n).padStart(12, '0')}`,
  termEn,
  termFr,
  status,
  organizationId: null,
});

export const GLOSSARY: readonly GlossaryTerm[] = [
  term(1, 'agent', 'agent'),
  term(2, 'program officer', 'agent de programme'),
  term(3, 'deadline', 'date limite'),
  term(4, 'deadline', 'deadline', 'forbidden'),
  term(5, 'meeting', 'réunion'),
  term(6, 'meeting', 'meeting', 'forbidden'),
  term(7, 'eventually', 'finalement'),
  term(8, 'eventually', 'éventuellement', 'forbidden'),
  term(9, 'letter of offer', "lettre d'offre"),
  term(10, 'director', 'directeur'),
  term(11, 'occupational group', 'groupe professionnel'),
  term(12, 'Deputy Minister', 'sous-ministre'),
  term(13, 'active offer', 'offre active'),
  term(14, 'official languages', 'langues officielles'),
  term(15, 'position', 'poste'),
  term(16, 'bilingual imperative', 'bilingue impératif'),
  term(17, 'opportunity', 'opportunité', 'forbidden'),
];

export interface GlossaryCase {
  topic: string;
  text: string;
  lang: Lang;
  /** The terms glossary_lookup returns, in its order, with the words they cover in the text. */
  found: { term: string; status: GlossaryTerm['status']; approvedEquivalents: string[] | null; covers: string[] }[];
}

const approved = (term: string, ...covers: string[]) => ({ term, status: 'approved' as const, approvedEquivalents: null, covers });
const forbidden = (term: string, approvedEquivalents: string[], ...covers: string[]) =>
  ({ term, status: 'forbidden' as const, approvedEquivalents, covers });

export const GLOSSARY_CASES: readonly GlossaryCase[] = [
  { topic: 'elision', text: "L'agente traite le dossier.", lang: 'fr', found: [approved('agent', 'agente')] },
  { topic: 'elision', text: 'Elle a remis ses lettres d’offre.', lang: 'fr', found: [approved("lettre d'offre", 'lettres d’offre')] },
  { topic: 'elision', text: "Le poste d'agent est vacant.", lang: 'fr', found: [approved('agent', 'agent'), approved('poste', 'poste')] },
  { topic: 'plural', text: 'Des agents ont été formés.', lang: 'fr', found: [approved('agent', 'agents')] },
  { topic: 'plural', text: 'Les postes vacants', lang: 'fr', found: [approved('poste', 'postes')] },
  { topic: 'plural', text: 'Les sous-ministres adjoints', lang: 'fr', found: [approved('sous-ministre', 'sous-ministres')] },
  { topic: 'feminine', text: 'La directrice régionale', lang: 'fr', found: [approved('directeur', 'directrice')] },
  {
    topic: 'multi-word',
    text: 'Les agentes de programmes rencontrent les agents.',
    lang: 'fr',
    found: [approved('agent de programme', 'agentes de programmes'), approved('agent', 'agentes', 'agents')],
  },
  {
    topic: 'multi-word',
    text: 'Groupes professionnels et offres actives',
    lang: 'fr',
    found: [approved('groupe professionnel', 'Groupes professionnels'), approved('offre active', 'offres actives')],
  },
  { topic: 'multi-word', text: 'Respecter les LANGUES OFFICIELLES.', lang: 'fr', found: [approved('langues officielles', 'LANGUES OFFICIELLES')] },
  { topic: 'accents', text: 'Poste bilingue imperatif', lang: 'fr', found: [approved('bilingue impératif', 'bilingue imperatif'), approved('poste', 'Poste')] },
  {
    topic: 'forbidden',
    text: 'Il faut respecter le DEADLINE.',
    lang: 'fr',
    found: [forbidden('deadline', ['date limite'], 'DEADLINE')],
  },
  {
    topic: 'forbidden',
    text: 'Le meeting a eu lieu; eventuellement, une réunion suivra.',
    lang: 'fr',
    found: [forbidden('éventuellement', ['finalement'], 'eventuellement'), approved('réunion', 'réunion'), forbidden('meeting', ['réunion'], 'meeting')],
  },
  { topic: 'forbidden', text: 'Une belle opportunité', lang: 'fr', found: [forbidden('opportunité', [], 'opportunité')] },
  {
    topic: 'english',
    text: 'Each PROGRAM OFFICER met the deadline.',
    lang: 'en',
    found: [approved('program officer', 'PROGRAM OFFICER'), approved('deadline', 'deadline'), forbidden('deadline', ['date limite'], 'deadline')],
  },
  { topic: 'english', text: 'The agents and the positions.', lang: 'en', found: [] },
  { topic: 'no match', text: "L'agence régionale", lang: 'fr', found: [] },
  { topic: 'no match', text: "Une lettre de l'offre", lang: 'fr', found: [] },
  { topic: 'multi-word', text: 'Le programme des agents', lang: 'fr', found: [approved('agent', 'agents')] },
];
