// The y-webrtc signaling server (subscribe / unsubscribe / publish / ping, JSON text frames,
// the protocol of y-webrtc's own bin/server.js), with access control: a valid token is required
// to connect, and a topic (room name = document id) can only be joined, or published to, by a
// user who may open that document. Rooms are encrypted client-side with a per-document
// password, so what passes through here is WebRTC signalling, never document content.
// Access is re-decided when Postgres announces a membership change (and periodically): a member
// who lost access to a document leaves its topic; a token that expires closes the connection.
import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import type { SyncDatabase } from './db/sql-access.js';
import { canonicalDocumentId, decideAccess } from './db/document-access.js';
import { isExpired, verifyUser, type TokenVerifier, type VerifiedUser } from './auth/token-verifier.js';
import { loggerFrom, type Logger } from './ops/logger.js';
import { closeServer, listen, parseRoomUrl } from './ops/http-server.js';
import { CloseCode } from './sync/close-codes.js';
import { RateLimiter } from './sync/rate-limiter.js';
import { AccessWatch, type AccessHolder } from './sync/access-watch.js';
import { systemClock, whenExpired, type Clock } from './sync/token-expiry.js';

export interface SignalingServerOptions {
  database: SyncDatabase;
  tokens: TokenVerifier;
  host?: string;
  /** 0 = any free port. Default 4444. */
  port?: number;
  log?: Logger | ((line: string) => void);
  maxTopicsPerConnection?: number;
  maxMessageBytes?: number;
  messagesPerSecond?: number;
  messageBurst?: number;
  pingIntervalMs?: number;
  /** Every connection's topics are re-checked this often (default 60 s), besides on membership notifications. */
  accessRecheckIntervalMs?: number;
  /** Time for token expiry (tests move it instead of waiting). Default: the system's. */
  clock?: Clock;
}

export interface RunningSignalingServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

interface Peer extends AccessHolder {
  ws: WebSocket;
  user: VerifiedUser | null;
  /** Joined topics: canonical document id → the name the client used (relayed back as it sent it). */
  topics: Map<string, string>;
  /**
   * Topics refused since the last access re-check: answered again without asking Postgres, and
   * counted toward the topic limit with the joined ones.
   */
  refused: Set<string>;
  rechecking: Promise<void>;
  stopWatching(): void;
  alive: boolean;
  work: Promise<void>;
  limiter: RateLimiter;
  closed: boolean;
}

