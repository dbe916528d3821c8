// How every jd-* element opens a document: one lifecycle (idle, signed out, loading, no access,
// open), one shared answer about access, one lease on the session's shared document, and the
// custom states that show it. Elements add their own listeners through the callbacks.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Task } from '@lit/task';
import { MEMBER_ROLES } from '../../domain/comment-model.js';
import { fetchDocumentAccess, NO_ACCESS, type AccessLevel, type DocumentAccess } from './data-access.js';
import type { AccessClaim, DocumentLease, SharedDocument, SyncStatus } from './document-registry.js';
import type { JdSessionState } from './session-context.js';

export type DocumentPhase = 'idle' | 'signed-out' | 'loading' | 'no-access' | 'open';

export interface DocumentHost extends ReactiveControllerHost, HTMLElement {
  documentId: string;
  session: JdSessionState | undefined;
}

export interface DocumentControllerOptions {
  /** Custom states the element shows while open, besides the phase's. */
  openStates?: () => Iterable<string>;
  /** Every state `openStates` may return (they are cleared before each update). */
  stateNames?: readonly string[];
  /** The lease was taken (before the cached copy is applied): subscribe, and return the cleanup. */
  onAcquire?: (document: SharedDocument, signal: AbortSignal) => (() => void) | void;
  /** Loads what the element needs before it shows the document (awaited with the cached copy). */
  prepare?: (signal: AbortSignal) => Promise<void>;
  /** The document is open (the cached copy applied); `signal` aborts when it closes. */
  onOpen?: (document: SharedDocument, signal: AbortSignal) => void;
  /** The document closed (another one, another user, or the element left the page). */
  onClose?: () => void;
  /** The server decided the access, or refused the document later. */
  onAccessChange?: (access: AccessLevel) => void;
  /** The connection status changed (and once when the document opens). */
  onStatusChange?: (status: SyncStatus) => void;
}

const PHASE_STATES = ['loading', 'no-access', 'signed-out'] as const;

/** What was remembered the last time the server answered (offline, the cached copy opens with it). */
function rememberedAccess(key: string): DocumentAccess {
  const value = globalThis.localStorage?.getItem(key) ?? null;
  // Before the answer carried the role, only the access was stored.
  if (value === 'edit' || value === 'view') return { access: value, role: null, organizationId: null };
  try {
    const parsed: unknown = JSON.parse(value ?? 'null');
    if (!parsed || typeof parsed !== 'object') return NO_ACCESS;
    const { access, role, organizationId } = parsed as Record<string, unknown>;
    return {
      access: access === 'edit' || access === 'view' ? access : 'none',
      role: (MEMBER_ROLES as readonly unknown[]).includes(role) ? (role as DocumentAccess['role']) : null,
      organizationId: typeof organizationId === 'string' ? organizationId : null,
    };
  } catch {
    return NO_ACCESS;
  }
}

/** Asks the server, and remembers the answer for offline use; offline, the remembered one. */
async function askAccess(session: JdSessionState, documentId: string, userId: string): Promise<DocumentAccess> {
  const key = `jd-access:${userId}:${documentId}`;
  try {
    const answer = await fetchDocumentAccess(session.client!, documentId, userId);
    globalThis.localStorage?.setItem(key, JSON.stringify(answer));
    return answer;
  } catch {
    return { ...rememberedAccess(key), remembered: true };
  }
}

export class DocumentController implements ReactiveController {
  phase: DocumentPhase = 'idle';
  access: AccessLevel = 'none';
  /** The user's role in the document's organization, null until known (or none). */
  role: DocumentAccess['role'] = null;
  organizationId: string | null = null;
  /** Whether the server was out of reach when access was asked (the remembered answer is used). */
  offline = false;
  /** The shared document (null until the lease is taken). */
  document: SharedDocument | null = null;

  readonly #host: DocumentHost;
  readonly #options: DocumentControllerOptions;
  readonly #internals: ElementInternals;
  readonly #task: Task<[string], void>;
  #key = '';
  #lease: DocumentLease | null = null;
  #claim: AccessClaim | null = null;
  #opening: AbortController | null = null;
  #cleanup: (() => void)[] = [];

  constructor(host: DocumentHost, options: DocumentControllerOptions = {}) {
    this.#host = host;
    this.#options = options;
    this.#internals = host.attachInternals();
    this.#task = new Task(host, { task: ([key], { signal }) => this.#open(key, signal), autoRun: false });
    host.addController(this);
  }

