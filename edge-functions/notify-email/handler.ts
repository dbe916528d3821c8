// `notify-email` (issue 17 item 5's optional e-mail): sends each notification not yet e-mailed
// to recipients who opted in (`profiles.email_notifications`), one bilingual message per
// notification (domain/notification-email.ts), through a pluggable sender.
//
//   POST {} or { max_notifications: 1-100 }  (service role only)
//     → { claimed, sent, failed: [{ id, error }] }: 200, or 502 when every claimed one failed.
//   Without JD_EMAIL_SMTP_URL (and JD_EMAIL_FROM, JD_EMAIL_DOCUMENT_URL): 503 naming it, nothing claimed.
//
// A batch is claimed in one statement (claim_notification_emails sets emailed_at), so a retry
// or a concurrent call never sends one twice; a failed send is handed back
// (release_notification_emails) and reported, and the next call retries it.
import { z } from 'npm:zod@4.6.7';
import type { SupabaseClient } from 'npm:@supabase/supabase-js@2.109.0';
import { notificationEmail, type NotificationForEmail } from '../../domain/notification-email.ts';
import { withCors } from '../_shared/cors.ts';
import { emailSettingsFrom, type EmailSettings, type MailSender } from './sender.ts';

export const MAX_PER_CALL = 100;

const Body = z.strictObject({
  max_notifications: z.int('max_notifications must be an integer').min(1).max(MAX_PER_CALL).optional(),
});

export interface NotifyEmailDeps {
  env: { get(key: string): string | undefined };
  /** A client acting as the service role. */
  serviceClient(): SupabaseClient;
  senderFor(settings: EmailSettings): MailSender;
}

const json = (body: unknown, status = 200) => withCors(Response.json(body, { status }));
const failure = (status: number, error: string) => json({ error }, status);

const bearer = (request: Request) => request.headers.get('authorization')?.replace(/^Bearer\s+/i, '') ?? '';

async function bodyOf(request: Request): Promise<z.infer<typeof Body> | string> {
  const raw = await request.text();
  if (raw.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return 'invalid request: the body must be a JSON object';
  }
  const result = Body.safeParse(parsed);
  return result.success ? result.data : `invalid request: ${z.prettifyError(result.error).replaceAll('\n', ' ')}`;
}

export async function handleNotifyEmail(request: Request, deps: NotifyEmailDeps): Promise<Response> {
  if (request.method !== 'POST') return failure(405, `method ${request.method} is not allowed: use POST`);
  const serviceKey = deps.env.get('SUPABASE_SERVICE_ROLE_KEY') ?? '';
  const token = bearer(request);
  if (!token) return failure(401, 'notify-email needs the service role key');
  if (!serviceKey || token !== serviceKey) return failure(403, 'only the service may send notification e-mails');

  const settings = emailSettingsFrom(deps.env);
  if ('off' in settings) return failure(503, settings.off);
  const body = await bodyOf(request);
  if (typeof body === 'string') return failure(400, body);

  const db = deps.serviceClient();
  const { data, error } = await db.rpc('claim_notification_emails', { max_rows: body.max_notifications ?? MAX_PER_CALL });
  if (error) return failure(500, `claim_notification_emails: ${error.message}`);
  const claimed = data as NotificationForEmail[];
  if (claimed.length === 0) return json({ claimed: 0, sent: 0, failed: [] });

  const sender = deps.senderFor(settings);
  const failed: { id: string; error: string }[] = [];
  try {
    for (const notification of claimed) {
      try {
        await sender.send(notificationEmail(notification, settings.documentUrl));
      } catch (sendError) {
        failed.push({ id: notification.id, error: (sendError as Error).message });
      }
    }
  } finally {
    sender.close();
  }
  if (failed.length > 0) {
    const { error: releaseError } = await db.rpc('release_notification_emails', { notification_ids: failed.map((f) => f.id) });
    if (releaseError) console.error(`notify-email: could not release failed notifications: ${releaseError.message}`);
  }
  const status = failed.length === claimed.length ? 502 : 200;
  return json({ claimed: claimed.length, sent: claimed.length - failed.length, failed }, status);
}
