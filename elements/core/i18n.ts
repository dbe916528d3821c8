// The kit's interface strings in both official languages, and how an element picks its
// language: the `lang` of its <jd-session>, else the nearest `lang` attribute, else the page's.
//
// Why not @lit/localize's runtime mode: it keeps one locale per page, set by a global
// configureLocalization() call. A portal may show an English and a French session side by side,
// and importing the kit must not configure anything globally, so the catalogs are plain objects
// looked up per element. They keep @lit/localize's shape (id -> template), so switching to its
// build mode later is a mechanical change.
import type { Lang } from '../../domain/sections.js';

const en = {
  'session.signIn': 'Sign in',
  'session.signInHeading': 'Sign in to edit job descriptions',
  'session.email': 'Email',
  'session.password': 'Password',
  'session.anonymous': 'Continue as guest',
  'session.signOut': 'Sign out',
  'session.signedInAs': 'Signed in as {name}',
  'session.signingIn': 'Signing in…',
  'session.failed': 'Sign-in failed: {message}',
  'session.notConfigured': 'This session has no supabase-url or anon-key.',
  'editor.loading': 'Opening the job description…',
  'editor.signedOut': 'Sign in to open this job description.',
  'editor.noDocument': 'No job description selected.',
  'editor.noAccess': 'No access: you are not allowed to open this job description, or it does not exist. Ask an administrator of its department for access.',
  'editor.readOnly': 'Read only: you can view this job description but not change it.',
  'editor.empty': 'This job description has no content yet.',
  'editor.label': 'Job description editor',
  'editor.english': 'English',
  'editor.french': 'French',
  'editor.paneLabel': '{lang} text',
  'editor.identification': 'Position identification',
  'editor.titleEn': 'Title (English)',
  'editor.titleFr': 'Title (French)',
  'editor.classification': 'Classification',
  'editor.positionNumber': 'Position number',
  'editor.department': 'Department',
  'editor.languageProfile': 'Language profile',
  'editor.toolbar': 'Formatting',
  'editor.bold': 'Bold',
  'editor.italic': 'Italic',
  'editor.link': 'Link',
  'editor.linkPrompt': 'Link address (https://…)',
  'editor.linkApply': 'Apply link',
  'editor.linkRemove': 'Remove link',
  'editor.linkCancel': 'Cancel',
  'editor.linkInvalid': 'Enter a full web address starting with https:// or http://, or a mailto: or tel: address.',
  'editor.heading': 'Sub-heading',
  'editor.paragraph': 'Paragraph',
  'editor.bulletList': 'Bulleted list',
  'editor.orderedList': 'Numbered list',
  'editor.undo': 'Undo',
  'editor.redo': 'Redo',
  'editor.addSection': 'Add a section',
  'editor.newSectionEn': 'New section',
  'editor.newSectionFr': 'Nouvelle section',
  'editor.presence': 'People editing',
  'editor.you': '{name} (you)',
  'editor.comment': 'Comment',
  'editor.commentNeedsSelection': 'Select some text to comment on it.',
  'status.label': 'Connection',
  'status.connected': 'Connected',
  'status.syncing': 'Syncing…',
  'status.offline': 'Offline — changes are kept on this device',
  'status.saved': 'All changes saved',
  'workflow.label': 'Review',
  'workflow.status': 'Status: {status}',
  'workflow.draft': 'Draft',
  'workflow.in_review': 'In review',
  'workflow.approved': 'Approved',
  'workflow.archived': 'Archived',
  'workflow.submit': 'Submit for review',
  'workflow.approve': 'Approve',
  'workflow.requestChanges': 'Request changes',
  'workflow.comment': 'Comment for the author',
  'workflow.failed': 'The request failed: {message}',
  'workflow.submittedBy': 'Submitted by {name},',
  'workflow.ownSubmission': 'You submitted it: another reviewer or administrator decides.',
  'workflow.decidedBy': '{decision} by {name},',
  'workflow.decision.approved': 'Approved',
  'workflow.decision.changes_requested': 'Changes requested',
  'workflow.decision.rejected': 'Rejected',
  'workflow.decisionComment': 'Reviewer’s comment',
  'versions.label': 'Versions',
  'versions.name': 'Version name',
  'versions.save': 'Save version',
  'versions.none': 'No saved versions yet.',
  'versions.view': 'View {name}',
  'versions.restore': 'Restore {name}',
  'versions.close': 'Close version',
  'versions.viewing': 'Version {number}: {name}',
  'versions.restored': 'Version {name} restored as a new change.',
  'panel.label': 'Assistance',
  // issue 12 item 2 (theme): toolbar names and tooltips, key names in shortcuts
  'editor.commentSelection': 'Comment on the selected text',
  'shortcut.withName': '{label} ({shortcut})',
  'key.ctrl': 'Ctrl',
  'key.cmd': 'Cmd',
  'key.alt': 'Alt',
  'key.option': 'Option',
  'key.shift': 'Shift',
  // Issue 12 item 4: identification fields seeded from the document and checked as you type.
  'identification.nocCode': 'NOC 2021 code',
  'identification.didYouMean': 'Did you mean {fix}?',
  'identification.classificationHint': 'Type a group code and a two-digit level, e.g. PM-04.',
  'identification.unknownGroup': 'Check the group code against the Treasury Board list of occupational groups (e.g. AS, CS, EC, PM).',
  'identification.nocHint': 'Type the five digits of the NOC 2021 code, e.g. 41403.',
  'identification.languageProfileHint': 'Type the levels for reading, writing and oral interaction, e.g. BBB/BBB or CBC, or "English essential".',
} as const;

