// The notify-email handler in Deno with the sender substituted by a recording one (the
// pluggable sender) and a stand-in for the service's two RPCs: who may call it, e-mail off
// without its secrets, one message per claimed notification, failures released and reported.
import assert from 'node:assert/strict';
import type { SupabaseClient } from 'npm:@supabase/supabase-js@2.109.0';
import type { NotificationEmail, NotificationForEmail } from '../../domain/notification-email.ts';
import { handleNotifyEmail, type NotifyEmailDeps } from './handler.ts';
import { EMAIL_OFF, type MailSender } from './sender.ts';

declare const Deno: { test(name: string, fn: () => Promise<void> | void): void };

const SERVICE_KEY = 'service-key';
const SECRETS: Record<string, string> = {
  SUPABASE_SERVICE_ROLE_KEY: SERVICE_KEY,
  JD_EMAIL_SMTP_URL: 'smtp://127.0.0.1:2525',
  JD_EMAIL_FROM: 'jd-kit <no-reply@hr.example>',
  JD_EMAIL_DOCUMENT_URL: 'https://hr.example/#/{lang}/documents/{id}',
};

const claimed = (id: string, email: string): NotificationForEmail => ({
  id, kind: 'submission', document_id: 'doc-1', recipient_email: email, recipient_name: 'Rachel', preferred_language: 'fr',
  document_title_en: 'Analyst', document_title_fr: 'Analyste', actor_name: 'Eddie', comment_excerpt: null, decision: null,
});

function setup(secrets: Record<string, string>, rows: NotificationForEmail[], refuse: (m: NotificationEmail) => boolean = () => false) {
  const sent: NotificationEmail[] = [];
  const rpcs: { name: string; args: unknown }[] = [];
  let closed = 0;
  const sender: MailSender = {
    send(message) {
      if (refuse(message)) return Promise.reject(new Error('550 mailbox unavailable'));
      sent.push(message);
      return Promise.resolve();
    },
    close() {
      closed += 1;
    },
  };
  const db = {
    rpc(name: string, args: unknown) {
      rpcs.push({ name, args });
      return Promise.resolve({ data: name === 'claim_notification_emails' ? rows : 1, error: null });
    },
  } as unknown as SupabaseClient;
  const deps: NotifyEmailDeps = { env: { get: (key) => secrets[key] }, serviceClient: () => db, senderFor: () => sender };
  return { deps, sent, rpcs, closed: () => closed };
}

const post = (token: string | null, body = '{}') =>
  new Request('http://localhost/functions/v1/notify-email', { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {}, body });

Deno.test('notify-email: only the service role may call it', async () => {
  const { deps, rpcs } = setup(SECRETS, [claimed('n1', 'a@x.example')]);
  assert.equal((await handleNotifyEmail(post(null), deps)).status, 401);
  assert.equal((await handleNotifyEmail(post('a-user-token'), deps)).status, 403);
  assert.equal(rpcs.length, 0, 'nothing claimed');
});

Deno.test('notify-email: 503 naming the missing secret, nothing claimed', async () => {
  const off = setup({ SUPABASE_SERVICE_ROLE_KEY: SERVICE_KEY }, []);
  const answer = await handleNotifyEmail(post(SERVICE_KEY), off.deps);
  assert.equal(answer.status, 503);
  assert.deepEqual(await answer.json(), { error: EMAIL_OFF });
  assert.equal(off.rpcs.length, 0);
  const incomplete = setup({ ...SECRETS, JD_EMAIL_FROM: '' }, []);
  const half = await handleNotifyEmail(post(SERVICE_KEY), incomplete.deps);
  assert.equal(half.status, 503);
  assert.match(String((await half.json()).error), /JD_EMAIL_FROM is not/);
});

Deno.test('notify-email: one message per claimed notification through the substituted sender; a failure is released and reported', async () => {
  const run = setup(SECRETS, [claimed('n1', 'a@x.example'), claimed('n2', 'b@x.example')], (m) => m.to === 'b@x.example');
  const answer = await handleNotifyEmail(post(SERVICE_KEY, '{"max_notifications":2}'), run.deps);
  assert.equal(answer.status, 200);
  assert.deepEqual(await answer.json(), { claimed: 2, sent: 1, failed: [{ id: 'n2', error: '550 mailbox unavailable' }] });
  assert.deepEqual(run.sent.map((m) => m.to), ['a@x.example']);
  assert.match(run.sent[0]!.subject, /^Eddie a soumis « Analyste » pour examen \/ Eddie submitted “Analyst” for review$/);
  assert.deepEqual(run.rpcs, [
    { name: 'claim_notification_emails', args: { max_rows: 2 } },
    { name: 'release_notification_emails', args: { notification_ids: ['n2'] } },
  ]);
  assert.equal(run.closed(), 1, 'the sender is closed once');
});

Deno.test('notify-email: a bad body is refused by name', async () => {
  const { deps } = setup(SECRETS, []);
  const answer = await handleNotifyEmail(post(SERVICE_KEY, '{"max_notifications":500}'), deps);
  assert.equal(answer.status, 400);
  assert.match(String((await answer.json()).error), /max_notifications/);
});
