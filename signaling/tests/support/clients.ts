// The stock y-websocket client as an application would use it in Node (ws transport, and
// BroadcastChannel off: two providers in one process would otherwise sync through it and hide
// a broken server), plus small waiting helpers.
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import * as Y from 'yjs';

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close codes the server sent, in order. */
  closes: number[];
  /** Resolves with the first close code. */
  closed: Promise<number>;
  destroy(): void;
}

export function connectClient(serverUrl: string, documentId: string, token: string | null, doc = new Y.Doc()): TestClient {
  const provider = new WebsocketProvider(serverUrl, documentId, doc, {
    params: token === null ? {} : { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 300,
  });
  const closes: number[] = [];
  const closed = new Promise<number>((resolve) => {
    provider.on('connection-close', (event) => {
      if (event) {
        closes.push(event.code);
        resolve(event.code);
      }
    });
  });
  return {
    doc,
    provider,
    closes,
    closed,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const synced = (client: TestClient) => waitFor(() => client.provider.synced, 'the client to sync');

export const textOf = (doc: Y.Doc, name = 'body') => doc.getText(name).toString();

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
