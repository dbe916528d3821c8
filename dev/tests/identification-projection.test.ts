// Issue 17, criterion 3 on the real stack: identification fields edited in the document (the
// editor writes them to the Y.Doc's `meta` map; here the stock y-websocket client does the same)
// reach job_descriptions through the sync server's projection, so list_documents shows them to
// another user within the projection's debounce; a classification the rules refuse is not stored.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startStack, type RunningStack } from '../stack.js';
import { signInDemoUser } from './stack-fixture.js';
import { connectClient, synced, waitFor, type TestClient } from '../../signaling/tests/support/clients.js';

/** The sync server's default debounce (signaling/sync-server.ts): written 2 s after the last change. */
const PROJECTION_DELAY_MS = 2000;
/** Room for the gateway and the list query on a loaded machine. */
const MARGIN_MS = 3000;

interface Listed {
  id: string;
  title_en: string | null;
  title_fr: string | null;
  classification: string | null;
  noc_code: string | null;
  status: string;
  access: string;
}

let stack: RunningStack;
const clients: TestClient[] = [];

before(async () => {
  stack = await startStack({ dataDir: 'memory', apiPort: 0, dbPort: 0, syncPort: 0, signalingPort: 0, log: () => {} });
});
after(async () => {
  for (const client of clients) client.destroy();
  await stack?.stop();
});

describe('identification fields as data', () => {
  test('a title edited in the document reaches list_documents for another user; an invalid classification is not stored', async () => {
    const editor = await signInDemoUser(stack, 'editor@esdc.example');
    const reviewer = await signInDemoUser(stack, 'reviewer@esdc.example');
    const listAs = async (who: typeof editor, id: string): Promise<Listed> => {
      const { data, error } = await who.supabase.rpc('list_documents');
      assert.equal(error, null);
      const row = (data as Listed[]).find((d) => d.id === id);
      assert.ok(row, `document ${id} is listed`);
      return row;
    };
    const { data: documents } = await editor.supabase.rpc('list_documents');
    const document = (documents as Listed[]).find((d) => d.status === 'draft' && d.access === 'edit');
    assert.ok(document, 'the seed has a draft the editor may edit');
    const before = await listAs(reviewer, document.id);

    const client = connectClient(stack.syncUrl, document.id, editor.token);
    clients.push(client);
    await synced(client);
    const meta = client.doc.getMap('meta');
    await waitFor(() => meta.get('title_en') === (before.title_en ?? ''), 'the identification fields seeded from the row');

    const title = `Senior Policy Analyst ${Date.now()}`;
    const started = Date.now();
    client.doc.transact(() => {
      meta.set('title_en', `  ${title} `);
      meta.set('title_fr', 'Analyste principale des politiques');
      meta.set('classification', 'ZZ-99');
      meta.set('noc_code', '41400 – Economists');
    });
    await waitFor(async () => (await listAs(reviewer, document.id)).title_en === title, 'the new title in list_documents', PROJECTION_DELAY_MS + MARGIN_MS);
    const elapsed = Date.now() - started;
    const listed = await listAs(reviewer, document.id);
    assert.equal(listed.title_fr, 'Analyste principale des politiques');
    assert.equal(listed.noc_code, '41400', 'the NOC code without its title');
    assert.equal(listed.classification, before.classification, 'the invalid classification ZZ-99 is not stored: the row keeps its value');
    assert.ok(elapsed <= PROJECTION_DELAY_MS + MARGIN_MS, `shown after ${elapsed} ms`);

    // A valid classification is stored; emptying a title stores null.
    meta.set('classification', 'EC-05');
    meta.set('title_fr', '   ');
    await waitFor(async () => (await listAs(reviewer, document.id)).classification === 'EC-05', 'the valid classification in list_documents', PROJECTION_DELAY_MS + MARGIN_MS);
    assert.equal((await listAs(reviewer, document.id)).title_fr, null);
  });
});
