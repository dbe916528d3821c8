// The messages between a browser test page and its simulated pages (peer.ts in iframes).

export interface OpenOptions {
  documentId: string;
  /** The root Y.Text the test writes to (unique per test, so tests sharing a document never mix). */
  textName: string;
  /**
   * y-webrtc through the signaling server, room = document id, encrypted with the document's
   * room secret (from the `document_room_secret` RPC, as the product gets it) or `password`.
   */
  webrtc?: { password?: string };
  /** y-websocket to the sync server; `connect: false` = offline until connectWebsocket. */
  websocket?: { connect: boolean };
  /** y-indexeddb under this database name; open resolves once the cached state is loaded. */
  indexeddb?: string;
}

export interface SignedIn {
  token: string;
  userId: string;
}

export interface PeerState {
  text: string;
  webrtc: {
    /** This page's y-webrtc peer id (what the other pages list when connected to it). */
    peerId: string | null;
    /** Remote y-webrtc peers with an open WebRTC data channel. */
    connectedPeers: string[];
    /** Peers reached through BroadcastChannel (none expected: every page has its own origin). */
    bcPeers: string[];
    /** Subscriptions the signaling server refused, as its `refused` messages said. */
    refused: { topic: string; code: number }[];
    /** Signals the signaling server relayed to this page for the document's room. */
    publishesReceived: number;
    /** Members of the room (pages of other tests included) when the server last relayed a signal here (it stamps `clients`). */
    roomMembers: number;
  } | null;
  websocket: { connected: boolean; synced: boolean; closes: number[] } | null;
}

export type PeerCommand =
  | { method: 'signIn'; args: { email: string; password: string; storageKey: string; persistSession: boolean } }
  | { method: 'restoreSession'; args: { storageKey: string } }
  | { method: 'roomSecret'; args: { documentId: string } }
  | { method: 'open'; args: OpenOptions }
  | { method: 'state'; args?: undefined }
  | { method: 'insert'; args: { text: string; at: 'start' | 'end' } }
  | { method: 'connectWebsocket'; args?: undefined }
  | { method: 'flushLocalCache'; args?: undefined }
  | { method: 'clearLocalCache'; args: { name: string } }
  | { method: 'close'; args?: undefined };

export type PeerReply = { jdPeer: number; result?: unknown; error?: string } | { jdPeerReady: string } | { jdPeerError: string };
