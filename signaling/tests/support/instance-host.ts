// One sync-server instance in its own process, on the test's shared PGlite (over IPC) and a
// Redis: what the scale-out test starts twice and kills once. Usage: instance-host.ts <keyFile>.
// Env: REDIS_URL. Prints "READY <port>".
import { loadKeySet } from '../../../dev/gateway/keys.js';
import { startSyncServer } from '../../sync-server.js';
import { ipcDatabase } from './ipc-database.js';

const [keyFile] = process.argv.slice(2);
if (!keyFile) throw new Error('usage: instance-host.ts <keyFile>');
const server = await startSyncServer({
  database: ipcDatabase(),
  tokens: await loadKeySet({ keyFile }),
  port: 0,
  redisUrl: process.env['REDIS_URL'] ?? null,
  log: () => {},
  limits: { messagesPerSecond: 10_000, messageBurst: 10_000 },
});
process.stdout.write(`READY ${server.port}\n`);
