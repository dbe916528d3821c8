/// <reference types="mocha" />
// Acceptance 2(b) (issue 5) in Chromium: a page edits offline with y-indexeddb, is reloaded
// (nothing of it survives but its storage: its IndexedDB and its stored session), reconnects,
// and its edits merge with what another user wrote meanwhile. Offline = the stock
// WebsocketProvider created with `connect: false`; the reload is a real navigation of the iframe.
import { expect } from '@open-wc/testing';
import { createClient } from '@supabase/supabase-js';
import { openPage, PASSWORD, until, type Page } from './frames.js';

const stackModule: string = '/__jd-stack.js';
const { apiUrl, anonKey } = (await import(stackModule)) as { apiUrl: string; anonKey: string };

async function esdcDocument(): Promise<string> {
  const supabase = createClient(apiUrl, anonKey, { auth: { persistSession: false, autoRefreshToken: false, storageKey: 'offline-test' } });
  const { error } = await supabase.auth.signInWithPassword({ email: 'editor@esdc.example', password: PASSWORD });
  if (error) throw error;
  const { data, error: listError } = await supabase.rpc('list_documents');
  if (listError) throw listError;
  return (data as { id: string }[])[0]!.id;
}

describe('offline editing with y-indexeddb, a reload, and reconnecting', () => {
  const pages: Page[] = [];
  after(async () => {
    for (const p of pages.splice(0)) {
      await p.close().catch(() => {});
      p.remove();
    }
  });

  it("merges a reloaded page's offline edits with another user's edits made meanwhile", async function () {
    this.timeout(60_000);
    const documentId = await esdcDocument();
    // The seeded document is shared with other browser tests: this test writes to a text of its own.
    const textName = `offline-${crypto.randomUUID()}`;
    // The product's cache name for a document is its id; this page's origin is used by no other test.
    const cacheName = documentId;
    const session = 'offline-editor-session';
    const editor = await openPage('127.0.2.1');
    const translator = await openPage('127.0.2.2');
    pages.push(editor, translator);
    await editor.clearLocalCache(cacheName);
    await editor.signIn('editor@esdc.example', { storageKey: session, persistSession: true });
    await translator.signIn('translator@esdc.example');

    // Online first: both have the base text.
    await editor.open({ documentId, textName, indexeddb: cacheName, websocket: { connect: true } });
    await translator.open({ documentId, textName, websocket: { connect: true } });
    for (const p of [editor, translator]) await until(() => p.state(), (s) => s.websocket!.synced, `${p.origin} to sync`);
    await editor.insert('Base. ');
    await until(() => translator.state(), (s) => s.text === 'Base. ', 'the base text at the translator');

    // The editor's page comes back offline: reloaded, from its cache only, the session from storage.
    const reloadOffline = async () => {
      await editor.flushLocalCache();
      await editor.close();
      await editor.reload();
      await editor.restoreSession(session);
      return editor.open({ documentId, textName, indexeddb: cacheName, websocket: { connect: false } });
    };
    const offline = await reloadOffline();
    expect(offline.text).to.equal('Base. ', 'the cached document after a reload, without the network');
    expect(offline.websocket!.connected).to.equal(false);
    await editor.insert('Offline one. ');
    await editor.insert('Offline two. ', 'start');
    // Meanwhile, online:
    await translator.insert('Online. ');

    // Another reload, still offline: the offline edits are in the cache, the online one is not.
    const reloaded = await reloadOffline();
    expect(reloaded.text).to.equal('Offline two. Base. Offline one. ');
    expect(reloaded.websocket!.connected).to.equal(false);

    // Reconnect: both sides end with all four pieces.
    await editor.connectWebsocket();
    const [e, t] = await until(
      () => Promise.all([editor.state(), translator.state()]),
      ([x, y]) => x.text === y.text && ['Base. ', 'Offline one. ', 'Offline two. ', 'Online. '].every((piece) => x.text.includes(piece)),
      'the offline and online edits to merge',
    );
    expect(e.websocket!.synced).to.equal(true);
    expect(t.text.length).to.equal('Offline two. Base. Offline one. Online. '.length);

    // And they reached the server: a third page, with no cache, gets the merged document.
    const reviewer = await openPage('127.0.2.3');
    pages.push(reviewer);
    await reviewer.signIn('reviewer@esdc.example');
    await reviewer.open({ documentId, textName, websocket: { connect: true } });
    await until(() => reviewer.state(), (s) => s.websocket!.synced && s.text === e.text, 'the merged document at a third page');
  });
});
