// A sync server in its own process on an on-disk PGlite: what the crash test kills with SIGKILL.
// Usage: sync-host.ts <dataDir> <port>. Prints "READY <port>" once listening.
// (The local stack's startStack({ dataDir }) plus startSyncServer is the product's equivalent;
// this host keeps the test independent of the gateway while that is being finished.)
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { loadKeySet } from '../../../dev/gateway/keys.js';
import { pgliteAccess } from '../../db/sql-access.js';
import { startSyncServer } from '../../sync-server.js';
import { prepareDatabase } from './test-database.js';

const [dataDir, portText] = process.argv.slice(2);
if (!dataDir || !portText) throw new Error('usage: sync-host.ts <dataDir> <port>');
const pg = new PGlite(join(dataDir, 'pg'));
await prepareDatabase(pg);
const keys = await loadKeySet({ keyFile: join(dataDir, 'jwt-signing-key.json') });
const server = await startSyncServer({
  database: pgliteAccess(pg),
  tokens: keys,
  port: Number(portText),
  log: () => {},
  limits: { messagesPerSecond: 10_000, messageBurst: 10_000 },
});
process.stdout.write(`READY ${server.port}\n`);
process.on('SIGTERM', () => {
  void server.stop().then(() => pg.close()).then(() => process.exit(0));
});
