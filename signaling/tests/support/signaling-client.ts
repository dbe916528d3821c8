// A y-webrtc signaling connection as y-webrtc's SignalingConn speaks it: JSON text frames
// (subscribe / unsubscribe / publish / ping), the access token in the URL.
import WebSocket from 'ws';

export interface SignalingPeer {
  ws: WebSocket;
  /** Every message received, parsed, in order. */
  received: Record<string, unknown>[];
  /** Resolves with the close code. */
  closed: Promise<number>;
  send(message: unknown): void;
}

export function openSignaling(serverUrl: string, token: string | null): Promise<SignalingPeer> {
  const ws = new WebSocket(`${serverUrl}/?token=${encodeURIComponent(token ?? '')}`);
  const received: Record<string, unknown>[] = [];
  ws.on('message', (data) => received.push(JSON.parse(data.toString()) as Record<string, unknown>));
  ws.on('error', () => {});
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  const peer: SignalingPeer = { ws, received, closed, send: (message) => ws.send(JSON.stringify(message)) };
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(peer));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`signaling server answered HTTP ${res.statusCode}`)));
  });
}

/** Messages of one type received so far. */
export const messagesOf = (peer: SignalingPeer, type: string) => peer.received.filter((m) => m['type'] === type);
