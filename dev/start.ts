// `npm run stack` and `npm start`: the local stack in the foreground, one line per service,
// a clean shutdown on SIGTERM/SIGINT so PGlite flushes everything to disk.
import { startStack } from './stack.js';
import { startDemoServer } from './demo-server.js';

const withDemo = process.argv.includes('--demo');
const startedAt = performance.now();

function fail(error: unknown): never {
  console.error(`jd-kit: the local stack could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

const stack = await startStack().catch(fail);
const demo = withDemo
  ? await startDemoServer({ apiUrl: stack.apiUrl, anonKey: stack.anonKey, syncUrl: stack.syncUrl, signalingUrl: stack.signalingUrl }).catch(async (error) => {
      await stack.stop();
      return fail(error);
    })
  : null;

const lines = [
  `API gateway   ${stack.apiUrl}  (auth ${stack.apiUrl}/auth/v1, REST ${stack.apiUrl}/rest/v1, functions ${stack.apiUrl}/functions/v1)`,
  `Health        ${stack.apiUrl}/health`,
  `Postgres      ${stack.dbUrl}`,
  `Sync          ${stack.syncUrl}  (y-websocket; token as URL parameter)`,
  `Signaling     ${stack.signalingUrl}  (y-webrtc)`,
  ...(demo ? [`Demo site     ${demo.url}`] : []),
  `anon key      ${stack.anonKey}`,
  `service_role  ${stack.serviceRoleKey}`,
  `ready in ${Math.round(performance.now() - startedAt)} ms — Ctrl+C stops`,
];
console.log(lines.join('\n'));

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`jd-kit: ${signal} received, stopping`);
  await demo?.stop();
  await stack.stop();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
