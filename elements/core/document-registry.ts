// The session's open documents: one Y.Doc per document id with its awareness and providers
// (y-indexeddb cache, y-websocket authoritative sync, y-webrtc peer-to-peer), shared by every
// element that shows that document and destroyed when the last one releases it.
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { Awareness, removeAwarenessStates } from 'y-protocols/awareness';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import type { WebrtcProvider } from 'y-webrtc';
import type { JdUser } from './session-context.js';
import type { DocumentAccess } from './data-access.js';
import type { CommentsEditor } from './comments-editor.js';
import { readRefusal, REFUSAL_MESSAGE_TYPE, type Refusal } from '../../domain/sync-refusal.js';
import { rollBackRefused } from './refusal-rollback.js';

/**
 * offline: no server connection yet (never connected since the document opened, or no sync
 * server); reconnecting: the connection dropped and the provider is trying again (y-websocket
 * retries with a backoff of at most 2.5 s); error: the server refused the document for good
 * (`refusal` says why: an expired session, no access) and nothing retries until the session
 * changes; syncing: connected, changes not confirmed yet; connected: in sync, nothing changed
 * here; saved: this device's changes reached the server (`savedAt` says when).
 * 'reconnecting' and 'error' were added after the first four: code that only knew 'offline'
 * should read every status that is not connected as "no connection" (`isConnected`).
 */
export type SyncStatus = 'offline' | 'reconnecting' | 'error' | 'syncing' | 'connected' | 'saved';
export const SYNC_STATUSES: readonly SyncStatus[] = ['offline', 'reconnecting', 'error', 'syncing', 'connected', 'saved'];

/** Whether a status means the sync server is reachable now (syncing, connected or saved). */
export function isConnected(status: SyncStatus): boolean {
  return status === 'syncing' || status === 'connected' || status === 'saved';
}

/** Why the sync server closed the document for good (close codes 4401, 4403, 4404). */
export type ServerRefusal = 'unauthorized' | 'forbidden' | 'not-found';
const REFUSALS: Record<number, ServerRefusal> = { 4401: 'unauthorized', 4403: 'forbidden', 4404: 'not-found' };

export interface Endpoints {
  syncUrl: string | null;
  signalingUrl: string | null;
  accessToken: string | null;
  user: JdUser | null;
}

export interface RegistryOptions {
  /** Prefix of the IndexedDB database names. Two simulated pages in one test use two prefixes. */
  cacheName: string;
  /** y-websocket's BroadcastChannel between tabs of one origin (tests simulating two pages turn it off). */
  broadcastChannel: boolean;
  /** The WebRTC room password of a document, or null to stay off WebRTC. */
  roomPassword: (documentId: string) => Promise<string | null>;
}

/**
 * The awareness field through which a client says "I changed the document's records on the
 * server" (a version saved, a review step): a counter the client raises in its own awareness
 * state after a successful RPC. Versions and the review status live in Postgres, not in the
 * Y.Doc, and a reviewer or viewer may not write to the Y.Doc, but every client may set its own
 * awareness state, which reaches every other client in a few milliseconds over the connections
 * already open. A few bytes, the client's own state only.
 */
export const RECORDS_REVISION_FIELD = 'recordsRevision';

/**
 * The documents whose WebRTC room a session of this page has open. y-webrtc allows one room per
 * name per page and, with a room password, refuses a second one asynchronously (an unhandled
 * rejection, not an exception its constructor throws): a second <jd-session> on the same
 * document (two sessions on one page, a Storybook docs page) stays off WebRTC instead, and
 * still syncs through the sync server.
 */
const webrtcRoomsOnThisPage = new Set<string>();

/** How long local changes wait before the server is asked to confirm them. */
const CONFIRM_DELAY_MS = 250;
const MSG_SYNC = 0;

/**
 * One open document. Listen to `status-change`, `refused`, `update-refused` and `editor-change`
 * (plain Events) on it.
 */