export type MessageId = keyof typeof en;
type Catalog = Record<MessageId, Message>;

const fr: Catalog = {
  'session.signIn': 'Se connecter',
  'session.signInHeading': 'Connectez-vous pour rédiger des descriptions de travail',
  'session.email': 'Courriel',
  'session.password': 'Mot de passe',
  'session.anonymous': 'Continuer comme invité',
  'session.signOut': 'Se déconnecter',
  'session.signedInAs': 'Connecté(e) : {name}',
  'session.signingIn': 'Connexion…',
  'session.failed': 'Échec de la connexion : {message}',
  'session.notConfigured': 'Cette session n’a pas de supabase-url ou d’anon-key.',
  'editor.loading': 'Ouverture de la description de travail…',
  'editor.signedOut': 'Connectez-vous pour ouvrir cette description de travail.',
  'editor.noDocument': 'Aucune description de travail sélectionnée.',
  'editor.noAccess': 'Accès refusé : vous ne pouvez pas ouvrir cette description de travail, ou elle n’existe pas. Demandez l’accès à un administrateur de son ministère.',
  'editor.readOnly': 'Lecture seule : vous pouvez consulter cette description de travail, mais pas la modifier.',
  'editor.empty': 'Cette description de travail n’a pas encore de contenu.',
  'editor.label': 'Éditeur de description de travail',
  'editor.english': 'Anglais',
  'editor.french': 'Français',
  'editor.paneLabel': 'Texte en {lang}',
  'editor.identification': 'Identification du poste',
  'editor.titleEn': 'Titre (anglais)',
  'editor.titleFr': 'Titre (français)',
  'editor.classification': 'Classification',
  'editor.positionNumber': 'Numéro de poste',
  'editor.department': 'Ministère',
  'editor.languageProfile': 'Profil linguistique',
  'editor.toolbar': 'Mise en forme',
  'editor.bold': 'Gras',
  'editor.italic': 'Italique',
  'editor.link': 'Lien',
  'editor.linkPrompt': 'Adresse du lien (https://…)',
  'editor.linkApply': 'Appliquer le lien',
  'editor.linkRemove': 'Retirer le lien',
  'editor.linkCancel': 'Annuler',
  'editor.linkInvalid': 'Entrez une adresse Web complète commençant par https:// ou http://, ou une adresse mailto: ou tel:.',
  'editor.heading': 'Intertitre',
  'editor.paragraph': 'Paragraphe',
  'editor.bulletList': 'Liste à puces',
  'editor.orderedList': 'Liste numérotée',
  'editor.undo': 'Annuler',
  'editor.redo': 'Rétablir',
  'editor.addSection': 'Ajouter une section',
  'editor.newSectionEn': 'New section',
  'editor.newSectionFr': 'Nouvelle section',
  'editor.presence': 'Personnes en train de rédiger',
  'editor.you': '{name} (vous)',
  'editor.comment': 'Commenter',
  'editor.commentNeedsSelection': 'Sélectionnez du texte pour le commenter.',
  'status.label': 'Connexion',
  'status.connected': 'Connecté',
  'status.syncing': 'Synchronisation…',
  'status.offline': 'Hors ligne — les modifications sont conservées sur cet appareil',
  'status.saved': 'Toutes les modifications sont enregistrées',
  'workflow.label': 'Révision',
  'workflow.status': 'État : {status}',
  'workflow.draft': 'Ébauche',
  'workflow.in_review': 'En révision',
  'workflow.approved': 'Approuvée',
  'workflow.archived': 'Archivée',
  'workflow.submit': 'Soumettre pour révision',
  'workflow.approve': 'Approuver',
  'workflow.requestChanges': 'Demander des modifications',
  'workflow.comment': 'Commentaire pour l’auteur',
  'workflow.failed': 'La demande a échoué : {message}',
  'workflow.submittedBy': 'Soumise par {name},',
  'workflow.ownSubmission': 'Vous l’avez soumise : une autre personne (réviseur ou administrateur) décide.',
  'workflow.decidedBy': '{decision} par {name},',
  'workflow.decision.approved': 'Approuvée',
  'workflow.decision.changes_requested': 'Modifications demandées',
  'workflow.decision.rejected': 'Rejetée',
  'workflow.decisionComment': 'Commentaire du réviseur',
  'versions.label': 'Versions',
  'versions.name': 'Nom de la version',
  'versions.save': 'Enregistrer la version',
  'versions.none': 'Aucune version enregistrée.',
  'versions.view': 'Voir {name}',
  'versions.restore': 'Restaurer {name}',
  'versions.close': 'Fermer la version',
  'versions.viewing': 'Version {number} : {name}',
  'versions.restored': 'Version {name} restaurée comme nouvelle modification.',
  'panel.label': 'Assistance',
  // issue 12 item 2 (theme): toolbar names and tooltips, key names in shortcuts
  'editor.commentSelection': 'Commenter le texte sélectionné',
  'shortcut.withName': '{label} ({shortcut})',
  'key.ctrl': 'Ctrl',
  'key.cmd': 'Cmd',
  'key.alt': 'Alt',
  'key.option': 'Option',
  'key.shift': 'Maj',
  // Issue 12 item 4: identification fields seeded from the document and checked as you type.
  'identification.nocCode': 'Code CNP 2021',
  'identification.didYouMean': 'Vouliez-vous dire {fix} ?',
  'identification.classificationHint': 'Saisissez un code de groupe et un niveau à deux chiffres, p. ex. PM-04.',
  'identification.unknownGroup': 'Vérifiez le code de groupe dans la liste des groupes professionnels du Conseil du Trésor (p. ex. AS, CS, EC, PM).',
  'identification.nocHint': 'Saisissez les cinq chiffres du code de la CNP 2021, p. ex. 41403.',
  'identification.languageProfileHint': 'Saisissez les niveaux de compréhension de l’écrit, d’expression écrite et d’interaction orale, p. ex. BBB/BBB ou CBC, ou « Anglais essentiel ».',
};

