// One client WebSocket on the sync server: authenticates, decides access, attaches to the
// document, then handles y-websocket messages strictly in arrival order.
import type { WebSocket, RawData } from 'ws';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import type { Logger } from '../ops/logger.js';
import type { SyncDatabase } from '../db/sql-access.js';
import { canonicalDocumentId, decideAccess } from '../db/document-access.js';
import { isExpired, TokenRejected, verifyUser, type TokenVerifier, type VerifiedUser } from '../auth/token-verifier.js';
import { CloseCode } from './close-codes.js';
import type { DocumentRoom, RoomPeer } from './document-room.js';
import type { RoomRegistry } from './room-registry.js';
import type { SyncMetrics } from './sync-metrics.js';
import { RateLimiter } from './rate-limiter.js';
import type { AccessHolder, AccessWatch } from './access-watch.js';
import { whenExpired, type Clock } from './token-expiry.js';
import { documentMember, guardFor } from '../comments/comment-guard.js';
import type { MemberRole } from '../../domain/comment-model.js';
import {
  awarenessStatesFrame,
  isEmptyUpdate,
  keepaliveFrame,
  MessageType,
  refusalFrame,
  syncStep1Frame,
  syncStep2Frame,
  SyncStep,
} from './protocol.js';

export interface ConnectionLimits {
  /** Largest message accepted (ws closes with 1009 above it). */
  maxMessageBytes: number;
  /** Stored size (snapshot + tail) above which updates are refused with 4413. */
  maxDocumentBytes: number;
  messagesPerSecond: number;
  messageBurst: number;
  /** Messages received but not yet handled; beyond it the client is flooding (4429). */
  maxQueuedMessages: number;
  /** Updates of one connection waiting for Postgres at once (pipelining depth). */
  maxUpdatesInFlight: number;
  /** Unsent bytes to a client that does not read; beyond it the client is dropped (1013) and resyncs later. */
  maxBufferedBytes: number;
  /** Largest awareness state (JSON bytes) relayed; larger ones are dropped. */
  maxAwarenessStateBytes: number;
}

export interface ConnectionContext {
  db: SyncDatabase;
  tokens: TokenVerifier;
  registry: RoomRegistry;
  metrics: SyncMetrics;
  log: Logger;
  limits: ConnectionLimits;
  /** Interval of keepalive frames while a document loads (below the client's 30 s watchdog). */
  loadKeepaliveMs: number;
  /** Re-checks attached connections when memberships change. */
  access: AccessWatch;
  /** Time for token expiry. */
  clock: Clock;
}

class ProtocolError extends Error {}

export class ClientConnection implements RoomPeer, AccessHolder {
  /** The document, in its canonical spelling; null when the room name is not a document id. */
  readonly documentId: string | null;
  readonly awarenessClients = new Set<number>();
  /** Set by the server's heartbeat; a connection that misses a pong is terminated. */
  alive = true;
  private room: DocumentRoom | null = null;
  private user: VerifiedUser | null = null;
  private readOnly = true;
  /** Membership role in the document's organization: who may comment, edit or resolve threads. */
  private memberRole: MemberRole | null = null;
  /** The profile name the guard holds this user's comments to. */
  private memberName: string | null = null;
  private toldReadOnly = false;
  private work: Promise<void>;
  private queued = 0;
  /** Accepted updates not yet durable, oldest first (a Set: each leaves in O(1) when stored). */
  private inFlight = new Set<Promise<void>>();
  private closing: number | null = null;
  private released = false;
  private readonly limiter: RateLimiter;
  private log: Logger;
  private toldAwarenessRefused = false;
  private rechecking: Promise<void> = Promise.resolve();
  private cancelExpiry: () => void = () => {};
  private unwatch: () => void = () => {};
  /** A re-check was asked for before the connection was attached. */
  private decisionStale = false;