export class SharedDocument extends EventTarget {
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  readonly cache: IndexeddbPersistence;
  /** Resolves when the IndexedDB copy (if any) has been applied. */
  readonly whenCached: Promise<void>;
  websocket: WebsocketProvider | null = null;
  webrtc: WebrtcProvider | null = null;
  status: SyncStatus = 'offline';
  refusal: ServerRefusal | null = null;
  /**
   * The last update of this device the sync server refused (domain/sync-refusal.ts), already
   * rolled back here; `update-refused` fires when a refusal undid something.
   */
  lastRefusedUpdate: Refusal | null = null;
  /** When the server last confirmed this device's changes (ms since the epoch), null before. */
  savedAt: number | null = null;

  #editor: CommentsEditor | null = null;
  #localSeq = 0;
  #confirmingSeq = -1;
  #confirmedSeq = 0;
  #confirmTimer: ReturnType<typeof setTimeout> | undefined;
  #destroyed = false;
  /** The signaling URL and token the WebRTC provider was made for: it is remade only when they change. */
  #webrtcKey = '';
  /** Whether the current websocket provider has been connected once: a drop then reads as reconnecting, not offline. */
  #everConnected = false;

  constructor(
    readonly id: string,
    private readonly options: RegistryOptions,
    endpoints: Endpoints,
  ) {
    super();
    this.doc = new Y.Doc({ guid: id });
    this.awareness = new Awareness(this.doc);
    this.cache = new IndexeddbPersistence(`${options.cacheName}/${id}`, this.doc);
    this.whenCached = this.cache.whenSynced.then(() => undefined);
    this.doc.on('update', this.#onUpdate);
    this.setUser(endpoints.user);
    this.connect(endpoints);
  }

  /** Whether the server has sent its state since the last connection. */
  get serverSynced(): boolean {
    return this.websocket?.synced ?? false;
  }

  /** Resolves true once synced with the server, false if it refuses or timeoutMs passes. */
  whenServerSynced(timeoutMs = 10_000): Promise<boolean> {
    if (this.serverSynced) return Promise.resolve(true);
    if (!this.websocket || this.refusal) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (value: boolean) => {
        clearTimeout(timer);
        this.removeEventListener('status-change', check);
        this.removeEventListener('refused', refused);
        resolve(value);
      };
      const check = () => this.serverSynced && done(true);
      const refused = () => done(false);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.addEventListener('status-change', check);
      this.addEventListener('refused', refused);
    });
  }

  /**
   * The editor showing this document in this session once its panes are ready, or null: how
   * comments and other panels find the text without searching the page.
   */
  get editor(): CommentsEditor | null {
    return this.#editor;
  }

  /** Called by an editor when its panes are ready (itself) and when it closes (null). */
  setEditor(editor: CommentsEditor | null, previous: CommentsEditor | null = null): void {
    if (editor === null && previous !== null && this.#editor !== previous) return;
    if (this.#editor === editor) return;
    this.#editor = editor;
    this.dispatchEvent(new Event('editor-change'));
  }

  /** Tells every other client that this one changed the document's records (versions, review): they reload them. */
  announceRecordsChange(): void {
    const current = this.awareness.getLocalState()?.[RECORDS_REVISION_FIELD];
    this.awareness.setLocalStateField(RECORDS_REVISION_FIELD, (typeof current === 'number' ? current : 0) + 1);
  }

  /**
   * Calls `onChange` when another client announces a change of the records, and when this page
   * reconnects (announcements made while it was offline were missed). Returns the unsubscribe.
   */
  onRecordsChange(onChange: () => void): () => void {
    const revisionsOf = () => {
      const parts: string[] = [];
      for (const [clientId, state] of this.awareness.getStates()) {
        const revision = (state as Record<string, unknown>)[RECORDS_REVISION_FIELD];
        if (clientId !== this.doc.clientID && typeof revision === 'number') parts.push(`${clientId}:${revision}`);
      }
      return parts.sort().join(',');
    };
    let seen = revisionsOf();
    let wasOnline = isConnected(this.status);
    const onAwareness = () => {
      const now = revisionsOf();
      if (now === seen) return;
      // A client that left drops out of the list: nothing changed on the server for that.
      const grew = now.split(',').some((entry) => entry !== '' && !seen.split(',').includes(entry));
      seen = now;
      if (grew) onChange();
    };
    const onStatus = () => {
      const online = isConnected(this.status);
      if (online && !wasOnline) onChange();
      wasOnline = online;
    };
    this.awareness.on('change', onAwareness);
    this.addEventListener('status-change', onStatus);
    return () => {
      this.awareness.off('change', onAwareness);
      this.removeEventListener('status-change', onStatus);
    };
  }

  setUser(user: JdUser | null): void {
    this.awareness.setLocalStateField('user', user ? { id: user.id, name: user.name, color: user.color } : null);
  }

  /** (Re)connects the network providers for the given endpoints; the cache stays. */
  connect(endpoints: Endpoints): void {
    const token = endpoints.accessToken;
    if (this.websocket && (!endpoints.syncUrl || this.websocket.serverUrl !== endpoints.syncUrl.replace(/\/+$/, ''))) {
      this.websocket.destroy();
      this.websocket = null;
    }
    if (endpoints.syncUrl && token) {
      if (!this.websocket) {
        this.websocket = new WebsocketProvider(endpoints.syncUrl, this.id, this.doc, {
          awareness: this.awareness,
          params: { token },
          disableBc: !this.options.broadcastChannel,
          shouldReconnect: (event) => !(event.code in REFUSALS),
        });
        // The server's refusal of one update (message type 100, which stock clients log and
        // skip): every element's changes go through this one provider, so the rollback is done
        // here whichever element made the change; the editor says why (refusal-controller.ts).
        this.websocket.messageHandlers[REFUSAL_MESSAGE_TYPE] = (_encoder, decoder, provider) => {
          let refusal: Refusal;
          try {
            refusal = readRefusal(decoder);
          } catch (error) {
            // A message this client cannot read: not worth dropping the connection over.
            console.warn('jd-kit: unreadable refusal from the sync server', error);
            return;
          }
          this.lastRefusedUpdate = refusal;
          // Heard again after a reconnect (the sync step re-sends what the server lacks): nothing left to undo, nothing to say.
          if (rollBackRefused(provider.doc, provider.awareness, refusal, provider)) this.dispatchEvent(new Event('update-refused'));
        };
        this.#everConnected = false;
        this.websocket.on('status', ({ status }) => {
          if (status === 'connected') this.#everConnected = true;
          this.#updateStatus();
        });
        this.websocket.on('sync', (synced: boolean) => {
          if (synced && this.#confirmingSeq >= 0) {
            this.#confirmedSeq = this.#confirmingSeq;
            this.#confirmingSeq = -1;
            this.savedAt = Date.now();
          }
          this.#updateStatus();
          if (synced && this.#localSeq > this.#confirmedSeq) this.#scheduleConfirm();
        });
        this.websocket.on('closed', ({ code }) => {
          this.refusal = REFUSALS[code] ?? null;
          if (this.refusal) this.dispatchEvent(new Event('refused'));
          this.#updateStatus();
        });
      } else if (this.websocket.params['token'] !== token || this.refusal) {
        // A refreshed token: the next connection uses it; reconnect now if the old one was refused.
        this.websocket.params = { ...this.websocket.params, token };
        this.refusal = null;
        this.websocket.disconnect();
        this.websocket.connect();
      }
    } else if (this.websocket) {
      this.websocket.destroy();
      this.websocket = null;
    }
    // Only a new signaling URL or token remakes the WebRTC provider: anything else the session
    // passes on (its interface language, say) must not drop this page out of the room.
    const webrtcKey = JSON.stringify([endpoints.signalingUrl, endpoints.accessToken]);
    if (webrtcKey !== this.#webrtcKey) {
      this.#webrtcKey = webrtcKey;
      void this.#connectWebrtc(endpoints);
    }
    this.#updateStatus();
  }

  /** Drops the network connection but keeps the document (and its cache) open. */
  disconnect(): void {
    this.websocket?.disconnect();
    this.webrtc?.disconnect();
    this.#updateStatus();
  }

  async #connectWebrtc({ signalingUrl, accessToken }: Endpoints): Promise<void> {
    this.#dropWebrtc();
    if (!signalingUrl || !accessToken) return;
    const password = await this.options.roomPassword(this.id).catch(() => null);
    if (!password || this.#destroyed || this.webrtc || webrtcRoomsOnThisPage.has(this.id)) return;
    const url = new URL(signalingUrl);
    url.searchParams.set('token', accessToken);
    // Loaded on demand: pages without a signaling server never download WebRTC (simple-peer).
    const { WebrtcProvider } = await import('y-webrtc');
    if (this.#destroyed || this.webrtc || webrtcRoomsOnThisPage.has(this.id)) return;
    try {
      this.webrtc = new WebrtcProvider(this.id, this.doc, { signaling: [url.href], password, awareness: this.awareness });
      webrtcRoomsOnThisPage.add(this.id);
    } catch {
      // Another y-webrtc user on this page already has the room: y-webrtc allows one per document.
      this.webrtc = null;
    }
  }

  /**
   * Leaves the WebRTC room. y-webrtc then clears this client's awareness state (for every
   * provider, the sync server's included) once its room key settles; the page has not left the
   * document, so the state is put back right after.
   */
  #dropWebrtc(): void {
    const old = this.webrtc;
    this.webrtc = null;
    if (!old) return;
    webrtcRoomsOnThisPage.delete(this.id);
    const local = this.awareness.getLocalState();
    old.destroy();
    void old.key.then(() => {
      if (!this.#destroyed && local && this.awareness.getLocalState() === null) this.awareness.setLocalState(local);
    });
  }

  #onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin === this.websocket) return;
    this.#localSeq += 1;
    this.#updateStatus();
    this.#scheduleConfirm();
  };

  #scheduleConfirm(): void {
    clearTimeout(this.#confirmTimer);
    this.#confirmTimer = setTimeout(() => this.#confirm(), CONFIRM_DELAY_MS);
  }

  /**
   * Asks the server for what we lack (sync step 1). It answers after the updates it received
   * before, so its answer confirms that our changes got there. Stock y-websocket protocol.
   */
  #confirm(): void {
    const ws = this.websocket;
    if (!ws?.ws || !ws.wsconnected || !ws.synced || ws.ws.readyState !== WebSocket.OPEN) return;
    this.#confirmingSeq = this.#localSeq;
    ws.synced = false;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MSG_SYNC);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    ws.ws.send(encoding.toUint8Array(encoder));
  }

  #updateStatus(): void {
    const ws = this.websocket;
    let next: SyncStatus;
    if (this.refusal) next = 'error';
    else if (!ws || !ws.wsconnected) next = ws?.shouldConnect && this.#everConnected ? 'reconnecting' : 'offline';
    else if (!ws.synced || this.#localSeq > this.#confirmedSeq) next = 'syncing';
    else next = this.#confirmedSeq > 0 ? 'saved' : 'connected';
    if (next !== this.status) {
      this.status = next;
      this.dispatchEvent(new Event('status-change'));
    }
  }

  destroy(): void {
    this.#destroyed = true;
    clearTimeout(this.#confirmTimer);
    this.doc.off('update', this.#onUpdate);
    removeAwarenessStates(this.awareness, [this.doc.clientID], 'destroy');
    this.websocket?.destroy();
    if (this.webrtc) webrtcRoomsOnThisPage.delete(this.id);
    this.webrtc?.destroy();
    void this.cache.destroy();
    this.awareness.destroy();
    this.doc.destroy();
  }
}

/** Values shared while anyone holds them: made on the first claim, disposed of on the last release. */
class SharedValues<V> {
  readonly #entries = new Map<string, { value: V; refs: number }>();

  constructor(private readonly dispose: (value: V) => void = () => undefined) {}

  get size(): number {
    return this.#entries.size;
  }

  has(key: string): boolean {
    return this.#entries.has(key);
  }

  values(): V[] {
    return [...this.#entries.values()].map((entry) => entry.value);
  }

  keys(): string[] {
    return [...this.#entries.keys()];
  }

  /** The value of `key` (made by `create` if nobody holds one), and its release (later calls do nothing). */
  claim(key: string, create: () => V): { value: V; release(): void } {
    let entry = this.#entries.get(key);
    if (!entry) {
      entry = { value: create(), refs: 0 };
      this.#entries.set(key, entry);
    }
    entry.refs += 1;
    const claimed = entry;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      claimed.refs -= 1;
      if (claimed.refs > 0 || this.#entries.get(key) !== claimed) return;
      this.#entries.delete(key);
      this.dispose(claimed.value);
    };
    return { value: claimed.value, release };
  }

  /** Stops sharing the value of `key` (holders keep theirs; the next claim makes a new one). */
  forget(key: string): void {
    this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }
}

/** A claim on a shared document; release it exactly once (later calls do nothing). */
export interface DocumentLease {
  readonly document: SharedDocument;
  release(): void;
}

/** A claim on the shared answer about access to a document; release it when the element closes. */
export interface AccessClaim {
  readonly answer: Promise<DocumentAccess>;
  release(): void;
}

export class DocumentRegistry {
  readonly #documents = new SharedValues<SharedDocument>((document) => document.destroy());
  /** The answers about access by user and document, kept while an element holds them. */
  readonly #access = new SharedValues<Promise<DocumentAccess>>();
  #endpoints: Endpoints = { syncUrl: null, signalingUrl: null, accessToken: null, user: null };
  readonly options: RegistryOptions;

  constructor(options: Partial<RegistryOptions> = {}) {
    this.options = {
      cacheName: options.cacheName ?? 'jd-kit',
      broadcastChannel: options.broadcastChannel ?? true,
      roomPassword: options.roomPassword ?? (async () => null),
    };
  }

  /** Number of documents open now. */
  get size(): number {
    return this.#documents.size;
  }

  has(documentId: string): boolean {
    return this.#documents.has(documentId);
  }

  /** New endpoints or token: every open document reconnects with them. */
  configure(endpoints: Endpoints): void {
    const userChanged = endpoints.user?.id !== this.#endpoints.user?.id;
    this.#endpoints = { ...endpoints };
    for (const document of this.#documents.values()) {
      if (userChanged) document.setUser(endpoints.user);
      document.connect(this.#endpoints);
    }
  }

  acquire(documentId: string): DocumentLease {
    const { value, release } = this.#documents.claim(documentId, () => new SharedDocument(documentId, this.options, this.#endpoints));
    return { document: value, release };
  }

  /**
   * The answer about the user's access to a document: asked once (`ask`) and shared by every
   * element that claims it meanwhile; asked again once all of them released it, or after
   * `forgetAccess` (the server refused the document).
   */
  claimAccess(documentId: string, userId: string, ask: () => Promise<DocumentAccess>): AccessClaim {
    const { value, release } = this.#access.claim(JSON.stringify([userId, documentId]), ask);
    return { answer: value, release };
  }

  /** Drops the shared answers about a document: the next claim asks the server again. */
  forgetAccess(documentId: string): void {
    for (const key of this.#access.keys()) if ((JSON.parse(key) as string[])[1] === documentId) this.#access.forget(key);
  }

  /** Closes every document (the session is going away). */
  destroy(): void {
    this.#access.clear();
    for (const document of this.#documents.values()) document.destroy();
    this.#documents.clear();
  }
}
