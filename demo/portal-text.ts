// The portal's own words, in both official languages (the kit's elements bring theirs).
import type { Lang } from '../domain/sections.js';
import { fillPlaceholders, localeOf } from '../elements/core/i18n.js';

const en = {
  pageTitle: '{page} — HR Portal (demo)',
  skipToContent: 'Skip to main content',
  government: 'Government of Canada (demo)',
  portalName: 'Human Resources Portal',
  otherLanguage: 'Français',
  menu: 'Portal menu',
  navDocuments: 'Job descriptions',
  navReview: 'Review queue',
  signedInAs: 'Signed in as {name}',
  role: 'Role: {role}',
  signOut: 'Sign out',
  breadcrumbs: 'You are here:',
  home: 'HR Portal',
  'role.viewer': 'Viewer',
  'role.editor': 'Editor',
  'role.translator': 'Translator',
  'role.reviewer': 'Reviewer',
  'role.admin': 'Administrator',
  'status.draft': 'Draft',
  'status.in_review': 'In review',
  'status.approved': 'Approved',
  'status.archived': 'Archived',
  documentsHeading: 'Job descriptions',
  documentsIntro: 'The job descriptions of your department. Open one to write, translate or review it.',
  search: 'Search by title, classification or position number',
  statusFilter: 'Status',
  anyStatus: 'Any status',
  apply: 'Search',
  columnTitle: 'Title',
  columnClassification: 'Classification',
  columnStatus: 'Status',
  columnDepartment: 'Department',
  columnUpdated: 'Last change',
  tableCaption: 'Job descriptions ({count})',
  loading: 'Loading job descriptions…',
  empty: 'No job description matches your search.',
  loadError: 'The job descriptions could not be loaded. Check your connection and try again. ({message})',
  retry: 'Try again',
  reviewHeading: 'Review queue',
  reviewIntro: 'Job descriptions submitted for review in your department.',
  reviewEmpty: 'Nothing is waiting for your review.',
  reviewCaption: 'Waiting for review ({count})',
  back: 'Back to job descriptions',
  documentLoading: 'Opening the job description…',
  documentMissing: 'This job description does not exist or you cannot open it.',
  documentStatus: 'Status:',
  documentClassification: 'Classification:',
  documentDepartment: 'Department:',
  signInHeading: 'Sign in',
  signInIntro: 'Choose a demo account, or sign in with an email and password below.',
  accountsHeading: 'Demo accounts',
  accountsNote: 'Every demo account uses the password demo-password-1.',
  signInAs: 'Sign in as {name}',
  signingIn: 'Signing in as {name}…',
  signInFailed: 'Signing in as {name} failed: {message}',
  unavailable: 'The job description service is not available right now. Try again in a few minutes.',
  footer: 'Demonstration portal: the departments, people and job descriptions are fictitious.',
};

const fr: Record<keyof typeof en, string> = {
  pageTitle: '{page} — Portail RH (démo)',
  skipToContent: 'Passer au contenu principal',
  government: 'Gouvernement du Canada (démo)',
  portalName: 'Portail des ressources humaines',
  otherLanguage: 'English',
  menu: 'Menu du portail',
  navDocuments: 'Descriptions de travail',
  navReview: 'File d’examen',
  signedInAs: 'Connecté(e) : {name}',
  role: 'Rôle : {role}',
  signOut: 'Se déconnecter',
  breadcrumbs: 'Vous êtes ici :',
  home: 'Portail RH',
  // Roles as functions, not job titles: gender-neutral, as the Government of Canada writes them.
  'role.viewer': 'Consultation',
  'role.editor': 'Rédaction',
  'role.translator': 'Traduction',
  'role.reviewer': 'Révision',
  'role.admin': 'Administration',
  'status.draft': 'Ébauche',
  'status.in_review': 'En examen',
  'status.approved': 'Approuvée',
  'status.archived': 'Archivée',
  documentsHeading: 'Descriptions de travail',
  documentsIntro: 'Les descriptions de travail de votre ministère. Ouvrez-en une pour la rédiger, la traduire ou l’examiner.',
  search: 'Rechercher par titre, classification ou numéro de poste',
  statusFilter: 'État',
  anyStatus: 'Tous les états',
  apply: 'Rechercher',
  columnTitle: 'Titre',
  columnClassification: 'Classification',
  columnStatus: 'État',
  columnDepartment: 'Ministère',
  columnUpdated: 'Dernière modification',
  tableCaption: 'Descriptions de travail ({count})',
  loading: 'Chargement des descriptions de travail…',
  empty: 'Aucune description de travail ne correspond à votre recherche.',
  loadError: 'Les descriptions de travail n’ont pas pu être chargées. Vérifiez votre connexion et réessayez. ({message})',
  retry: 'Réessayer',
  reviewHeading: 'File d’examen',
  reviewIntro: 'Les descriptions de travail de votre ministère soumises à l’examen.',
  reviewEmpty: 'Rien n’attend votre examen.',
  reviewCaption: 'En attente d’examen ({count})',
  back: 'Retour aux descriptions de travail',
  documentLoading: 'Ouverture de la description de travail…',
  documentMissing: 'Cette description de travail n’existe pas ou vous ne pouvez pas l’ouvrir.',
  documentStatus: 'État :',
  documentClassification: 'Classification :',
  documentDepartment: 'Ministère :',
  signInHeading: 'Connexion',
  signInIntro: 'Choisissez un compte de démonstration, ou connectez-vous avec un courriel et un mot de passe ci-dessous.',
  accountsHeading: 'Comptes de démonstration',
  accountsNote: 'Tous les comptes de démonstration utilisent le mot de passe demo-password-1.',
  signInAs: 'Se connecter en tant que {name}',
  signingIn: 'Connexion en tant que {name}…',
  signInFailed: 'La connexion en tant que {name} a échoué : {message}',
  unavailable: 'Le service des descriptions de travail n’est pas disponible pour le moment. Réessayez dans quelques minutes.',
  footer: 'Portail de démonstration : les ministères, les personnes et les descriptions de travail sont fictifs.',
};

export type PortalTextId = keyof typeof en;

const TEXT: Record<Lang, Record<PortalTextId, string>> = { en, fr };

/** A portal string in `lang`, its `{name}` slots filled the way the kit fills its own. */
export function t(lang: Lang, id: PortalTextId, values: Record<string, string | number> = {}): string {
  return fillPlaceholders(TEXT[lang][id], values);
}

/** A role or status name from the database, in `lang` (the raw value when unknown). */
export function termOf(lang: Lang, kind: 'role' | 'status', value: string): string {
  const id = `${kind}.${value}`;
  return id in en ? t(lang, id as PortalTextId) : value;
}

/** A date as people read it in `lang` (e.g. "5 December 2026, 14:05" / "5 décembre 2026, 14 h 05"). */
export function formatDate(lang: Lang, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(localeOf(lang), { dateStyle: 'long', timeStyle: 'short' }).format(date);
}
