// What the sync-compaction-* tests share: the servers, databases and clients a test starts (all
// closed by `closeAll`), reading the server's "compacted" log lines, and the document as stored.
import * as Y from 'yjs';
import { startSyncServer, type RunningSyncServer, type SyncServerOptions } from '../sync-server.js';
import { applyStoredState, readStoredState } from '../db/update-log.js';
import { connectClient, synced, type TestClient } from './support/clients.js';
import { DOCUMENTS, startTestDatabase, USERS, type TestDatabase } from './support/test-database.js';

/** One "compacted" log line of a room. */
export interface Compacted {
  lastSeq: number;
  folded: number;
  tailBytes: number;
  snapshotBytes: number;
  from: 'memory' | 'postgres';
}

export const compactedIn = (lines: string[]): Compacted[] =>
  lines.map((line) => JSON.parse(line) as { msg: string } & Compacted).filter((entry) => entry.msg === 'compacted');

/** The document as Postgres holds it: snapshot plus tail. */
export async function storedDoc(database: TestDatabase, documentId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  applyStoredState(doc, await readStoredState(database.db, documentId), null, () => {});
  return doc;
}

export function compactionHarness() {
  const databases: TestDatabase[] = [];
  const servers: RunningSyncServer[] = [];
  const clients: TestClient[] = [];
  return {
    clients,
    async freshDatabase() {
      const database = await startTestDatabase();
      databases.push(database);
      return database;
    },
    /** A server on `database` whose log lines go to `lines`; fast typists are not rate-limited. */
    async start(database: TestDatabase, options: Partial<SyncServerOptions> & { lines?: string[] } = {}) {
      const { lines, ...rest } = options;
      const server = await startSyncServer({
        database: database.db,
        tokens: database.keys,
        port: 0,
        log: (line) => lines?.push(line),
        limits: { messagesPerSecond: 100_000, messageBurst: 100_000, maxQueuedMessages: 100_000 },
        ...rest,
      });
      servers.push(server);
      return server;
    },
    async stop(server: RunningSyncServer) {
      servers.splice(servers.indexOf(server), 1);
      await server.stop();
    },
    /** A synced client of `documentId` (ESDC's document as its editor, TC's as TC's editor). */
    async connect(server: RunningSyncServer, database: TestDatabase, documentId: string = DOCUMENTS.esdc, doc?: Y.Doc) {
      const user = documentId === DOCUMENTS.tc ? USERS.tcEditor : USERS.editor;
      const client = connectClient(server.url, documentId, await database.token(user), doc);
      clients.push(client);
      await synced(client);
      return client;
    },
    async closeAll() {
      for (const c of clients.splice(0)) c.destroy();
      for (const s of servers.splice(0)) await s.stop();
      for (const d of databases.splice(0)) await d.close();
    },
  };
}
