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
  // Issue 12 item 3, state you can see: connection status, who is here, read-only reasons, review badge, progress and failures.
  'state.label': 'Connection and saving',
  'state.offline': 'Offline — your changes are kept on this device and will be sent when you reconnect',
  'state.reconnecting': 'Connection lost — reconnecting… Your changes are kept on this device.',
  'state.syncing': 'Saving changes…',
  'state.connected': 'Up to date',
  'state.saved': 'All changes saved',
  'state.savedAt': 'All changes saved at {time}',
  'state.error.unauthorized': 'Your session expired. Sign in again to keep saving; your changes are kept on this device.',
  'state.error.forbidden': 'You no longer have access to this job description. Ask an administrator of its department.',
  'state.error.not-found': 'This job description no longer exists on the server.',
  'readOnly.title': 'Read only.',
  'readOnly.viewer': 'You can read this job description. To change it, ask an administrator of your department for the editor role.',
  'readOnly.reviewer': 'You can read and comment on this job description as a reviewer; editors change the text.',
  'readOnly.in_review': 'Locked while in review: the text cannot change while a reviewer decides. Comments stay open. If changes are needed, the reviewer requests them and it returns to draft.',
  'readOnly.approved': 'Approved: the text is locked. To change it, reopen it as a draft; it will need a new review.',
  'readOnly.archived': 'Archived: the text is locked. An administrator can restore it to draft.',
  'readOnly.forced': 'This page shows the job description read-only.',
  'readOnly.offlineNoCopy': 'Offline: this job description has not been opened on this device before, so there is no copy to show. Connect to the network and try again.',
  'workflow.badgeLabel': 'Review status:',
  'workflow.reopen': 'Reopen as draft',
  'workflow.restore': 'Restore to draft',
  'workflow.busy.submit': 'Submitting…',
  'workflow.busy.approved': 'Approving…',
  'workflow.busy.changes_requested': 'Requesting changes…',
  'workflow.busy.reopen': 'Reopening…',
  'workflow.action.submit': 'Could not submit',
  'workflow.action.approved': 'Could not approve',
  'workflow.action.changes_requested': 'Could not request changes',
  'workflow.action.reopen': 'Could not reopen',
  'versions.busy.save': 'Saving version…',
  'versions.busy.restore': 'Restoring…',
  'versions.busy.view': 'Opening…',
  'versions.action.save': 'Could not save the version',
  'versions.action.restore': 'Could not restore the version',
  'versions.action.view': 'Could not open the version',
  'failure.offline': '{action}: you are offline. Try again when you are back online.',
  'failure.session': '{action}: your session expired. Sign in again, then try again.',
  'failure.forbidden': '{action}: your role does not allow it. Ask an administrator of your department if you need it.',
  'failure.state': '{action}: the document changed meanwhile (someone else may have acted). The status shown is now up to date; check it before trying again.',
  'failure.other': '{action}: {message}. Try again; if it keeps failing, contact your administrator.',
  'failure.retry': 'Try again',
  'presence.summary': { one: '{count} person here', other: '{count} people here' },
  'presence.listLabel': '{summary}: {names}',
  'presence.inEnglish': 'in the English text',
  'presence.inFrench': 'in the French text',
  'status.reconnecting': 'Reconnecting…',
  'status.error': 'Not saving: the server refused the connection',
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
  // Issue 12 item 3, state you can see: connection status, who is here, read-only reasons, review badge, progress and failures.
  'state.label': 'Connexion et enregistrement',
  'state.offline': 'Hors ligne — vos modifications sont conservées sur cet appareil et seront envoyées à la reconnexion',
  'state.reconnecting': 'Connexion perdue — reconnexion en cours… Vos modifications sont conservées sur cet appareil.',
  'state.syncing': 'Enregistrement des modifications…',
  'state.connected': 'À jour',
  'state.saved': 'Toutes les modifications sont enregistrées',
  'state.savedAt': 'Toutes les modifications enregistrées à {time}',
  'state.error.unauthorized': 'Votre session a expiré. Reconnectez-vous pour continuer à enregistrer; vos modifications sont conservées sur cet appareil.',
  'state.error.forbidden': 'Vous n’avez plus accès à cette description de travail. Adressez-vous à un administrateur de son ministère.',
  'state.error.not-found': 'Cette description de travail n’existe plus sur le serveur.',
  'readOnly.title': 'Lecture seule.',
  'readOnly.viewer': 'Vous pouvez lire cette description de travail. Pour la modifier, demandez le rôle de rédacteur à un administrateur de votre ministère.',
  'readOnly.reviewer': 'En tant que réviseur, vous pouvez lire et commenter cette description de travail; les rédacteurs en modifient le texte.',
  'readOnly.in_review': 'Verrouillée pendant la révision : le texte ne peut pas changer pendant qu’un réviseur décide. Les commentaires restent ouverts. Si des modifications sont nécessaires, le réviseur les demande et elle redevient une ébauche.',
  'readOnly.approved': 'Approuvée : le texte est verrouillé. Pour le modifier, rouvrez-la comme ébauche; elle devra être révisée de nouveau.',
  'readOnly.archived': 'Archivée : le texte est verrouillé. Un administrateur peut la remettre en ébauche.',
  'readOnly.forced': 'Cette page présente la description de travail en lecture seule.',
  'readOnly.offlineNoCopy': 'Hors ligne : cette description de travail n’a jamais été ouverte sur cet appareil, il n’y a donc aucune copie à afficher. Connectez-vous au réseau et réessayez.',
  'workflow.badgeLabel': 'État de la révision :',
  'workflow.reopen': 'Rouvrir comme ébauche',
  'workflow.restore': 'Remettre en ébauche',
  'workflow.busy.submit': 'Soumission…',
  'workflow.busy.approved': 'Approbation…',
  'workflow.busy.changes_requested': 'Demande de modifications…',
  'workflow.busy.reopen': 'Réouverture…',
  'workflow.action.submit': 'Impossible de soumettre',
  'workflow.action.approved': 'Impossible d’approuver',
  'workflow.action.changes_requested': 'Impossible de demander des modifications',
  'workflow.action.reopen': 'Impossible de rouvrir',
  'versions.busy.save': 'Enregistrement de la version…',
  'versions.busy.restore': 'Restauration…',
  'versions.busy.view': 'Ouverture…',
  'versions.action.save': 'Impossible d’enregistrer la version',
  'versions.action.restore': 'Impossible de restaurer la version',
  'versions.action.view': 'Impossible d’ouvrir la version',
  'failure.offline': '{action} : vous êtes hors ligne. Réessayez lorsque vous serez de nouveau en ligne.',
  'failure.session': '{action} : votre session a expiré. Reconnectez-vous, puis réessayez.',
  'failure.forbidden': '{action} : votre rôle ne le permet pas. Adressez-vous à un administrateur de votre ministère au besoin.',
  'failure.state': '{action} : le document a changé entre-temps (une autre personne a peut-être agi). L’état affiché est maintenant à jour; vérifiez-le avant de réessayer.',
  'failure.other': '{action} : {message}. Réessayez; si le problème persiste, communiquez avec votre administrateur.',
  'failure.retry': 'Réessayer',
  'presence.summary': { one: '{count} personne présente', other: '{count} personnes présentes' },
  'presence.listLabel': '{summary} : {names}',
  'presence.inEnglish': 'dans le texte anglais',
  'presence.inFrench': 'dans le texte français',
  'status.reconnecting': 'Reconnexion…',
  'status.error': 'Enregistrement interrompu : le serveur a refusé la connexion',
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
