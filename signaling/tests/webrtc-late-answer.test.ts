// y-webrtc 10.3.0 reads `webrtcConns.get(from).glareToken` when an answer arrives, without
// checking that the connection is still there: an answer to an offer whose connection was
// closed meanwhile (a peer leaving as another joins: Storybook's stories switching, a tab closed)
// threw "Cannot set properties of undefined (setting 'glareToken')" in the page. The project
// patches y-webrtc (patches/y-webrtc+10.3.0.patch, applied by patch-package on install) to drop
// such an answer. The stock y-webrtc client, in Node, against the real signaling server: a
// member publishes an answer from a peer it has no connection with, addressed to it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { silentLogger } from '../ops/logger.js';
import { startSignalingServer, type RunningSignalingServer } from '../signaling-server.js';
import { waitFor } from './support/clients.js';
import { openSignaling, type SignalingPeer } from './support/signaling-client.js';
import { DOCUMENTS, startTestDatabase, USERS, type TestDatabase } from './support/test-database.js';

describe('y-webrtc, an answer whose connection is gone', () => {
  let database: TestDatabase;
  let server: RunningSignalingServer;
  let other: SignalingPeer | null = null;
  const errors: unknown[] = [];
  const onError = (error: unknown) => errors.push(error);

  before(async () => {
    database = await startTestDatabase();
    server = await startSignalingServer({ database: database.db, tokens: database.keys, port: 0, log: silentLogger });
    // y-webrtc's signaling client (lib0/websocket) uses the platform's WebSocket, which Node 20 lacks.
    (globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
    process.on('uncaughtException', onError);
    process.on('unhandledRejection', onError);
  });
  after(async () => {
    process.off('uncaughtException', onError);
    process.off('unhandledRejection', onError);
    other?.ws.terminate();
    await server.stop();
    await database.close();
    // y-webrtc's module-level state (its signaling client's timers, lib0's channels) outlives the
    // destroyed provider and would keep this file's process alive: end it once node:test is done
    // (on Linux, writes to the runner's pipe are synchronous, so no result is lost).
    setTimeout(() => process.exit(process.exitCode ?? 0), 500).unref();
  });

  it('is dropped, not thrown, and makes no connection', async () => {
    // lib0 opens a BroadcastChannel per room and may leave one open after the provider is
    // destroyed; Node's keeps the test process alive. With none, lib0 uses its in-memory stand-in
    // (this process has no other tab to reach anyway).
    const nodeChannel = globalThis.BroadcastChannel;
    Object.defineProperty(globalThis, 'BroadcastChannel', { value: undefined, configurable: true, writable: true });
    const { WebrtcProvider } = await import('y-webrtc');
    Object.defineProperty(globalThis, 'BroadcastChannel', { value: nodeChannel, configurable: true, writable: true });
    // Another member in the room first, so it sees the provider announce itself.
    other = await openSignaling(server.url, await database.token(USERS.translator));
    other.send({ type: 'subscribe', topics: [DOCUMENTS.esdc] });
    // The server takes a connection's messages in order: the pong comes after the subscription.
    other.send({ type: 'ping' });
    await waitFor(() => other!.received.some((m) => m['type'] === 'pong'), 'the subscription');
    const doc = new Y.Doc();
    // No password: the room's messages are plain JSON, so the test can write one (with a
    // password they are encrypted with it; the handler that threw is the same).
    const provider = new WebrtcProvider(DOCUMENTS.esdc, doc, { signaling: [`${server.url}/?token=${await database.token(USERS.editor)}`], filterBcConns: true });
    try {
      await waitFor(() => provider.room !== null && [...provider.signalingConns].some((conn) => conn.connected), 'the provider to reach the signaling server');
      const room = provider.room!;
      // The provider announces itself once subscribed; the other member sees it.
      await waitFor(() => other!.received.some((m) => m['type'] === 'publish'), 'the provider to announce itself');
      // Listening after y-webrtc's own handler on the same socket: when this sees the message,
      // y-webrtc has handled it (a handler that throws stops the listeners after it).
      const socket = [...provider.signalingConns][0]!.ws as unknown as WebSocket;
      let handled = false;
      socket.addEventListener('message', (event) => {
        if (String(event.data).includes('peer-that-left')) handled = true;
      });
      const late = { type: 'signal', from: 'peer-that-left', to: room.peerId, token: 1, signal: { type: 'answer', sdp: 'v=0' } };
      other.send({ type: 'publish', topic: DOCUMENTS.esdc, data: late });
      await waitFor(() => handled || errors.length > 0, 'y-webrtc to handle the late answer');
      assert.deepEqual(errors.map(String), [], 'nothing thrown');
      assert.equal(room.webrtcConns.has('peer-that-left'), false, 'no connection made for the late answer');
    } finally {
      const sockets = [...provider.signalingConns].map((conn) => conn.ws as unknown as WebSocket | null);
      provider.destroy();
      doc.destroy();
      for (const socket of sockets) socket?.terminate();
    }
  });
});
