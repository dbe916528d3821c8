/// <reference types="mocha" />
// Acceptance 4 (issue 5): two browser pages sync a document peer to peer with y-webrtc, through
// the access-controlled signaling server, with no sync server involved; a user of another
// department gets neither the room's password nor, even with a leaked password, into the room.
//
// Every page is an iframe on an origin of its own, so BroadcastChannel (which y-webrtc always
// uses between tabs of one origin) cannot connect them: signals go through the signaling server
// and the document through the WebRTC data channel, and the tests check both. The room is the
// seeded document's, so pages of other tests may be in it too: the checks are about these pages.
import { expect } from '@open-wc/testing';
import { createClient } from '@supabase/supabase-js';
import { openPage, PASSWORD, sleep, until, type Page } from './frames.js';
import type { PeerState } from './peer-protocol.js';

const stackModule: string = '/__jd-stack.js';
const { apiUrl, anonKey } = (await import(stackModule)) as { apiUrl: string; anonKey: string };

/** The editor's (seeded) document, as `list_documents` gives it. */
async function esdcDocument(): Promise<string> {
  const supabase = createClient(apiUrl, anonKey, { auth: { persistSession: false, autoRefreshToken: false, storageKey: 'webrtc-test' } });
  const { error } = await supabase.auth.signInWithPassword({ email: 'editor@esdc.example', password: PASSWORD });
  if (error) throw error;
  const { data, error: listError } = await supabase.rpc('list_documents');
  if (listError) throw listError;
  return (data as { id: string }[])[0]!.id;
}

const webrtcOf = (state: PeerState) => state.webrtc!;

/** Waits until the two pages have a WebRTC data channel to each other. */
async function connected(a: Page, b: Page) {
  const idOf = async (p: Page) => (await until(() => p.state(), (s) => webrtcOf(s).peerId !== null, `${p.origin} to open the room`)).webrtc!.peerId!;
  const [idA, idB] = [await idOf(a), await idOf(b)];
  await until(() => a.state(), (s) => webrtcOf(s).connectedPeers.includes(idB), `${a.origin} to connect to ${b.origin}`);
  await until(() => b.state(), (s) => webrtcOf(s).connectedPeers.includes(idA), `${b.origin} to connect to ${a.origin}`);
  return [idA, idB] as const;
}

describe('y-webrtc between two Chromium pages through the signaling server', () => {
  let documentId: string;
  const pages: Page[] = [];
  const page = async (host: string, email: string) => {
    const p = await openPage(host);
    pages.push(p);
    await p.signIn(email);
    return p;
  };

  before(async () => {
    documentId = await esdcDocument();
  });
  afterEach(async () => {
    for (const p of pages.splice(0)) {
      await p.close().catch(() => {});
      p.remove();
    }
  });

  it('syncs a document peer to peer, with no websocket provider', async function () {
    this.timeout(60_000);
    // The seeded document is shared with other browser tests: this test writes to a text of its own.
    const textName = `webrtc-${crypto.randomUUID()}`;
    const a = await page('127.0.0.1', 'editor@esdc.example');
    const b = await page('127.0.0.2', 'translator@esdc.example');
    // Each page gets the room password through supabase-js, as members of the organization.
    const [secretA, secretB] = [await a.roomSecret(documentId), await b.roomSecret(documentId)];
    expect(secretA).to.equal(secretB);
    await a.open({ documentId, textName, webrtc: {} });
    await b.open({ documentId, textName, webrtc: {} });
    await connected(a, b);

    await a.insert('Provides policy advice. ');
    await until(() => b.state(), (s) => s.text === 'Provides policy advice. ', 'the first edit at the other page');
    await b.insert('Fournit des conseils stratégiques. ', 'start');
    const [sa, sb] = await until(
      () => Promise.all([a.state(), b.state()]),
      ([x, y]) => x.text === y.text && x.text.includes('Provides policy advice.') && x.text.includes('Fournit des conseils'),
      'the two pages to converge',
    );
    expect(sa.text).to.equal('Fournit des conseils stratégiques. Provides policy advice. ');
    for (const s of [sa, sb]) {
      // Not through BroadcastChannel: no page had a BroadcastChannel peer.
      expect(webrtcOf(s).bcPeers).to.deep.equal([]);
      // The signaling server relayed the offers, answers and candidates, and counted both members.
      expect(webrtcOf(s).publishesReceived).to.be.greaterThan(1);
      expect(webrtcOf(s).roomMembers).to.be.at.least(2);
      expect(webrtcOf(s).refused).to.deep.equal([]);
      expect(s.websocket).to.equal(null);
    }
  });

  it("keeps a user of another department out of the document's room, even with a leaked password", async function () {
    this.timeout(60_000);
    const textName = `webrtc-${crypto.randomUUID()}`;
    const a = await page('127.0.0.1', 'editor@esdc.example');
    const b = await page('127.0.0.2', 'translator@esdc.example');
    await a.open({ documentId, textName, webrtc: {} });
    await b.open({ documentId, textName, webrtc: {} });
    await connected(a, b);

    const outsider = await page('127.0.0.3', 'editor@tc.example');
    let refusal = '';
    await outsider.roomSecret(documentId).catch((error: Error) => (refusal = error.message));
    expect(refusal).to.match(/document_room_secret refused \(42501\)/);
    // Suppose the password leaked anyway: the signaling server still refuses the subscription.
    const leaked = await a.roomSecret(documentId);
    await outsider.open({ documentId, textName, webrtc: { password: leaked } });
    const refused = await until(() => outsider.state(), (s) => webrtcOf(s).refused.length > 0, 'the refusal');
    expect(webrtcOf(refused).refused).to.deep.equal([{ topic: documentId, code: 4403 }]);

    await a.insert('Only for ESDC. ');
    await until(() => b.state(), (s) => s.text === 'Only for ESDC. ', 'the edit at the other member');
    await sleep(1000);
    const [sa, sb, so] = await Promise.all([a.state(), b.state(), outsider.state()]);
    expect(so.text).to.equal('');
    expect(webrtcOf(so).connectedPeers).to.deep.equal([]);
    expect(webrtcOf(so).bcPeers).to.deep.equal([]);
    // The server relayed nothing to the outsider, and nothing of the outsider's reached a member.
    expect(webrtcOf(so).publishesReceived).to.equal(0);
    for (const s of [sa, sb]) expect(webrtcOf(s).connectedPeers).to.not.include(webrtcOf(so).peerId);
  });
});