export async function startSignalingServer(options: SignalingServerOptions): Promise<RunningSignalingServer> {
  const host = options.host ?? '127.0.0.1';
  const log = loggerFrom(options.log, { server: 'signaling' });
  const maxTopics = options.maxTopicsPerConnection ?? 32;
  const clock = options.clock ?? systemClock;
  const topics = new Map<string, Set<Peer>>();
  const peers = new Set<Peer>();
  const access = new AccessWatch(options.database, options.accessRecheckIntervalMs ?? 60_000, log);
  await access.start();

  const http = createServer((req, res) => {
    const ok = new URL(req.url ?? '/', 'http://localhost').pathname === '/healthz';
    res.writeHead(ok ? 200 : 404, { 'content-type': ok ? 'application/json' : 'text/plain' });
    res.end(ok ? JSON.stringify({ status: 'ok', connections: peers.size, topics: topics.size }) : 'y-webrtc signaling server\n');
  });
  const wss = new WebSocketServer({ server: http, maxPayload: options.maxMessageBytes ?? 64 * 1024, perMessageDeflate: false });

  const send = (peer: Peer, message: unknown) => {
    if (peer.ws.readyState === peer.ws.OPEN) peer.ws.send(JSON.stringify(message));
  };
  const close = (peer: Peer, code: number, reason: string) => {
    if (peer.closed) return;
    peer.closed = true;
    peer.stopWatching();
    log.warn({ code, reason, userId: peer.user?.userId ?? null }, 'closing signaling connection');
    peer.ws.close(code, reason);
  };
  const leave = (peer: Peer, topic: string) => {
    const members = topics.get(topic);
    members?.delete(peer);
    if (members?.size === 0) topics.delete(topic);
    peer.topics.delete(topic);
  };

  // An unknown document, another organization's and a name that is no document id look the same.
  const refuse = (peer: Peer, topic: string) => send(peer, { type: 'refused', topic, code: CloseCode.forbidden, reason: 'no access to this document' });

  async function subscribe(peer: Peer, topic: string) {
    if (!peer.user) return;
    const id = canonicalDocumentId(topic);
    const key = id ?? topic;
    if (peer.topics.has(key)) return;
    if (peer.refused.has(key)) return refuse(peer, topic);
    if (peer.topics.size + peer.refused.size >= maxTopics) {
      send(peer, { type: 'refused', topic, code: CloseCode.rateLimited, reason: 'too many topics' });
      log.warn({ userId: peer.user.userId, topic }, 'topic limit reached');
      return;
    }
    const decision = id === null ? 'none' : await decideAccess(options.database, peer.user.role, peer.user.claims, id);
    if (peer.closed) return;
    if (id === null || decision === 'none') {
      peer.refused.add(key);
      refuse(peer, topic);
      log.warn({ userId: peer.user.userId, topic }, 'subscription refused');
      return;
    }
    peer.topics.set(id, topic);
    const members = topics.get(id) ?? new Set<Peer>();
    members.add(peer);
    topics.set(id, members);
  }

  /** Leaves every topic the user may no longer open; forgets refusals (access may have been granted). */
  async function recheck(peer: Peer) {
    const user = peer.user;
    if (!user || peer.closed) return;
    peer.refused.clear();
    for (const [id, name] of [...peer.topics]) {
      let decision;
      try {
        decision = await decideAccess(options.database, user.role, user.claims, id);
      } catch (error) {
        log.warn({ userId: user.userId, topic: name, error }, 'access re-check failed');
        continue;
      }
      if (peer.closed || decision !== 'none' || !peer.topics.has(id)) continue;
      leave(peer, id);
      refuse(peer, name);
      log.info({ userId: user.userId, topic: name }, 'access lost; left the topic');
    }
  }

  async function handle(peer: Peer, raw: string) {
    if (peer.user && isExpired(peer.user, clock.now())) return close(peer, CloseCode.unauthorized, 'token expired');
    let message: { type?: unknown; topics?: unknown; topic?: unknown };
    try {
      message = JSON.parse(raw) as typeof message;
    } catch {
      return close(peer, CloseCode.badMessage, 'not JSON');
    }
    if (typeof message !== 'object' || message === null) return close(peer, CloseCode.badMessage, 'not an object');
    switch (message.type) {
      case 'subscribe':
        for (const topic of Array.isArray(message.topics) ? message.topics : []) if (typeof topic === 'string') await subscribe(peer, topic);
        return;
      case 'unsubscribe':
        for (const topic of Array.isArray(message.topics) ? message.topics : []) if (typeof topic === 'string') leave(peer, canonicalDocumentId(topic) ?? topic);
        return;
      case 'publish': {
        // Only members may publish: nobody can inject signals into a room they cannot join.
        const id = typeof message.topic === 'string' ? canonicalDocumentId(message.topic) : null;
        if (id === null || !peer.topics.has(id)) return;
        const members = topics.get(id);
        if (!members) return;
        // Each member gets the topic as it subscribed (y-webrtc looks its room up by that name).
        const frames = new Map<string, string>();
        for (const member of members) {
          if (member.ws.readyState !== member.ws.OPEN) continue;
          const name = member.topics.get(id) ?? id;
          let out = frames.get(name);
          if (out === undefined) frames.set(name, (out = JSON.stringify({ ...message, topic: name, clients: members.size })));
          member.ws.send(out);
        }
        return;
      }
      case 'ping':
        return send(peer, { type: 'pong' });
      default:
        return;
    }
  }

  wss.on('connection', (ws, req) => {
    const { token } = parseRoomUrl(req.url);
    let cancelExpiry = () => {};
    let unwatch = () => {};
    const peer: Peer = {
      ws,
      user: null,
      topics: new Map(),
      refused: new Set(),
      get userId() {
        return peer.user?.userId ?? null;
      },
      holds: (documentId) => peer.topics.has(documentId),
      rechecking: Promise.resolve(),
      recheck() {
        peer.rechecking = peer.rechecking.then(() => recheck(peer));
        return peer.rechecking;
      },
      stopWatching() {
        cancelExpiry();
        unwatch();
      },
      alive: true,
      work: Promise.resolve(),
      limiter: new RateLimiter(options.messagesPerSecond ?? 100, options.messageBurst ?? 300),
      closed: false,
    };
    peers.add(peer);
    peer.work = verifyUser(options.tokens, token, clock.now()).then(
      (user) => {
        peer.user = user;
        if (peer.closed) return;
        // At `exp`, even if the client never sends again: it must stop receiving too.
        cancelExpiry = whenExpired(user.expiresAt, () => close(peer, CloseCode.unauthorized, 'token expired'), clock);
        unwatch = access.add(peer);
      },
      (error: unknown) => close(peer, CloseCode.unauthorized, `token ${(error as { reason?: string }).reason ?? 'invalid'}`),
    );
    ws.on('message', (data, isBinary) => {
      if (peer.closed) return;
      if (!peer.limiter.take()) return close(peer, CloseCode.rateLimited, 'too many messages');
      if (isBinary) return close(peer, CloseCode.badMessage, 'binary frames are not part of the protocol');
      const text = data.toString();
      peer.work = peer.work.then(() => (peer.closed ? undefined : handle(peer, text))).catch((error: unknown) => {
        log.error({ error }, 'signaling message failed');
        close(peer, CloseCode.internalError, 'internal error');
      });
    });
    ws.on('pong', () => (peer.alive = true));
    ws.on('error', (error: Error & { code?: string }) => log.warn({ code: error.code, error }, 'signaling connection error'));
    ws.on('close', () => {
      peer.closed = true;
      peer.stopWatching();
      for (const topic of [...peer.topics.keys()]) leave(peer, topic);
      peers.delete(peer);
    });
  });

  const heartbeat = setInterval(() => {
    for (const peer of peers) {
      if (!peer.alive) peer.ws.terminate();
      peer.alive = false;
      peer.ws.ping();
    }
  }, options.pingIntervalMs ?? 30_000);

  const port = await listen(http, options.port ?? 4444, host);
  const url = `ws://${host}:${port}`;
  log.info({ url }, 'signaling server listening');
  return {
    url,
    port,
    async stop() {
      clearInterval(heartbeat);
      const unwatching = access.stop();
      for (const peer of peers) peer.ws.close(CloseCode.serviceRestart, 'server restarting');
      await unwatching;
      wss.close();
      await closeServer(http);
    },
  };
}