  constructor(
    private readonly ws: WebSocket,
    roomName: string,
    token: string | null,
    private readonly ctx: ConnectionContext,
  ) {
    this.documentId = canonicalDocumentId(roomName);
    this.log = ctx.log.child({ documentId: this.documentId ?? roomName });
    this.limiter = new RateLimiter(ctx.limits.messagesPerSecond, ctx.limits.messageBurst);
    ws.on('message', (data, isBinary) => this.receive(data, isBinary));
    ws.on('close', () => void this.release());
    ws.on('error', (error: Error & { code?: string }) => {
      // ws closes the socket itself (1009 for an oversize frame); this is the log line and the count.
      const kind = error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? 'message-too-big' : 'socket';
      this.ctx.metrics.errors.inc({ kind });
      this.log.warn({ kind, code: error.code, error, userId: this.user?.userId }, 'connection error');
    });
    ws.on('pong', () => {
      this.alive = true;
    });
    this.work = this.open(token);
  }

  /** Everything received so far has been handled (used by graceful shutdown). */
  settled(): Promise<void> {
    return this.work.then(() => Promise.allSettled(this.inFlight)).then(() => {});
  }

  send(frame: Uint8Array) {
    if (this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > this.ctx.limits.maxBufferedBytes) {
      this.close(1013, 'client is not reading; reconnect to resync');
      return;
    }
    this.ws.send(frame);
    this.ctx.metrics.messagesOut.inc();
  }

  get userId(): string | null {
    return this.user?.userId ?? null;
  }

  holds(documentId: string): boolean {
    return this.documentId === documentId;
  }

  /**
   * Access decided again (memberships changed, or the periodic re-check): lost access closes
   * with 4403; a changed role applies from the next update on. A downgrade to viewer keeps the
   * connection, read-only, rather than closing it: y-websocket treats 4403 as final, so a close
   * would leave the user without the document they may still read.
   */
  recheck(): Promise<void> {
    this.rechecking = this.rechecking.then(() => this.redecide());
    return this.rechecking;
  }

  private async redecide() {
    const user = this.user;
    const documentId = this.documentId;
    if (!user || !documentId || this.closing !== null) return;
    if (!this.room) {
      this.decisionStale = true;
      return;
    }
    this.decisionStale = false;
    let access;
    let memberRole: MemberRole | null = null;
    let memberName: string | null = null;
    try {
      access = await decideAccess(this.ctx.db, user.role, user.claims, documentId);
      if (access !== 'none') ({ role: memberRole, name: memberName } = await documentMember(this.ctx.db, user.role, user.claims, documentId));
    } catch (error) {
      // Keeps what it had: the next notification or sweep tries again.
      this.ctx.metrics.errors.inc({ kind: 'access-recheck' });
      this.log.warn({ error }, 'access re-check failed');
      return;
    }
    if (this.closing !== null) return;
    if (access === 'none') return this.close(CloseCode.forbidden, 'no access to this document', { recheck: true });
    const readOnly = access === 'view';
    // A new profile name also counts: comments are held to the name the profile has now.
    this.memberName = memberName;
    if (readOnly === this.readOnly && memberRole === this.memberRole) return;
    this.log.info({ access, memberRole, previous: { access: this.readOnly ? 'view' : 'edit', memberRole: this.memberRole } }, 'access changed');
    this.readOnly = readOnly;
    this.memberRole = memberRole;
    this.toldReadOnly = false;
  }

  close(code: number, reason: string, fields: Record<string, unknown> = {}) {
    if (this.closing !== null) return;
    this.closing = code;
    this.stopWatching();
    this.ctx.metrics.closes.inc({ code: String(code) });
    const level = code === CloseCode.serviceRestart ? 'info' : 'warn';
    this.log[level]({ code, reason, userId: this.user?.userId ?? null, ...fields }, 'closing connection');
    this.ws.close(code, reason);
  }

  ping() {
    this.alive = false;
    this.ws.ping();
  }

  terminate() {
    this.ws.terminate();
  }

