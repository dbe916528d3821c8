// The glossary the compliance check uses when it is given none: a few approved English–French
// pairs of work-description vocabulary, and calques the Translation Bureau warns against, taken
// from the shared terminology in supabase/seed.sql (sources there: TBS, TERMIUM Plus, PSC,
// Translation Bureau). Kept to terms with one accepted French equivalent in a work description,
// so that a translation using another word is worth a reviewer's look. A caller with the
// organization's glossary (glossary_terms, a TBX file) passes that instead.
import type { GlossaryTerm } from '../tm/glossary.ts';

const approved = (termEn: string, termFr: string): GlossaryTerm => ({ id: `builtin:${termEn}`, termEn, termFr, status: 'approved', organizationId: null });
const forbidden = (termEn: string, termFr: string): GlossaryTerm => ({ id: `builtin:${termEn}→${termFr}`, termEn, termFr, status: 'forbidden', organizationId: null });

export const BUILT_IN_GLOSSARY: readonly GlossaryTerm[] = [
  approved('incumbent', 'titulaire'),
  approved('work description', 'description de travail'),
  approved('position number', 'numéro de poste'),
  approved('occupational group', 'groupe professionnel'),
  approved('classification standard', 'norme de classification'),
  approved('language profile', 'profil linguistique'),
  approved('official languages', 'langues officielles'),
  approved('active offer', 'offre active'),
  approved('statement of merit criteria', 'énoncé des critères de mérite'),
  approved('collective agreement', 'convention collective'),
  approved('employment equity', 'équité en matière d’emploi'),
  approved('duty to accommodate', 'obligation de prendre des mesures d’adaptation'),
  approved('security clearance', 'cote de sécurité'),
  approved('reliability status', 'cote de fiabilité'),
  approved('briefing note', 'note d’information'),
  approved('grants and contributions', 'subventions et contributions'),
  approved('contribution agreement', 'accord de contribution'),
  approved('Treasury Board', 'Conseil du Trésor'),
  approved('occupational health and safety', 'santé et sécurité au travail'),
  approved('access to information', 'accès à l’information'),
  approved('personal information', 'renseignements personnels'),
  forbidden('opportunity', 'opportunité'),
  forbidden('eventually', 'éventuellement'),
  forbidden('implement', 'implémenter'),
  forbidden('responsible for', 'en charge de'),
  forbidden('deadline', 'deadline'),
  forbidden('meeting', 'meeting'),
  forbidden('email', 'email'),
];
