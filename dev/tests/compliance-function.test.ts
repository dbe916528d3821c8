// Issue 15, criterion 5 (Node ↔ Deno) and item 2: the `compliance` Edge Function on the real
// stack (gateway, function host, Deno), called with the real supabase-js as demo users.
//  * on the well-written sample pair and on every labelled pair, its { findings } are exactly
//    the JSON array `npm run --silent check -- EN_FILE FR_FILE` prints (scripts/check.ts);
//  * { document } checks the stored document as the caller reads it: ESDC's reviewer gets the
//    findings of ESDC's job description, Transport Canada's editor gets 404 for it;
//  * a bad body is 400 with a message naming what was wrong.
// And criterion 4 on the same stack: an editor types in the stock y-websocket client; the sync
// server stores the findings; ESDC's reviewer reads them with supabase-js (without opening the
// document) and dismisses one with a reason, which later edits keep; Transport Canada reads none.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { SupabaseClient } from '@supabase/supabase-js';
import * as Y from 'yjs';
import { connectClient, synced, waitFor, type TestClient } from '../../signaling/tests/support/clients.js';
import { storedText, type StoredSection } from '../../domain/compliance/document-text.ts';
import { checkTexts } from '../../domain/compliance/check.ts';
import { main as checkCli } from '../../scripts/check.ts';
import { projectRoot } from '../../scripts/run-command.ts';
import { startStack, type RunningStack } from '../stack.js';
import { clientFor, signInDemoUser } from './stack-fixture.js';

const FIXTURES = join(projectRoot, 'domain/compliance/fixtures');
const ESDC_DOCUMENT = 'e5dc0000-0000-4000-a000-00000000d001';

/** The first paragraph's text of section `sectionId` in `lang`, once the document has it. */
function paragraphText(doc: Y.Doc, lang: 'en' | 'fr', sectionId: string): Y.XmlText | undefined {
  const section = doc.getXmlFragment(lang).toArray().find((n) => n instanceof Y.XmlElement && n.getAttribute('sectionId') === sectionId) as Y.XmlElement | undefined;
  const paragraph = section?.toArray().find((n) => n instanceof Y.XmlElement && n.nodeName === 'paragraph') as Y.XmlElement | undefined;
  return paragraph?.get(0) as Y.XmlText | undefined;
}