  /** The connection status now. */
  get status(): SyncStatus {
    return this.document?.status ?? 'offline';
  }

  /** Whether the server closed the document for this user (it was deleted or access withdrawn). */
  get refused(): boolean {
    return this.document?.refusal === 'forbidden' || this.document?.refusal === 'not-found';
  }

  /** Resolves when the current open has finished (whatever its outcome). */
  get opened(): Promise<void> {
    return this.#task.taskComplete.catch(() => undefined);
  }

  hostConnected(): void {
    this.#host.requestUpdate();
  }

  hostDisconnected(): void {
    this.#close();
    this.#key = '';
  }

  hostUpdate(): void {
    const s = this.#host.session;
    const key = JSON.stringify([this.#host.documentId, s?.user?.id ?? null, !!s?.client, s?.syncUrl ?? null]);
    if (key !== this.#key && this.#host.isConnected) {
      this.#key = key;
      this.#close();
      void this.#task.run([key]);
    }
    this.syncStates();
  }

  /** Puts the custom states (`:state()`) in line with the phase and the element's own states. */
  syncStates(): void {
    const states = this.#internals.states;
    for (const name of [...PHASE_STATES, ...(this.#options.stateNames ?? [])]) states.delete(name);
    if (this.phase !== 'open' && this.phase !== 'idle') states.add(this.phase);
    if (this.phase === 'open') for (const name of this.#options.openStates?.() ?? []) states.add(name);
  }

  #set(changes: Partial<Pick<DocumentController, 'phase' | 'access' | 'role' | 'organizationId' | 'offline'>>): void {
    Object.assign(this, changes);
    this.#host.requestUpdate();
  }

  #close(): void {
    this.#task.abort();
    this.#opening?.abort();
    this.#opening = null;
    // The element lets go of the document first (it may tell the document it leaves).
    if (this.document !== null) this.#options.onClose?.();
    for (const fn of this.#cleanup.splice(0)) fn();
    this.#lease?.release();
    this.#lease = null;
    this.#claim?.release();
    this.#claim = null;
    this.document = null;
    this.role = null;
    this.organizationId = null;
  }

  async #open(_key: string, taskSignal: AbortSignal): Promise<void> {
    const opening = new AbortController();
    this.#opening = opening;
    taskSignal.addEventListener('abort', () => opening.abort(), { once: true });
    const signal = opening.signal;
    const host = this.#host;
    const s = host.session;
    const documentId = host.documentId;
    if (!documentId) return this.#set({ phase: 'idle' });
    if (!s?.client || !s.user) return this.#set({ phase: 'signed-out' });
    this.#set({ phase: 'loading' });
    const claim = s.documents.claimAccess(documentId, s.user.id, () => askAccess(s, documentId, s.user!.id));
    this.#claim = claim;
    const answer = await claim.answer;
    if (signal.aborted) return;
    this.#set({ access: answer.access, role: answer.role, organizationId: answer.organizationId, offline: answer.remembered === true });
    this.#options.onAccessChange?.(answer.access);
    if (answer.access === 'none') return this.#set({ phase: 'no-access' });

    const lease = s.documents.acquire(documentId);
    this.#lease = lease;
    const document = lease.document;
    this.document = document;
    const onStatus = () => {
      host.requestUpdate();
      this.#options.onStatusChange?.(document.status);
    };
    const onRefused = () => {
      if (!this.refused) return;
      s.documents.forgetAccess(documentId);
      this.#set({ access: 'none', phase: 'no-access' });
      this.#options.onAccessChange?.('none');
    };
    document.addEventListener('status-change', onStatus);
    document.addEventListener('refused', onRefused);
    this.#cleanup.push(() => {
      document.removeEventListener('status-change', onStatus);
      document.removeEventListener('refused', onRefused);
    });
    const cleanup = this.#options.onAcquire?.(document, signal);
    if (cleanup) this.#cleanup.push(cleanup);

    await Promise.all([document.whenCached, this.#options.prepare?.(signal)]);
    if (signal.aborted) return;
    this.#set({ phase: 'open' });
    this.#options.onStatusChange?.(document.status);
    this.#options.onOpen?.(document, signal);
  }
}

