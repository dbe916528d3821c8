// Issue 17 item 5's optional e-mail: the `notify-email` Edge Function on the real stack
// (migrations, seed, gateway, Deno), its nodemailer SMTP sender talking to a local SMTP catcher
// (support/smtp-catcher.ts). A mention becomes one bilingual e-mail to the reviewer who opted
// in and none to the translator who did not; a second call sends nothing; a refused delivery
// is reported and retried by the next call; only the service may call it; without the SMTP
// secret it answers 503 and marks nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SupabaseClient } from '@supabase/supabase-js';
import { startStack, type RunningStack } from '../stack.js';
import type { Database } from '../../supabase/database.types.js';
import { clientFor, signInDemoUser } from './stack-fixture.js';
import { startSmtpCatcher, type SmtpCatcher } from './support/smtp-catcher.js';

const ESDC = 'e5dc0000-0000-4000-a000-000000000001';
const DOCUMENT = 'e5dc0000-0000-4000-a000-00000000d001';
const REVIEWER = 'e5dc0000-0000-4000-a000-000000000104';
const TRANSLATOR = 'e5dc0000-0000-4000-a000-000000000103';
const LINK = 'https://hr.example/#/{lang}/documents/{id}';

async function signedIn(stack: RunningStack, email: string): Promise<SupabaseClient<Database>> {
  return (await signInDemoUser(stack, email)).supabase as SupabaseClient<Database>;
}

const clientOf = (stack: RunningStack, key?: string) => clientFor(stack, key) as SupabaseClient<Database>;

