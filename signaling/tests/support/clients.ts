// The stock y-websocket client as an application would use it in Node (ws transport, and
// BroadcastChannel off: two providers in one process would otherwise sync through it and hide
// a broken server), plus small waiting helpers.
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { syncErrorCount as errorCountIn } from '../../../dev/sync-command.js';

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close codes the server sent, in order. */
  closes: number[];
  /** Their reasons, in the same order. */
  reasons: string[];
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
  const reasons: string[] = [];
  const closed = new Promise<number>((resolve) => {
    provider.on('connection-close', (event) => {
      if (event) {
        closes.push(event.code);
        reasons.push(event.reason);
        resolve(event.code);
      }
    });
  });
  return {
    doc,
    provider,
    closes,
    reasons,
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

/** The close code `closed` resolves with, or 'open' if it has not within `ms`. */
export function closedWithin(closed: Promise<number>, ms: number): Promise<number | 'open'> {
  let timer: NodeJS.Timeout | undefined;
  const open = new Promise<'open'>((resolve) => (timer = setTimeout(() => resolve('open'), ms)));
  return Promise.race([closed, open]).finally(() => clearTimeout(timer));
}

/** `jd_sync_errors_total{kind="<kind>"}` from the /metrics of the sync server at `url` (ws://…); 0 until first counted. */
export async function syncErrorCount(url: string, kind: string): Promise<number> {
  return errorCountIn(await (await fetch(`${url.replace(/^ws/, 'http')}/metrics`)).text(), kind);
}