  private receive(data: RawData, isBinary: boolean) {
    this.ctx.metrics.messagesIn.inc();
    if (this.closing !== null) return;
    if (!this.limiter.take()) {
      this.ctx.metrics.errors.inc({ kind: 'rate-limit' });
      this.close(CloseCode.rateLimited, 'too many messages');
      return;
    }
    if (this.queued >= this.ctx.limits.maxQueuedMessages) {
      this.ctx.metrics.errors.inc({ kind: 'queue-limit' });
      this.close(CloseCode.rateLimited, 'too many messages waiting');
      return;
    }
    const message = toBytes(data);
    this.queued += 1;
    this.work = this.work.then(async () => {
      this.queued -= 1;
      // After a shutdown close (1012) what was already received is still handled and persisted.
      if (this.closing !== null && this.closing !== CloseCode.serviceRestart) return;
      if (!this.room) return;
      try {
        if (!isBinary) throw new ProtocolError('text frames are not part of the protocol');
        await this.handle(this.room, message);
      } catch (error) {
        if (error instanceof ProtocolError || error instanceof Error) {
          this.ctx.metrics.errors.inc({ kind: 'bad-message' });
          this.close(CloseCode.badMessage, 'malformed message', { error });
        }
      }
    });
  }

  private async open(token: string | null) {
    try {
      this.user = await verifyUser(this.ctx.tokens, token, this.ctx.clock.now());
    } catch (error) {
      this.ctx.metrics.errors.inc({ kind: 'unauthorized' });
      this.close(CloseCode.unauthorized, error instanceof TokenRejected ? `token ${error.reason}` : 'token invalid');
      return;
    }
    this.log = this.log.child({ userId: this.user.userId });
    // At `exp`, even if the client never sends again: it must stop receiving too.
    this.cancelExpiry = whenExpired(this.user.expiresAt, () => this.close(CloseCode.unauthorized, 'token expired'), this.ctx.clock);
    const documentId = this.documentId;
    // Watched before deciding, so a change committed while deciding or loading is not missed.
    this.unwatch = this.ctx.access.add(this);
    // An unknown document, another organization's and a name that is no document id get the same
    // answer, so nobody can probe which document ids exist.
    if (documentId === null) return this.close(CloseCode.forbidden, 'no access to this document');
    let access;
    try {
      access = await decideAccess(this.ctx.db, this.user.role, this.user.claims, documentId);
      if (access !== 'none') {
        ({ role: this.memberRole, name: this.memberName } = await documentMember(this.ctx.db, this.user.role, this.user.claims, documentId));
      }
    } catch (error) {
      this.ctx.metrics.errors.inc({ kind: 'access-check' });
      this.close(CloseCode.internalError, 'access check failed', { error });
      return;
    }
    if (access === 'none') return this.close(CloseCode.forbidden, 'no access to this document');
    this.readOnly = access === 'view';
    if (this.closing !== null) return;

    // No deadline on loading: a large document takes what it takes, and keepalive frames stop
    // the client's watchdog from giving up on it meanwhile.
    const keepalive = setInterval(() => this.send(keepaliveFrame()), this.ctx.loadKeepaliveMs);
    let room: DocumentRoom;
    try {
      room = await this.ctx.registry.acquire(documentId, this);
    } catch (error) {
      this.ctx.metrics.errors.inc({ kind: 'load' });
      this.close(CloseCode.internalError, 'document could not be loaded', { error });
      return;
    } finally {
      clearInterval(keepalive);
    }
    this.room = room;
    if (this.closing !== null || this.released) {
      this.released = false;
      await this.release();
      return;
    }
    // Access changed while the decision above was made or the document loaded: decide again.
    if (this.decisionStale) await this.recheck();
    await room.catchUpNow();
    if (this.closing !== null) return;
    this.log.info({ access }, 'client attached');
    this.send(syncStep1Frame(room.doc));
    const states = [...room.awareness.getStates().keys()];
    if (states.length > 0) this.send(awarenessStatesFrame(room.awareness, states));
  }