/** The function's answer: status and JSON body. */
async function invoke(client: SupabaseClient<Database>, body: Record<string, unknown> = {}) {
  const { data, error } = await client.functions.invoke('notify-email', { body });
  if (!error) return { status: 200, body: data as Record<string, unknown> };
  const response = (error as { context?: Response }).context!;
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A comment by the editor mentioning `mentioned`; returns its id. */
async function mention(editor: SupabaseClient<Database>, body: string, mentioned: string[]): Promise<string> {
  const { data, error } = await editor.from('comments')
    .insert({ organization_id: ESDC, document_id: DOCUMENT, lang: 'en', body, mentions: mentioned }).select('id').single();
  assert.equal(error, null, `the editor comments: ${error?.message}`);
  return data!.id;
}

async function emailedAt(stack: RunningStack, commentId: string) {
  return stack.database.runAsOwner(async (tx) =>
    (await tx.query<{ recipient_id: string; emailed: boolean }>(
      'select recipient_id::text, emailed_at is not null as emailed from public.notifications where comment_id = $1 order by recipient_id',
      [commentId])).rows);
}

async function optIn(client: SupabaseClient<Database>, userId: string, on: boolean) {
  const { data, error } = await client.from('profiles').update({ email_notifications: on }).eq('id', userId).select('id');
  assert.equal(error, null, `email_notifications: ${error?.message}`);
  assert.equal(data!.length, 1, 'the user changed their own profile');
}

describe('notify-email with an SMTP server', () => {
  let catcher: SmtpCatcher;
  let stack: RunningStack;
  let service: SupabaseClient<Database>;
  let editor: SupabaseClient<Database>;

  before(async () => {
    catcher = await startSmtpCatcher();
    stack = await startStack({
      dataDir: 'memory', apiPort: 0, dbPort: 0, syncPort: 0, signalingPort: 0, log: () => {},
      functionSecrets: { JD_EMAIL_SMTP_URL: catcher.url, JD_EMAIL_FROM: 'jd-kit <no-reply@hr.example>', JD_EMAIL_DOCUMENT_URL: LINK },
    });
    service = clientOf(stack, stack.serviceRoleKey);
    editor = await signedIn(stack, 'editor@esdc.example');
    await optIn(await signedIn(stack, 'reviewer@esdc.example'), REVIEWER, true);
    // Whatever the seed notified before this test is not what it is about.
    await stack.database.runAsOwner((tx) => tx.query('update public.notifications set emailed_at = now()'));
  });
  after(async () => {
    await stack?.stop();
    await catcher?.close();
  });

  test('a mention sends one bilingual e-mail to the reviewer who opted in, none to the translator, and a second call sends nothing', async () => {
    const comment = await mention(editor, '@Rachel Reviewer @Thérèse Traductrice is the NOC right?', [REVIEWER, TRANSLATOR]);

    const first = await invoke(service);
    assert.deepEqual(first, { status: 200, body: { claimed: 1, sent: 1, failed: [] } });
    assert.equal(catcher.messages.length, 1, 'exactly one e-mail');
    const mail = catcher.messages[0]!;
    assert.deepEqual(mail.envelopeTo, ['reviewer@esdc.example']);
    assert.equal(mail.headers.get('to'), 'reviewer@esdc.example');
    assert.equal(mail.headers.get('from'), '"jd-kit" <no-reply@hr.example>');
    assert.equal(mail.subject,
      'Eddie Editor mentioned you in “Program Officer, Grants and Contributions” / Eddie Editor vous mentionne dans « Agent de programme, subventions et contributions »');
    assert.ok(mail.text.indexOf('Hello Rachel Reviewer,') < mail.text.indexOf('Bonjour Rachel Reviewer,'), 'English (her language) first, then French');
    assert.ok(mail.text.includes('> @Rachel Reviewer @Thérèse Traductrice is the NOC right?'), 'the comment is quoted');
    assert.ok(mail.text.includes(`https://hr.example/#/en/documents/${DOCUMENT}`), 'the English link');
    assert.ok(mail.text.includes(`https://hr.example/#/fr/documents/${DOCUMENT}`), 'the French link');

    assert.deepEqual(await emailedAt(stack, comment), [
      { recipient_id: TRANSLATOR, emailed: false },
      { recipient_id: REVIEWER, emailed: true },
    ], 'the reviewer\'s notification is marked e-mailed, the translator\'s (not opted in) is not');

    assert.deepEqual(await invoke(service), { status: 200, body: { claimed: 0, sent: 0, failed: [] } });
    assert.equal(catcher.messages.length, 1, 'the second call sent nothing');
  });

  test('a refused delivery is reported, left unmarked, and sent by the next call', async () => {
    const comment = await mention(editor, '@Rachel Reviewer one more thing', [REVIEWER]);
    catcher.refuseNext(1);
    const refused = await invoke(service);
    assert.equal(refused.status, 502, JSON.stringify(refused.body));
    const failed = refused.body['failed'] as { id: string; error: string }[];
    assert.equal(failed.length, 1);
    assert.match(failed[0]!.error, /451|try again later/);
    assert.deepEqual(await emailedAt(stack, comment), [{ recipient_id: REVIEWER, emailed: false }]);

    const seen = catcher.messages.length;
    assert.deepEqual(await invoke(service), { status: 200, body: { claimed: 1, sent: 1, failed: [] } });
    assert.equal(catcher.messages.length, seen + 1);
    assert.deepEqual(await emailedAt(stack, comment), [{ recipient_id: REVIEWER, emailed: true }]);
  });

  test('only the service may call it: a user gets 403, no token 401, and nothing is sent', async () => {
    const comment = await mention(editor, '@Rachel Reviewer waiting for the service', [REVIEWER]);
    const seen = catcher.messages.length;
    const asUser = await invoke(editor);
    assert.equal(asUser.status, 403, JSON.stringify(asUser.body));
    const anonymous = await fetch(`${stack.apiUrl}/functions/v1/notify-email`, { method: 'POST', headers: { apikey: stack.anonKey } });
    assert.equal(anonymous.status, 401);
    await anonymous.body?.cancel();
    assert.equal(catcher.messages.length, seen);
    assert.deepEqual(await emailedAt(stack, comment), [{ recipient_id: REVIEWER, emailed: false }]);
  });

  test('a user may change their own opt-in only', async () => {
    const { data, error } = await editor.from('profiles').update({ email_notifications: true }).eq('id', REVIEWER).select('id');
    assert.equal(error, null);
    assert.deepEqual(data, [], 'another user\'s profile is not changed');
  });
});

describe('notify-email without an SMTP server', () => {
  let stack: RunningStack;

  before(async () => {
    stack = await startStack({ dataDir: 'memory', apiPort: 0, dbPort: 0, syncPort: 0, signalingPort: 0, log: () => {}, functionSecrets: {} });
  });
  after(async () => {
    await stack?.stop();
  });

  test('answers 503 naming that e-mail is off, and marks nothing', async () => {
    const reviewer = await signedIn(stack, 'reviewer@esdc.example');
    await optIn(reviewer, REVIEWER, true);
    const comment = await mention(await signedIn(stack, 'editor@esdc.example'), '@Rachel Reviewer e-mail is off', [REVIEWER]);
    const answer = await invoke(clientOf(stack, stack.serviceRoleKey));
    assert.deepEqual(answer, { status: 503, body: { error: 'e-mail notifications are off: JD_EMAIL_SMTP_URL is not set' } });
    assert.deepEqual(await emailedAt(stack, comment), [{ recipient_id: REVIEWER, emailed: false }]);
  });
});
