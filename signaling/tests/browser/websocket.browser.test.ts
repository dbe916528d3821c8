/// <reference types="mocha" />
// Acceptance 1 (issue 5) in Chromium: the stock y-websocket client in browser pages connects to
// the sync server with the access token supabase-js got at sign-in; two clients converge, a
// viewer reads but cannot write, another department is refused, and a client connecting later
// gets the full state; once the document has been unloaded, that state comes from Postgres.
import { expect } from '@open-wc/testing';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { openPage, PASSWORD, sleep, until, type Page } from './frames.js';

const stackModule: string = '/__jd-stack.js';
const { apiUrl, anonKey } = (await import(stackModule)) as { apiUrl: string; anonKey: string };

/** How long the sync server keeps a document after its last client leaves (its default, the stack's setting). */
const UNLOAD_DELAY_MS = 10_000;

let clients = 0;
async function signedIn(email: string): Promise<SupabaseClient> {
  const supabase = createClient(apiUrl, anonKey, { auth: { persistSession: false, autoRefreshToken: false, storageKey: `websocket-test-${clients++}` } });
  const { error } = await supabase.auth.signInWithPassword({ email, password: PASSWORD });
  if (error) throw error;
  return supabase;
}

async function firstDocument(supabase: SupabaseClient): Promise<{ id: string; organization_id: string }> {
  const { data, error } = await supabase.rpc('list_documents');
  if (error) throw error;
  return (data as { id: string; organization_id: string }[])[0]!;
}

describe('y-websocket in Chromium against the sync server', () => {
  const pages: Page[] = [];
  const page = async (host: string, email: string) => {
    const p = await openPage(host);
    pages.push(p);
    await p.signIn(email);
    return p;
  };
  const closePage = async (p: Page) => {
    await p.close();
    p.remove();
    pages.splice(pages.indexOf(p), 1);
  };
  afterEach(async () => {
    for (const p of pages.splice(0)) {
      await p.close().catch(() => {});
      p.remove();
    }
  });

  it('two users converge, a viewer reads only, another department is refused, a late client gets it all', async function () {
    this.timeout(60_000);
    const { id: documentId } = await firstDocument(await signedIn('editor@esdc.example'));
    // The seeded document is shared with other browser tests: this test writes to a text of its own.
    const textName = `websocket-${crypto.randomUUID()}`;
    const editor = await page('127.0.1.1', 'editor@esdc.example');
    const translator = await page('127.0.1.2', 'translator@esdc.example');
    await editor.open({ documentId, textName, websocket: { connect: true } });
    await translator.open({ documentId, textName, websocket: { connect: true } });
    for (const p of [editor, translator]) await until(() => p.state(), (s) => s.websocket!.synced, `${p.origin} to sync`);

    await editor.insert('Provides advice. ');
    await until(() => translator.state(), (s) => s.text === 'Provides advice. ', "the editor's text at the translator");
    await translator.insert('Fournit des conseils. ', 'start');
    const converged = await until(
      () => Promise.all([editor.state(), translator.state()]),
      ([a, b]) => a.text === b.text && a.text.length === 'Fournit des conseils. Provides advice. '.length,
      'the two users to converge',
    );
    expect(converged[0].text).to.equal('Fournit des conseils. Provides advice. ');

    const viewer = await page('127.0.1.3', 'viewer@esdc.example');
    await viewer.open({ documentId, textName, websocket: { connect: true } });
    await until(() => viewer.state(), (s) => s.text === converged[0].text, 'the viewer to receive the document');
    await viewer.insert('VIEWER WAS HERE ', 'start');
    await editor.insert('Last words.');
    await until(() => translator.state(), (s) => s.text.endsWith('Last words.'), 'a later edit to arrive');
    expect((await translator.state()).text).to.not.contain('VIEWER WAS HERE');

    const outsider = await page('127.0.1.4', 'editor@tc.example');
    await outsider.open({ documentId, textName, websocket: { connect: true } });
    const refused = await until(() => outsider.state(), (s) => s.websocket!.closes.length > 0, 'the refusal');
    expect(refused.websocket!.closes[0]).to.equal(4403);
    expect(refused.text).to.equal('');

    const expected = (await editor.state()).text;
    await closePage(editor);
    await closePage(translator);
    const reviewer = await page('127.0.1.5', 'reviewer@esdc.example');
    await reviewer.open({ documentId, textName, websocket: { connect: true } });
    await until(() => reviewer.state(), (s) => s.websocket!.synced && s.text === expected, 'the late client to get the full state');
  });

  it('gives a client the full state from Postgres after the document was unloaded', async function () {
    this.timeout(60_000);
    // A document of its own, so no other test keeps it loaded: created through supabase-js (RLS
    // lets an editor create one in their organization).
    const supabase = await signedIn('editor@tc.example');
    const { organization_id } = await firstDocument(supabase);
    const { data, error } = await supabase
      .from('job_descriptions')
      .insert({ organization_id, title_en: 'Browser sync test', title_fr: 'Essai de synchronisation' })
      .select('id')
      .single();
    if (error) throw error;
    const documentId = (data as { id: string }).id;
    const textName = 'body';
    // The same user in two browsers.
    const first = await page('127.0.1.1', 'editor@tc.example');
    const second = await page('127.0.1.2', 'editor@tc.example');
    await first.open({ documentId, textName, websocket: { connect: true } });
    await second.open({ documentId, textName, websocket: { connect: true } });
    for (const p of [first, second]) await until(() => p.state(), (s) => s.websocket!.synced, `${p.origin} to sync`);
    for (let i = 0; i < 20; i++) await (i % 2 ? first : second).insert(`[${i}]`, i % 4 < 2 ? 'start' : 'end');
    const [a] = await until(
      () => Promise.all([first.state(), second.state()]),
      ([x, y]) => x.text === y.text && (x.text.match(/\[\d+\]/g) ?? []).length === 20,
      'the two browsers to converge',
    );
    await closePage(first);
    await closePage(second);
    // Nobody has the document open now: the server unloads it after its unload delay.
    await sleep(UNLOAD_DELAY_MS + 2000);
    const later = await page('127.0.1.3', 'editor@tc.example');
    const state = await later.open({ documentId, textName, websocket: { connect: true } });
    expect(state.text).to.equal('', 'a fresh page starts empty');
    await until(() => later.state(), (s) => s.websocket!.synced && s.text === a.text, 'the full state from Postgres');
  });
});
