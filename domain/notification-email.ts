// The e-mail a notification becomes (issue 17 item 5's optional e-mail), pure and
// runtime-neutral: the notify-email Edge Function sends it, the Node and Deno tests read it.
//
// Bilingual as Government of Canada e-mails are: the whole message in the recipient's preferred
// language first, then the whole message in the other one, separated by a line; the subject
// carries both ("English / Français" or "Français / English").

export type NotificationLang = 'en' | 'fr';

/** One claimed notification, as `claim_notification_emails` returns it. */
export interface NotificationForEmail {
  id: string;
  kind: string;
  document_id: string;
  recipient_email: string;
  recipient_name: string | null;
  preferred_language: string | null;
  document_title_en: string | null;
  document_title_fr: string | null;
  actor_name: string | null;
  comment_excerpt: string | null;
  decision: string | null;
}

export interface NotificationEmail {
  to: string;
  subject: string;
  text: string;
}

const WORDS = {
  en: {
    mention: '{actor} mentioned you in {document}',
    reply: '{actor} replied to your comment in {document}',
    submission: '{actor} submitted {document} for review',
    approved: '{actor} approved {document}',
    changes_requested: '{actor} requested changes to {document}',
    rejected: '{actor} rejected {document}',
    decided: '{actor} decided on the review of {document}',
    someone: 'Someone',
    untitled: 'an untitled job description',
    greeting: 'Hello {name},',
    greetingAnonymous: 'Hello,',
    comment: 'Comment:',
    open: 'Open the job description:',
    why: 'You receive this e-mail because e-mail notifications are on in your jd-kit profile.',
  },
  fr: {
    mention: '{actor} vous mentionne dans {document}',
    reply: '{actor} a répondu à votre commentaire dans {document}',
    submission: '{actor} a soumis {document} pour examen',
    approved: '{actor} a approuvé {document}',
    changes_requested: '{actor} demande des modifications à {document}',
    rejected: '{actor} a rejeté {document}',
    decided: '{actor} a rendu une décision sur l’examen de {document}',
    someone: 'Quelqu’un',
    untitled: 'une description de travail sans titre',
    greeting: 'Bonjour {name},',
    greetingAnonymous: 'Bonjour,',
    comment: 'Commentaire :',
    open: 'Ouvrir la description de travail :',
    why: 'Vous recevez ce courriel parce que les notifications par courriel sont activées dans votre profil jd-kit.',
  },
} as const;

type Phrase = 'mention' | 'reply' | 'submission' | 'approved' | 'changes_requested' | 'rejected' | 'decided';

function phraseOf(notification: NotificationForEmail): Phrase {
  switch (notification.kind) {
    case 'mention':
    case 'reply':
    case 'submission':
      return notification.kind;
    case 'decision':
      return notification.decision === 'approved' || notification.decision === 'changes_requested' || notification.decision === 'rejected'
        ? notification.decision
        : 'decided';
    default:
      throw new Error(`unknown notification kind "${notification.kind}" (expected mention, reply, submission or decision)`);
  }
}

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);

/** Names and titles come from users: one line each, so they cannot forge lines of the message. */
const oneLine = (value: string | null | undefined) => (value ?? '').replace(/\s+/g, ' ').trim();

/**
 * The document's address in the portal: `template` with `{lang}` and `{id}` replaced, e.g.
 * `https://hr.example/#/{lang}/documents/{id}`. Throws when the template yields no http(s) URL.
 */
export function documentLink(template: string, lang: NotificationLang, documentId: string): string {
  const filled = fill(template, { lang, id: encodeURIComponent(documentId) });
  let url: URL;
  try {
    url = new URL(filled);
  } catch {
    throw new Error(`the document link template "${template}" does not give a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`the document link template "${template}" must give an http(s) URL`);
  }
  return url.href;
}

export const preferredLanguage = (value: string | null | undefined): NotificationLang => (value === 'fr' ? 'fr' : 'en');

function headline(notification: NotificationForEmail, lang: NotificationLang): string {
  const words = WORDS[lang];
  const title = oneLine(lang === 'fr' ? notification.document_title_fr || notification.document_title_en
    : notification.document_title_en || notification.document_title_fr);
  return fill(words[phraseOf(notification)], {
    actor: oneLine(notification.actor_name) || words.someone,
    document: title ? (lang === 'fr' ? `« ${title} »` : `“${title}”`) : words.untitled,
  });
}

function body(notification: NotificationForEmail, lang: NotificationLang, linkTemplate: string): string {
  const words = WORDS[lang];
  const name = oneLine(notification.recipient_name);
  const lines = [name ? fill(words.greeting, { name }) : words.greetingAnonymous, '', `${headline(notification, lang)}.`];
  const excerpt = (notification.comment_excerpt ?? '').trim();
  if (excerpt) lines.push('', words.comment, ...excerpt.split(/\r?\n/).map((line) => `> ${line}`));
  lines.push('', words.open, documentLink(linkTemplate, lang, notification.document_id), '', words.why);
  return lines.join('\n');
}

/** The e-mail for one notification: preferred language first, then the other. */
export function notificationEmail(notification: NotificationForEmail, linkTemplate: string): NotificationEmail {
  const first = preferredLanguage(notification.preferred_language);
  const second: NotificationLang = first === 'en' ? 'fr' : 'en';
  return {
    to: notification.recipient_email,
    subject: `${headline(notification, first)} / ${headline(notification, second)}`,
    text: [body(notification, first, linkTemplate), '', '* * *', '', body(notification, second, linkTemplate), ''].join('\n'),
  };
}
