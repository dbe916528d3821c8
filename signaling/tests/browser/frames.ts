// Simulated browser pages for the collaboration browser tests: each is peer.html in an iframe on
// an origin of its own (localhost, 127.0.0.1, 127.0.0.2, ... all reach the same test server), so
// pages share no BroadcastChannel, storage or JavaScript state, as separate browsers would not.
// Whatever reaches one page from another went through the network.
import type { OpenOptions, PeerCommand, PeerReply, PeerState, SignedIn } from './peer-protocol.js';

export const PASSWORD = 'demo-password-1';
const PEER_PATH = '/signaling/tests/browser/peer.html';

export interface Page {
  /** Origin of the page, e.g. http://127.0.0.2:8000. */
  readonly origin: string;
  signIn(email: string, options?: { storageKey?: string; persistSession?: boolean }): Promise<SignedIn>;
  restoreSession(storageKey: string): Promise<SignedIn>;
  roomSecret(documentId: string): Promise<string>;
  open(options: OpenOptions): Promise<PeerState>;
  state(): Promise<PeerState>;
  insert(text: string, at?: 'start' | 'end'): Promise<PeerState>;
  connectWebsocket(): Promise<PeerState>;
  flushLocalCache(): Promise<void>;
  clearLocalCache(name: string): Promise<void>;
  close(): Promise<void>;
  /** Navigates the iframe again: all of the page's JavaScript state is gone, its storage stays. */
  reload(): Promise<void>;
  remove(): void;
}

let nextCall = 0;
let nextPage = 0;

/** A page on `host` (a name or address of this machine other pages do not use). */
export async function openPage(host: string): Promise<Page> {
  const origin = `${location.protocol}//${host}:${location.port}`;
  const iframe = document.createElement('iframe');
  iframe.title = `peer ${nextPage++} on ${origin}`;
  document.body.append(iframe);
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let ready: (() => void) | null = null;
  let failed: ((error: Error) => void) | null = null;
  const onMessage = (event: MessageEvent<PeerReply>) => {
    if (event.source !== iframe.contentWindow || event.origin !== origin) return;
    const data = event.data;
    if ('jdPeerReady' in data) {
      ready?.();
      return;
    }
    if ('jdPeerError' in data) {
      console.error(`${origin}${PEER_PATH}: ${data.jdPeerError}`);
      failed?.(new Error(`${origin}${PEER_PATH}: ${data.jdPeerError}`));
      return;
    }
    const call = pending.get(data.jdPeer);
    pending.delete(data.jdPeer);
    if (data.error !== undefined) call?.reject(new Error(`${origin}: ${data.error}`));
    else call?.resolve(data.result);
  };
  window.addEventListener('message', onMessage);
  const load = () =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${origin}${PEER_PATH} did not start`)), 15_000);
      ready = () => {
        clearTimeout(timer);
        [ready, failed] = [null, null];
        resolve();
      };
      failed = (error) => {
        clearTimeout(timer);
        [ready, failed] = [null, null];
        reject(error);
      };
      iframe.src = `${origin}${PEER_PATH}?load=${Date.now()}`;
    });
  const call = <T>(command: PeerCommand): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextCall++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      iframe.contentWindow!.postMessage({ ...command, jdPeer: id }, origin);
    });
  await load();
  return {
    origin,
    signIn: (email, options = {}) =>
      call({ method: 'signIn', args: { email, password: PASSWORD, storageKey: options.storageKey ?? `jd-peer-${nextCall}`, persistSession: options.persistSession ?? false } }),
    restoreSession: (storageKey) => call({ method: 'restoreSession', args: { storageKey } }),
    roomSecret: (documentId) => call({ method: 'roomSecret', args: { documentId } }),
    open: (options) => call({ method: 'open', args: options }),
    state: () => call({ method: 'state' }),
    insert: (text, at = 'end') => call({ method: 'insert', args: { text, at } }),
    connectWebsocket: () => call({ method: 'connectWebsocket' }),
    flushLocalCache: () => call({ method: 'flushLocalCache' }),
    clearLocalCache: (name) => call({ method: 'clearLocalCache', args: { name } }),
    close: () => call({ method: 'close' }),
    async reload() {
      for (const { reject } of pending.values()) reject(new Error(`${origin} reloaded`));
      pending.clear();
      await load();
    },
    remove() {
      window.removeEventListener('message', onMessage);
      iframe.remove();
    },
  };
}

/** Polls `read` until `accept` holds; fails with the last value read. */
export async function until<T>(read: () => Promise<T>, accept: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
