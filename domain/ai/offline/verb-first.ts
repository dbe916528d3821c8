// Treasury Board style: a key activity starts with a verb ("Manages…", « Gère… »). Offline, only
// the unambiguous openings are rewritten, at the start of a line (a list item): "Responsible for
// managing X" / "Responsible for the management of X" → "Manages X"; « Responsable de la gestion
// du X » / « Responsable de gérer X » → « Gère le X ». The verbs are the short lists below; any
// other opening is left as written.
import type { Lang } from '../../sections.ts';
import { change, type Edit } from './edits.ts';
import { listMarker } from './answer.ts';

/** Rule id cited for these rewrites (not a compliance rule: no rule reports it). */
export const VERB_FIRST_RULE = 'style.verb-first';

const EN_GERUNDS: Record<string, string> = {
  managing: 'manages', coordinating: 'coordinates', developing: 'develops', leading: 'leads', providing: 'provides', overseeing: 'oversees',
  planning: 'plans', supervising: 'supervises', ensuring: 'ensures', conducting: 'conducts', preparing: 'prepares', reviewing: 'reviews',
  analyzing: 'analyzes', analysing: 'analyses', maintaining: 'maintains', delivering: 'delivers', monitoring: 'monitors', advising: 'advises',
  establishing: 'establishes', implementing: 'implements', evaluating: 'evaluates', directing: 'directs', organizing: 'organizes',
  negotiating: 'negotiates', administering: 'administers', processing: 'processes', representing: 'represents', assessing: 'assesses',
  drafting: 'drafts', tracking: 'tracks',
};
const EN_NOUNS: Record<string, string> = {
  management: 'manages', coordination: 'coordinates', development: 'develops', planning: 'plans', delivery: 'delivers', supervision: 'supervises',
  administration: 'administers', review: 'reviews', preparation: 'prepares', evaluation: 'evaluates', oversight: 'oversees',
  implementation: 'implements', analysis: 'analyzes', monitoring: 'monitors', maintenance: 'maintains', processing: 'processes',
  assessment: 'assesses', organization: 'organizes',
};
const FR_NOUNS: Record<string, string> = {
  gestion: 'gère', coordination: 'coordonne', élaboration: 'élabore', planification: 'planifie', supervision: 'supervise', préparation: 'prépare',
  évaluation: 'évalue', analyse: 'analyse', direction: 'dirige', surveillance: 'surveille', organisation: 'organise', administration: 'administre',
  examen: 'examine', négociation: 'négocie', rédaction: 'rédige',
};
const FR_INFINITIVES: Record<string, string> = {
  gérer: 'gère', coordonner: 'coordonne', élaborer: 'élabore', planifier: 'planifie', superviser: 'supervise', préparer: 'prépare', évaluer: 'évalue',
  analyser: 'analyse', diriger: 'dirige', surveiller: 'surveille', organiser: 'organise', administrer: 'administre', examiner: 'examine',
  assurer: 'assure', fournir: 'fournit', établir: 'établit', négocier: 'négocie', conseiller: 'conseille', représenter: 'représente', rédiger: 'rédige',
};
/** « de la gestion du programme » → « le programme »: the article the verb takes instead of the preposition. */
const FR_ARTICLE: Record<string, string> = { 'de la ': 'la ', "de l'": "l'", 'de l’': 'l’', 'du ': 'le ', 'des ': 'les ', 'de ': '', "d'": '', 'd’': '' };

const EN_OPENING = /^(?:(?:is|are)\s+)?responsible\s+for\s+(?:the\s+(\p{L}+)\s+of\s+|(\p{L}+ing)\s+)/iu;
const FR_NOUN_OPENING = /^responsable\s+(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+)(\p{L}+)\s+(de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’])/iu;
const FR_INFINITIVE_OPENING = /^responsable\s+(?:de\s+|d['’])(\p{L}+)\s+/iu;

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** The verb-first opening of a line body, or null: [length of the opening, what replaces it]. */
function rewriteOpening(body: string, lang: Lang): [number, string] | null {
  if (lang === 'en') {
    const m = EN_OPENING.exec(body);
    const verb = m && (m[1] ? EN_NOUNS[m[1].toLowerCase()] : EN_GERUNDS[m[2]!.toLowerCase()]);
    return m && verb ? [m[0].length, `${capitalised(verb)} `] : null;
  }
  const noun = FR_NOUN_OPENING.exec(body);
  const nounVerb = noun && FR_NOUNS[noun[1]!.toLowerCase()];
  if (noun && nounVerb) return [noun[0].length, `${capitalised(nounVerb)} ${FR_ARTICLE[noun[2]!.toLowerCase().replace(/\s+/g, ' ')] ?? ''}`];
  const infinitive = FR_INFINITIVE_OPENING.exec(body);
  const infinitiveVerb = infinitive && FR_INFINITIVES[infinitive[1]!.toLowerCase()];
  return infinitive && infinitiveVerb ? [infinitive[0].length, `${capitalised(infinitiveVerb)} `] : null;
}

/** The verb-first rewrites of the lines of `text`. */
export function verbFirstEdits(text: string, lang: Lang): Edit[] {
  const edits: Edit[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const start = offset + listMarker(line).length;
    const body = text.slice(start, offset + line.length);
    const rewrite = rewriteOpening(body, lang);
    if (rewrite) {
      const [length, replacement] = rewrite;
      const before = body.slice(0, length);
      edits.push({ start, end: start + length, replacement, source: { kind: 'rule', id: VERB_FIRST_RULE, description: change(lang, before.trim(), replacement.trim()) } });
    }
    offset += line.length + 1;
  }
  return edits;
}
