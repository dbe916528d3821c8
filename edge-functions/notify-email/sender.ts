// How notify-email hands a message over: a small interface, so the SMTP sender below can be
// replaced (a test's recording sender, another provider's API) without touching the handler.
import nodemailer from 'nodemailer';
import type { NotificationEmail } from '../../domain/notification-email.ts';

export interface MailSender {
  /** Sends one message; throws when the server did not accept it. */
  send(message: NotificationEmail): Promise<void>;
  /** Releases connections; called once per function call. */
  close(): void;
}

export interface EmailSettings {
  /** `smtp://host:port` or `smtps://user:password@host:465` (nodemailer's connection URL). */
  smtpUrl: string;
  /** The From header, e.g. `jd-kit <no-reply@hr.example>`. */
  from: string;
  /** The document's address with `{lang}` and `{id}`, e.g. `https://hr.example/#/{lang}/documents/{id}`. */
  documentUrl: string;
}

export const EMAIL_OFF = 'e-mail notifications are off: JD_EMAIL_SMTP_URL is not set';

/** The deployment's e-mail settings, or why e-mail is off or incomplete. */
export function emailSettingsFrom(env: { get(key: string): string | undefined }): EmailSettings | { off: string } {
  const smtpUrl = env.get('JD_EMAIL_SMTP_URL')?.trim();
  if (!smtpUrl) return { off: EMAIL_OFF };
  const missing = ['JD_EMAIL_FROM', 'JD_EMAIL_DOCUMENT_URL'].filter((name) => !env.get(name)?.trim());
  if (missing.length > 0) return { off: `e-mail notifications are off: JD_EMAIL_SMTP_URL is set but ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not` };
  return { smtpUrl, from: env.get('JD_EMAIL_FROM')!.trim(), documentUrl: env.get('JD_EMAIL_DOCUMENT_URL')!.trim() };
}

/** Sends through an SMTP server with nodemailer, one connection per function call. */
export function smtpSender(settings: EmailSettings): MailSender {
  const transport = nodemailer.createTransport({
    url: settings.smtpUrl,
    // A fixed greeting name: Deno functions may not read the host name (no --allow-sys).
    name: 'jd-kit',
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  }, { from: settings.from });
  return {
    async send(message) {
      await transport.sendMail({ to: message.to, subject: message.subject, text: message.text });
    },
    close() {
      transport.close();
    },
  };
}