/** The function's answer: status and JSON body. */
async function invoke(client: SupabaseClient, body: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }> {
  const { data, error } = await client.functions.invoke('compliance', { body });
  if (!error) return { status: 200, body: data as Record<string, unknown> };
  const response = (error as { context?: Response }).context;
  assert.ok(response, `no response: ${error.message}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('the compliance function', () => {
  let stack: RunningStack;
  let reviewer: SupabaseClient;
  let reviewerId: string;
  let tcEditor: SupabaseClient;
  let editorClient: TestClient | undefined;

  before(async () => {
    stack = await startStack({ dataDir: 'memory', apiPort: 0, dbPort: 0, syncPort: 0, signalingPort: 0, log: () => {} });
    ({ supabase: reviewer, userId: reviewerId } = await signInDemoUser(stack, 'reviewer@esdc.example'));
    tcEditor = (await signInDemoUser(stack, 'editor@tc.example')).supabase;
  });
  after(async () => {
    editorClient?.destroy();
    await stack?.stop();
  });

  test('answers, on every sample pair, exactly what the CLI prints for the same files', async () => {
    const { documents } = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as { documents: Record<string, unknown> };
    const names = Object.keys(documents);
    assert.ok(names.includes('00-program-officer-clean') && names.length >= 11, 'the clean pair and the labelled ones');
    for (const name of names) {
      const enFile = join(FIXTURES, `${name}.en.txt`);
      const frFile = join(FIXTURES, `${name}.fr.txt`);
      const cli = checkCli([enFile, frFile]);
      assert.equal(cli.exitCode, 0, cli.stderr);
      const fromCli = JSON.parse(cli.stdout) as unknown[];
      const { status, body } = await invoke(reviewer, { en: readFileSync(enFile, 'utf8'), fr: readFileSync(frFile, 'utf8') });
      assert.equal(status, 200, `${name}: ${JSON.stringify(body)}`);
      assert.deepEqual(body, { findings: fromCli }, name);
    }
  });

  test('{ document }: the stored job description as the caller reads it; another department gets 404', async () => {
    const service = clientFor(stack, stack.serviceRoleKey);
    const row = await service.from('job_descriptions').select('title_en, title_fr, classification, noc_code, language_profile, position_number').eq('id', ESDC_DOCUMENT).single();
    const rows = await service.from('document_sections').select('lang, section_id, heading, body, position').eq('document_id', ESDC_DOCUMENT);
    assert.equal(rows.error, null);
    const sections: StoredSection[] = (rows.data as { lang: 'en' | 'fr'; section_id: string; heading: string; body: string; position: number }[]).map((s) => ({ lang: s.lang, sectionId: s.section_id, heading: s.heading, body: s.body, position: s.position }));
    assert.ok(sections.length >= 12, 'the seeded sections');
    const expected = checkTexts(storedText(row.data!, sections, 'en'), storedText(row.data!, sections, 'fr'));

    const mine = await invoke(reviewer, { document: ESDC_DOCUMENT });
    assert.equal(mine.status, 200, JSON.stringify(mine.body));
    assert.deepEqual(mine.body, { findings: JSON.parse(JSON.stringify(expected)) });

    const theirs = await invoke(tcEditor, { document: ESDC_DOCUMENT });
    assert.deepEqual(theirs, { status: 404, body: { error: 'no such document, or you may not read it' } });
  });

  test('a bad body is 400 and says what is wrong', async () => {
    assert.deepEqual(await invoke(reviewer, { document: 'd001' }), { status: 400, body: { error: 'document must be the uuid of a job description' } });
    assert.deepEqual(await invoke(reviewer, { en: 'Title: Clerk' }), { status: 400, body: { error: 'fr must be the French job description as text' } });
  });

  test('the sync server stores the findings of what an editor types; a reviewer reads and dismisses them with supabase-js', async () => {
    const editor = await signInDemoUser(stack, 'editor@esdc.example');
    editorClient = connectClient(stack.syncUrl, ESDC_DOCUMENT, editor.token);
    await synced(editorClient);
    const doc = editorClient.doc;
    await waitFor(() => paragraphText(doc, 'en', 'skill') !== undefined && paragraphText(doc, 'fr', 'skill') !== undefined, 'the seeded sections');
    const en = paragraphText(doc, 'en', 'skill')!;
    en.insert(en.length, ' He reviews the files.');

    type Row = { id: string; rule_id: string; lang: string | null; section_id: string; excerpt: string; status: string; dismissed_reason: string | null; resolved_by: string | null };
    const stored = async (client: SupabaseClient) => {
      const { data, error } = await client.from('compliance_findings').select('id, rule_id, lang, section_id, excerpt, status, dismissed_reason, resolved_by').eq('document_id', ESDC_DOCUMENT).not('finding_key', 'is', null);
      assert.equal(error, null, error?.message);
      return data as Row[];
    };
    const pronoun = async (excerpt: string) => (await stored(reviewer)).find((r) => r.rule_id === 'inclusive.generic-pronoun' && r.excerpt === excerpt);
    await waitFor(async () => (await pronoun('He')) !== undefined, 'the reviewer to read the finding on "He"', 30_000);
    const he = (await pronoun('He'))!;
    assert.deepEqual([he.lang, he.section_id, he.status], ['en', 'skill', 'open']);

    const { data: dismissed, error } = await reviewer.rpc('dismiss_compliance_finding', { finding_id: he.id, reason: 'Quotes the Minister’s speech.' });
    assert.equal(error, null, error?.message);
    assert.deepEqual([(dismissed as Row).status, (dismissed as Row).dismissed_reason, (dismissed as Row).resolved_by], ['dismissed', 'Quotes the Minister’s speech.', reviewerId]);

    const fr = paragraphText(doc, 'fr', 'skill')!;
    fr.insert(fr.length, ' Il examine les dossiers.');
    await waitFor(async () => (await pronoun('Il')) !== undefined, 'the finding on « Il » after a later edit', 30_000);
    const kept = (await pronoun('He'))!;
    assert.deepEqual([kept.id, kept.status, kept.dismissed_reason, kept.resolved_by], [he.id, 'dismissed', 'Quotes the Minister’s speech.', reviewerId], 'the dismissal survived recomputation');

    assert.deepEqual(await stored(tcEditor), [], 'another department reads none of them');
    const refused = await tcEditor.rpc('dismiss_compliance_finding', { finding_id: he.id, reason: 'not ours' });
    assert.equal(refused.error?.code, '42501');
  });
});