const catalogs: Record<Lang, Catalog> = { en, fr };

/** The locale for `Intl` formats, `toLocaleString` and `lang` attributes: Canadian English or Canadian French. */
export function localeOf(lang: Lang): 'en-CA' | 'fr-CA' {
  return lang === 'fr' ? 'fr-CA' : 'en-CA';
}

/**
 * A message whose wording follows `{count}`: one template per plural category of the language
 * (`Intl.PluralRules`: English has one and other; French counts 0 and 1 as one), `other` always.
 */
export type PluralMessage = { readonly other: string } & Readonly<Partial<Record<Intl.LDMLPluralRule, string>>>;
/** A catalog entry: a template, or plural templates chosen by `{count}`. */
export type Message = string | PluralMessage;

/** The template of `message` for `values.count` in `lang` (a plain template as it is), placeholders filled in. */
export function formatMessage(lang: Lang, message: Message, values: Record<string, string | number> = {}): string {
  if (typeof message === 'string') return fillPlaceholders(message, values);
  const count = Number(values['count']);
  const form = Number.isFinite(count) ? new Intl.PluralRules(localeOf(lang)).select(count) : 'other';
  return fillPlaceholders(message[form] ?? message.other, values);
}

/** A template with its `{name}` placeholders filled in; unknown names stay as written. Values are text, never HTML. */
export function fillPlaceholders(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** The message in `lang`, with `{name}` placeholders filled in (values are text, never HTML). */
export function msg(lang: Lang, id: MessageId, values: Record<string, string | number> = {}): string {
  return formatMessage(lang, catalogs[lang][id], values);
}

/** 'fr' for any French tag (fr, fr-CA), else 'en'. */
export function toLang(value: string | null | undefined): Lang {
  return value?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** The language an element without a session should use: nearest `lang` attribute (crossing shadow roots), else the page. */
export function langOf(element: Element): Lang {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang')) return toLang(node.getAttribute('lang'));
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
  return toLang(document.documentElement.lang);
}
