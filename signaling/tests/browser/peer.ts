// The inside of one simulated browser page (peer.html in an iframe): signs in with supabase-js
// and runs the stock Yjs providers (y-webrtc, y-websocket, y-indexeddb) on one Y.Doc, driven by
// the test page through postMessage (see frames.ts for the other end and the command list).
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import * as Y from 'yjs';
import { WebrtcProvider } from 'y-webrtc';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import type { OpenOptions, PeerCommand, PeerReply, PeerState, SignedIn } from './peer-protocol.js';

// Served by the web-test-runner config, which starts the real stack for the browser tests.
const stackModule: string = '/__jd-stack.js';
const stack = (await import(stackModule)) as { apiUrl: string; anonKey: string; syncUrl: string; signalingUrl: string };

/** What y-webrtc's SignalingConn (a lib0 WebsocketClient) offers; its typings say `any`. */
interface SignalingConnection {
  on(event: 'message', listener: (message: unknown) => void): void;
}

let supabase: SupabaseClient | null = null;
let token: string | null = null;
let doc: Y.Doc | null = null;
let textName = 'body';
let webrtc: WebrtcProvider | null = null;
let websocket: WebsocketProvider | null = null;
let cache: IndexeddbPersistence | null = null;
const refused: { topic: string; code: number }[] = [];
let publishesReceived = 0;
let roomMembers = 0;
const closes: number[] = [];

function client(storageKey: string, persistSession: boolean): SupabaseClient {
  return createClient(stack.apiUrl, stack.anonKey, { auth: { persistSession, autoRefreshToken: false, storageKey } });
}

async function signIn({ email, password, storageKey, persistSession }: { email: string; password: string; storageKey: string; persistSession: boolean }): Promise<SignedIn> {
  supabase = client(storageKey, persistSession);
  const { data, error } = await supabase.auth.signInWithPassword({ email, password });
  if (error || !data.session) throw new Error(`${email} could not sign in: ${error?.message ?? 'no session'}`);
  token = data.session.access_token;
  return { token, userId: data.session.user.id };
}

/** The session a previous load of this page stored (localStorage): no network needed, as offline. */
async function restoreSession({ storageKey }: { storageKey: string }): Promise<SignedIn> {
  supabase = client(storageKey, true);
  const { data, error } = await supabase.auth.getSession();
  if (error || !data.session) throw new Error(`no stored session under ${storageKey}: ${error?.message ?? 'none'}`);
  token = data.session.access_token;
  return { token, userId: data.session.user.id };
}

/** The document's y-webrtc room password, through supabase-js: only members of its organization get it. */
async function roomSecret({ documentId }: { documentId: string }): Promise<string> {
  if (!supabase) throw new Error('sign in first');
  const { data, error } = await supabase.rpc('document_room_secret', { doc: documentId });
  if (error) throw new Error(`document_room_secret refused (${error.code}): ${error.message}`);
  if (typeof data !== 'string' || data === '') throw new Error('document_room_secret gave no secret');
  return data;
}

async function open(options: OpenOptions): Promise<PeerState> {
  if (!token) throw new Error('sign in first');
  if (doc) throw new Error('a document is already open in this page');
  doc = new Y.Doc();
  textName = options.textName;
  if (options.indexeddb) {
    cache = new IndexeddbPersistence(options.indexeddb, doc);
    await cache.whenSynced;
  }
  if (options.webrtc) {
    const password = options.webrtc.password ?? (await roomSecret(options));
    const url = new URL(stack.signalingUrl);
    url.searchParams.set('token', token);
    webrtc = new WebrtcProvider(options.documentId, doc, {
      signaling: [url.href],
      password,
      // No STUN: the peers are on this machine, host candidates are all it takes.
      peerOpts: { config: { iceServers: [] } },
    });
    for (const connection of webrtc.signalingConns as SignalingConnection[]) {
      connection.on('message', (message) => {
        const m = message as { type?: unknown; topic?: unknown; code?: unknown; clients?: unknown };
        if (m.type === 'refused' && typeof m.topic === 'string' && typeof m.code === 'number') refused.push({ topic: m.topic, code: m.code });
        if (m.type === 'publish' && m.topic === options.documentId) {
          publishesReceived += 1;
          if (typeof m.clients === 'number') roomMembers = m.clients;
        }
      });
    }
  }
  if (options.websocket) {
    websocket = new WebsocketProvider(stack.syncUrl, options.documentId, doc, {
      params: { token },
      connect: options.websocket.connect,
      // Pages of one origin would otherwise sync through BroadcastChannel and hide the server.
      disableBc: true,
      maxBackoffTime: 500,
    });
    websocket.on('connection-close', (event) => {
      if (event) closes.push(event.code);
    });
  }
  return state();
}

function state(): PeerState {
  const room = webrtc?.room ?? null;
  return {
    text: doc ? doc.getText(textName).toString() : '',
    webrtc: webrtc
      ? {
          peerId: room?.peerId ?? null,
          connectedPeers: room ? [...room.webrtcConns.values()].filter((c) => c.connected).map((c) => c.remotePeerId) : [],
          bcPeers: room ? [...room.bcConns] : [],
          refused: [...refused],
          publishesReceived,
          roomMembers,
        }
      : null,
    websocket: websocket ? { connected: websocket.wsconnected, synced: websocket.synced, closes: [...closes] } : null,
  };
}

function insert({ text, at }: { text: string; at: 'start' | 'end' }): PeerState {
  if (!doc) throw new Error('no document open');
  const ytext = doc.getText(textName);
  ytext.insert(at === 'start' ? 0 : ytext.length, text);
  return state();
}

/**
 * Waits until every update y-indexeddb has queued is written: a read transaction over the same
 * store starts only after the write transactions created before it have finished.
 */
async function flushLocalCache(): Promise<void> {
  if (!cache) throw new Error('no local cache open');
  const db = await cache._db;
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction(['updates'], 'readonly');
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
  });
}

function clearLocalCache({ name }: { name: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`could not delete ${name}`));
    request.onblocked = () => reject(new Error(`deleting ${name} is blocked by an open connection`));
  });
}

async function close(): Promise<void> {
  webrtc?.destroy();
  websocket?.destroy();
  await cache?.destroy();
  doc?.destroy();
  [webrtc, websocket, cache, doc] = [null, null, null, null];
}

async function run(command: PeerCommand): Promise<unknown> {
  switch (command.method) {
    case 'signIn':
      return signIn(command.args);
    case 'restoreSession':
      return restoreSession(command.args);
    case 'roomSecret':
      return roomSecret(command.args);
    case 'open':
      return open(command.args);
    case 'state':
      return state();
    case 'insert':
      return insert(command.args);
    case 'connectWebsocket':
      websocket?.connect();
      return state();
    case 'flushLocalCache':
      return flushLocalCache();
    case 'clearLocalCache':
      return clearLocalCache(command.args);
    case 'close':
      return close();
  }
}

window.addEventListener('message', (event: MessageEvent<PeerCommand & { jdPeer?: number }>) => {
  if (event.source !== window.parent || typeof event.data?.jdPeer !== 'number') return;
  const id = event.data.jdPeer;
  const reply = (message: PeerReply) => window.parent.postMessage(message, '*');
  run(event.data).then(
    (result) => reply({ jdPeer: id, result }),
    (error: unknown) => reply({ jdPeer: id, error: error instanceof Error ? error.message : String(error) }),
  );
});
window.parent.postMessage({ jdPeerReady: location.origin } satisfies PeerReply, '*');
