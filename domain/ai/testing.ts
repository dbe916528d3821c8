// Requests for the AI tests: the prompts' (what a model is sent) and the offline provider's
// (what it answers) run on the same translation, criterion 2's section.
import type { AssistRequest } from './assist-types.ts';

/** A request with defaults: improve, English, no grounding. */
export const assistRequest = (over: Partial<AssistRequest>): AssistRequest => ({ task: 'improve', text: 'Plans the work.', from: 'en', to: 'en', tm: [], glossary: [], ...over });

/** A Key Activities section whose three sentences all have 100 % (or 101 %) matches in the TM, with a fuzzy match and the glossary terms it contains. */
export const SECTION_WITH_EXACT_MATCHES = assistRequest({
  task: 'translate',
  to: 'fr',
  text: 'Manages the program officer team. Meets every deadline set by the Deputy Minister. Prepares briefing notes on official languages.',
  tm: [
    { id: '9001', source: 'Manages the program officer team.', target: 'Gère l’équipe des agents de programme.', score: 100 },
    { id: '9002', source: 'Meets every deadline set by the Deputy Minister.', target: 'Respecte chaque date limite fixée par la sous-ministre.', score: 101 },
    { id: '9003', source: 'Prepares briefing notes on official languages.', target: 'Rédige des notes d’information sur les langues officielles.', score: 100 },
    { id: '9004', source: 'Prepares briefing notes.', target: 'Rédige des notes d’information.', score: 80 },
  ],
  glossary: [
    { id: 'g1', source: 'program officer', target: 'agent de programme', status: 'approved', approvedEquivalents: null },
    { id: 'g2', source: 'deadline', target: 'date limite', status: 'approved', approvedEquivalents: null },
    { id: 'g3', source: 'deadline', target: 'deadline', status: 'forbidden', approvedEquivalents: ['date limite'] },
    { id: 'g4', source: 'Deputy Minister', target: 'sous-ministre', status: 'approved', approvedEquivalents: null },
    { id: 'g5', source: 'official languages', target: 'langues officielles', status: 'approved', approvedEquivalents: null },
  ],
});

/** A small stored job description for compliance-review: a generic pronoun (with the rule's fix), a French « il », an amount only in English. */
export const REVIEW_IDENTIFICATION = { title_en: 'Program Officer', title_fr: 'Agente ou agent de programme', classification: 'PM-4' };
export const REVIEW_SECTIONS = [
  { lang: 'en' as const, sectionId: 'client-service-results', heading: 'Client Service Results', body: 'Manages a program budget of $4.3M and he reports to the Director.', position: 1 },
  { lang: 'fr' as const, sectionId: 'client-service-results', heading: 'Résultats axés sur le service à la clientèle', body: 'Gère le budget du programme et rend compte à la directrice ou au directeur.', position: 1 },
  { lang: 'en' as const, sectionId: 'key-activities', heading: 'Key Activities', body: 'Plans the work of the team.', position: 2 },
  { lang: 'fr' as const, sectionId: 'key-activities', heading: 'Activités principales', body: 'Planifie le travail de l’équipe.', position: 2 },
];