  private async handle(room: DocumentRoom, message: Uint8Array) {
    if (this.user && isExpired(this.user, this.ctx.clock.now())) {
      this.close(CloseCode.unauthorized, 'token expired');
      return;
    }
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.sync: {
        const step = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (step === SyncStep.step1) {
          this.send(syncStep2Frame(room.doc, payload));
        } else if (step === SyncStep.step2 || step === SyncStep.update) {
          await this.receiveUpdate(room, payload);
        } else {
          throw new ProtocolError(`unknown sync step ${step}`);
        }
        return;
      }
      case MessageType.awareness: {
        const dropped = room.applyAwareness(decoding.readVarUint8Array(decoder), this, this.ctx.limits.maxAwarenessStateBytes);
        if (dropped.oversize > 0) this.ctx.metrics.errors.inc({ kind: 'awareness-too-large' });
        if ((dropped.oversize > 0 || dropped.foreign > 0) && !this.toldAwarenessRefused) {
          // Once per connection: stock clients echo other clients' states all the time.
          this.toldAwarenessRefused = true;
          this.log.info(dropped, 'awareness entries dropped (other clients ids, or states too large)');
        }
        return;
      }
      case MessageType.queryAwareness:
        this.send(awarenessStatesFrame(room.awareness, [...room.awareness.getStates().keys()]));
        return;
      case MessageType.auth:
        return; // only servers send auth messages
      default:
        throw new ProtocolError(`unknown message type ${type}`);
    }
  }

  private async receiveUpdate(room: DocumentRoom, update: Uint8Array) {
    // Read-only for the text and no right to comment either (viewers, or the service acting
    // without a membership): nothing to judge.
    if (this.readOnly && (this.memberRole === null || this.memberRole === 'viewer')) {
      // Viewers keep their connection (and presence); their edits go nowhere. No y-protocols
      // "permission denied" message: the stock client logs it with the URL, token included.
      // Counted, so a test (or an operator) sees the refusal; not the empty updates every client's sync reply may carry.
      if (!isEmptyUpdate(update)) {
        this.ctx.metrics.errors.inc({ kind: 'read-only' });
        this.send(refusalFrame('read-only', 'this document is read-only for you', update));
      }
      if (!this.toldReadOnly) {
        this.toldReadOnly = true;
        this.log.info('update from a read-only client refused');
      }
      return;
    }
    if (isEmptyUpdate(update)) return;
    // Throws on malformed or truncated updates, before anything is stored; the guard reuses the decoding.
    const decoded = Y.decodeUpdate(update);
    if (room.storedBytes + update.byteLength > this.ctx.limits.maxDocumentBytes) {
      this.ctx.metrics.errors.inc({ kind: 'document-too-large' });
      // Told before the close, so the editor can say why (the close code alone says it too).
      this.send(refusalFrame('too-large', 'document size limit reached', update));
      this.close(CloseCode.documentTooLarge, 'document size limit reached', { storedBytes: room.storedBytes, updateBytes: update.byteLength });
      return;
    }
    // Pipelined: the next message is read while this one is being written; the room keeps order.
    // The oldest leaves the set in its own continuation, registered before this await's.
    while (this.inFlight.size >= this.ctx.limits.maxUpdatesInFlight) await this.inFlight.values().next().value;
    // Judged against the room's document plus what was accepted before it (no await between the
    // decision and the submission, so updates are judged in the order they are stored).
    // A token without a user (the service) is not judged: it acts for the system.
    if (this.user?.userId) {
      const decision = guardFor(room.doc).admit(update, { userId: this.user.userId, name: this.memberName, role: this.memberRole, access: this.readOnly ? 'view' : 'edit' }, undefined, {
        decoded,
      });
      if (!decision.ok) {
        this.ctx.metrics.errors.inc({ kind: 'update-refused' });
        this.log.info({ reason: decision.reason }, 'update refused');
        this.send(refusalFrame(decision.reason.startsWith('read-only') ? 'read-only' : 'comment-rule', decision.reason, update));
        return;
      }
    }
    const persisted = room.submitUpdate(update, this, this.user?.userId ?? null).catch((error: unknown) => {
      // Not acknowledged: the client still has the update and sends it again after reconnecting.
      // The guard stops counting it as on its way to the room.
      if (this.user?.userId) guardFor(room.doc).abandon(update);
      this.close(CloseCode.internalError, 'update could not be stored', { error });
    });
    this.inFlight.add(persisted);
    void persisted.then(() => this.inFlight.delete(persisted));
  }

  private stopWatching() {
    this.cancelExpiry();
    this.unwatch();
  }

  private async release() {
    if (this.released) return;
    this.released = true;
    this.stopWatching();
    if (!this.room) return;
    // Detach only after this connection's accepted updates are durable, so unloading never
    // starts while one of them is still on its way to Postgres.
    await Promise.allSettled(this.inFlight);
    this.ctx.registry.release(this.room, this);
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
