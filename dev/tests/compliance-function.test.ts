// Issue 15, criterion 5 (Node ↔ Deno) and item 2: the `compliance` Edge Function on the real
// stack (gateway, function host, Deno), called with the real supabase-js as demo users.
//  * on the well-written sample pair and on every labelled pair, its { findings } are exactly
//    the JSON array `npm run --silent check -- EN_FILE FR_FILE` prints (scripts/check.ts);
//  * { document } checks the stored document as the caller reads it: ESDC's reviewer gets the
//    findings of ESDC's job description, Transport Canada's editor gets 404 for it;
//  * a bad body is 400 with a message naming what was wrong.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { SupabaseClient } from '@supabase/supabase-js';
import { storedText, type StoredSection } from '../../domain/compliance/document-text.ts';
import { checkTexts } from '../../domain/compliance/check.ts';
import { main as checkCli } from '../../scripts/check.ts';
import { projectRoot } from '../../scripts/run-command.ts';
import { startStack, type RunningStack } from '../stack.js';
import { clientFor, signInDemoUser } from './stack-fixture.js';

const FIXTURES = join(projectRoot, 'domain/compliance/fixtures');
const ESDC_DOCUMENT = 'e5dc0000-0000-4000-a000-00000000d001';

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
  let tcEditor: SupabaseClient;

  before(async () => {
    stack = await startStack({ dataDir: 'memory', apiPort: 0, dbPort: 0, syncPort: 0, signalingPort: 0, log: () => {} });
    reviewer = (await signInDemoUser(stack, 'reviewer@esdc.example')).supabase;
    tcEditor = (await signInDemoUser(stack, 'editor@tc.example')).supabase;
  });
  after(async () => {
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
});
